import type { Customer, PaymentWithAllocations } from '@jaring/contracts';
import { recordPaymentSchema } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CustomerPicker } from '../../components/customer-picker';
import { SelectField, TextField } from '../../components/field';
import { useFormErrors } from '../../components/form-dialog';
import { Money, MoneyField, sumRupiah } from '../../components/money';
import { ProblemAlert } from '../../components/problem-alert';
import { useResource } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { Spinner } from '../../components/spinner';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatRupiah } from '../../lib/network-format';
import { InvoiceStatusBadge } from '../invoices/status';
import { allocate } from './allocate';
import { useOpenInvoices, useRecordPayment } from './api';
import { Receipt, ReceiptLinks } from './receipt';

interface Draft {
  amount: string;
  /** Untouched, the amount follows the selected invoices. */
  amountEdited: boolean;
  method: 'cash' | 'transfer';
  reference: string;
  note: string;
}

const EMPTY: Draft = { amount: '', amountEdited: false, method: 'cash', reference: '', note: '' };

/**
 * The cashier's form: pick the customer, tick the invoices being paid (their balances make the
 * default amount), choose cash or transfer, record. Shows the receipt afterwards.
 */
export function RecordPayment({
  initialCustomerId,
  initialInvoiceId,
}: {
  initialCustomerId?: string | null;
  initialInvoiceId?: string | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const preset = useResource<Customer>(`/customers/${initialCustomerId ?? ''}`, undefined, {
    enabled: !!initialCustomerId,
  });
  const [picked, setPicked] = useState<Pick<Customer, 'id' | 'name' | 'number'> | null>(null);
  // A link from an invoice ("Record payment") arrives with the customer already chosen, until
  // the cashier picks another one.
  const [presetDismissed, setPresetDismissed] = useState(false);
  const customer = picked ?? (presetDismissed ? null : (preset.data ?? null));
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(initialInvoiceId ? [initialInvoiceId] : []),
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [receipt, setReceipt] = useState<PaymentWithAllocations | null>(null);
  const form = useFormErrors();
  const record = useRecordPayment();
  const invoices = useOpenInvoices(customer?.id ?? null);

  const chosen = invoices.open.filter((invoice) => selected.has(invoice.id));
  const suggested = sumRupiah(chosen.map((invoice) => invoice.balanceDue));
  const amount = draft.amountEdited ? draft.amount : suggested === '0' ? '' : suggested;
  const credit = BigInt(amount || '0') - BigInt(suggested);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void =>
    setDraft((current) => ({ ...current, [key]: value }));

  const toggle = (id: string): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const pick = (next: Customer | null): void => {
    setPicked(next);
    setPresetDismissed(true);
    setSelected(new Set());
    setDraft(EMPTY);
    form.clear();
    record.reset();
  };

  const startOver = (): void => {
    setReceipt(null);
    pick(null);
  };

  const submit = (): void => {
    if (!customer) return;
    const body = {
      customerId: customer.id,
      method: draft.method,
      amount,
      ...(draft.reference.trim() ? { reference: draft.reference.trim() } : {}),
      ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
      ...(chosen.length > 0 ? { allocations: allocate(amount, chosen) } : {}),
    };
    const parsed = recordPaymentSchema.safeParse(body);
    if (!parsed.success) {
      form.fromIssues(parsed.error);
      return;
    }
    form.clear();
    record.mutate(body, {
      onSuccess: (payment) => setReceipt(payment),
      onError: form.fromError,
    });
  };

  if (receipt) {
    return (
      <>
        <CardHeader
          title={t('payments.recorded')}
          actions={
            <Button size="sm" onClick={startOver}>
              {t('payments.another')}
            </Button>
          }
        />
        <Alert
          tone="success"
          className="m-4"
          title={t('payments.recordedHint', { number: receipt.number })}
        />
        <Receipt payment={receipt} />
        <div className="flex flex-wrap items-center gap-2 border-t border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <span className="text-sm font-medium">{t('payments.receipt.print')}</span>
          <ReceiptLinks id={receipt.id} />
        </div>
      </>
    );
  }

  return (
    <>
      <CardHeader title={t('payments.record')} />
      <form
        name="record-payment"
        noValidate
        className="space-y-4 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <CustomerPicker label={t('payments.fields.customer')} value={customer} onChange={pick} />
        {form.errors['customerId'] && (
          <p className="text-xs text-red-600">{form.errors['customerId']}</p>
        )}
        {customer && (
          <fieldset className="space-y-2">
            <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
              {t('payments.openInvoices')}
            </legend>
            {invoices.pending ? (
              <Spinner />
            ) : invoices.error ? (
              <ProblemAlert error={invoices.error} />
            ) : invoices.open.length === 0 ? (
              <p className="text-sm text-zinc-500">{t('payments.noOpenInvoices')}</p>
            ) : (
              <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
                {invoices.open.map((invoice) => (
                  <li key={invoice.id}>
                    <label
                      className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm"
                      data-open-invoice={invoice.number ?? invoice.id}
                    >
                      <input
                        type="checkbox"
                        name="invoice"
                        value={invoice.id}
                        checked={selected.has(invoice.id)}
                        onChange={() => toggle(invoice.id)}
                      />
                      <span className="min-w-0 flex-1">
                        <span className="font-mono text-xs">{invoice.number}</span>
                        <span className="block text-xs text-zinc-500">
                          {t('invoices.fields.dueDate')}: {formatDate(invoice.dueDate, locale)}
                        </span>
                      </span>
                      <InvoiceStatusBadge status={invoice.status} />
                      <Money amount={invoice.balanceDue} className="font-medium" />
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </fieldset>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <MoneyField
            label={t('payments.fields.amount')}
            name="amount"
            value={amount}
            onChange={(digits) => setDraft((d) => ({ ...d, amount: digits, amountEdited: true }))}
            error={form.errors['amount']}
            hint={
              credit > 0n && chosen.length > 0
                ? t('payments.creditHint', { amount: formatRupiah(credit.toString()) })
                : undefined
            }
            required
          />
          <SelectField
            label={t('payments.fields.method')}
            name="method"
            value={draft.method}
            onChange={(event) => set('method', event.target.value as Draft['method'])}
            options={(['cash', 'transfer'] as const).map((value) => ({
              value,
              label: t(`payments.method.${value}`),
            }))}
          />
          <TextField
            label={t('payments.fields.reference')}
            name="reference"
            value={draft.reference}
            onChange={(event) => set('reference', event.target.value)}
            error={form.errors['reference']}
            maxLength={120}
          />
          <TextField
            label={t('payments.fields.note')}
            name="note"
            value={draft.note}
            onChange={(event) => set('note', event.target.value)}
            error={form.errors['note']}
            maxLength={500}
          />
        </div>
        {form.errors['allocations'] && <Alert tone="error">{form.errors['allocations']}</Alert>}
        <ProblemAlert error={record.error} />
        <div className="flex justify-end">
          <Button type="submit" variant="primary" loading={record.isPending} disabled={!customer}>
            {t('payments.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
