import type { Customer } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../components/button';
import { FilterSelect, SearchInput } from '../../components/filters';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { PagedTable, type Column } from '../../components/paged-table';
import { formatPhone } from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { useDebounced } from '../../lib/use-debounced';
import { useRouters } from '../routers/api';
import { useOdps } from '../topology/api';
import { useCustomers, type CustomerFilters } from './api';
import { CustomerFormDialog } from './customer-form-dialog';
import { CustomerStatusBadge } from './status';

export function CustomersPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<CustomerFilters['status']>('');
  const [params] = useSearchParams();
  // Other pages link here with a filter (`?routerId=…`, `?odpId=…`).
  const [routerId, setRouterId] = useState(() => params.get('routerId') ?? '');
  const [odpId, setOdpId] = useState(() => params.get('odpId') ?? '');
  const search = useDebounced(q);
  const customers = useCustomers({ q: search, status, routerId, odpId });
  const routers = useRouters('', can(me, 'routers:read'));
  const odps = useOdps(can(me, 'topology:read'));
  const [creating, setCreating] = useState(false);
  const canWrite = can(me, 'customers:write');
  const columns: Column<Customer>[] = [
    {
      key: 'name',
      header: t('customers.fields.name'),
      cell: (customer) => (
        <>
          <Link
            to={`/customers/${customer.id}`}
            className="font-medium text-brand-700 hover:underline dark:text-brand-300"
          >
            {customer.name}
          </Link>
          <div className="font-mono text-xs text-zinc-500 dark:text-zinc-400">
            {customer.number}
            <span className="sm:hidden"> · {formatPhone(customer.phone)}</span>
          </div>
        </>
      ),
    },
    {
      key: 'phone',
      header: t('customers.fields.phone'),
      headerClassName: 'hidden sm:table-cell',
      className: 'hidden font-mono text-xs sm:table-cell',
      cell: (customer) => formatPhone(customer.phone),
    },
    {
      key: 'address',
      header: t('customers.fields.address'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden max-w-72 truncate text-zinc-600 md:table-cell dark:text-zinc-300',
      cell: (customer) => customer.address ?? '—',
    },
    {
      key: 'status',
      header: t('customers.fields.status'),
      cell: (customer) => <CustomerStatusBadge status={customer.status} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        description={t('customers.description')}
        actions={
          canWrite && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <PlusIcon /> {t('customers.new')}
            </Button>
          )
        }
      />
      <Card>
        <div
          role="search"
          className="grid gap-2 border-b border-zinc-200 p-3 sm:grid-cols-2 lg:grid-cols-[1fr_10rem_12rem_12rem] dark:border-zinc-800"
        >
          <SearchInput
            label={t('customers.search')}
            className="sm:col-span-2 lg:col-span-1"
            name="q"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('customers.searchPlaceholder')}
          />
          <FilterSelect
            label={t('customers.filterStatus')}
            value={status}
            onChange={setStatus}
            allLabel={t('customers.allStatuses')}
            options={(['active', 'inactive'] as const).map((value) => ({
              value,
              label: t(`customers.status.${value}`),
            }))}
          />
          {routers.data && (
            <FilterSelect
              label={t('customers.filterRouter')}
              value={routerId}
              onChange={setRouterId}
              allLabel={t('customers.allRouters')}
              options={routers.data.data.map((router) => ({
                value: router.id,
                label: router.name,
              }))}
            />
          )}
          {odps.data && (
            <FilterSelect
              label={t('customers.filterOdp')}
              value={odpId}
              onChange={setOdpId}
              allLabel={t('customers.allOdps')}
              options={odps.data.data.map((odp) => ({ value: odp.id, label: odp.name }))}
            />
          )}
        </div>
        <PagedTable
          query={customers}
          label={t('customers.title')}
          rowKey={(customer) => customer.id}
          rowProps={(customer) => ({ 'data-customer': customer.number })}
          columns={columns}
          emptyTitle={t('customers.empty')}
          emptyHint={t('customers.emptyHint')}
        />
      </Card>
      <CustomerFormDialog
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate(`/customers/${saved.id}`)}
      />
    </>
  );
}
