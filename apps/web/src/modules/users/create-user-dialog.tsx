import { createUserSchema, type Locale, type Role } from '@jaring/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { FormActions, useFormErrors } from '../../components/form-dialog';
import { useDraft } from '../../components/use-draft';
import { useCurrentUser } from '../../lib/session';
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
  const [draft, set] = useDraft<Draft>(EMPTY);
  const { errors, fromError, fromIssues, clear } = useFormErrors();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = createUserSchema.safeParse(draft);
    if (!parsed.success) {
      fromIssues(parsed.error);
      return;
    }
    clear();
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: fromError,
    });
  };
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
      <FormActions
        submitLabel={t('users.create')}
        pending={create.isPending}
        error={create.error}
        fieldErrors={errors}
      />
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
