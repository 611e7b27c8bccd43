import { createUserSchema, type Locale, type Role } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { ProblemAlert } from '../../components/problem-alert';
import { isApiError } from '../../lib/api';
import { useCurrentUser } from '../../lib/session';
import { fieldErrorsFromIssues, serverFieldErrors } from '../../lib/validation';
import { useCreateUser } from './api';
import { assignableRoleOptions } from './role-options';

interface Draft {
  email: string;
  name: string;
  password: string;
  role: Role;
  locale: Locale;
}

const EMPTY: Draft = { email: '', name: '', password: '', role: 'support', locale: 'id' };

function CreateUserForm({ onCreated }: { onCreated: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateUser();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]): void =>
      setDraft((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = createUserSchema.safeParse(draft);
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues, t));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (error) => {
        if (isApiError(error)) setErrors(serverFieldErrors(error, t));
      },
    });
  };

  const hasFieldErrors = Object.keys(errors).length > 0;
  return (
    <form id="create-user-form" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('users.fields.name')}
          name="name"
          value={draft.name}
          onChange={(event) => set('name')(event.target.value)}
          error={errors['name']}
          autoComplete="off"
          autoFocus
          required
        />
        <TextField
          label={t('users.fields.email')}
          name="email"
          type="email"
          value={draft.email}
          onChange={(event) => set('email')(event.target.value)}
          error={errors['email']}
          autoComplete="off"
          required
        />
      </div>
      <TextField
        label={t('users.fields.password')}
        name="password"
        type="password"
        value={draft.password}
        onChange={(event) => set('password')(event.target.value)}
        error={errors['password']}
        hint={t('users.passwordHint')}
        autoComplete="new-password"
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('users.fields.role')}
          name="role"
          value={draft.role}
          onChange={(event) => set('role')(event.target.value as Role)}
          options={assignableRoleOptions(me.role, t)}
          error={errors['role']}
        />
        <SelectField
          label={t('users.fields.locale')}
          name="locale"
          value={draft.locale}
          onChange={(event) => set('locale')(event.target.value === 'en' ? 'en' : 'id')}
          options={[
            { value: 'id', label: t('language.id') },
            { value: 'en', label: t('language.en') },
          ]}
          error={errors['locale']}
        />
      </div>
      {!hasFieldErrors && <ProblemAlert error={create.error} />}
      <div className="flex justify-end gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <Button type="submit" variant="primary" loading={create.isPending}>
          {t('users.create')}
        </Button>
      </div>
    </form>
  );
}

export function CreateUserDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('users.createTitle')}>
      {open && <CreateUserForm onCreated={onClose} />}
    </Dialog>
  );
}
