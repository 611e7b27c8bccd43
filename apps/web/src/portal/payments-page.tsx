import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { Card, EmptyState, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { Table, Td, Th } from '../components/table';
import { formatDate } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { formatRupiah } from '../lib/network-format';
import { PendingCheckouts } from './pending-checkouts';
import { usePortalPayments } from './session';

export function PaymentsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const payments = usePortalPayments();
  const rows = payments.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <div className="space-y-4">
      <PageHeader title={t('portal.payments.title')} description={t('portal.payments.subtitle')} />
      <PendingCheckouts />
      <Card>
        {payments.isPending ? (
          <PageSpinner label={t('common.loading')} />
        ) : payments.error ? (
          <ProblemAlert error={payments.error} className="m-4" />
        ) : rows.length === 0 ? (
          <EmptyState title={t('portal.payments.empty')} />
        ) : (
          <Table label={t('portal.payments.title')}>
            <thead>
              <tr>
                <Th>{t('portal.payments.receipt')}</Th>
                <Th className="text-right">{t('portal.payments.amount')}</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((payment) => (
                <tr key={payment.id} data-payment={payment.number}>
                  <Td>
                    <p className="font-medium">
                      {payment.number}
                      {payment.status === 'reversed' && (
                        <>
                          {' '}
                          <Badge tone="danger">{t('portal.payments.reversed')}</Badge>
                        </>
                      )}
                    </p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      {formatDate(payment.receivedAt, locale)} ·{' '}
                      {t(`portal.method.${payment.method}`)}
                    </p>
                    {payment.invoices.length > 0 && (
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        {t('portal.payments.for')}{' '}
                        {payment.invoices.map((inv, i) => (
                          <span key={inv.invoiceId}>
                            {i > 0 && ', '}
                            <Link
                              to={`/portal/invoices/${inv.invoiceId}`}
                              className="text-brand-700 hover:underline dark:text-brand-400"
                            >
                              {inv.invoiceNumber}
                            </Link>
                          </span>
                        ))}
                      </p>
                    )}
                    {BigInt(payment.credited) > 0n && (
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        {t('portal.payments.credited', {
                          amount: formatRupiah(payment.credited),
                        })}
                      </p>
                    )}
                  </Td>
                  <Td className="text-right align-top whitespace-nowrap tabular-nums">
                    {formatRupiah(payment.amount)}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {payments.hasNextPage && (
          <div className="flex justify-center p-3">
            <Button
              onClick={() => void payments.fetchNextPage()}
              loading={payments.isFetchingNextPage}
            >
              {t('portal.common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
