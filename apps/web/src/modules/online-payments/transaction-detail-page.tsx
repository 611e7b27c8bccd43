import type { GatewayTransactionDetail } from '@jaring/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { GatewayStatusBadge } from '../../components/gateway-status-badge';
import { Money } from '../../components/money';
import { Card, PageHeader } from '../../components/page';
import { QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader, Facts } from '../../components/section';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { CustomerName } from '../invoices/customer-name';
import { useCheckTransaction, useGatewayTransaction } from './api';
import { ReviewBadge } from './badges';
import { useChannelNames } from './channel-names';
import { EventTimeline } from './event-timeline';
import { TransactionActions } from './transaction-actions';

const LINK = 'font-mono text-xs text-brand-700 hover:underline dark:text-brand-300';

/** One online payment attempt: what was asked, what the gateway said, and what Jaring did. */
export function TransactionDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const query = useGatewayTransaction(id);
  const check = useCheckTransaction(id);
  const tx = query.data;
  return (
    <>
      <PageHeader
        title={tx?.orderId ?? t('onlinePayments.title')}
        description={
          <Link to="/payments/online" className="hover:underline">
            ← {t('onlinePayments.back')}
          </Link>
        }
        actions={tx && can(me, 'payments:write') && <TransactionActions tx={tx} check={check} />}
      />
      <QueryState
        pending={query.isPending}
        error={query.isError ? query.error : null}
        empty={false}
        emptyTitle=""
      >
        {tx && (
          <div className="space-y-4" data-transaction={tx.orderId} data-status={tx.status}>
            <ProblemAlert error={check.error} />
            {check.isSuccess && (
              <Alert tone="success">
                {t('onlinePayments.actions.checked', {
                  status: t(`gateway.status.${check.data.status}`),
                })}
              </Alert>
            )}
            {tx.review && (
              <Alert tone="warning" title={t(`gateway.review.${tx.review}`)}>
                <p>{t(`onlinePayments.reviewExplain.${tx.review}`)}</p>
                {tx.reviewNote && <p className="mt-1">{tx.reviewNote}</p>}
              </Alert>
            )}
            {!tx.review && tx.reviewedAt && (
              <Alert tone="info" title={t('onlinePayments.reviewClosed')}>
                {tx.reviewNote} · {formatDateTime(tx.reviewedAt, currentLocale())}
              </Alert>
            )}
            <Card>
              <CardHeader title={t('onlinePayments.detail')} />
              <TransactionFacts tx={tx} />
            </Card>
            <Card>
              <CardHeader title={t('onlinePayments.event.title')} />
              <EventTimeline events={tx.events} />
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}

function TransactionFacts({ tx }: { tx: GatewayTransactionDetail }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const channels = useChannelNames();
  const when = (iso: string | null): string => formatDateTime(iso, locale);
  const items: [string, ReactNode][] = [
    [
      t('onlinePayments.fields.status'),
      <span className="inline-flex flex-wrap gap-1">
        <GatewayStatusBadge status={tx.status} />
        {tx.review && <ReviewBadge reason={tx.review} />}
      </span>,
    ],
    [
      t('onlinePayments.fields.customer'),
      <CustomerName id={tx.customerId} name={tx.customerName} number={tx.customerNumber} />,
    ],
    [t('onlinePayments.fields.gateway'), t(`gateway.name.${tx.gateway}`)],
    [t('onlinePayments.fields.channel'), channels.name(tx.gateway, tx.channel)],
    [
      t('onlinePayments.fields.reference'),
      <span className="font-mono">{tx.reference ?? '—'}</span>,
    ],
    [
      t('onlinePayments.fields.gatewayStatus'),
      <span className="font-mono">{tx.gatewayStatus ?? '—'}</span>,
    ],
    [t('onlinePayments.fields.amount'), <Money amount={tx.amount} />],
    [t('onlinePayments.fields.fee'), <Money amount={tx.fee} />],
    [t('onlinePayments.fields.total'), <Money amount={tx.total} />],
  ];
  if (tx.receivedTotal !== null) {
    items.push([
      t('onlinePayments.fields.receivedTotal'),
      <Money amount={tx.receivedTotal} className="text-red-700 dark:text-red-400" />,
    ]);
  }
  items.push(
    [
      t('onlinePayments.fields.invoices'),
      tx.invoiceIds.length === 0 ? (
        '—'
      ) : (
        <span className="flex flex-wrap gap-x-2">
          {tx.invoiceIds.map((invoiceId, index) => (
            <Link key={invoiceId} to={`/invoices/${invoiceId}`} className={LINK}>
              {tx.invoiceNumbers[index] ?? invoiceId}
            </Link>
          ))}
        </span>
      ),
    ],
    [
      t('onlinePayments.fields.payment'),
      tx.paymentId ? (
        <Link to={`/payments/${tx.paymentId}`} className={LINK} data-payment-link>
          {tx.paymentNumber ?? tx.paymentId}
        </Link>
      ) : (
        '—'
      ),
    ],
    [t('onlinePayments.fields.payCode'), <span className="font-mono">{tx.payCode ?? '—'}</span>],
    [t('onlinePayments.fields.createdAt'), when(tx.createdAt)],
    [t('onlinePayments.fields.expiresAt'), when(tx.expiresAt)],
    [t('onlinePayments.fields.paidAt'), when(tx.paidAt)],
    [t('onlinePayments.fields.appliedAt'), when(tx.appliedAt)],
    [t('onlinePayments.fields.lastCheckedAt'), when(tx.lastCheckedAt)],
  );
  if (tx.redirectUrl) {
    items.push([
      t('onlinePayments.fields.paymentPage'),
      <a href={tx.redirectUrl} target="_blank" rel="noopener noreferrer" className={LINK}>
        {t('onlinePayments.openPaymentPage')}
      </a>,
    ]);
  }
  return (
    <>
      <Facts items={items} />
      {tx.error && (
        <Alert tone="error" className="mx-4 mb-4" title={t('onlinePayments.fields.error')}>
          {tx.error}
        </Alert>
      )}
    </>
  );
}
