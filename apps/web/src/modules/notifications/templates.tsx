import {
  NOTIFICATION_VARIABLES,
  putNotificationTemplateSchema,
  type NotificationTemplate,
} from '@jaring/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { CONTROL_CLASS, TextField } from '../../components/field';
import { FilterSelect } from '../../components/filters';
import { FormDialog, useFormErrors } from '../../components/form-dialog';
import { DataTable, FilterBar, QueryState, type Column } from '../../components/paged-table';
import { currentLocale } from '../../lib/i18n';
import { NOTIFICATION_CHANNELS, useNotificationTemplates, usePutTemplate } from './api';

type Channel = NotificationTemplate['channel'];
type Locale = NotificationTemplate['locale'];

const keyOf = (t: NotificationTemplate): string => `${t.template}/${t.locale}/${t.channel}`;

/** A multi-line text input with its label and error, like TextField. */
export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...props
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  error?: string | undefined;
  hint?: React.ReactNode;
}): React.JSX.Element {
  const id = useId();
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {label}
      </label>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={cx(CONTROL_CLASS, 'h-auto py-2 font-mono text-xs', className)}
        {...props}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The `{{name}}` variables a template may use, each with what it stands for. */
export function TemplateVariables(): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="space-y-1.5">
      <p className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('notifications.templates.variables')}
      </p>
      <ul className="flex flex-wrap gap-1.5" data-testid="template-variables">
        {NOTIFICATION_VARIABLES.map((name) => (
          <li key={name} title={t(`notifications.variables.${name}`)}>
            <code className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">{`{{${name}}}`}</code>{' '}
            <span className="text-xs text-zinc-500">{t(`notifications.variables.${name}`)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TemplateDialog({
  template,
  onClose,
}: {
  template: NotificationTemplate;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  const form = useFormErrors();
  const put = usePutTemplate(template);
  const reset = usePutTemplate(template);
  const withSubject = template.channel === 'email';

  const submit = (): void => {
    put.reset();
    const parsed = putNotificationTemplateSchema.safeParse({
      subject: withSubject && subject.trim() !== '' ? subject : null,
      body,
    });
    if (!parsed.success) {
      form.fromIssues(parsed.error);
      return;
    }
    form.clear();
    put.mutate(parsed.data, { onSuccess: onClose, onError: form.fromError });
  };

  return (
    <FormDialog
      open
      name="notification-template"
      size="lg"
      onClose={onClose}
      title={t('notifications.templates.editTitle', {
        template: t(`notifications.template.${template.template}`),
      })}
      description={`${t(`notifications.channel.${template.channel}`)} · ${t(`notifications.locale.${template.locale}`)}`}
      submitLabel={t('common.save')}
      onSubmit={submit}
      pending={put.isPending}
      error={put.error ?? reset.error}
      fieldErrors={form.errors}
      extraActions={
        template.custom && (
          <Button
            variant="ghost"
            data-action="reset-template"
            loading={reset.isPending}
            onClick={() => reset.mutate({ subject: null, body: null }, { onSuccess: onClose })}
          >
            {t('notifications.templates.reset')}
          </Button>
        )
      }
    >
      {withSubject && (
        <TextField
          label={t('notifications.fields.subject')}
          name="subject"
          value={subject}
          maxLength={300}
          onChange={(event) => setSubject(event.target.value)}
          error={form.errors.subject}
        />
      )}
      <TextAreaField
        label={t('notifications.fields.body')}
        name="body"
        rows={8}
        maxLength={4000}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={form.errors.body}
      />
      <TemplateVariables />
    </FormDialog>
  );
}

/** Every template per language and channel; the built-in text unless the operator overrode it. */
export function NotificationTemplates({ canWrite }: { canWrite: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const templates = useNotificationTemplates();
  const [locale, setLocale] = useState<Locale | ''>(currentLocale());
  const [channel, setChannel] = useState<Channel | ''>('');
  const [editing, setEditing] = useState<NotificationTemplate | null>(null);
  const rows = (templates.data ?? []).filter(
    (row) =>
      (locale === '' || row.locale === locale) && (channel === '' || row.channel === channel),
  );
  const columns: (Column<NotificationTemplate> | false)[] = [
    {
      key: 'template',
      header: t('notifications.fields.template'),
      cell: (row) => (
        <span className="font-medium">{t(`notifications.template.${row.template}`)}</span>
      ),
    },
    {
      key: 'channel',
      header: t('notifications.fields.channel'),
      cell: (row) => t(`notifications.channel.${row.channel}`),
    },
    {
      key: 'locale',
      header: t('notifications.fields.locale'),
      className: 'hidden sm:table-cell',
      cell: (row) => t(`notifications.locale.${row.locale}`),
    },
    {
      key: 'text',
      header: t('notifications.fields.body'),
      className: 'hidden max-w-md text-xs text-zinc-600 md:table-cell dark:text-zinc-400',
      cell: (row) => (
        <span className="line-clamp-2 whitespace-pre-line">
          {row.subject && <strong className="block">{row.subject}</strong>}
          {row.body}
        </span>
      ),
    },
    {
      key: 'custom',
      header: <span className="sr-only">{t('notifications.templates.custom')}</span>,
      cell: (row) =>
        row.custom ? (
          <Badge tone="brand">{t('notifications.templates.custom')}</Badge>
        ) : (
          <Badge>{t('notifications.templates.builtIn')}</Badge>
        ),
    },
    canWrite && {
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      numeric: true,
      cell: (row) => (
        <Button size="sm" variant="ghost" data-action="edit" onClick={() => setEditing(row)}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <FilterBar>
        <FilterSelect
          name="locale"
          label={t('notifications.fields.locale')}
          value={locale}
          onChange={setLocale}
          allLabel={t('notifications.templates.allLocales')}
          options={(['id', 'en'] as const).map((value) => ({
            value,
            label: t(`notifications.locale.${value}`),
          }))}
        />
        <FilterSelect
          name="templateChannel"
          label={t('notifications.fields.channel')}
          value={channel}
          onChange={setChannel}
          allLabel={t('notifications.outbox.allChannels')}
          options={NOTIFICATION_CHANNELS.map((value) => ({
            value,
            label: t(`notifications.channel.${value}`),
          }))}
        />
      </FilterBar>
      <QueryState
        pending={templates.isPending}
        error={templates.isError ? templates.error : null}
        empty={rows.length === 0}
        emptyTitle={t('notifications.templates.empty')}
      >
        <DataTable
          label={t('notifications.templates.title')}
          rows={rows}
          columns={columns.filter((c): c is Column<NotificationTemplate> => c !== false)}
          rowKey={keyOf}
          rowProps={(row) => ({ 'data-template': keyOf(row) })}
        />
      </QueryState>
      {editing && (
        <TemplateDialog key={keyOf(editing)} template={editing} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
