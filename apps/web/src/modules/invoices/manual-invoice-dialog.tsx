import { createInvoiceSchema, type Customer } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CustomerPicker } from '../../components/customer-picker';
import { todayIso } from '../../components/dates';
import { TextField } from '../../components/field';
import { FormDialog, useFormErrors } from '../../components/form-dialog';
import { EMPTY_LINE, LineItemsEditor, lineBody, type LineDraft } from '../../components/line-items';
import { useCreateInvoice } from './api';

/** Today + `days` as `YYYY-MM-DD`. */
function inDays(days: number): string {
  return todayIso(new Date(Date.now() + days * 86_400_000));
}

/**
 * A draft manual invoice (installation, equipment, anything outside a plan): the customer, the
 * lines, the due date. It opens as a draft; issuing numbers it.
 */
export function ManualInvoiceDialog({
  open,
  onClose,
  customer: fixedCustomer = null,
}: {
  open: boolean;
  onClose: () => void;
  customer?: Pick<Customer, 'id' | 'name' | 'number'> | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [customer, setCustomer] = useState(fixedCustomer);
  const [lines, setLines] = useState<LineDraft[]>([{ ...EMPTY_LINE }]);
  const [dueDate, setDueDate] = useState(() => inDays(14));
  const [notes, setNotes] = useState('');
  const form = useFormErrors({ nested: true });
  const create = useCreateInvoice();

  const close = (): void => {
    setCustomer(fixedCustomer);
    setLines([{ ...EMPTY_LINE }]);
    setNotes('');
    form.clear();
    create.reset();
    onClose();
  };

  const submit = (): void => {
    const body = {
      customerId: customer?.id ?? '',
      lines: lines.map(lineBody),
      dueDate,
      notes: notes.trim() || null,
    };
    const parsed = createInvoiceSchema.safeParse(body);
    if (!parsed.success) {
      form.fromIssues(parsed.error);
      return;
    }
    form.clear();
    create.mutate(parsed.data, {
      onSuccess: (invoice) => {
        close();
        void navigate(`/invoices/${invoice.id}`);
      },
      onError: form.fromError,
    });
  };

  return (
    <FormDialog
      name="manual-invoice"
      open={open}
      onClose={close}
      size="lg"
      title={t('invoices.manual.title')}
      description={t('invoices.manual.description')}
      submitLabel={t('invoices.manual.create')}
      pending={create.isPending}
      error={create.error}
      fieldErrors={form.errors}
      onSubmit={submit}
    >
      {fixedCustomer === null && (
        <div className="space-y-1">
          <CustomerPicker
            label={t('invoices.fields.customer')}
            value={customer}
            onChange={setCustomer}
          />
          {form.errors['customerId'] && (
            <p className="text-xs text-red-600">{t('invoices.manual.pickCustomer')}</p>
          )}
        </div>
      )}
      <LineItemsEditor lines={lines} onChange={setLines} errors={form.errors} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('invoices.fields.dueDate')}
          name="dueDate"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={form.errors['dueDate']}
        />
        <TextField
          label={t('invoices.manual.notes')}
          name="notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          error={form.errors['notes']}
          maxLength={2000}
        />
      </div>
    </FormDialog>
  );
}
