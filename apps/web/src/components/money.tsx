import { formatRupiah, rupiahDigits } from '../lib/network-format';
import { cx } from './cx';
import { TextField, type TextFieldProps } from './field';

/** A rupiah amount (digit string from the API) as `Rp 150.000`, aligned for columns. */
export function Money({
  amount,
  className,
}: {
  amount: string | null | undefined;
  className?: string;
}): React.JSX.Element {
  return (
    <span className={cx('tabular-nums whitespace-nowrap', className)}>{formatRupiah(amount)}</span>
  );
}

export interface MoneyFieldProps extends Omit<TextFieldProps, 'value' | 'onChange' | 'type'> {
  /** Digits only (`150000`), or '' when empty. */
  value: string;
  onChange: (digits: string) => void;
}

/**
 * A rupiah input: accepts what people type (`150.000`, `Rp 150,000`, `150000`), shows it grouped
 * and hands back a digit string, which is exactly what the API takes.
 */
export function MoneyField({ value, onChange, ...props }: MoneyFieldProps): React.JSX.Element {
  return (
    <TextField
      inputMode="numeric"
      autoComplete="off"
      placeholder="Rp 150.000"
      {...props}
      value={value === '' ? '' : formatRupiah(value)}
      onChange={(event) => onChange(rupiahDigits(event.target.value))}
    />
  );
}

/** Sum of digit-string amounts, exact (bigint). */
export function sumRupiah(amounts: readonly string[]): string {
  return amounts.reduce((sum, amount) => sum + BigInt(amount || '0'), 0n).toString();
}
