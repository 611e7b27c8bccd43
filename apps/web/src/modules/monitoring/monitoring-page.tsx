import type { MonitoringSummary, RouterHealth, TopTalker } from '@jaring/contracts';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cx } from '../../components/cx';
import { LiveIndicator } from '../../components/live-indicator';
import { Card, PageHeader } from '../../components/page';
import { DataTable, QueryState } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader } from '../../components/section';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import {
  formatAgo,
  formatBytes,
  formatDuration,
  formatMs,
  formatNumber,
  formatPercent,
  secondsBetween,
} from '../../lib/traffic-format';
import { useNow } from '../../lib/use-now';
import { useMonitoringSummary, useRouterHealthList } from './api';
import { TrafficChart } from './charts';
import { LiveAlerts } from './live-alerts';
import { pushArrived, routerCounts, sortRouters, type ArrivedAlert } from './live-cache';
import { MonitoringTabs } from './monitoring-tabs';
import { RouterStatusLabel, StatusDot } from './status';
import { useMonitoringLive } from './use-monitoring-live';

function Tile({
  label,
  name,
  children,
  footer,
}: {
  label: string;
  name: string;
  children: ReactNode;
  footer?: ReactNode;
}): React.JSX.Element {
  return (
    <Card className="flex min-w-0 flex-col p-4">
      <p className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</p>
      <div data-figure={name} className="mt-1 text-2xl font-semibold tabular-nums">
        {children}
      </div>
      {footer && <div className="mt-auto pt-2 text-xs">{footer}</div>}
    </Card>
  );
}

function RouterTile({ counts }: { counts: MonitoringSummary['routers'] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Tile
      name="routers"
      label={t('monitoring.routersTile')}
      footer={
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          {(['up', 'down', 'unknown'] as const).map((status) => (
            <span
              key={status}
              data-count={status}
              className="inline-flex items-center gap-1.5 text-zinc-600 dark:text-zinc-300"
            >
              <StatusDot status={status} className="size-2" />
              <span className="font-semibold tabular-nums">{counts[status]}</span>
              {t(`monitoring.status.${status}`)}
            </span>
          ))}
        </span>
      }
    >
      <span className={cx(counts.down > 0 && 'text-red-700 dark:text-red-400')}>
        {counts.up}
        <span className="text-base font-normal text-zinc-400"> / {counts.total}</span>
      </span>
    </Tile>
  );
}

function AlertsTile({ alerts }: { alerts: MonitoringSummary['alerts'] }): React.JSX.Element {
  const { t } = useTranslation();
  const tones = {
    critical: 'text-red-700 dark:text-red-300',
    warning: 'text-amber-700 dark:text-amber-300',
    info: 'text-sky-700 dark:text-sky-300',
  } as const;
  return (
    <Tile
      name="alerts"
      label={t('monitoring.openAlerts')}
      footer={
        <span className="flex flex-wrap gap-x-3 gap-y-1">
          {(['critical', 'warning', 'info'] as const).map((severity) => (
            <Link
              key={severity}
              to={`/alerts?severity=${severity}`}
              data-count={severity}
              className={cx('hover:underline', tones[severity])}
            >
              <span className="font-semibold tabular-nums">{alerts[severity]}</span>{' '}
              {t(`alerts.severity.${severity}`)}
            </Link>
          ))}
        </span>
      }
    >
      <Link to="/alerts" className="hover:underline">
        {alerts.open}
      </Link>
    </Tile>
  );
}

function TopTalkers({ rows }: { rows: readonly TopTalker[] }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card className="min-w-0">
      <CardHeader title={t('monitoring.topTalkers')} />
      <QueryState
        pending={false}
        error={null}
        empty={rows.length === 0}
        emptyTitle={t('monitoring.noTopTalkers')}
      >
        <DataTable<TopTalker>
          label={t('monitoring.topTalkers')}
          rows={rows}
          rowKey={(row) => row.subscriptionId}
          rowProps={(row) => ({ 'data-subscription': row.username })}
          columns={[
            {
              key: 'customer',
              header: t('monitoring.customer'),
              cell: (row) => (
                <Link
                  to={`/customers/${row.customerId}`}
                  className="font-medium text-brand-700 hover:underline dark:text-brand-300"
                >
                  {row.customerName}
                </Link>
              ),
            },
            {
              key: 'username',
              header: t('monitoring.username'),
              cell: (row) => <span className="font-mono text-xs">{row.username}</span>,
            },
            {
              key: 'down',
              header: t('monitoring.download'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.down, locale),
            },
            {
              key: 'up',
              header: t('monitoring.upload'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.up, locale),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

function memoryPercent(router: RouterHealth): number | null {
  if (router.memoryUsed === null || !router.memoryTotal) return null;
  return (router.memoryUsed / router.memoryTotal) * 100;
}

/** Every router with its health, the ones that are down first. */
export function RouterHealthTable({
  routers,
  now,
}: {
  routers: readonly RouterHealth[];
  now: number;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const sorted = useMemo(() => sortRouters(routers), [routers]);
  return (
    <DataTable<RouterHealth>
      label={t('monitoring.routers')}
      rows={sorted}
      rowKey={(row) => row.routerId}
      rowProps={(row) => ({
        'data-router': row.name,
        'data-router-status': row.status,
      })}
      columns={[
        {
          key: 'name',
          header: t('monitoring.router'),
          cell: (row) => (
            <span className="flex min-w-0 flex-col">
              <Link
                to={`/routers/${row.routerId}`}
                className="font-medium whitespace-nowrap text-brand-700 hover:underline dark:text-brand-300"
              >
                {row.name}
              </Link>
              {!row.monitoringEnabled && (
                <span className="text-xs text-zinc-500">{t('monitoring.notMonitored')}</span>
              )}
            </span>
          ),
        },
        {
          key: 'status',
          header: t('monitoring.statusColumn'),
          cell: (row) => (
            <span className="flex flex-col whitespace-nowrap">
              <RouterStatusLabel routerId={row.routerId} status={row.status} />
              <span
                className="text-xs text-zinc-500 dark:text-zinc-400"
                title={formatDateTime(row.statusSince, locale)}
              >
                {t('monitoring.for', {
                  duration: formatDuration(secondsBetween(row.statusSince, null, now), locale),
                })}
              </span>
            </span>
          ),
        },
        {
          key: 'latency',
          header: t('monitoring.latency'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) => formatMs(row.latencyMs, locale),
        },
        {
          key: 'cpu',
          header: t('monitoring.cpu'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) => formatPercent(row.cpuLoad, locale, 0),
        },
        {
          key: 'memory',
          header: t('monitoring.memory'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) => formatPercent(memoryPercent(row), locale, 0),
        },
        {
          key: 'uptime',
          header: t('monitoring.uptime'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) => formatDuration(row.uptimeS, locale),
        },
        {
          key: 'sessions',
          header: t('monitoring.sessions'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) => formatNumber(row.activeSessions, locale),
        },
        {
          key: 'alerts',
          header: t('monitoring.alerts'),
          numeric: true,
          className: 'whitespace-nowrap',
          cell: (row) =>
            row.openAlerts > 0 ? (
              <Link
                to={`/alerts?routerId=${row.routerId}`}
                className="font-semibold text-red-700 hover:underline dark:text-red-400"
              >
                {row.openAlerts}
              </Link>
            ) : (
              <span className="text-zinc-400">0</span>
            ),
        },
        {
          key: 'lastPoll',
          header: t('monitoring.lastPoll'),
          cell: (row) => (
            <span
              className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400"
              title={row.lastError ?? undefined}
            >
              {formatAgo(row.lastPollAt, locale, now)}
            </span>
          ),
        },
      ]}
    />
  );
}

/** The network at a glance: routers up and down, sessions, alerts, throughput, heavy users. */
export function MonitoringPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const summary = useMonitoringSummary();
  const routers = useRouterHealthList();
  const now = useNow(30_000);
  const [arrived, setArrived] = useState<ArrivedAlert[]>([]);
  const live = useMonitoringLive({
    onAlert: (type, alert) => {
      if (type === 'alert.opened' || arrived.some((item) => item.alert.id === alert.id)) {
        setArrived((list) => pushArrived(list, alert, Date.now()));
      }
    },
  });

  const routerList = routers.data?.data;
  // The list is what live events update first; its counts win over the summary's.
  const counts = routerList ? routerCounts(routerList) : summary.data?.routers;

  return (
    <>
      <PageHeader
        title={t('monitoring.title')}
        description={t('monitoring.description')}
        actions={<LiveIndicator status={live} />}
      />
      <MonitoringTabs />
      <LiveAlerts
        alerts={arrived}
        onDismiss={(id) => setArrived((list) => list.filter((item) => item.alert.id !== id))}
      />
      {summary.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : summary.isError ? (
        <ProblemAlert error={summary.error} />
      ) : (
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {counts && <RouterTile counts={counts} />}
            <Tile name="sessions" label={t('monitoring.activeSessions')}>
              {formatNumber(summary.data.activeSessions, locale)}
            </Tile>
            <AlertsTile alerts={summary.data.alerts} />
            <Tile
              name="uptime"
              label={t('monitoring.uptime30d')}
              footer={
                <span className="text-zinc-500 dark:text-zinc-400">
                  {t('monitoring.uptime30dHint')}
                </span>
              }
            >
              {formatPercent(summary.data.uptimePercent30d, locale, 2)}
            </Tile>
          </div>
          <Card>
            <CardHeader title={t('monitoring.throughput')} />
            <div className="p-3 sm:p-4">
              <TrafficChart
                label={t('monitoring.throughput')}
                points={summary.data.throughput}
                bucketSeconds={300}
                from={new Date(Date.parse(summary.data.generatedAt) - 86_400_000).toISOString()}
                to={summary.data.generatedAt}
                testId="throughput-chart"
              />
            </div>
          </Card>
          <Card className="min-w-0">
            <CardHeader title={t('monitoring.routers')} />
            <QueryState
              pending={routers.isPending}
              error={routers.isError ? routers.error : null}
              empty={(routerList ?? []).length === 0}
              emptyTitle={t('monitoring.noRouters')}
            >
              <RouterHealthTable routers={routerList ?? []} now={now} />
            </QueryState>
          </Card>
          <TopTalkers rows={summary.data.topTalkers} />
        </div>
      )}
    </>
  );
}
