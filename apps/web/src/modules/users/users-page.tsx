import { canManageRole, ROLES, type Role, type User } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { CONTROL_CLASS } from '../../components/field';
import { PlusIcon, SearchIcon } from '../../components/icons';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { Table, Td, Th } from '../../components/table';
import { cx } from '../../components/cx';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useDebounced } from '../../lib/use-debounced';
import { can, useCurrentUser } from '../../lib/session';
import { useDeleteUser, useUsers } from './api';
import { CreateUserDialog } from './create-user-dialog';
import { EditUserDialog } from './edit-user-dialog';
import { RoleBadge, UserStatus } from './user-status';

export function UsersPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const search = useDebounced(q);
  const users = useUsers({ q: search, role });
  const remove = useDeleteUser();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const canWrite = can(me, 'users:write');
  const rows = users.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          canWrite && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              <PlusIcon /> {t('users.new')}
            </Button>
          )
        }
      />
      <Card>
        <div
          role="search"
          className="flex flex-col gap-2 border-b border-zinc-200 p-3 sm:flex-row dark:border-zinc-800"
        >
          <label className="relative flex-1">
            <span className="sr-only">{t('users.search')}</span>
            <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 -translate-y-1/2 text-zinc-400" />
            <input
              type="search"
              value={q}
              onChange={(event) => setQ(event.target.value)}
              placeholder={t('users.searchPlaceholder')}
              className={cx(CONTROL_CLASS, 'pl-8')}
            />
          </label>
          <label className="sm:w-48">
            <span className="sr-only">{t('users.filterRole')}</span>
            <select
              value={role}
              onChange={(event) => setRole(event.target.value as Role | '')}
              className={CONTROL_CLASS}
            >
              <option value="">{t('users.allRoles')}</option>
              {ROLES.map((value) => (
                <option key={value} value={value}>
                  {t(`roles.${value}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {users.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : users.isError ? (
          <ProblemAlert error={users.error} className="m-3" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('users.empty')} hint={t('users.emptyHint')} />
        ) : (
          <Table label={t('users.title')}>
            <thead>
              <tr>
                <Th>{t('users.fields.name')}</Th>
                <Th className="hidden sm:table-cell">{t('users.fields.role')}</Th>
                <Th className="hidden sm:table-cell">{t('users.fields.status')}</Th>
                <Th className="hidden md:table-cell">{t('users.fields.lastLogin')}</Th>
                {canWrite && (
                  <Th className="text-right">
                    <span className="sr-only">{t('common.actions')}</span>
                  </Th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr key={user.id} className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
                  <Td>
                    <div className="font-medium">
                      {user.name}
                      {user.id === me.id && (
                        <span className="ml-1.5 text-xs font-normal text-zinc-500">
                          {t('users.you')}
                        </span>
                      )}
                    </div>
                    <div className="text-xs break-all text-zinc-500 dark:text-zinc-400">
                      {user.email}
                    </div>
                    <div className="mt-1 flex gap-1 sm:hidden">
                      <RoleBadge role={user.role} />
                      <UserStatus user={user} />
                    </div>
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <RoleBadge role={user.role} />
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <UserStatus user={user} />
                  </Td>
                  <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400">
                    {user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t('users.never')}
                  </Td>
                  {canWrite && (
                    <Td className="text-right whitespace-nowrap">
                      {(user.id === me.id || canManageRole(me.role, user.role)) && (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setEditing(user)}
                          aria-label={t('users.editNamed', { name: user.name })}
                        >
                          {t('common.edit')}
                        </Button>
                      )}
                      {user.id !== me.id && canManageRole(me.role, user.role) && (
                        <Button
                          size="sm"
                          variant="ghost"
                          className="text-red-600 hover:text-red-700 dark:text-red-400"
                          onClick={() => {
                            remove.reset();
                            setDeleting(user);
                          }}
                          aria-label={t('users.deleteNamed', { name: user.name })}
                        >
                          {t('common.delete')}
                        </Button>
                      )}
                    </Td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {users.hasNextPage && (
          <div className="flex justify-center border-t border-zinc-200 p-3 dark:border-zinc-800">
            <Button
              size="sm"
              loading={users.isFetchingNextPage}
              onClick={() => void users.fetchNextPage()}
            >
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </Card>

      <CreateUserDialog open={creating} onClose={() => setCreating(false)} />
      <EditUserDialog user={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('users.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      >
        <p>
          {t('users.deleteConfirm', { name: deleting?.name ?? '', email: deleting?.email ?? '' })}
        </p>
      </ConfirmDialog>
    </>
  );
}
