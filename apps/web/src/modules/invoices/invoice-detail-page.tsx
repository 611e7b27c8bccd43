import type { InvoiceAllocation, InvoiceDetail } from '@jaring/contracts';
import type { InvoiceLine } from '@jaring/contracts';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ApiFileLink } from '../../components/link-button';
import { Money } from '../../components/money';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState } from '../../components/paged-table';
import { ReasonDialog } from '../../components/reason-dialog';
import { CardHeader, Facts } from '../../components/section';
import { formatDate, formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import {
  useDeleteDraft,
  useInvoice,
  useIssueInvoice,
  useReissueInvoice,
  useVoidInvoice,
} from './api';
import { CustomerName } from './customer-name';
import { periodText } from './invoices-page';
import { InvoiceStatusBadge } from './status';

function Totals({ invoice }: { invoice: InvoiceDetail }): React.JSX.Element {
  const { t } = useTranslation();
  const rows: [string, string, string][] = [
    ['subtotal', t('invoices.fields.subtotal'), invoice.subtotal],
    ['tax', t('invoices.fields.tax'), invoice.tax],
    ['total', t('invoices.fields.total'), invoice.total],
    ['paid', t('invoices.fields.paid'), invoice.paid],
    ['balance', t('invoices.fields.balanceDue'), invoice.balanceDue],
  ];
  return (
    <dl className="ml-auto w-full max-w-xs space-y-1 p-4 text-sm" data-testid="invoice-totals">
      {rows.map(([key, label, amount]) => (
        <div
          key={key}
          data-total={key}
          className={
            key === 'total' || key === 'balance'
              ? 'flex justify-between border-t border-zinc-200 pt-1 font-semibold dark:border-zinc-800'
              : 'flex justify-between'
          }
        >
          <dt>{label}</dt>
          <dd>
            <Money amount={amount} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Lines({ lines }: { lines: readonly InvoiceLine[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <DataTable
      label={t('invoices.lines')}
      rows={lines}
      rowKey={(line) => String(line.position)}
      columns={[
        {
          key: 'description',
          header: t('invoices.fields.description'),
          cell: (l) => l.description,
        },
        {
          key: 'quantity',
          header: t('invoices.fields.quantity'),
          numeric: true,
          className: 'hidden sm:table-cell',
          cell: (l) => l.quantity,
        },
        {
          key: 'unit',
          header: t('invoices.fields.unitAmount'),
          numeric: true,
          className: 'hidden sm:table-cell',
          cell: (l) => <Money amount={l.unitAmount} />,
        },
        {
          key: 'tax',
          header: t('invoices.fields.tax'),
          numeric: true,
          className: 'hidden md:table-cell',
          cell: (l) => (
            <>
              <Money amount={l.tax} />
              <span className="block text-xs text-zinc-500">{l.taxRateBp / 100}%</span>
            </>
          ),
        },
        {
          key: 'amount',
          header: t('invoices.fields.amount'),
          numeric: true,
          cell: (l) => <Money amount={l.amount} />,
        },
      ]}
    />
  );
}

function Allocations({ rows }: { rows: readonly InvoiceAllocation[] }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <DataTable
      label={t('invoices.allocations')}
      rows={rows}
      rowKey={(row) => row.id ?? `${row.paymentId}:${row.amount}`}
      columns={[
        {
          key: 'payment',
          header: t('payments.fields.number'),
          cell: (row) =>
            row.paymentId ? (
              <Link
                to={`/payments/${row.paymentId}`}
                className="font-mono text-xs text-brand-700 hover:underline dark:text-brand-300"
              >
                {row.paymentNumber ?? row.paymentId}
              </Link>
            ) : (
              t(`invoices.allocationSource.${row.source ?? 'credit'}`, {
                defaultValue: row.source ?? '—',
              })
            ),
        },
        {
          key: 'date',
          header: t('payments.fields.receivedAt'),
          className: 'text-xs',
          cell: (row) => formatDateTime(row.createdAt, locale),
        },
        {
          key: 'state',
          header: t('payments.fields.status'),
          cell: (row) =>
            row.reversedAt ? t('payments.status.reversed') : t('payments.status.completed'),
        },
        {
          key: 'amount',
          header: t('invoices.fields.amount'),
          numeric: true,
          cell: (row) => <Money amount={row.amount} />,
        },
      ]}
    />
  );
}

function PdfLinks({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      {(['id', 'en'] as const).map((lang) => (
        <ApiFileLink
          key={lang}
          path={`/invoices/${id}/pdf`}
          query={{ lang }}
          data-pdf={lang}
          newTab
        >
          {t('invoices.pdf', { lang: lang.toUpperCase() })}
        </ApiFileLink>
      ))}
    </>
  );
}

export function InvoiceDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const invoice = useInvoice(id);
  return (
    <QueryState
      pending={invoice.isPending}
      error={invoice.isError ? invoice.error : null}
      empty={false}
      emptyTitle=""
    >
      {invoice.data && <InvoiceView invoice={invoice.data} />}
      {!invoice.data && <PageHeader title={t('invoices.title')} />}
    </QueryState>
  );
}

function InvoiceView({ invoice }: { invoice: InvoiceDetail }): React.JSX.Element {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const locale = currentLocale();
  const [dialog, setDialog] = useState<'void' | 'reissue' | 'issue' | 'delete' | null>(null);
  const voidInvoice = useVoidInvoice(invoice.id);
  const reissue = useReissueInvoice(invoice.id);
  const issue = useIssueInvoice(invoice.id);
  const removeDraft = useDeleteDraft(invoice.id);
  const open = invoice.status !== 'void' && invoice.status !== 'paid';
  const canWrite = can(me, 'invoices:write');
  const canPay = can(me, 'payments:write') && open && invoice.status !== 'draft';
  const title = invoice.number ?? t('invoices.status.draft');

  const facts: [string, ReactNode][] = [
    [
      t('invoices.fields.customer'),
      <CustomerName
        id={invoice.customerId}
        name={invoice.customerName}
        number={invoice.customerNumber}
      />,
    ],
    [t('invoices.fields.status'), <InvoiceStatusBadge status={invoice.status} />],
    [t('invoices.fields.period'), periodText(invoice)],
    [t('invoices.fields.issueDate'), formatDate(invoice.issueDate, locale)],
    [t('invoices.fields.dueDate'), formatDate(invoice.dueDate, locale)],
    [t('invoices.fields.kind'), t(`invoices.kind.${invoice.kind}`)],
  ];

  return (
    <>
      <PageHeader
        title={title}
        description={t('invoices.detailDescription')}
        actions={
          <>
            {invoice.number && <PdfLinks id={invoice.id} />}
            {canPay && (
              <Button
                variant="primary"
                onClick={() =>
                  void navigate(
                    `/payments?customerId=${invoice.customerId}&invoiceId=${invoice.id}`,
                  )
                }
              >
                {t('payments.record')}
              </Button>
            )}
            {canWrite && invoice.status === 'draft' && (
              <>
                <Button
                  variant="danger"
                  onClick={() => {
                    removeDraft.reset();
                    setDialog('delete');
                  }}
                >
                  {t('common.delete')}
                </Button>
                <Button
                  variant="primary"
                  onClick={() => {
                    issue.reset();
                    setDialog('issue');
                  }}
                >
                  {t('invoices.manual.issue')}
                </Button>
              </>
            )}
            {canWrite && invoice.status !== 'void' && invoice.status !== 'draft' && (
              <>
                <Button onClick={() => setDialog('reissue')}>{t('invoices.reissue')}</Button>
                <Button variant="danger" onClick={() => setDialog('void')}>
                  {t('invoices.void')}
                </Button>
              </>
            )}
          </>
        }
      />
      <div className="space-y-4">
        {invoice.status === 'void' && (
          <Alert tone="warning" title={t('invoices.voided')}>
            {invoice.voidReason} · {formatDateTime(invoice.voidedAt, locale)}
          </Alert>
        )}
        {invoice.notes && <Alert tone="info">{invoice.notes}</Alert>}
        {invoice.replacesInvoiceId && (
          <Alert tone="info">
            <Link to={`/invoices/${invoice.replacesInvoiceId}`} className="underline">
              {t('invoices.replaces')}
            </Link>
          </Alert>
        )}
        <Card>
          <Facts items={facts} />
        </Card>
        <Card>
          <CardHeader title={t('invoices.lines')} />
          <Lines lines={invoice.lines} />
          <Totals invoice={invoice} />
        </Card>
        <Card>
          <CardHeader title={t('invoices.allocations')} />
          {invoice.allocations.length > 0 ? (
            <Allocations rows={invoice.allocations} />
          ) : (
            <p className="p-4 text-sm text-zinc-500">{t('invoices.noAllocations')}</p>
          )}
        </Card>
      </div>
      <ConfirmDialog
        open={dialog === 'issue'}
        tone="primary"
        title={t('invoices.manual.issueTitle')}
        confirmLabel={t('invoices.manual.issue')}
        pending={issue.isPending}
        error={issue.error}
        onClose={() => setDialog(null)}
        onConfirm={() => issue.mutate(undefined, { onSuccess: () => setDialog(null) })}
      >
        <p>{t('invoices.manual.issueHint')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('invoices.manual.deleteTitle')}
        confirmLabel={t('common.delete')}
        pending={removeDraft.isPending}
        error={removeDraft.error}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          removeDraft.mutate(undefined, { onSuccess: () => void navigate('/invoices') })
        }
      >
        <p>{t('invoices.manual.deleteHint')}</p>
      </ConfirmDialog>
      <ReasonDialog
        name="void-invoice"
        open={dialog === 'void'}
        onClose={() => setDialog(null)}
        title={t('invoices.voidTitle', { number: title })}
        description={t('invoices.voidHint')}
        submitLabel={t('invoices.void')}
        mutation={voidInvoice}
      />
      <ReasonDialog
        name="reissue-invoice"
        tone="primary"
        open={dialog === 'reissue'}
        onClose={() => setDialog(null)}
        title={t('invoices.reissueTitle', { number: title })}
        description={t('invoices.reissueHint')}
        submitLabel={t('invoices.reissue')}
        mutation={reissue}
        onDone={(created) => void navigate(`/invoices/${created.id}`)}
      />
    </>
  );
}
