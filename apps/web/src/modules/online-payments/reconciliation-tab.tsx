import type { GatewayReconciliation } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../components/alert';
import { todayIso } from '../../components/dates';
import { FilterInput } from '../../components/filters';
import { GatewayStatusBadge } from '../../components/gateway-status-badge';
import { Money } from '../../components/money';
import { EmptyState } from '../../components/page';
import { DataTable, FilterBar, QueryState, type Column } from '../../components/paged-table';
import { transactionPage, useGatewayReconciliation } from './api';

type GatewayFigures = GatewayReconciliation['gateways'][number];
type Discrepancy = GatewayReconciliation['discrepancies'][number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** One day's online payments per gateway, and every transaction where Jaring and the gateway differ. */
export function ReconciliationTab(): React.JSX.Element {
  const { t } = useTranslation();
  const [date, setDate] = useState(() => todayIso(new Date(Date.now() - DAY_MS)));
  const report = useGatewayReconciliation(date);
  return (
    <>
      <FilterBar className="lg:grid-flow-row lg:grid-cols-4">
        <FilterInput
          label={t('onlinePayments.reconciliation.date')}
          name="date"
          type="date"
          value={date}
          max={todayIso()}
          onChange={(event) => setDate(event.target.value || todayIso())}
        />
      </FilterBar>
      <QueryState
        pending={report.isPending}
        error={report.isError ? report.error : null}
        empty={false}
        emptyTitle=""
      >
        {report.data && <ReconciliationReport report={report.data} />}
      </QueryState>
    </>
  );
}

function ReconciliationReport({ report }: { report: GatewayReconciliation }): React.JSX.Element {
  const { t } = useTranslation();
  const count = (key: keyof GatewayFigures, header: string): Column<GatewayFigures> => ({
    key,
    header,
    numeric: true,
    cell: (row) => row[key],
  });
  const figures: Column<GatewayFigures>[] = [
    {
      key: 'gateway',
      header: t('onlinePayments.fields.gateway'),
      cell: (row) => t(`gateway.name.${row.gateway}`),
    },
    count('transactions', t('onlinePayments.reconciliation.transactions')),
    {
      key: 'paid',
      header: t('onlinePayments.reconciliation.paid'),
      numeric: true,
      cell: (row) => (
        <>
          <Money amount={row.paidTotal} />
          <span className="block text-xs text-zinc-500">{row.paid}×</span>
        </>
      ),
    },
    {
      key: 'applied',
      header: t('onlinePayments.reconciliation.applied'),
      numeric: true,
      cell: (row) => (
        <>
          <Money amount={row.appliedTotal} />
          <span className="block text-xs text-zinc-500">{row.applied}×</span>
        </>
      ),
    },
    count('pending', t('onlinePayments.reconciliation.pending')),
    count('failed', t('onlinePayments.reconciliation.failed')),
    count('expired', t('onlinePayments.reconciliation.expired')),
    count('refunded', t('onlinePayments.reconciliation.refunded')),
    count('inReview', t('onlinePayments.reconciliation.inReview')),
  ];
  const discrepancies: Column<Discrepancy>[] = [
    {
      key: 'kind',
      header: t('onlinePayments.reconciliation.kind'),
      cell: (row) => t(`gateway.discrepancy.${row.kind}`),
    },
    {
      key: 'order',
      header: t('onlinePayments.fields.orderId'),
      cell: (row) => (
        <Link
          to={transactionPage(row.transactionId)}
          className="font-mono text-xs font-medium break-all text-brand-700 hover:underline dark:text-brand-300"
        >
          {row.orderId}
        </Link>
      ),
    },
    {
      key: 'customer',
      header: t('onlinePayments.fields.customer'),
      className: 'hidden font-mono text-xs sm:table-cell',
      headerClassName: 'hidden sm:table-cell',
      cell: (row) => row.customerNumber,
    },
    {
      key: 'status',
      header: t('onlinePayments.fields.status'),
      cell: (row) => <GatewayStatusBadge status={row.status} />,
    },
    {
      key: 'payment',
      header: t('onlinePayments.fields.payment'),
      className: 'hidden font-mono text-xs md:table-cell',
      headerClassName: 'hidden md:table-cell',
      cell: (row) => row.paymentNumber ?? '—',
    },
    {
      key: 'total',
      header: t('onlinePayments.fields.total'),
      numeric: true,
      cell: (row) => <Money amount={row.total} />,
    },
  ];
  return (
    <div data-reconciliation={report.date}>
      <p className="px-4 pt-3 text-xs text-zinc-500 dark:text-zinc-400">
        {t('onlinePayments.reconciliation.timezone', { timezone: report.timezone })}
      </p>
      {report.gateways.length === 0 ? (
        <EmptyState title={t('onlinePayments.reconciliation.empty')} />
      ) : (
        <DataTable
          label={t('onlinePayments.reconciliation.figures')}
          rows={report.gateways}
          columns={figures}
          rowKey={(row) => row.gateway}
          rowProps={(row) => ({ 'data-gateway': row.gateway })}
        />
      )}
      <h3 className="px-4 pt-4 pb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">
        {t('onlinePayments.reconciliation.discrepancies')}
      </h3>
      {report.discrepancies.length === 0 ? (
        <Alert tone="success" className="mx-4 mb-4">
          {t('onlinePayments.reconciliation.noDiscrepancies')}
        </Alert>
      ) : (
        <DataTable
          label={t('onlinePayments.reconciliation.discrepancies')}
          rows={report.discrepancies}
          columns={discrepancies}
          rowKey={(row) => `${row.kind}:${row.transactionId}`}
          rowProps={(row) => ({ 'data-discrepancy': row.kind, 'data-transaction': row.orderId })}
        />
      )}
    </div>
  );
}
