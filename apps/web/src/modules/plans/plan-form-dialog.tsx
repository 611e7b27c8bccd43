import { createPlanSchema, updatePlanSchema, type Plan } from '@jaring/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/field';
import { EditorDialog, FormActions, useFormErrors } from '../../components/form-dialog';
import { useDraft } from '../../components/use-draft';
import {
  bpToPercent,
  formatRupiah,
  percentToBp,
  rateLimitPreview,
  rupiahDigits,
  splitRate,
  toKbps,
} from '../../lib/network-format';
import { can, useCurrentUser } from '../../lib/session';
import { useRouters } from '../routers/api';
import { useCreatePlan, useUpdatePlan } from './api';
import { RateInput, type RateValue } from './rate-input';

interface Draft {
  name: string;
  type: Plan['type'];
  download: RateValue;
  upload: RateValue;
  burst: boolean;
  burstDownload: RateValue;
  burstUpload: RateValue;
  thresholdDownload: RateValue;
  thresholdUpload: RateValue;
  burstSeconds: string;
  price: string;
  taxPercent: string;
  billingPeriod: Plan['billingPeriod'];
  remotePool: string;
  localAddress: string;
  sharedUsers: string;
  routerIds: string[];
  active: boolean;
}

const mbps = (value: string): RateValue => ({ value, unit: 'mbps' });

function draftFrom(plan: Plan | null): Draft {
  if (!plan) {
    return {
      name: '',
      type: 'pppoe',
      download: mbps('10'),
      upload: mbps('5'),
      burst: false,
      burstDownload: mbps('15'),
      burstUpload: mbps('7'),
      thresholdDownload: mbps('8'),
      thresholdUpload: mbps('4'),
      burstSeconds: '16',
      price: '',
      taxPercent: '11',
      billingPeriod: 'monthly',
      remotePool: '',
      localAddress: '',
      sharedUsers: '1',
      routerIds: [],
      active: true,
    };
  }
  const b = plan.burst;
  return {
    name: plan.name,
    type: plan.type,
    download: splitRate(plan.downloadKbps),
    upload: splitRate(plan.uploadKbps),
    burst: b !== null,
    burstDownload: b ? splitRate(b.downloadKbps) : mbps(''),
    burstUpload: b ? splitRate(b.uploadKbps) : mbps(''),
    thresholdDownload: b ? splitRate(b.thresholdDownloadKbps) : mbps(''),
    thresholdUpload: b ? splitRate(b.thresholdUploadKbps) : mbps(''),
    burstSeconds: b ? String(b.seconds) : '16',
    price: plan.price,
    taxPercent: bpToPercent(plan.taxRateBp),
    billingPeriod: plan.billingPeriod,
    remotePool: plan.remotePool ?? '',
    localAddress: plan.localAddress ?? '',
    sharedUsers: String(plan.sharedUsers),
    routerIds: [...plan.routerIds],
    active: plan.active,
  };
}

const kbps = (rate: RateValue): number => toKbps(rate.value, rate.unit);

function burstOf(draft: Draft): Plan['burst'] {
  if (!draft.burst) return null;
  return {
    downloadKbps: kbps(draft.burstDownload),
    uploadKbps: kbps(draft.burstUpload),
    thresholdDownloadKbps: kbps(draft.thresholdDownload),
    thresholdUploadKbps: kbps(draft.thresholdUpload),
    seconds: Number(draft.burstSeconds || Number.NaN),
  };
}

function bodyOf(draft: Draft): Record<string, unknown> {
  return {
    name: draft.name,
    type: draft.type,
    downloadKbps: kbps(draft.download),
    uploadKbps: kbps(draft.upload),
    burst: burstOf(draft),
    price: draft.price,
    taxRateBp: percentToBp(draft.taxPercent),
    billingPeriod: draft.billingPeriod,
    remotePool: draft.remotePool.trim() || null,
    localAddress: draft.localAddress.trim() || null,
    sharedUsers: Number(draft.sharedUsers || Number.NaN),
    routerIds: draft.routerIds,
    active: draft.active,
  };
}

function PlanForm({
  plan,
  onSaved,
}: {
  plan: Plan | null;
  onSaved: (saved: Plan) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const routers = useRouters('', can(me, 'routers:read'));
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const [draft, set] = useDraft<Draft>(() => draftFrom(plan));
  const { errors, fromError, fromIssues, clear } = useFormErrors();
  const editing = plan !== null;
  const save = editing ? update : create;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const body = bodyOf(draft);
    if (editing) {
      delete body['type'];
      const parsed = updatePlanSchema.safeParse(body);
      if (!parsed.success) {
        fromIssues(parsed.error);
        return;
      }
      clear();
      update.mutate({ id: plan.id, body: parsed.data }, { onSuccess: onSaved, onError: fromError });
    } else {
      const parsed = createPlanSchema.safeParse(body);
      if (!parsed.success) {
        fromIssues(parsed.error);
        return;
      }
      clear();
      create.mutate(parsed.data, { onSuccess: onSaved, onError: fromError });
    }
  };

  const down = kbps(draft.download);
  const up = kbps(draft.upload);
  const burst = burstOf(draft);
  const previewable =
    Number.isFinite(down) &&
    Number.isFinite(up) &&
    (!burst || Object.values(burst).every((v) => Number.isFinite(v)));
  const preview = previewable ? rateLimitPreview(down, up, burst) : '—';
  const routerList = routers.data?.data ?? [];

  return (
    <form id="plan-form" onSubmit={submit} noValidate className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('plans.fields.name')}
          name="name"
          value={draft.name}
          onChange={(event) => set('name')(event.target.value)}
          error={errors['name']}
          autoComplete="off"
          autoFocus
          required
        />
        <SelectField
          label={t('plans.fields.type')}
          name="type"
          value={draft.type}
          disabled={editing}
          onChange={(event) => set('type')(event.target.value as Plan['type'])}
          options={(['pppoe', 'hotspot', 'static'] as const).map((value) => ({
            value,
            label: t(`plans.types.${value}`),
          }))}
          hint={editing ? t('plans.typeFixed') : undefined}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <RateInput
          label={t('plans.fields.download')}
          name="download"
          rate={draft.download}
          onChange={set('download')}
          error={errors['downloadKbps']}
        />
        <RateInput
          label={t('plans.fields.upload')}
          name="upload"
          rate={draft.upload}
          onChange={set('upload')}
          error={errors['uploadKbps']}
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="burst"
          checked={draft.burst}
          onChange={(event) => set('burst')(event.target.checked)}
          className="size-4 accent-brand-600"
        />
        {t('plans.fields.burst')}
      </label>
      {draft.burst && (
        <div className="grid gap-4 rounded-md border border-zinc-200 p-3 sm:grid-cols-2 dark:border-zinc-800">
          <RateInput
            label={t('plans.fields.burstDownload')}
            name="burstDownload"
            rate={draft.burstDownload}
            onChange={set('burstDownload')}
          />
          <RateInput
            label={t('plans.fields.burstUpload')}
            name="burstUpload"
            rate={draft.burstUpload}
            onChange={set('burstUpload')}
          />
          <RateInput
            label={t('plans.fields.thresholdDownload')}
            name="thresholdDownload"
            rate={draft.thresholdDownload}
            onChange={set('thresholdDownload')}
          />
          <RateInput
            label={t('plans.fields.thresholdUpload')}
            name="thresholdUpload"
            rate={draft.thresholdUpload}
            onChange={set('thresholdUpload')}
          />
          <TextField
            label={t('plans.fields.burstSeconds')}
            name="burstSeconds"
            inputMode="numeric"
            value={draft.burstSeconds}
            onChange={(event) => set('burstSeconds')(event.target.value.replace(/\D/g, ''))}
          />
          {errors['burst'] && (
            <p className="text-xs text-red-600 sm:col-span-2 dark:text-red-400">
              {errors['burst']}
            </p>
          )}
        </div>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        {t('plans.rateLimit')}:{' '}
        <code
          data-testid="rate-limit-preview"
          className="font-mono text-zinc-800 dark:text-zinc-200"
        >
          {preview}
        </code>
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label={t('plans.fields.price')}
          name="price"
          inputMode="numeric"
          value={draft.price === '' ? '' : formatRupiah(draft.price)}
          placeholder="Rp 150.000"
          onChange={(event) => set('price')(rupiahDigits(event.target.value))}
          error={errors['price']}
          autoComplete="off"
        />
        <TextField
          label={t('plans.fields.tax')}
          name="taxPercent"
          inputMode="decimal"
          value={draft.taxPercent}
          onChange={(event) => set('taxPercent')(event.target.value.replace(/[^\d.,]/g, ''))}
          error={errors['taxRateBp']}
        />
        <SelectField
          label={t('plans.fields.billingPeriod')}
          name="billingPeriod"
          value={draft.billingPeriod}
          onChange={(event) => set('billingPeriod')(event.target.value as Plan['billingPeriod'])}
          options={(['monthly', 'quarterly', 'yearly'] as const).map((value) => ({
            value,
            label: t(`plans.periods.${value}`),
          }))}
        />
      </div>
      {draft.type !== 'static' && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t('plans.fields.remotePool')}
            name="remotePool"
            value={draft.remotePool}
            onChange={(event) => set('remotePool')(event.target.value)}
            error={errors['remotePool']}
            autoComplete="off"
          />
          <TextField
            label={t('plans.fields.localAddress')}
            name="localAddress"
            value={draft.localAddress}
            onChange={(event) => set('localAddress')(event.target.value)}
            error={errors['localAddress']}
            autoComplete="off"
          />
          <TextField
            label={t('plans.fields.sharedUsers')}
            name="sharedUsers"
            inputMode="numeric"
            value={draft.sharedUsers}
            onChange={(event) => set('sharedUsers')(event.target.value.replace(/\D/g, ''))}
            error={errors['sharedUsers']}
          />
        </div>
      )}
      <fieldset>
        <legend className="mb-1.5 block text-xs font-medium text-zinc-700 dark:text-zinc-300">
          {t('plans.fields.routers')}
        </legend>
        {routerList.length === 0 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {can(me, 'routers:read') ? t('plans.noRouters') : '—'}
          </p>
        ) : (
          <ul className="grid gap-1.5 sm:grid-cols-2">
            {routerList.map((router) => (
              <li key={router.id}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="routerIds"
                    value={router.id}
                    checked={draft.routerIds.includes(router.id)}
                    onChange={(event) =>
                      set('routerIds')(
                        event.target.checked
                          ? [...draft.routerIds, router.id]
                          : draft.routerIds.filter((id) => id !== router.id),
                      )
                    }
                    className="size-4 accent-brand-600"
                  />
                  {router.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="active"
          checked={draft.active}
          onChange={(event) => set('active')(event.target.checked)}
          className="size-4 accent-brand-600"
        />
        {t('plans.fields.active')}
      </label>
      <FormActions
        submitLabel={editing ? t('common.save') : t('plans.create')}
        pending={save.isPending}
        error={save.error}
        fieldErrors={errors}
      />
    </form>
  );
}

export function PlanFormDialog({
  open,
  plan,
  onClose,
}: {
  open: boolean;
  plan: Plan | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <EditorDialog<Plan>
      open={open}
      onClose={onClose}
      title={plan ? t('plans.editTitle', { name: plan.name }) : t('plans.createTitle')}
      form={(saved) => <PlanForm plan={plan} onSaved={saved} />}
    />
  );
}
