import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../components/button';
import { CONTROL_CLASS } from '../../components/field';
import { cx } from '../../components/cx';
import { PlusIcon, SearchIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
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
  const rows = customers.data?.pages.flatMap((page) => page.data) ?? [];

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
          <label className="relative sm:col-span-2 lg:col-span-1">
            <span className="sr-only">{t('customers.search')}</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
            <input
              type="search"
              name="q"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t('customers.searchPlaceholder')}
              className={cx(CONTROL_CLASS, 'pl-8')}
            />
          </label>
          <label>
            <span className="sr-only">{t('customers.filterStatus')}</span>
            <select
              value={status}
              onChange={(event) => setStatus(event.target.value as CustomerFilters['status'])}
              className={CONTROL_CLASS}
            >
              <option value="">{t('customers.allStatuses')}</option>
              <option value="active">{t('customers.status.active')}</option>
              <option value="inactive">{t('customers.status.inactive')}</option>
            </select>
          </label>
          {routers.data && (
            <label>
              <span className="sr-only">{t('customers.filterRouter')}</span>
              <select
                value={routerId}
                onChange={(event) => setRouterId(event.target.value)}
                className={CONTROL_CLASS}
              >
                <option value="">{t('customers.allRouters')}</option>
                {routers.data.data.map((router) => (
                  <option key={router.id} value={router.id}>
                    {router.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {odps.data && (
            <label>
              <span className="sr-only">{t('customers.filterOdp')}</span>
              <select
                value={odpId}
                onChange={(event) => setOdpId(event.target.value)}
                className={CONTROL_CLASS}
              >
                <option value="">{t('customers.allOdps')}</option>
                {odps.data.data.map((odp) => (
                  <option key={odp.id} value={odp.id}>
                    {odp.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {customers.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : customers.isError ? (
          <ProblemAlert error={customers.error} className="m-3" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('customers.empty')} hint={t('customers.emptyHint')} />
        ) : (
          <Table label={t('customers.title')}>
            <thead>
              <tr>
                <Th>{t('customers.fields.name')}</Th>
                <Th className="hidden sm:table-cell">{t('customers.fields.phone')}</Th>
                <Th className="hidden md:table-cell">{t('customers.fields.address')}</Th>
                <Th>{t('customers.fields.status')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((customer) => (
                <tr
                  key={customer.id}
                  data-customer={customer.number}
                  className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
                >
                  <Td>
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
                  </Td>
                  <Td className="hidden font-mono text-xs sm:table-cell">
                    {formatPhone(customer.phone)}
                  </Td>
                  <Td className="hidden max-w-72 truncate text-zinc-600 md:table-cell dark:text-zinc-300">
                    {customer.address ?? '—'}
                  </Td>
                  <Td>
                    <CustomerStatusBadge status={customer.status} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {customers.hasNextPage && (
          <div className="flex justify-center border-t border-zinc-200 p-3 dark:border-zinc-800">
            <Button
              size="sm"
              loading={customers.isFetchingNextPage}
              onClick={() => void customers.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </div>
        )}
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
