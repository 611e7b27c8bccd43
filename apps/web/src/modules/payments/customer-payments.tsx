import { PaymentsTable } from './payments-table';

/** One customer's payments (invoice page, customer page). */
export function CustomerPayments({ customerId }: { customerId: string }): React.JSX.Element {
  return <PaymentsTable filters={{ customerId }} withCustomer={false} />;
}
