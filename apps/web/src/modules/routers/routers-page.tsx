import type { Router } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Button } from '../../components/button';
import { CONTROL_CLASS } from '../../components/field';
import { cx } from '../../components/cx';
import { PlusIcon, SearchIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
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
          <label className="relative block">
            <span className="sr-only">{t('routers.search')}</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
            <input
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t('routers.searchPlaceholder')}
              className={cx(CONTROL_CLASS, 'pl-8')}
            />
          </label>
        </div>
        {routers.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : routers.isError ? (
          <ProblemAlert error={routers.error} className="m-3" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('routers.empty')} hint={t('routers.emptyHint')} />
        ) : (
          <Table label={t('routers.title')}>
            <thead>
              <tr>
                <Th>{t('routers.fields.name')}</Th>
                <Th>{t('routers.fields.status')}</Th>
                <Th className="hidden md:table-cell">{t('routers.fields.lastSeen')}</Th>
                <Th className="hidden sm:table-cell">{t('routers.fields.sync')}</Th>
                <Th className="hidden lg:table-cell">{t('routers.fields.version')}</Th>
                {canWrite && (
                  <Th className="text-right">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((router) => (
                <tr
                  key={router.id}
                  data-router={router.name}
                  className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
                >
                  <Td>
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
                  </Td>
                  <Td>
                    <RouterOnlineBadge online={router.status.online} />
                  </Td>
                  <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400">
                    {formatDateTime(router.status.lastSeenAt, locale)}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <RouterSyncBadge router={router} />
                    {router.sync.lastSyncError && (
                      <div
                        className="mt-0.5 max-w-56 truncate text-xs text-red-600 dark:text-red-400"
                        title={router.sync.lastSyncError}
                      >
                        {router.sync.lastSyncError}
                      </div>
                    )}
                  </Td>
                  <Td className="hidden text-zinc-500 lg:table-cell dark:text-zinc-400">
                    {router.rosVersion ?? '—'}
                  </Td>
                  {canWrite && (
                    <Td className="text-right whitespace-nowrap">
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing(router)}
                        aria-label={t('routers.editNamed', { name: router.name })}
                      >
                        {t('common.edit')}
                      </Button>
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
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
