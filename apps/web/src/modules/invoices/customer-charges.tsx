import { createChargeSchema, type Charge } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button';
import { FormDialog, useFormErrors } from '../../components/form-dialog';
import { PlusIcon } from '../../components/icons';
import { EMPTY_LINE, LineItemsEditor, lineBody, type LineDraft } from '../../components/line-items';
import { Money } from '../../components/money';
import { DataTable } from '../../components/paged-table';
import { useApiMutation, useResource } from '../../components/resource';

const chargesPath = (customerId: string): string =>
  `/customers/${encodeURIComponent(customerId)}/charges`;

function AddChargeDialog({
  customerId,
  open,
  onClose,
}: {
  customerId: string;
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [lines, setLines] = useState<LineDraft[]>([{ ...EMPTY_LINE }]);
  const form = useFormErrors({ nested: true });
  const create = useApiMutation<Charge, ReturnType<typeof lineBody>>({
    method: 'POST',
    path: chargesPath(customerId),
    invalidates: [chargesPath(customerId)],
  });
  const close = (): void => {
    setLines([{ ...EMPTY_LINE }]);
    form.clear();
    create.reset();
    onClose();
  };
  // The editor shows errors per line; a charge is one line at the top level.
  const errors = Object.fromEntries(
    Object.entries(form.errors).map(([key, message]) => [`lines.0.${key}`, message]),
  );
  return (
    <FormDialog
      name="add-charge"
      open={open}
      onClose={close}
      size="lg"
      title={t('charges.add')}
      description={t('charges.hint')}
      submitLabel={t('charges.add')}
      pending={create.isPending}
      error={create.error}
      fieldErrors={form.errors}
      onSubmit={() => {
        const body = lineBody(lines[0] ?? EMPTY_LINE);
        const parsed = createChargeSchema.safeParse(body);
        if (!parsed.success) {
          form.fromIssues(parsed.error);
          return;
        }
        form.clear();
        create.mutate(body, { onSuccess: close, onError: form.fromError });
      }}
    >
      <LineItemsEditor lines={lines} onChange={setLines} errors={errors} max={1} />
    </FormDialog>
  );
}

/** A customer's one-off charges waiting for the next invoice (installation, equipment ...). */
export function CustomerCharges({
  customerId,
  canWrite,
}: {
  customerId: string;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const charges = useResource<Charge[]>(chargesPath(customerId));
  const [adding, setAdding] = useState(false);
  const remove = useApiMutation<void, string>({
    method: 'DELETE',
    path: (chargeId) => `${chargesPath(customerId)}/${encodeURIComponent(chargeId)}`,
    body: () => undefined,
    invalidates: [chargesPath(customerId)],
  });
  const pending = (charges.data ?? []).filter((charge) => charge.status === 'pending');
  return (
    <div>
      <div className="flex items-center justify-between px-4 pt-4 pb-2">
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">
          {t('charges.title')}
        </h3>
        {canWrite && (
          <Button size="sm" onClick={() => setAdding(true)}>
            <PlusIcon /> {t('charges.add')}
          </Button>
        )}
      </div>
      {pending.length === 0 ? (
        <p className="px-4 pb-3 text-sm text-zinc-500">{t('charges.none')}</p>
      ) : (
        <DataTable
          label={t('charges.title')}
          rows={pending}
          rowKey={(charge) => charge.id}
          rowProps={(charge) => ({ 'data-charge': charge.description })}
          columns={[
            { key: 'description', header: t('lineItems.description'), cell: (c) => c.description },
            {
              key: 'quantity',
              header: t('lineItems.quantity'),
              numeric: true,
              cell: (c) => c.quantity,
            },
            {
              key: 'amount',
              header: t('invoices.fields.amount'),
              numeric: true,
              cell: (c) => <Money amount={c.amount} />,
            },
            {
              key: 'actions',
              header: <span className="sr-only">{t('common.actions')}</span>,
              numeric: true,
              cell: (c) =>
                canWrite && (
                  <Button
                    size="sm"
                    variant="ghost"
                    loading={remove.isPending && remove.variables === c.id}
                    onClick={() => remove.mutate(c.id)}
                  >
                    {t('common.delete')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <AddChargeDialog customerId={customerId} open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
