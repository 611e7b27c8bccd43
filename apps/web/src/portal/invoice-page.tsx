import type { PortalInvoiceDetail } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Card, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { CardHeader } from '../components/section';
import { PageSpinner } from '../components/spinner';
import { Table, Td, Th } from '../components/table';
import { formatDate } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { formatRupiah } from '../lib/network-format';
import { AmountList } from './amount-list';
import { pdfUrl } from './api';
import { PayOnline } from './pay-online';
import { usePortalInvoice } from './session';
import { InvoiceStatusBadge, isOpen } from './status';

function Totals({ invoice }: { invoice: PortalInvoiceDetail }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <AmountList
      className="border-t border-zinc-200 dark:border-zinc-800"
      rows={[
        ['subtotal', t('portal.invoice.subtotal'), invoice.subtotal],
        ['tax', t('portal.invoice.tax'), invoice.tax],
        ['total', t('portal.invoice.total'), invoice.total],
        ['paid', t('portal.invoice.paid'), invoice.paid],
      ]}
      total={['balance-due', t('portal.invoice.balanceDue'), invoice.balanceDue]}
    />
  );
}

/** Paying an open invoice online: the channel chooser, or a calm note when it is not set up. */
function PayBox({ invoice }: { invoice: PortalInvoiceDetail }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!isOpen(invoice.status) || BigInt(invoice.balanceDue) <= 0n) return null;
  return (
    <Card className="space-y-2 p-4">
      <PayOnline
        invoiceIds={[invoice.id]}
        label={t('portal.invoice.payOnline', { amount: formatRupiah(invoice.balanceDue) })}
      />
    </Card>
  );
}

export function InvoicePage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const query = usePortalInvoice(id);

  if (query.isPending) return <PageSpinner label={t('common.loading')} />;
  if (query.error) {
    return (
      <div className="space-y-3">
        <PageHeader title={t('portal.invoice.notFound')} />
        <ProblemAlert error={query.error} />
        <Link to="/portal/invoices" className="text-sm font-medium text-brand-700 hover:underline">
          {t('portal.invoice.back')}
        </Link>
      </div>
    );
  }
  const invoice = query.data;
  const period =
    invoice.periodStart && invoice.periodEnd
      ? `${formatDate(invoice.periodStart, locale)} – ${formatDate(invoice.periodEnd, locale)}`
      : null;
  return (
    <div className="space-y-4" data-invoice-detail={invoice.number ?? ''}>
      <div>
        <Link
          to="/portal/invoices"
          className="text-sm text-zinc-500 hover:text-zinc-800 dark:text-zinc-400"
        >
          ← {t('portal.invoice.back')}
        </Link>
      </div>
      <PageHeader
        title={t('portal.invoice.title', { number: invoice.number })}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <InvoiceStatusBadge status={invoice.status} />
            <span>
              {t('portal.invoice.issuedDue', {
                issued: formatDate(invoice.issueDate, locale),
                due: formatDate(invoice.dueDate, locale),
              })}
            </span>
          </span>
        }
        actions={
          <a
            href={pdfUrl(invoice.id, locale)}
            data-action="download-pdf"
            download={`${invoice.number ?? 'invoice'}.pdf`}
            className="inline-flex h-9 items-center rounded-md border border-zinc-300 bg-white px-3.5 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800"
          >
            {t('portal.invoice.downloadPdf')}
          </a>
        }
      />
      <PayBox invoice={invoice} />
      <Card>
        <CardHeader title={t('portal.invoice.lines')} />
        {period && (
          <p className="px-4 pt-3 text-xs text-zinc-500 dark:text-zinc-400">
            {t('portal.invoice.period', { period })}
          </p>
        )}
        <Table label={t('portal.invoice.lines')}>
          <thead>
            <tr>
              <Th>{t('portal.invoice.description')}</Th>
              <Th className="text-right">{t('portal.invoice.amount')}</Th>
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((line) => (
              <tr key={line.position}>
                <Td>
                  {line.description}
                  {line.quantity > 1 && (
                    <span className="text-zinc-500">
                      {' '}
                      × {line.quantity} @ {formatRupiah(line.unitAmount)}
                    </span>
                  )}
                </Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  {formatRupiah(line.amount)}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <Totals invoice={invoice} />
      </Card>
      {invoice.status === 'void' && invoice.voidReason && (
        <p className="text-sm text-zinc-500">
          {t('portal.invoice.voided', { reason: invoice.voidReason })}
        </p>
      )}
      <Card>
        <CardHeader title={t('portal.invoice.payments')} />
        {invoice.payments.length === 0 ? (
          <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
            {t('portal.invoice.noPayments')}
          </p>
        ) : (
          <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {invoice.payments.map((p, i) => (
              <li key={i} className="flex items-center justify-between gap-3 px-4 py-2.5">
                <div className="min-w-0">
                  <p className={p.reversed ? 'line-through' : undefined}>
                    {p.source === 'credit'
                      ? t('portal.invoice.fromCredit')
                      : `${p.paymentNumber ?? ''} · ${t(`portal.method.${p.method ?? 'cash'}`)}`}
                  </p>
                  <p className="text-xs text-zinc-500 dark:text-zinc-400">
                    {formatDate(p.at, locale)}
                    {p.reversed && ` · ${t('portal.invoice.reversed')}`}
                  </p>
                </div>
                <span className="tabular-nums">{formatRupiah(p.amount)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
