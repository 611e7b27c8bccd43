import { createTokenSchema, type Ability, type CreatedToken } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/field';
import { FormActions, useFormErrors } from '../../components/form-dialog';
import { useCurrentUser } from '../../lib/session';
import { useCreateToken } from './api';
import { CreatedTokenPanel } from './created-token';
import { EXPIRY_CHOICES, expiryFor, type ExpiryChoice } from './expiry';

function CreateTokenForm({
  onCreated,
}: {
  onCreated: (created: CreatedToken) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [abilities, setAbilities] = useState<Ability[]>([]);
  const [expiry, setExpiry] = useState<ExpiryChoice>('90');
  const { errors, fromError, fromIssues, clear } = useFormErrors();

  const toggle = (ability: Ability, checked: boolean): void =>
    setAbilities((current) =>
      checked ? [...current, ability] : current.filter((value) => value !== ability),
    );

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = createTokenSchema.safeParse({ name, abilities, expiresAt: expiryFor(expiry) });
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

  const allSelected = abilities.length === me.abilities.length;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('tokens.fields.name')}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors['name']}
          placeholder={t('tokens.namePlaceholder')}
          autoFocus
          required
        />
        <SelectField
          label={t('tokens.fields.expiry')}
          name="expiry"
          value={expiry}
          onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
          options={EXPIRY_CHOICES.map((value) => ({
            value,
            label:
              value === 'never' ? t('tokens.never') : t('tokens.days', { count: Number(value) }),
          }))}
          error={errors['expiresAt']}
        />
      </div>
      <fieldset aria-describedby={errors['abilities'] ? 'abilities-error' : undefined}>
        <div className="mb-1.5 flex items-center justify-between">
          <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {t('tokens.fields.abilities')}
          </legend>
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-400"
            onClick={() => setAbilities(allSelected ? [] : [...me.abilities])}
          >
            {allSelected ? t('tokens.selectNone') : t('tokens.selectAll')}
          </button>
        </div>
        <div className="grid max-h-64 gap-x-4 gap-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2.5 sm:grid-cols-2 dark:border-zinc-800">
          {me.abilities.map((ability) => (
            <label key={ability} className="flex items-center gap-2 py-0.5 text-sm">
              <input
                type="checkbox"
                name="abilities"
                value={ability}
                checked={abilities.includes(ability)}
                onChange={(event) => toggle(ability, event.target.checked)}
                className="size-4 rounded border-zinc-300 accent-brand-700"
              />
              <code className="font-mono text-xs">{ability}</code>
            </label>
          ))}
        </div>
        {errors['abilities'] && (
          <p id="abilities-error" className="mt-1.5 text-xs text-red-600 dark:text-red-400">
            {errors['abilities']}
          </p>
        )}
      </fieldset>
      <FormActions
        submitLabel={t('tokens.create')}
        pending={create.isPending}
        error={create.error}
        fieldErrors={errors}
      />
    </form>
  );
}

export function CreateTokenDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const close = (): void => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? t('tokens.createdTitle') : t('tokens.createTitle')}
      size="lg"
      footer={
        created ? (
          <Button variant="primary" onClick={close}>
            {t('tokens.done')}
          </Button>
        ) : undefined
      }
    >
      {open &&
        (created ? (
          <CreatedTokenPanel created={created} />
        ) : (
          <CreateTokenForm onCreated={setCreated} />
        ))}
    </Dialog>
  );
}
