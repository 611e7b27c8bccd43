import type { InvoiceRunResult } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { todayIso } from '../../components/dates';
import { TextField } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { Money } from '../../components/money';
import { DataTable } from '../../components/paged-table';
import { Facts } from '../../components/section';
import { formatDate } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { useRunInvoices } from './api';

function RunFigures({ result }: { result: InvoiceRunResult }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="-mx-4 rounded-md" data-testid={result.dryRun ? 'run-preview' : 'run-result'}>
      <Facts
        items={[
          [t('invoices.run.count'), <span data-testid="run-count">{result.count}</span>],
          [t('invoices.fields.subtotal'), <Money amount={result.subtotal} />],
          [t('invoices.fields.tax'), <Money amount={result.tax} />],
          [t('invoices.fields.total'), <Money amount={result.total} />],
          ...(result.firstNumber
            ? ([
                [
                  t('invoices.run.numbers'),
                  <span className="font-mono text-xs" data-testid="run-numbers">
                    {result.firstNumber === result.lastNumber
                      ? result.firstNumber
                      : `${result.firstNumber} – ${result.lastNumber}`}
                  </span>,
                ],
              ] as [string, React.JSX.Element][])
            : []),
        ]}
      />
    </div>
  );
}

/**
 * "Run invoices": choose the run date, preview what would be issued (a dry run), then issue.
 * Issue stays disabled until the preview for that date has been seen.
 */
export function RunInvoicesDialog({
  open,
  onClose,
}: {
  open: boolean;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [asOf, setAsOf] = useState(todayIso);
  const preview = useRunInvoices();
  const issue = useRunInvoices();
  const previewed = preview.data && preview.data.asOf === asOf ? preview.data : null;
  const issued = issue.data ?? null;

  const close = (): void => {
    preview.reset();
    issue.reset();
    setAsOf(todayIso());
    onClose();
  };

  return (
    <FormDialog
      name="run-invoices"
      open={open}
      onClose={close}
      size="lg"
      title={t('invoices.run.title')}
      description={t('invoices.run.description')}
      submitLabel={issued ? t('common.close') : t('invoices.run.issue')}
      submitDisabled={!issued && (!previewed || previewed.count === 0)}
      pending={issue.isPending}
      error={preview.error ?? issue.error}
      onSubmit={() => {
        if (issued) close();
        else issue.mutate({ asOf, dryRun: false });
      }}
      extraActions={
        !issued && (
          <Button
            name="preview"
            loading={preview.isPending}
            onClick={() => preview.mutate({ asOf, dryRun: true })}
          >
            {t('invoices.run.preview')}
          </Button>
        )
      }
    >
      <TextField
        label={t('invoices.run.asOf')}
        name="asOf"
        type="date"
        value={asOf}
        disabled={issued !== null}
        onChange={(event) => setAsOf(event.target.value)}
        hint={t('invoices.run.asOfHint')}
      />
      {issued ? (
        <>
          <Alert tone="success" title={t('invoices.run.done', { count: issued.count })} />
          <RunFigures result={issued} />
        </>
      ) : (
        previewed && (
          <>
            {previewed.count === 0 ? (
              <Alert tone="info" title={t('invoices.run.nothing')} />
            ) : (
              <RunFigures result={previewed} />
            )}
            {previewed.preview.length > 0 && (
              <DataTable
                label={t('invoices.run.previewRows')}
                rows={previewed.preview}
                rowKey={(row) => `${row.subscriptionId}:${row.periodStart}`}
                columns={[
                  {
                    key: 'customer',
                    header: t('invoices.fields.customer'),
                    cell: (row) => (
                      <>
                        <span className="font-medium">{row.customerName}</span>
                        <span className="block font-mono text-xs text-zinc-500">
                          {row.customerNumber}
                        </span>
                      </>
                    ),
                  },
                  {
                    key: 'period',
                    header: t('invoices.fields.period'),
                    className: 'text-xs',
                    cell: (row) =>
                      `${formatDate(row.periodStart, locale)} – ${formatDate(row.periodEnd, locale)}${row.prorated ? ` · ${t('invoices.run.prorated')}` : ''}`,
                  },
                  {
                    key: 'total',
                    header: t('invoices.fields.total'),
                    numeric: true,
                    cell: (row) => <Money amount={row.total} />,
                  },
                ]}
              />
            )}
          </>
        )
      )}
    </FormDialog>
  );
}
