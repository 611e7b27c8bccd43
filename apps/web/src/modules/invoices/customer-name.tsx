import { Link } from 'react-router';

/** A customer's name and number, linking to their page. */
export function CustomerName({
  id,
  name,
  number,
}: {
  id: string;
  name: string;
  number: string;
}): React.JSX.Element {
  return (
    <Link
      to={`/customers/${id}`}
      className="font-medium text-brand-700 hover:underline dark:text-brand-300"
    >
      {name}
      <span className="block font-mono text-xs font-normal text-zinc-500 dark:text-zinc-400">
        {number}
      </span>
    </Link>
  );
}
