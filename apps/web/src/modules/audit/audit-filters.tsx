import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { NO_AUDIT_FILTERS, type AuditFilters } from './api';

export function AuditFiltersForm({
  value,
  onChange,
}: {
  value: AuditFilters;
  onChange: (next: AuditFilters) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const [synced, setSynced] = useState<AuditFilters>(value);
  // Filters applied from outside (clicking an actor) replace the draft.
  if (synced !== value) {
    setSynced(value);
    setDraft(value);
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onChange(draft);
  };
  const field = (
    key: keyof AuditFilters,
  ): { value: string; onChange: (event: ChangeEvent<HTMLInputElement>) => void } => ({
    value: draft[key],
    onChange: (event) => setDraft((current) => ({ ...current, [key]: event.target.value })),
  });
  const active = [value.action, value.entityType, value.entityId, value.actorId].some(
    (item) => item.trim() !== '',
  );

  return (
    <form
      role="search"
      aria-label={t('audit.filters')}
      onSubmit={submit}
      className="grid grid-cols-2 gap-3 border-b border-zinc-200 p-3 lg:grid-cols-[1fr_1fr_1fr_1fr_auto] lg:items-end dark:border-zinc-800"
    >
      <TextField label={t('audit.fields.action')} placeholder="user.created" {...field('action')} />
      <TextField label={t('audit.fields.entityType')} placeholder="user" {...field('entityType')} />
      <TextField label={t('audit.fields.entityId')} {...field('entityId')} />
      <TextField label={t('audit.fields.actorId')} {...field('actorId')} />
      <div className="col-span-2 flex gap-2 lg:col-span-1">
        <Button type="submit" variant="primary">
          {t('audit.apply')}
        </Button>
        {active && (
          <Button
            variant="ghost"
            onClick={() => {
              setDraft(NO_AUDIT_FILTERS);
              onChange(NO_AUDIT_FILTERS);
            }}
          >
            {t('audit.clear')}
          </Button>
        )}
      </div>
    </form>
  );
}
