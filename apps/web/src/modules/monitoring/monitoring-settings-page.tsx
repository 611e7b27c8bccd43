import {
  monitoringSettingsSchema,
  type AlertSeverity,
  type MonitoringSettings,
  type NotificationChannel,
} from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader } from '../../components/section';
import { useSettingsForm } from '../../components/use-settings-form';
import { can, useCurrentUser } from '../../lib/session';
import { useMonitoringSettings, useSaveMonitoringSettings } from './api';
import {
  draftFrom,
  recipientKey,
  RULE_FIELDS,
  RULE_KEYS,
  settingsFrom,
  type RuleDraft,
  type RuleField,
  type RuleKey,
  type SettingsDraft,
} from './settings-draft';

const SEVERITIES: readonly AlertSeverity[] = ['critical', 'warning', 'info'];
const CHANNELS: readonly NotificationChannel[] = ['email', 'whatsapp', 'telegram'];

export function MonitoringSettingsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const settings = useMonitoringSettings();
  return (
    <>
      <PageHeader
        title={t('monitoringSettings.title')}
        description={t('monitoringSettings.description')}
      />
      <QueryState
        pending={settings.isPending}
        error={settings.isError ? settings.error : null}
        empty={false}
        emptyTitle=""
      >
        {settings.data && (
          <SettingsForm settings={settings.data} readOnly={!can(me, 'monitoring:write')} />
        )}
      </QueryState>
    </>
  );
}

function RuleEditor({
  ruleKey,
  rule,
  errors,
  readOnly,
  onChange,
}: {
  ruleKey: RuleKey;
  rule: RuleDraft;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (next: RuleDraft) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const field = (name: RuleField): React.JSX.Element => (
    <TextField
      key={name}
      label={t(`monitoringSettings.fields.${name}`)}
      name={`rules.${ruleKey}.${name}`}
      inputMode={name === 'thresholdDbm' ? 'decimal' : 'numeric'}
      value={rule.values[name] ?? ''}
      onChange={(event) =>
        onChange({ ...rule, values: { ...rule.values, [name]: event.target.value } })
      }
      error={errors[`rules.${ruleKey}.${name}`]}
      disabled={readOnly || !rule.enabled}
    />
  );
  return (
    <div data-rule={ruleKey} className="space-y-3 px-4 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="font-medium">{t(`monitoringSettings.rules.${ruleKey}.title`)}</h3>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            {t(`monitoringSettings.rules.${ruleKey}.hint`)}
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name={`rules.${ruleKey}.enabled`}
            checked={rule.enabled}
            disabled={readOnly}
            onChange={(event) => onChange({ ...rule, enabled: event.target.checked })}
          />
          {t('monitoringSettings.enabled')}
        </label>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField
          label={t('monitoringSettings.severity')}
          name={`rules.${ruleKey}.severity`}
          value={rule.severity}
          onChange={(event) => onChange({ ...rule, severity: event.target.value as AlertSeverity })}
          options={SEVERITIES.map((value) => ({ value, label: t(`alerts.severity.${value}`) }))}
          disabled={readOnly || !rule.enabled}
        />
        {RULE_FIELDS[ruleKey].map(field)}
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input
            type="checkbox"
            name={`rules.${ruleKey}.notify`}
            checked={rule.notify}
            disabled={readOnly || !rule.enabled}
            onChange={(event) => onChange({ ...rule, notify: event.target.checked })}
          />
          {t('monitoringSettings.notify')}
        </label>
      </div>
    </div>
  );
}

function SettingsForm({
  settings,
  readOnly,
}: {
  settings: MonitoringSettings;
  readOnly: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const save = useSaveMonitoringSettings();
  // Edited since the last save: the "saved" notice goes away.
  const [dirty, setDirty] = useState(false);
  const form = useSettingsForm({
    settings,
    draftFrom,
    bodyFrom: settingsFrom,
    validate: (body) => monitoringSettingsSchema.safeParse(body),
    save,
  });
  const { draft, errors: e } = form;
  const setDraft = (update: (d: SettingsDraft) => SettingsDraft): void => {
    setDirty(true);
    form.setDraft(update);
  };
  const number = (
    label: string,
    name: string,
    value: string,
    change: (value: string) => void,
    hint?: string,
  ): React.JSX.Element => (
    <TextField
      label={label}
      name={name}
      inputMode="numeric"
      value={value}
      onChange={(event) => change(event.target.value)}
      error={e[name]}
      hint={hint}
      disabled={readOnly}
    />
  );

  return (
    <form
      name="monitoring-settings"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setDirty(false);
        form.submit();
      }}
    >
      {readOnly && <Alert tone="info">{t('monitoringSettings.readOnly')}</Alert>}
      <Card>
        <CardHeader title={t('monitoringSettings.rulesTitle')} />
        <div className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {RULE_KEYS.map((key) => (
            <RuleEditor
              key={key}
              ruleKey={key}
              rule={draft.rules[key]}
              errors={e}
              readOnly={readOnly}
              onChange={(next) => setDraft((d) => ({ ...d, rules: { ...d.rules, [key]: next } }))}
            />
          ))}
        </div>
      </Card>
      <Card>
        <CardHeader title={t('monitoringSettings.flappingTitle')} />
        <div className="grid gap-4 p-4 sm:grid-cols-2">
          {number(
            t('monitoringSettings.clearMinutes'),
            'clearMinutes',
            draft.clearMinutes,
            (value) => setDraft((d) => ({ ...d, clearMinutes: value })),
            t('monitoringSettings.clearMinutesHint'),
          )}
          {number(
            t('monitoringSettings.reopenMinutes'),
            'reopenMinutes',
            draft.reopenMinutes,
            (value) => setDraft((d) => ({ ...d, reopenMinutes: value })),
            t('monitoringSettings.reopenMinutesHint'),
          )}
        </div>
      </Card>
      <Card>
        <CardHeader
          title={t('monitoringSettings.recipientsTitle')}
          actions={
            !readOnly && (
              <Button
                size="sm"
                data-action="add-recipient"
                disabled={draft.recipients.length >= 50}
                onClick={() =>
                  setDraft((d) => ({
                    ...d,
                    recipients: [
                      ...d.recipients,
                      { key: recipientKey(), channel: 'email', recipient: '', locale: 'id' },
                    ],
                  }))
                }
              >
                <PlusIcon /> {t('monitoringSettings.addRecipient')}
              </Button>
            )
          }
        />
        <p className="px-4 pt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoringSettings.recipientsHint')}
        </p>
        {draft.recipients.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
            <Badge>{t('monitoringSettings.noRecipients')}</Badge>
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {draft.recipients.map((recipient, index) => {
              const update = (patch: Partial<typeof recipient>): void =>
                setDraft((d) => ({
                  ...d,
                  recipients: d.recipients.map((r) =>
                    r.key === recipient.key ? { ...r, ...patch } : r,
                  ),
                }));
              return (
                <li
                  key={recipient.key}
                  data-recipient={index}
                  className="grid gap-3 p-4 sm:grid-cols-[10rem_minmax(0,1fr)_8rem_auto] sm:items-end"
                >
                  <SelectField
                    label={t('monitoringSettings.channel')}
                    name={`recipients.${index}.channel`}
                    value={recipient.channel}
                    onChange={(event) =>
                      update({ channel: event.target.value as NotificationChannel })
                    }
                    options={CHANNELS.map((value) => ({
                      value,
                      label: t(`monitoringSettings.channels.${value}`),
                    }))}
                    disabled={readOnly}
                  />
                  <TextField
                    label={t('monitoringSettings.recipient')}
                    name={`recipients.${index}.recipient`}
                    value={recipient.recipient}
                    onChange={(event) => update({ recipient: event.target.value })}
                    error={e[`recipients.${index}.recipient`]}
                    placeholder={t(`monitoringSettings.recipientPlaceholder.${recipient.channel}`)}
                    disabled={readOnly}
                    maxLength={254}
                  />
                  <SelectField
                    label={t('monitoringSettings.locale')}
                    name={`recipients.${index}.locale`}
                    value={recipient.locale}
                    onChange={(event) => update({ locale: event.target.value as 'id' | 'en' })}
                    options={[
                      { value: 'id', label: t('language.id') },
                      { value: 'en', label: t('language.en') },
                    ]}
                    disabled={readOnly}
                  />
                  {!readOnly && (
                    <Button
                      variant="ghost"
                      className="text-red-600 dark:text-red-400"
                      data-action="remove-recipient"
                      onClick={() =>
                        setDraft((d) => ({
                          ...d,
                          recipients: d.recipients.filter((r) => r.key !== recipient.key),
                        }))
                      }
                    >
                      {t('monitoringSettings.removeRecipient')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card>
        <CardHeader title={t('monitoringSettings.retentionTitle')} />
        <p className="px-4 pt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoringSettings.retentionHint')}
        </p>
        <div className="grid gap-4 p-4 sm:grid-cols-3">
          {number(
            t('monitoringSettings.rawDays'),
            'retention.rawDays',
            draft.retention.rawDays,
            (value) => setDraft((d) => ({ ...d, retention: { ...d.retention, rawDays: value } })),
            t('monitoringSettings.rawDaysHint'),
          )}
          {number(
            t('monitoringSettings.fiveMinuteDays'),
            'retention.fiveMinuteDays',
            draft.retention.fiveMinuteDays,
            (value) =>
              setDraft((d) => ({ ...d, retention: { ...d.retention, fiveMinuteDays: value } })),
            t('monitoringSettings.fiveMinuteDaysHint'),
          )}
          {number(
            t('monitoringSettings.hourlyMonths'),
            'retention.hourlyMonths',
            draft.retention.hourlyMonths,
            (value) =>
              setDraft((d) => ({ ...d, retention: { ...d.retention, hourlyMonths: value } })),
            t('monitoringSettings.hourlyMonthsHint'),
          )}
        </div>
      </Card>
      {Object.keys(e).length > 0 && <Alert tone="error">{t('monitoringSettings.fixErrors')}</Alert>}
      {Object.keys(e).length === 0 && <ProblemAlert error={save.error} />}
      {save.isSuccess && !dirty && <Alert tone="success">{t('monitoringSettings.saved')}</Alert>}
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
