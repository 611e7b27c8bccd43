import type { GatewayTransaction } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GatewayStatusBadge } from '../../components/gateway-status-badge';
import { Money } from '../../components/money';
import { PagedTable, type Column } from '../../components/paged-table';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { CustomerName } from '../invoices/customer-name';
import { transactionPage, useGatewayTransactions, type TransactionFilters } from './api';
import { ReviewBadge } from './badges';
import { ChannelLabel } from './channel-label';
import { useChannelNames } from './channel-names';

/** Online payment attempts as a paged table, newest first, each linking to its detail page. */
export function TransactionsTable({
  filters,
  withCustomer = true,
  pageSize,
  emptyTitle,
}: {
  filters: TransactionFilters;
  withCustomer?: boolean;
  pageSize?: number;
  emptyTitle?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const channels = useChannelNames();
  const query = useGatewayTransactions(filters, pageSize);
  const columns: (Column<GatewayTransaction> | false)[] = [
    {
      key: 'order',
      header: t('onlinePayments.fields.orderId'),
      cell: (tx) => (
        <Link
          to={transactionPage(tx.id)}
          className="font-mono text-xs font-medium break-all text-brand-700 hover:underline dark:text-brand-300"
        >
          {tx.orderId}
        </Link>
      ),
    },
    withCustomer && {
      key: 'customer',
      header: t('onlinePayments.fields.customer'),
      cell: (tx) => (
        <CustomerName id={tx.customerId} name={tx.customerName} number={tx.customerNumber} />
      ),
    },
    {
      key: 'channel',
      header: t('onlinePayments.fields.channel'),
      className: 'hidden md:table-cell',
      cell: (tx) => (
        <ChannelLabel gateway={tx.gateway} name={channels.name(tx.gateway, tx.channel)} />
      ),
    },
    {
      key: 'status',
      header: t('onlinePayments.fields.status'),
      cell: (tx) => (
        <span className="inline-flex flex-wrap gap-1">
          <GatewayStatusBadge status={tx.status} />
          {tx.review && <ReviewBadge reason={tx.review} />}
        </span>
      ),
    },
    {
      key: 'created',
      header: t('onlinePayments.fields.createdAt'),
      className: 'hidden text-xs whitespace-nowrap sm:table-cell',
      cell: (tx) => formatDateTime(tx.createdAt, locale),
    },
    {
      key: 'total',
      header: t('onlinePayments.fields.total'),
      numeric: true,
      cell: (tx) => <Money amount={tx.total} />,
    },
  ];
  return (
    <PagedTable
      label={t('onlinePayments.transactions')}
      query={query}
      columns={columns.filter((c): c is Column<GatewayTransaction> => c !== false)}
      rowKey={(tx) => tx.id}
      rowProps={(tx) => ({ 'data-transaction': tx.orderId, 'data-status': tx.status })}
      emptyTitle={emptyTitle ?? t('onlinePayments.empty')}
    />
  );
}
