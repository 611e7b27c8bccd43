import type { Customer, Page } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebounced } from '../lib/use-debounced';
import { Button } from './button';
import { SearchInput } from './filters';
import { useResource } from './resource';
import { Spinner } from './spinner';

/**
 * Finds one customer by name, number, phone or PPPoE username (the customers API search) and
 * hands it back. Shows the chosen one with a "change" button.
 */
export function CustomerPicker({
  value,
  onChange,
  label,
  name = 'customer',
}: {
  value: Pick<Customer, 'id' | 'name' | 'number'> | null;
  onChange: (customer: Customer | null) => void;
  label: string;
  name?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebounced(q.trim());
  const results = useResource<Page<Customer>>(
    '/customers',
    { q: search, limit: 8 },
    { enabled: value === null && search.length >= 2 },
  );

  if (value) {
    return (
      <div className="flex items-center justify-between gap-3 rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800">
        <div className="min-w-0" data-testid="picked-customer">
          <p className="truncate font-medium">{value.name}</p>
          <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{value.number}</p>
        </div>
        <Button size="sm" variant="ghost" onClick={() => onChange(null)}>
          {t('billingCommon.changeCustomer')}
        </Button>
      </div>
    );
  }

  return (
    <div className="space-y-1.5">
      <SearchInput
        label={label}
        name={name}
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder={t('billingCommon.findCustomer')}
        autoComplete="off"
      />
      {results.isFetching && <Spinner className="text-zinc-400" />}
      {results.data && (
        <ul
          aria-label={label}
          className="max-h-60 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        >
          {results.data.data.length === 0 && (
            <li className="px-3 py-2 text-sm text-zinc-500">
              {t('billingCommon.noCustomerFound')}
            </li>
          )}
          {results.data.data.map((customer) => (
            <li key={customer.id}>
              <button
                type="button"
                data-customer={customer.number}
                onClick={() => onChange(customer)}
                className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-zinc-50 dark:hover:bg-zinc-800/60"
              >
                <span className="truncate font-medium">{customer.name}</span>
                <span className="font-mono text-xs text-zinc-500">{customer.number}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
