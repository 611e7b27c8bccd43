import type { ReactNode } from 'react';
import { cx } from './cx';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
  content: ReactNode;
}

/** A small group of toggle buttons where exactly one is pressed. */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly SegmentedOption<T>[];
  onChange: (next: T) => void;
}): React.JSX.Element {
  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex rounded-md border border-zinc-200 bg-zinc-100 p-0.5 dark:border-zinc-800 dark:bg-zinc-900"
    >
      {options.map((option) => {
        const pressed = option.value === value;
        return (
          <button
            key={option.value}
            type="button"
            aria-pressed={pressed}
            data-value={option.value}
            aria-label={option.label}
            title={option.label}
            onClick={() => onChange(option.value)}
            className={cx(
              'inline-flex h-7 min-w-7 items-center justify-center rounded px-1.5 text-xs font-semibold transition-colors',
              pressed
                ? 'bg-white text-zinc-900 shadow-xs dark:bg-zinc-700 dark:text-white'
                : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100',
            )}
          >
            {option.content}
          </button>
        );
      })}
    </div>
  );
}
