import { canManageRole, ROLES, type Role, type User } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { FilterSelect, SearchInput } from '../../components/filters';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { PagedTable, type Column } from '../../components/paged-table';
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
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('users.fields.name'),
      cell: (user) => (
        <>
          <div className="font-medium">
            {user.name}
            {user.id === me.id && (
              <span className="ml-1.5 text-xs font-normal text-zinc-500">{t('users.you')}</span>
            )}
          </div>
          <div className="text-xs break-all text-zinc-500 dark:text-zinc-400">{user.email}</div>
          <div className="mt-1 flex gap-1 sm:hidden">
            <RoleBadge role={user.role} />
            <UserStatus user={user} />
          </div>
        </>
      ),
    },
    {
      key: 'role',
      header: t('users.fields.role'),
      className: 'hidden sm:table-cell',
      cell: (user) => <RoleBadge role={user.role} />,
    },
    {
      key: 'status',
      header: t('users.fields.status'),
      className: 'hidden sm:table-cell',
      cell: (user) => <UserStatus user={user} />,
    },
    {
      key: 'lastLogin',
      header: t('users.fields.lastLogin'),
      headerClassName: 'hidden md:table-cell',
      className: 'hidden whitespace-nowrap text-zinc-500 md:table-cell dark:text-zinc-400',
      cell: (user) =>
        user.lastLoginAt ? formatDateTime(user.lastLoginAt, locale) : t('users.never'),
    },
  ];
  if (canWrite) {
    columns.push({
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      headerClassName: 'text-right',
      className: 'text-right whitespace-nowrap',
      cell: (user) => (
        <>
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
        </>
      ),
    });
  }

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
          <SearchInput
            label={t('users.search')}
            className="flex-1"
            value={q}
            onChange={(event) => setQ(event.target.value)}
            placeholder={t('users.searchPlaceholder')}
          />
          <FilterSelect
            label={t('users.filterRole')}
            className="sm:w-48"
            value={role}
            onChange={setRole}
            allLabel={t('users.allRoles')}
            options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          />
        </div>
        <PagedTable
          query={users}
          label={t('users.title')}
          rowKey={(user) => user.id}
          columns={columns}
          emptyTitle={t('users.empty')}
          emptyHint={t('users.emptyHint')}
        />
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
