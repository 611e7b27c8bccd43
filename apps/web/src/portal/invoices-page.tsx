import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../components/button';
import { Card, EmptyState, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { Table, Td, Th } from '../components/table';
import { formatDate } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { formatRupiah } from '../lib/network-format';
import { usePortalInvoices } from './session';
import { PayAllOutstanding } from './pay-online';
import { InvoiceStatusBadge, isOpen } from './status';

export function InvoicesPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const invoices = usePortalInvoices();
  const rows = invoices.data?.pages.flatMap((p) => p.data) ?? [];
  const openCount = rows.filter((invoice) => isOpen(invoice.status)).length;
  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.invoices.title')} description={t('portal.invoices.subtitle')} />
      <PayAllOutstanding enabled={openCount > 1} />
      <Card>
        {invoices.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : invoices.error ? (
          <ProblemAlert error={invoices.error} className="m-4" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('portal.invoices.empty')} />
        ) : (
          <Table label={t('portal.invoices.title')}>
            <thead>
              <tr>
                <Th>{t('portal.invoices.number')}</Th>
                <Th className="hidden sm:table-cell">{t('portal.invoices.dueDate')}</Th>
                <Th className="text-right">{t('portal.invoices.total')}</Th>
                <Th>{t('portal.invoices.status')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((invoice) => (
                <tr key={invoice.id} data-invoice={invoice.number ?? ''}>
                  <Td>
                    <Link
                      to={`/portal/invoices/${invoice.id}`}
                      className="font-medium text-brand-700 hover:underline dark:text-brand-400"
                    >
                      {invoice.number}
                    </Link>
                    <p className="text-xs text-zinc-500 sm:hidden dark:text-zinc-400">
                      {t('portal.invoices.due', { date: formatDate(invoice.dueDate, locale) })}
                    </p>
                  </Td>
                  <Td className="hidden whitespace-nowrap sm:table-cell">
                    {formatDate(invoice.dueDate, locale)}
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">
                    {formatRupiah(invoice.total)}
                  </Td>
                  <Td>
                    <InvoiceStatusBadge status={invoice.status} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {invoices.hasNextPage && (
          <div className="flex justify-center p-3">
            <Button
              onClick={() => void invoices.fetchNextPage()}
              loading={invoices.isFetchingNextPage}
            >
              {t('portal.common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
