import type { Router } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { SearchInput } from '../../components/filters';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { useDebounced } from '../../lib/use-debounced';
import { useRouters } from './api';
import { RouterFormDialog } from './router-form-dialog';
import { RouterOnlineBadge, RouterSyncBadge } from './router-status';

export function RoutersPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const search = useDebounced(q);
  const routers = useRouters(search);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Router | null>(null);
  const canWrite = can(me, 'routers:write');
  const rows = routers.data?.data ?? [];
  const columns: Column<Router>[] = [
    {
      key: 'name',
      header: t('routers.fields.name'),
      cell: (router) => (
        <>
          <Link
            to={`/routers/${router.id}`}
            className="font-medium text-brand-700 hover:underline dark:text-brand-300"
          >
            {router.name}
          </Link>
          <div className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
            {router.addresses.join(', ')}:{router.port}
          </div>
          <div className="mt-1 sm:hidden">
            <RouterSyncBadge router={router} />
          </div>
        </>
      ),
    },
    {
      key: 'status',
      header: t('routers.fields.status'),
      cell: (router) => <RouterOnlineBadge online={router.status.online} />,
    },
    {
      key: 'lastSeen',
      header: t('routers.fields.lastSeen'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400',
      cell: (router) => formatDateTime(router.status.lastSeenAt, locale),
    },
    {
      key: 'sync',
      header: t('routers.fields.sync'),
      className: 'hidden sm:table-cell',
      cell: (router) => (
        <>
          <RouterSyncBadge router={router} />
          {router.sync.lastSyncError && (
            <div
              className="mt-0.5 max-w-56 truncate text-xs text-red-600 dark:text-red-400"
              title={router.sync.lastSyncError}
            >
              {router.sync.lastSyncError}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'version',
      header: t('routers.fields.version'),
      headerClassName: 'hidden lg:table-cell',
      className: 'hidden text-zinc-500 lg:table-cell dark:text-zinc-400',
      cell: (router) => router.rosVersion ?? '—',
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      headerClassName: 'text-right',
      className: 'text-right whitespace-nowrap',
      cell: (router) => (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setEditing(router)}
          aria-label={t('routers.editNamed', { name: router.name })}
        >
          {t('common.edit')}
        </Button>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('routers.title')}
        description={t('routers.description')}
        actions={
          canWrite && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <PlusIcon /> {t('routers.new')}
            </Button>
          )
        }
      />
      <Card>
        <div role="search" className="border-b border-zinc-200 p-3 dark:border-zinc-800">
          <SearchInput
            label={t('routers.search')}
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('routers.searchPlaceholder')}
          />
        </div>
        <QueryState
          pending={routers.isPending}
          error={routers.isError ? routers.error : null}
          empty={rows.length === 0}
          emptyTitle={t('routers.empty')}
          emptyHint={t('routers.emptyHint')}
        >
          <DataTable
            label={t('routers.title')}
            rows={rows}
            rowKey={(router) => router.id}
            rowProps={(router) => ({ 'data-router': router.name })}
            columns={columns}
          />
        </QueryState>
      </Card>
      <RouterFormDialog
        open={creating}
        router={null}
        onClose={() => setCreating(false)}
        onSaved={(saved) => void navigate(`/routers/${saved.id}`)}
      />
      <RouterFormDialog open={editing !== null} router={editing} onClose={() => setEditing(null)} />
    </>
  );
}
