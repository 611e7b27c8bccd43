import { cx } from './cx';

export interface TabOption<T extends string> {
  value: T;
  label: string;
}

/** A row of tabs over a card or page; `data-tab` names each one for tests. */
export function TabBar<T extends string>({
  label,
  value,
  tabs,
  onChange,
  className,
}: {
  label: string;
  value: T;
  tabs: readonly TabOption<T>[];
  onChange: (next: T) => void;
  className?: string;
}): React.JSX.Element {
  return (
    <div
      role="tablist"
      aria-label={label}
      className={cx(
        'flex gap-1 overflow-x-auto border-b border-zinc-200 dark:border-zinc-800',
        className,
      )}
    >
      {tabs.map((tab) => (
        <button
          key={tab.value}
          type="button"
          role="tab"
          data-tab={tab.value}
          aria-selected={tab.value === value}
          onClick={() => onChange(tab.value)}
          className={
            tab.value === value
              ? '-mb-px border-b-2 border-brand-600 px-3 py-2 text-sm font-medium whitespace-nowrap'
              : 'px-3 py-2 text-sm whitespace-nowrap text-zinc-500 hover:text-zinc-900 dark:hover:text-zinc-100'
          }
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
