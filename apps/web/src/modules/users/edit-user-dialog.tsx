import {
  updateUserSchema,
  type Locale,
  type Role,
  type UpdateUser,
  type User,
} from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { ProblemAlert } from '../../components/problem-alert';
import { FormActions, useFormErrors } from '../../components/form-dialog';
import { formatDateTime, isFuture } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useCurrentUser } from '../../lib/session';
import { useUpdateUser } from './api';
import { assignableRoleOptions } from './role-options';

function EditUserForm({ user, onSaved }: { user: User; onSaved: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateUser();
  const action = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [locale, setLocale] = useState<Locale>(user.locale);
  const [password, setPassword] = useState('');
  const { errors, fromError, fromIssues, clear } = useFormErrors();
  const locked = isFuture(user.lockedUntil);
  const isSelf = user.id === me.id;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const changes: UpdateUser = {};
    if (name !== user.name) changes.name = name;
    if (role !== user.role) changes.role = role;
    if (locale !== user.locale) changes.locale = locale;
    if (password) changes.password = password;
    if (Object.keys(changes).length === 0) {
      onSaved();
      return;
    }
    const parsed = updateUserSchema.safeParse(changes);
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    update.mutate(
      { id: user.id, body: parsed.data },
      {
        onSuccess: onSaved,
        onError: fromError,
      },
    );
  };

  return (
    <div className="space-y-5">
      <form id="edit-user-form" onSubmit={submit} noValidate className="space-y-4">
        <TextField label={t('users.fields.email')} value={user.email} disabled readOnly />
        <TextField
          label={t('users.fields.name')}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors['name']}
          required
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('users.fields.role')}
            name="role"
            value={role}
            disabled={isSelf}
            onChange={(event) => setRole(event.target.value as Role)}
            options={assignableRoleOptions(me.role, t, user.role)}
            error={errors['role']}
          />
          <SelectField
            label={t('users.fields.locale')}
            name="locale"
            value={locale}
            onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'id')}
            options={[
              { value: 'id', label: t('language.id') },
              { value: 'en', label: t('language.en') },
            ]}
            error={errors['locale']}
          />
        </div>
        <TextField
          label={t('users.fields.newPassword')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors['password']}
          hint={t('users.newPasswordHint')}
        />
        <FormActions
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          fieldErrors={errors}
          divider={false}
        />
      </form>

      {!isSelf && (
        <section
          aria-labelledby="user-access-title"
          className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800"
        >
          <h3 id="user-access-title" className="text-sm font-semibold">
            {t('users.access')}
          </h3>
          {locked && (
            <Alert tone="warning">
              {t('users.lockedUntil', { time: formatDateTime(user.lockedUntil, currentLocale()) })}
            </Alert>
          )}
          <ProblemAlert error={action.error} />
          <div className="flex flex-wrap gap-2">
            {locked && (
              <Button
                loading={action.isPending && action.variables.body.unlock === true}
                onClick={() =>
                  action.mutate({ id: user.id, body: { unlock: true } }, { onSuccess: onSaved })
                }
              >
                {t('users.unlock')}
              </Button>
            )}
            <Button
              variant={user.disabled ? 'secondary' : 'danger'}
              loading={action.isPending && action.variables.body.disabled !== undefined}
              onClick={() =>
                action.mutate(
                  { id: user.id, body: { disabled: !user.disabled } },
                  { onSuccess: onSaved },
                )
              }
            >
              {user.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('users.disableHint')}</p>
        </section>
      )}
    </div>
  );
}

export function EditUserDialog({
  user,
  onClose,
}: {
  user: User | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Dialog
      open={user !== null}
      onClose={onClose}
      title={t('users.editTitle')}
      description={user?.email}
    >
      {user && <EditUserForm key={user.id} user={user} onSaved={onClose} />}
    </Dialog>
  );
}
