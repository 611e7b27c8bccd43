import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from './cx';

export function Table({
  children,
  label,
}: {
  children: ReactNode;
  label: string;
}): React.JSX.Element {
  return (
    <div className="relative overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({
  className,
  children,
  ...props
}: ThHTMLAttributes<HTMLTableCellElement>): React.JSX.Element {
  return (
    <th
      scope="col"
      className={cx(
        'border-b border-zinc-200 bg-zinc-50 px-3 py-2 text-xs font-medium tracking-wide whitespace-nowrap text-zinc-500 uppercase dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400',
        className,
      )}
      {...props}
    >
      {children}
    </th>
  );
}

export function Td({
  className,
  children,
  ...props
}: TdHTMLAttributes<HTMLTableCellElement>): React.JSX.Element {
  return (
    <td
      className={cx(
        'border-b border-zinc-100 px-3 py-2.5 align-middle dark:border-zinc-800/70',
        className,
      )}
      {...props}
    >
      {children}
    </td>
  );
}
