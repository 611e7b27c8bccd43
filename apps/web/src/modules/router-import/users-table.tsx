import type { RouterImportPreview } from '@jaring/contracts';
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { CONTROL_CLASS } from '../../components/field';
import { SearchIcon } from '../../components/icons';
import { EmptyState } from '../../components/page';
import { Table, Td, Th } from '../../components/table';
import { Pager, usePaged } from './pager';
import { importReason } from './reasons';

type ImportUser = RouterImportPreview['users'][number];

/** The router's users and what the import does with each, one page at a time. */
export function UsersTable({ users }: { users: readonly ImportUser[] }): React.JSX.Element {
  const { t } = useTranslation();
  const [skippedOnly, setSkippedOnly] = useState(false);
  const [q, setQ] = useState('');
  const search = useDeferredValue(q.trim().toLowerCase());
  const filtered = useMemo(
    () =>
      users.filter(
        (user) =>
          (!skippedOnly || user.action === 'skip') &&
          (search === '' ||
            user.username.toLowerCase().includes(search) ||
            user.name.toLowerCase().includes(search) ||
            user.profile.toLowerCase().includes(search)),
      ),
    [users, skippedOnly, search],
  );
  const paged = usePaged(filtered, `${skippedOnly ? 'skip' : 'all'}:${search}`);

  return (
    <>
      <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <label className="relative min-w-48 flex-1 sm:max-w-72">
          <span className="sr-only">{t('routerImport.users.search')}</span>
          <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
          <input
            type="search"
            name="users-search"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('routerImport.users.searchPlaceholder')}
            className={`${CONTROL_CLASS} pl-8`}
          />
        </label>
        <label className="inline-flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            name="skipped-only"
            checked={skippedOnly}
            onChange={(event) => setSkippedOnly(event.target.checked)}
            className="size-4 accent-brand-600"
          />
          {t('routerImport.users.skippedOnly')}
        </label>
      </div>
      {paged.total === 0 ? (
        <EmptyState title={t('routerImport.users.empty')} />
      ) : (
        <Table label={t('routerImport.users.title')}>
          <thead>
            <tr>
              <Th>{t('routerImport.users.username')}</Th>
              <Th className="hidden md:table-cell">{t('routerImport.users.profile')}</Th>
              <Th className="hidden lg:table-cell">{t('routerImport.users.staticIp')}</Th>
              <Th>{t('routerImport.users.action')}</Th>
            </tr>
          </thead>
          <tbody>
            {paged.rows.map((user) => (
              <tr
                key={`${user.type}:${user.username}`}
                data-user={user.username}
                data-action={user.action}
              >
                <Td>
                  <div className="font-mono break-all">{user.username}</div>
                  <div className="text-xs text-zinc-500 dark:text-zinc-400">
                    {t(`routerImport.types.${user.type}`)}
                    {user.name && user.name !== user.username ? ` · ${user.name}` : ''}
                    <span className="md:hidden"> · {user.profile}</span>
                  </div>
                </Td>
                <Td className="hidden font-mono md:table-cell">{user.profile}</Td>
                <Td className="hidden font-mono lg:table-cell">{user.staticIp ?? '—'}</Td>
                <Td>
                  <span className="flex flex-wrap gap-1">
                    {user.action === 'import' ? (
                      <Badge tone="success">{t('routerImport.users.import')}</Badge>
                    ) : (
                      <Badge tone="warning">{t('routerImport.users.skip')}</Badge>
                    )}
                    {user.disabled && <Badge>{t('routerImport.users.disabled')}</Badge>}
                  </span>
                  {user.reason && (
                    <p className="mt-1 max-w-72 text-xs text-zinc-500 dark:text-zinc-400">
                      {importReason(user.reason, t)}
                    </p>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <Pager paged={paged} />
    </>
  );
}
