import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Money } from '../../components/money';
import { Card } from '../../components/page';
import { DataTable, QueryState, type Column } from '../../components/paged-table';
import { CardHeader } from '../../components/section';
import { currentLocale } from '../../lib/i18n';
import { useGatewayStats } from './api';
import { ChannelLabel } from './channel-label';
import { useChannelNames } from './channel-names';
import {
  formatApplySeconds,
  formatSuccessRate,
  sortStatsRows,
  type StatsRow,
} from './stats-format';

const DAYS = 30;

/** The dashboard's view of online payments: how often they succeed and how fast money lands. */
export function GatewayStatsCard(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const channels = useChannelNames();
  const stats = useGatewayStats(DAYS);
  const rows = sortStatsRows(stats.data?.rows ?? []);
  const columns: Column<StatsRow>[] = [
    {
      key: 'channel',
      header: t('gatewayStats.channel'),
      cell: (row) => (
        <ChannelLabel
          gateway={row.gateway}
          name={
            row.channel === null
              ? t('gatewayStats.noChannel')
              : channels.name(row.gateway, row.channel)
          }
        />
      ),
    },
    {
      key: 'transactions',
      header: t('gatewayStats.transactions'),
      numeric: true,
      className: 'hidden sm:table-cell',
      cell: (row) => row.transactions,
    },
    {
      key: 'success',
      header: t('gatewayStats.successRate'),
      numeric: true,
      cell: (row) => formatSuccessRate(row.successRate, locale),
    },
    {
      key: 'p50',
      header: t('gatewayStats.p50'),
      numeric: true,
      cell: (row) => formatApplySeconds(row.applySecondsP50, locale),
    },
    {
      key: 'p95',
      header: t('gatewayStats.p95'),
      numeric: true,
      cell: (row) => formatApplySeconds(row.applySecondsP95, locale),
    },
    {
      key: 'paid',
      header: t('gatewayStats.paidTotal'),
      numeric: true,
      className: 'hidden md:table-cell',
      cell: (row) => <Money amount={row.paidTotal} />,
    },
  ];
  return (
    <Card className="mt-5">
      <div data-testid="gateway-stats">
        <CardHeader
          title={t('gatewayStats.title', { days: DAYS })}
          actions={
            <Link
              to="/payments/online"
              className="text-xs font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              {t('gatewayStats.viewAll')}
            </Link>
          }
        />
        <QueryState
          pending={stats.isPending}
          error={stats.isError ? stats.error : null}
          empty={rows.length === 0}
          emptyTitle={t('gatewayStats.empty')}
          emptyHint={t('gatewayStats.emptyHint')}
        >
          <DataTable
            label={t('gatewayStats.title', { days: DAYS })}
            rows={rows}
            columns={columns}
            rowKey={(row) => `${row.gateway}:${row.channel ?? ''}`}
            rowProps={(row) => ({ 'data-stats': `${row.gateway}:${row.channel ?? ''}` })}
          />
          <p className="px-4 py-2 text-xs text-zinc-500 dark:text-zinc-400">
            {t('gatewayStats.hint')}
          </p>
        </QueryState>
      </div>
    </Card>
  );
}
