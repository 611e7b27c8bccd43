import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTROL_CLASS } from '../../components/field';
import { cx } from '../../components/cx';
import type { RateUnit } from '../../lib/network-format';

export interface RateValue {
  value: string;
  unit: RateUnit;
}

/** A number with a Mbps/kbps unit picker next to it. */
export function RateInput({
  label,
  name,
  rate,
  onChange,
  error,
}: {
  label: string;
  name: string;
  rate: RateValue;
  onChange: (next: RateValue) => void;
  error?: string | undefined;
}): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <div className="flex">
        <input
          id={id}
          name={name}
          inputMode="decimal"
          value={rate.value}
          onChange={(event) =>
            onChange({ ...rate, value: event.target.value.replace(/[^\d.,]/g, '') })
          }
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={cx(CONTROL_CLASS, 'rounded-r-none')}
        />
        <select
          name={`${name}Unit`}
          aria-label={t('plans.unit')}
          value={rate.unit}
          onChange={(event) =>
            onChange({ ...rate, unit: event.target.value === 'kbps' ? 'kbps' : 'mbps' })
          }
          className={cx(
            CONTROL_CLASS.replace('w-full', 'w-24 shrink-0'),
            '-ml-px rounded-l-none pr-6',
          )}
        >
          <option value="mbps">Mbps</option>
          <option value="kbps">kbps</option>
        </select>
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
