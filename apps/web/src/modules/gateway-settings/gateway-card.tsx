import { updateGatewaySettingsSchema, type GatewaySettings } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { Card } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { SecretField } from '../../components/secret-field';
import { CardHeader } from '../../components/section';
import { useSettingsForm } from '../../components/use-settings-form';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useSaveGatewaySettings } from './api';
import { ChannelList } from './channel-list';
import { draftFrom, updateFrom, type GatewayDraft } from './draft';
import { GatewayReadyBadge } from './gateway-status';
import { WebhookUrl } from './webhook-url';

type SecretKey = 'serverKey' | 'apiKey' | 'privateKey';

/** One gateway's settings as a form of its own, saved on its own. */
export function GatewayCard({
  settings,
  readOnly,
}: {
  settings: GatewaySettings;
  readOnly: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const gateway = settings.gateway;
  const save = useSaveGatewaySettings(gateway);
  const {
    draft,
    setDraft,
    stored,
    errors: e,
    submit,
  } = useSettingsForm({
    settings,
    draftFrom,
    bodyFrom: (d: GatewayDraft) => updateFrom(gateway, d),
    validate: (body) => updateGatewaySettingsSchema.safeParse(body),
    save,
  });
  const [advanced, setAdvanced] = useState(settings.apiBaseUrl !== null);
  const set =
    <K extends keyof GatewayDraft>(key: K) =>
    (value: GatewayDraft[K]): void =>
      setDraft((d) => ({ ...d, [key]: value }));

  const secret = (key: SecretKey, label: string): React.JSX.Element => (
    <SecretField
      label={label}
      name={key}
      value={draft[key]}
      onChange={set(key)}
      stored={stored.credentials[key]}
      error={e[key]}
      readOnly={readOnly}
      removeAction={`remove-${key}`}
    />
  );

  return (
    <form
      name={`gateway-${gateway}`}
      data-gateway={gateway}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Card>
        <CardHeader
          title={t(`gateway.name.${gateway}`)}
          actions={<GatewayReadyBadge settings={stored} />}
        />
        <div className="space-y-5 p-4">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              name="enabled"
              checked={draft.enabled}
              disabled={readOnly}
              onChange={(event) => set('enabled')(event.target.checked)}
            />
            {t('gatewaySettings.enabled')}
          </label>
          <div className="grid gap-4 sm:grid-cols-3">
            <SelectField
              label={t('gatewaySettings.environment')}
              name="environment"
              value={draft.environment}
              disabled={readOnly}
              onChange={(event) =>
                set('environment')(event.target.value as GatewayDraft['environment'])
              }
              options={(['sandbox', 'production'] as const).map((value) => ({
                value,
                label: t(`gatewaySettings.env.${value}`),
              }))}
            />
            <SelectField
              label={t('gatewaySettings.feeBearer')}
              name="feeBearer"
              value={draft.feeBearer}
              disabled={readOnly}
              onChange={(event) =>
                set('feeBearer')(event.target.value as GatewayDraft['feeBearer'])
              }
              options={(['customer', 'operator'] as const).map((value) => ({
                value,
                label: t(`gatewaySettings.bearer.${value}`),
              }))}
            />
            <TextField
              label={t('gatewaySettings.expiryMinutes')}
              name="expiryMinutes"
              inputMode="numeric"
              value={draft.expiryMinutes}
              onChange={(event) => set('expiryMinutes')(event.target.value)}
              error={e['expiryMinutes']}
              hint={t('gatewaySettings.expiryHint')}
              disabled={readOnly}
            />
          </div>
          {gateway === 'midtrans' ? (
            <div className="grid gap-4 sm:grid-cols-2">
              {secret('serverKey', t('gatewaySettings.serverKey'))}
            </div>
          ) : (
            <div className="grid gap-4 sm:grid-cols-3">
              <TextField
                label={t('gatewaySettings.merchantCode')}
                name="merchantCode"
                autoComplete="off"
                value={draft.merchantCode}
                onChange={(event) => set('merchantCode')(event.target.value)}
                error={e['merchantCode']}
                disabled={readOnly}
              />
              {secret('apiKey', t('gatewaySettings.apiKey'))}
              {secret('privateKey', t('gatewaySettings.privateKey'))}
            </div>
          )}
          <WebhookUrl url={stored.webhookUrl} />
          <ChannelList
            available={stored.availableChannels}
            channels={draft.channels}
            onChannels={set('channels')}
            fees={draft.fees}
            onFee={(code, fee) => setDraft((d) => ({ ...d, fees: { ...d.fees, [code]: fee } }))}
            showFees={gateway === 'midtrans' && draft.feeBearer === 'customer'}
            errors={e}
            readOnly={readOnly}
          />
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {gateway === 'midtrans'
              ? t(`gatewaySettings.feeNote.midtrans.${draft.feeBearer}`)
              : t(`gatewaySettings.feeNote.tripay.${draft.feeBearer}`)}
          </p>
          <details
            className="text-sm"
            open={advanced || e['apiBaseUrl'] !== undefined}
            onToggle={(event) => setAdvanced(event.currentTarget.open)}
          >
            <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none dark:text-zinc-300">
              {t('gatewaySettings.advanced')}
            </summary>
            <TextField
              label={t('gatewaySettings.apiBaseUrl')}
              name="apiBaseUrl"
              type="url"
              placeholder="https://"
              value={draft.apiBaseUrl}
              onChange={(event) => set('apiBaseUrl')(event.target.value)}
              error={e['apiBaseUrl']}
              hint={t('gatewaySettings.apiBaseUrlHint')}
              disabled={readOnly}
              containerClassName="mt-3 sm:w-1/2"
            />
          </details>
          {Object.keys(e).length > 0 && (
            <Alert tone="error">{t('gatewaySettings.fixErrors')}</Alert>
          )}
          <ProblemAlert error={save.error} />
          {save.isSuccess && <Alert tone="success">{t('gatewaySettings.saved')}</Alert>}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {stored.updatedAt
              ? t('gatewaySettings.updatedAt', {
                  at: formatDateTime(stored.updatedAt, currentLocale()),
                })
              : t('gatewaySettings.neverSaved')}
          </p>
          {!readOnly && (
            <Button type="submit" variant="primary" loading={save.isPending}>
              {t('common.save')}
            </Button>
          )}
        </div>
      </Card>
    </form>
  );
}
