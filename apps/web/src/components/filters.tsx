import type { InputHTMLAttributes } from 'react';
import { CONTROL_CLASS } from './field';
import { cx } from './cx';
import { SearchIcon } from './icons';

/** A search box with a visually hidden label. */
export function SearchInput({
  label,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string }): React.JSX.Element {
  return (
    <label className={cx('relative block', className)}>
      <span className="sr-only">{label}</span>
      <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
      <input type="search" className={cx(CONTROL_CLASS, 'pl-8')} {...props} />
    </label>
  );
}

/** A compact select for a list filter; '' is the "all" option. */
export function FilterSelect<V extends string>({
  label,
  value,
  onChange,
  allLabel,
  options,
  name,
  className,
}: {
  label: string;
  value: V | '';
  onChange: (value: V | '') => void;
  allLabel?: string;
  options: readonly { value: V; label: string }[];
  name?: string;
  className?: string;
}): React.JSX.Element {
  return (
    <label className={cx('block', className)}>
      <span className="sr-only">{label}</span>
      <select
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value as V | '')}
        className={CONTROL_CLASS}
      >
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A filter input with a visible small label (dates, months). */
export function FilterInput({
  label,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string }): React.JSX.Element {
  return (
    <label
      className={cx('flex items-center gap-2 text-xs text-zinc-500 dark:text-zinc-400', className)}
    >
      <span className="shrink-0">{label}</span>
      <input className={CONTROL_CLASS} {...props} />
    </label>
  );
}
