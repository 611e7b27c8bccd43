import type { ReactNode } from 'react';
import { cx } from '../components/cx';
import { formatRupiah } from '../lib/network-format';

/** `[data-amount key, label, rupiah digits]`. */
export type AmountRow = readonly [key: string, label: string, amount: string];

/**
 * Label/amount rows ending in a bold total (an invoice's totals, a checkout's amounts); `children`
 * come first, for rows that are not amounts.
 */
export function AmountList({
  rows,
  total,
  className,
  children,
}: {
  rows: readonly AmountRow[];
  total: AmountRow;
  className?: string;
  children?: ReactNode;
}): React.JSX.Element {
  return (
    <dl className={cx('space-y-1.5 p-4 text-sm', className)}>
      {children}
      {rows.map(([key, label, value]) => (
        <div key={key} className="flex justify-between gap-4">
          <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
          <dd data-amount={key} className="tabular-nums">
            {formatRupiah(value)}
          </dd>
        </div>
      ))}
      <div className="flex justify-between gap-4 border-t border-zinc-200 pt-2 text-base font-semibold dark:border-zinc-800">
        <dt>{total[1]}</dt>
        <dd data-amount={total[0]} className="tabular-nums">
          {formatRupiah(total[2])}
        </dd>
      </div>
    </dl>
  );
}
