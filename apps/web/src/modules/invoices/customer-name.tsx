import { Link } from 'react-router';
import { useCustomerSummary } from './api';

/** A customer's name linking to their page (loaded once per customer and cached). */
export function CustomerName({ id }: { id: string }): React.JSX.Element {
  const customer = useCustomerSummary(id);
  return (
    <Link
      to={`/customers/${id}`}
      className="font-medium text-brand-700 hover:underline dark:text-brand-300"
    >
      {customer.data?.name ?? '…'}
      {customer.data && (
        <span className="block font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">
          {customer.data.number}
        </span>
      )}
    </Link>
  );
}
