import { updateNotificationSettingsSchema, type NotificationSettings } from '@jaring/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { SecretField } from '../../components/secret-field';
import { CardHeader } from '../../components/section';
import { TabBar } from '../../components/tab-bar';
import { useSettingsForm } from '../../components/use-settings-form';
import { can, useCurrentUser } from '../../lib/session';
import { useNotificationSettings, useSaveNotificationSettings } from './api';
import { draftFrom, settingsFrom, type ChannelsDraft } from './draft';
import { Outbox } from './outbox';
import { NotificationTemplates, TextAreaField } from './templates';

type Tab = 'channels' | 'templates' | 'outbox';
const TABS: readonly Tab[] = ['channels', 'templates', 'outbox'];

type Section = 'email' | 'whatsapp' | 'telegram';

/** Channel settings, message templates and the outbox of customer notifications. */
export function NotificationSettingsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canWrite = can(me, 'settings:write');
  const [tab, setTab] = useState<Tab>('channels');
  return (
    <>
      <PageHeader title={t('notifications.title')} description={t('notifications.description')} />
      <TabBar
        label={t('notifications.title')}
        value={tab}
        onChange={setTab}
        tabs={TABS.map((value) => ({ value, label: t(`notifications.tabs.${value}`) }))}
        className="mb-4"
      />
      {tab === 'channels' && <Channels canWrite={canWrite} />}
      {tab === 'templates' && (
        <Card>
          <CardHeader title={t('notifications.templates.title')} />
          <NotificationTemplates canWrite={canWrite} />
        </Card>
      )}
      {tab === 'outbox' && (
        <Card>
          <CardHeader title={t('notifications.outbox.title')} />
          <Outbox />
        </Card>
      )}
    </>
  );
}

function Channels({ canWrite }: { canWrite: boolean }): React.JSX.Element {
  const settings = useNotificationSettings();
  return (
    <QueryState
      pending={settings.isPending}
      error={settings.isError ? settings.error : null}
      empty={false}
      emptyTitle=""
    >
      {settings.data && <ChannelsForm settings={settings.data} readOnly={!canWrite} />}
    </QueryState>
  );
}

function ChannelCard({
  title,
  enabled,
  children,
}: {
  title: string;
  enabled: boolean;
  children: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Card>
      <CardHeader
        title={title}
        actions={
          enabled ? (
            <Badge tone="success">{t('notifications.channelOn')}</Badge>
          ) : (
            <Badge>{t('notifications.channelOff')}</Badge>
          )
        }
      />
      <div className="space-y-4 p-4">{children}</div>
    </Card>
  );
}

function ChannelsForm({
  settings,
  readOnly,
}: {
  settings: NotificationSettings;
  readOnly: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const save = useSaveNotificationSettings();
  const {
    draft,
    setDraft,
    stored,
    errors: e,
    submit,
  } = useSettingsForm({
    settings,
    draftFrom,
    bodyFrom: settingsFrom,
    validate: (body) => updateNotificationSettingsSchema.safeParse(body),
    save,
  });

  const set = <S extends Section, K extends keyof ChannelsDraft[S]>(
    section: S,
    key: K,
    value: ChannelsDraft[S][K],
  ): void => setDraft((d) => ({ ...d, [section]: { ...d[section], [key]: value } }));

  const text = <S extends Section>(
    section: S,
    key: keyof ChannelsDraft[S] & string,
    label: string,
    extra: object = {},
  ): React.JSX.Element => (
    <TextField
      label={label}
      name={`${section}.${key}`}
      value={String(draft[section][key] ?? '')}
      onChange={(event) => set(section, key, event.target.value as ChannelsDraft[S][typeof key])}
      error={e[`${section}.${key}`]}
      disabled={readOnly}
      {...extra}
    />
  );

  const enabled = (section: Section): React.JSX.Element => (
    <label className="flex items-center gap-2 text-sm font-medium">
      <input
        type="checkbox"
        name={`${section}.enabled`}
        checked={draft[section].enabled}
        disabled={readOnly}
        onChange={(event) => set(section, 'enabled', event.target.checked)}
      />
      {t('notifications.fields.enabled')}
    </label>
  );

  /** A write-only secret: empty keeps the stored one; "Remove" clears it on save. */
  const secretField = <S extends Section>(
    section: S,
    key: keyof ChannelsDraft[S] & string,
    label: string,
    has: boolean,
  ): React.JSX.Element => (
    <SecretField
      label={label}
      name={`${section}.${key}`}
      value={draft[section][key] as string | null}
      onChange={(value) => set(section, key, value as ChannelsDraft[S][typeof key])}
      stored={has}
      error={e[`${section}.${key}`]}
      readOnly={readOnly}
      removeAction={`remove-${key}`}
    />
  );

  const headersError =
    e['whatsapp.headers'] ?? Object.entries(e).find(([k]) => k.startsWith('whatsapp.headers'))?.[1];

  return (
    <form
      name="notification-settings"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <ChannelCard title={t('notifications.channel.email')} enabled={stored.email.enabled}>
        {enabled('email')}
        <div className="grid gap-4 sm:grid-cols-3">
          {text('email', 'host', t('notifications.fields.host'), {
            placeholder: 'smtp.example.net',
          })}
          {text('email', 'port', t('notifications.fields.port'), { inputMode: 'numeric' })}
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input
              type="checkbox"
              name="email.secure"
              checked={draft.email.secure}
              disabled={readOnly}
              onChange={(event) => set('email', 'secure', event.target.checked)}
            />
            {t('notifications.fields.secure')}
          </label>
          {text('email', 'user', t('notifications.fields.user'), { autoComplete: 'off' })}
          {secretField(
            'email',
            'password',
            t('notifications.fields.password'),
            stored.email.hasPassword,
          )}
          {text('email', 'from', t('notifications.fields.from'), {
            placeholder: 'Jaring <billing@example.net>',
          })}
          {text('email', 'ratePerMinute', t('notifications.fields.ratePerMinute'), {
            inputMode: 'numeric',
          })}
        </div>
        <p className="text-xs text-zinc-500">{t('notifications.hints.secure')}</p>
      </ChannelCard>

      <ChannelCard title={t('notifications.channel.whatsapp')} enabled={stored.whatsapp.enabled}>
        {enabled('whatsapp')}
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
          {text('whatsapp', 'url', t('notifications.fields.url'), {
            type: 'url',
            placeholder: 'https://api.fonnte.com/send',
          })}
          <SelectField
            label={t('notifications.fields.method')}
            name="whatsapp.method"
            value={draft.whatsapp.method}
            disabled={readOnly}
            onChange={(event) =>
              set('whatsapp', 'method', event.target.value as ChannelsDraft['whatsapp']['method'])
            }
            options={[
              { value: 'POST', label: 'POST' },
              { value: 'GET', label: 'GET' },
            ]}
          />
          <SelectField
            label={t('notifications.fields.format')}
            name="whatsapp.format"
            value={draft.whatsapp.format}
            disabled={readOnly}
            onChange={(event) =>
              set('whatsapp', 'format', event.target.value as ChannelsDraft['whatsapp']['format'])
            }
            options={[
              { value: 'json', label: t('notifications.format.json') },
              { value: 'form', label: t('notifications.format.form') },
            ]}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextAreaField
            label={t('notifications.fields.headers')}
            name="whatsapp.headers"
            rows={3}
            value={draft.whatsapp.headers}
            onChange={(event) => set('whatsapp', 'headers', event.target.value)}
            error={headersError}
            hint={t('notifications.hints.headers')}
            disabled={readOnly}
          />
          <TextAreaField
            label={t('notifications.fields.bodyTemplate')}
            name="whatsapp.bodyTemplate"
            rows={3}
            value={draft.whatsapp.bodyTemplate}
            onChange={(event) => set('whatsapp', 'bodyTemplate', event.target.value)}
            error={e['whatsapp.bodyTemplate']}
            hint={t('notifications.hints.bodyTemplate')}
            disabled={readOnly}
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          {secretField(
            'whatsapp',
            'token',
            t('notifications.fields.token'),
            stored.whatsapp.hasToken,
          )}
          {text('whatsapp', 'ratePerMinute', t('notifications.fields.ratePerMinute'), {
            inputMode: 'numeric',
          })}
        </div>
      </ChannelCard>

      <ChannelCard title={t('notifications.channel.telegram')} enabled={stored.telegram.enabled}>
        {enabled('telegram')}
        <div className="grid gap-4 sm:grid-cols-3">
          {text('telegram', 'baseUrl', t('notifications.fields.baseUrl'), { type: 'url' })}
          {secretField(
            'telegram',
            'botToken',
            t('notifications.fields.botToken'),
            stored.telegram.hasBotToken,
          )}
          {text('telegram', 'ratePerMinute', t('notifications.fields.ratePerMinute'), {
            inputMode: 'numeric',
          })}
        </div>
        <p className="text-xs text-zinc-500">{t('notifications.hints.telegram')}</p>
      </ChannelCard>

      <Card>
        <CardHeader title={t('notifications.delivery')} />
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          <TextField
            label={t('notifications.fields.maxAttempts')}
            name="maxAttempts"
            inputMode="numeric"
            value={draft.maxAttempts}
            onChange={(event) => setDraft((d) => ({ ...d, maxAttempts: event.target.value }))}
            error={e.maxAttempts}
            hint={t('notifications.hints.maxAttempts')}
            disabled={readOnly}
          />
        </div>
      </Card>

      {Object.keys(e).length > 0 && <Alert tone="error">{t('notifications.fixErrors')}</Alert>}
      <ProblemAlert error={save.error} />
      {save.isSuccess && <Alert tone="success">{t('notifications.saved')}</Alert>}
      {!readOnly && (
        <div className="flex justify-end">
          <Button type="submit" variant="primary" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </div>
      )}
    </form>
  );
}
