import {
  createDiscountSchema,
  type Discount,
  type Page,
  type Subscription,
} from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { todayIso } from '../../components/dates';
import { SelectField, TextField } from '../../components/field';
import { FormDialog, useFormErrors } from '../../components/form-dialog';
import { PlusIcon } from '../../components/icons';
import { Money, MoneyField } from '../../components/money';
import { DataTable } from '../../components/paged-table';
import { useApiMutation, useResource } from '../../components/resource';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { percentToBp } from '../../lib/network-format';

const discountsPath = (subscriptionId: string): string =>
  `/subscriptions/${encodeURIComponent(subscriptionId)}/discounts`;

interface Draft {
  subscriptionId: string;
  description: string;
  kind: 'fixed' | 'percent';
  amount: string;
  percent: string;
  startsOn: string;
  endsOn: string;
}

function AddDiscountDialog({
  subscriptions,
  open,
  onClose,
}: {
  subscriptions: readonly Subscription[];
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const initial = (): Draft => ({
    subscriptionId: subscriptions[0]?.id ?? '',
    description: '',
    kind: 'fixed',
    amount: '',
    percent: '',
    startsOn: todayIso(),
    endsOn: '',
  });
  const [draft, setDraft] = useState<Draft>(initial);
  const form = useFormErrors();
  const create = useApiMutation<Discount, Draft>({
    method: 'POST',
    path: (d) => discountsPath(d.subscriptionId),
    body: (d) => bodyOf(d),
    invalidates: ['/subscriptions'],
  });
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void =>
    setDraft((d) => ({ ...d, [key]: value }));
  const close = (): void => {
    setDraft(initial());
    form.clear();
    create.reset();
    onClose();
  };
  return (
    <FormDialog
      name="add-discount"
      open={open}
      onClose={close}
      title={t('discounts.add')}
      description={t('discounts.hint')}
      submitLabel={t('discounts.add')}
      pending={create.isPending}
      error={create.error}
      fieldErrors={form.errors}
      onSubmit={() => {
        const parsed = createDiscountSchema.safeParse(bodyOf(draft));
        if (!parsed.success) {
          form.fromIssues(parsed.error);
          return;
        }
        form.clear();
        create.mutate(draft, { onSuccess: close, onError: form.fromError });
      }}
    >
      {subscriptions.length > 1 && (
        <SelectField
          label={t('discounts.subscription')}
          name="subscriptionId"
          value={draft.subscriptionId}
          onChange={(event) => set('subscriptionId', event.target.value)}
          options={subscriptions.map((s) => ({ value: s.id, label: s.username }))}
        />
      )}
      <TextField
        label={t('lineItems.description')}
        name="description"
        value={draft.description}
        onChange={(event) => set('description', event.target.value)}
        error={form.errors['description']}
        maxLength={200}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t('discounts.kind')}
          name="kind"
          value={draft.kind}
          onChange={(event) => set('kind', event.target.value as Draft['kind'])}
          options={(['fixed', 'percent'] as const).map((value) => ({
            value,
            label: t(`discounts.kinds.${value}`),
          }))}
        />
        {draft.kind === 'fixed' ? (
          <MoneyField
            label={t('discounts.amount')}
            name="amount"
            value={draft.amount}
            onChange={(digits) => set('amount', digits)}
            error={form.errors['amount']}
          />
        ) : (
          <TextField
            label={t('discounts.percent')}
            name="percent"
            inputMode="decimal"
            value={draft.percent}
            onChange={(event) => set('percent', event.target.value)}
            error={form.errors['percentBp']}
          />
        )}
        <TextField
          label={t('discounts.startsOn')}
          name="startsOn"
          type="date"
          value={draft.startsOn}
          onChange={(event) => set('startsOn', event.target.value)}
          error={form.errors['startsOn']}
        />
        <TextField
          label={t('discounts.endsOn')}
          name="endsOn"
          type="date"
          value={draft.endsOn}
          onChange={(event) => set('endsOn', event.target.value)}
          error={form.errors['endsOn']}
          hint={t('discounts.endsOnHint')}
        />
      </div>
    </FormDialog>
  );
}

function bodyOf(draft: Draft): Record<string, unknown> {
  return {
    description: draft.description.trim(),
    kind: draft.kind,
    ...(draft.kind === 'fixed'
      ? { amount: draft.amount || '0' }
      : { percentBp: percentToBp(draft.percent) }),
    startsOn: draft.startsOn,
    endsOn: draft.endsOn || null,
  };
}

function DiscountRows({
  subscription,
  canWrite,
}: {
  subscription: Subscription;
  canWrite: boolean;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const locale = currentLocale();
  const discounts = useResource<Discount[]>(discountsPath(subscription.id));
  const remove = useApiMutation<void, string>({
    method: 'DELETE',
    path: (id) => `${discountsPath(subscription.id)}/${encodeURIComponent(id)}`,
    body: () => undefined,
    invalidates: ['/subscriptions'],
  });
  const rows = discounts.data ?? [];
  if (rows.length === 0) return null;
  return (
    <DataTable
      label={`${t('discounts.title')} ${subscription.username}`}
      rows={rows}
      rowKey={(d) => d.id}
      rowProps={(d) => ({ 'data-discount': d.description })}
      columns={[
        {
          key: 'description',
          header: t('lineItems.description'),
          cell: (d) => (
            <>
              {d.description}
              <span className="block font-mono text-xs text-zinc-500">{subscription.username}</span>
            </>
          ),
        },
        {
          key: 'value',
          header: t('discounts.value'),
          numeric: true,
          cell: (d) =>
            d.kind === 'fixed' ? <Money amount={d.amount} /> : `${(d.percentBp ?? 0) / 100}%`,
        },
        {
          key: 'range',
          header: t('discounts.range'),
          className: 'hidden sm:table-cell text-xs',
          cell: (d) =>
            `${formatDate(d.startsOn, locale)} – ${d.endsOn ? formatDate(d.endsOn, locale) : t('discounts.openEnded')}`,
        },
        {
          key: 'actions',
          header: <span className="sr-only">{t('common.actions')}</span>,
          numeric: true,
          cell: (d) =>
            canWrite && (
              <Button
                size="sm"
                variant="ghost"
                loading={remove.isPending && remove.variables === d.id}
                onClick={() => remove.mutate(d.id)}
              >
                {t('common.delete')}
              </Button>
            ),
        },
      ]}
    />
  );
}

/** Recurring discounts on the customer's subscriptions (fixed or percent, with an end date). */
export function CustomerDiscounts({
  customerId,
  canWrite,
}: {
  customerId: string;
  canWrite: boolean;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const subscriptions = useResource<Page<Subscription>>(
    `/customers/${encodeURIComponent(customerId)}/subscriptions`,
    { limit: 200 },
  );
  const live = (subscriptions.data?.data ?? []).filter((s) => s.status !== 'terminated');
  if (live.length === 0) return null;
  return (
    <div>
      <div className="flex items-center justify-between px-4 pt-4 pb-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
          {t('discounts.title')}
        </h3>
        {canWrite && (
          <Button size="sm" onClick={() => setAdding(true)}>
            <PlusIcon /> {t('discounts.add')}
          </Button>
        )}
      </div>
      {live.map((subscription) => (
        <DiscountRows key={subscription.id} subscription={subscription} canWrite={canWrite} />
      ))}
      {canWrite && (
        <AddDiscountDialog subscriptions={live} open={adding} onClose={() => setAdding(false)} />
      )}
    </div>
  );
}
