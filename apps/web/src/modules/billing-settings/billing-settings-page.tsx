import { billingSettingsSchema, type BillingSettings } from '@jaring/contracts';
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { useFormErrors } from '../../components/form-dialog';
import { PlusIcon } from '../../components/icons';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { useApiMutation, useResource } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { can, useCurrentUser } from '../../lib/session';
import { draftFrom, logoProblem, settingsFrom, type SettingsDraft } from './draft';

const PATH = '/settings/billing';

type TextKey = Exclude<keyof SettingsDraft, 'logoDataUrl' | 'bankAccounts'>;

function Section({ title, children }: { title: string; children: ReactNode }): React.JSX.Element {
  return (
    <Card>
      <CardHeader title={title} />
      <div className="space-y-4 p-4">{children}</div>
    </Card>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export function BillingSettingsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const settings = useResource<BillingSettings>(PATH);
  return (
    <>
      <PageHeader
        title={t('billingSettings.title')}
        description={t('billingSettings.description')}
      />
      <QueryState
        pending={settings.isPending}
        error={settings.isError ? settings.error : null}
        empty={false}
        emptyTitle=""
      >
        {settings.data && <SettingsForm settings={settings.data} />}
      </QueryState>
    </>
  );
}

function SettingsForm({ settings }: { settings: BillingSettings }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const readOnly = !can(me, 'settings:write');
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [logoError, setLogoError] = useState<string | null>(null);
  const form = useFormErrors({ nested: true });
  const save = useApiMutation<BillingSettings, BillingSettings>({
    method: 'PUT',
    path: PATH,
    invalidates: [PATH],
  });
  const e = form.errors;

  const text = (
    key: TextKey,
    label: string,
    error?: string,
    extra: object = {},
  ): React.JSX.Element => (
    <TextField
      label={label}
      name={key}
      value={draft[key]}
      onChange={(event) => setDraft((d) => ({ ...d, [key]: event.target.value }))}
      error={error}
      disabled={readOnly}
      {...extra}
    />
  );

  const setBank = (
    index: number,
    key: 'bank' | 'accountNumber' | 'accountName',
    value: string,
  ): void =>
    setDraft((d) => ({
      ...d,
      bankAccounts: d.bankAccounts.map((a, i) => (i === index ? { ...a, [key]: value } : a)),
    }));

  const onLogo = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const problem = logoProblem(file);
    if (problem) {
      setLogoError(t(`billingSettings.logo.${problem}`));
      return;
    }
    setLogoError(null);
    const url = await readAsDataUrl(file);
    setDraft((d) => ({ ...d, logoDataUrl: url }));
  };

  const submit = (): void => {
    save.reset();
    const parsed = billingSettingsSchema.safeParse(settingsFrom(draft));
    if (!parsed.success) {
      form.fromIssues(parsed.error);
      return;
    }
    form.clear();
    save.mutate(parsed.data, {
      onSuccess: (saved) => setDraft(draftFrom(saved)),
      onError: form.fromError,
    });
  };

  return (
    <form
      name="billing-settings"
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Section title={t('billingSettings.company')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {text('name', t('billingSettings.fields.name'), e['company.name'])}
          {text('taxId', t('billingSettings.fields.taxId'), e['company.taxId'])}
          {text('phone', t('billingSettings.fields.phone'), e['company.phone'])}
          {text('email', t('billingSettings.fields.email'), e['company.email'], { type: 'email' })}
        </div>
        {text('address', t('billingSettings.fields.address'), e['company.address'])}
        <div className="flex flex-wrap items-center gap-4">
          <div className="flex size-20 items-center justify-center rounded-md border border-dashed border-zinc-300 bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-800">
            {draft.logoDataUrl ? (
              <img
                src={draft.logoDataUrl}
                alt={t('billingSettings.logo.label')}
                className="max-h-18 max-w-18 object-contain"
              />
            ) : (
              <span className="text-xs text-zinc-400">{t('billingSettings.logo.none')}</span>
            )}
          </div>
          <div className="space-y-1.5">
            <label className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">
              {t('billingSettings.logo.label')}
              <input
                type="file"
                name="logo"
                accept="image/png,image/jpeg"
                disabled={readOnly}
                onChange={(event) => void onLogo(event)}
                className="mt-1 block text-sm"
              />
            </label>
            <p className="text-xs text-zinc-500">{t('billingSettings.logo.hint')}</p>
            {(logoError ?? e['company.logoDataUrl']) && (
              <p className="text-xs text-red-600" role="alert">
                {logoError ?? e['company.logoDataUrl']}
              </p>
            )}
            {draft.logoDataUrl && !readOnly && (
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setDraft((d) => ({ ...d, logoDataUrl: null }))}
              >
                {t('billingSettings.logo.remove')}
              </Button>
            )}
          </div>
        </div>
      </Section>

      <Section title={t('billingSettings.banks')}>
        {draft.bankAccounts.length === 0 && (
          <p className="text-sm text-zinc-500">{t('billingSettings.noBanks')}</p>
        )}
        {draft.bankAccounts.map((account, index) => (
          <div
            key={index}
            className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_1.5fr_auto]"
            data-bank={index}
          >
            <TextField
              label={t('billingSettings.fields.bank')}
              name={`bank-${index}`}
              value={account.bank}
              onChange={(event) => setBank(index, 'bank', event.target.value)}
              error={e[`company.bankAccounts.${index}.bank`]}
              disabled={readOnly}
            />
            <TextField
              label={t('billingSettings.fields.accountNumber')}
              name={`accountNumber-${index}`}
              inputMode="numeric"
              value={account.accountNumber}
              onChange={(event) => setBank(index, 'accountNumber', event.target.value)}
              error={e[`company.bankAccounts.${index}.accountNumber`]}
              disabled={readOnly}
            />
            <TextField
              label={t('billingSettings.fields.accountName')}
              name={`accountName-${index}`}
              value={account.accountName}
              onChange={(event) => setBank(index, 'accountName', event.target.value)}
              error={e[`company.bankAccounts.${index}.accountName`]}
              disabled={readOnly}
            />
            {!readOnly && (
              <Button
                variant="ghost"
                onClick={() =>
                  setDraft((d) => ({
                    ...d,
                    bankAccounts: d.bankAccounts.filter((_, i) => i !== index),
                  }))
                }
              >
                {t('common.delete')}
              </Button>
            )}
          </div>
        ))}
        {!readOnly && draft.bankAccounts.length < 5 && (
          <Button
            size="sm"
            onClick={() =>
              setDraft((d) => ({
                ...d,
                bankAccounts: [...d.bankAccounts, { bank: '', accountNumber: '', accountName: '' }],
              }))
            }
          >
            <PlusIcon /> {t('billingSettings.addBank')}
          </Button>
        )}
      </Section>

      <Section title={t('billingSettings.invoice')}>
        <div className="grid gap-4 sm:grid-cols-2">
          {text('prefix', t('billingSettings.fields.prefix'), e['invoice.prefix'], {
            hint: t('billingSettings.prefixHint', { prefix: draft.prefix || 'INV' }),
            maxLength: 12,
          })}
          {text('footer', t('billingSettings.fields.footer'), e['invoice.footer'], {
            maxLength: 500,
          })}
        </div>
      </Section>

      <Section title={t('billingSettings.dunning')}>
        <div className="grid gap-4 sm:grid-cols-3">
          {text(
            'reminderDays',
            t('billingSettings.fields.reminderDays'),
            e['dunning.reminderDays'] ??
              Object.entries(e).find(([k]) => k.startsWith('dunning.reminderDays'))?.[1],
            {
              hint: t('billingSettings.reminderHint'),
            },
          )}
          {text(
            'suspendAfterDays',
            t('billingSettings.fields.suspendAfterDays'),
            e['dunning.suspendAfterDays'],
            {
              inputMode: 'numeric',
              hint: t('billingSettings.neverHint'),
            },
          )}
          {text(
            'terminateAfterDays',
            t('billingSettings.fields.terminateAfterDays'),
            e['dunning.terminateAfterDays'],
            {
              inputMode: 'numeric',
              hint: t('billingSettings.neverHint'),
            },
          )}
        </div>
      </Section>

      {Object.keys(e).length > 0 && <Alert tone="error">{t('billingSettings.fixErrors')}</Alert>}
      <ProblemAlert error={save.error} />
      {save.isSuccess && <Alert tone="success">{t('billingSettings.saved')}</Alert>}
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
