import { useTranslation } from 'react-i18next';
import { TransactionsTable } from './transactions-table';

/** A customer's latest online payment attempts, for the billing section of the customer page. */
export function CustomerOnlinePayments({ customerId }: { customerId: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div data-testid="customer-online-payments">
      <h3 className="px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('onlinePayments.customer.title')}
      </h3>
      <TransactionsTable
        filters={{ customerId }}
        withCustomer={false}
        pageSize={10}
        emptyTitle={t('onlinePayments.customer.empty')}
      />
    </div>
  );
}
