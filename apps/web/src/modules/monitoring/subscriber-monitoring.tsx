import type {
  SeriesRange,
  SubscriberMonitor,
  SubscriberSession,
  Subscription,
  UsageTotals,
} from '@jaring/contracts';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { LiveIndicator } from '../../components/live-indicator';
import { Card } from '../../components/page';
import { LoadMore, QueryState, DataTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { pagedRows } from '../../components/resource';
import { CardHeader } from '../../components/section';
import { Spinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import {
  formatAgo,
  formatBps,
  formatBytes,
  formatDuration,
  secondsBetween,
} from '../../lib/traffic-format';
import { useNow } from '../../lib/use-now';
import {
  useLiveRate,
  useSubscriberMonitor,
  useSubscriberSessions,
  useSubscriberTraffic,
} from './api';
import { SeriesPanel, TrafficChart } from './charts';
import { useMonitoringLive } from './use-monitoring-live';

/** Whether an element is on screen (at least partly), so polling can stop when it is not. */
function useInView(ref: RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(([entry]) =>
      setInView(entry?.isIntersecting ?? false),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return inView;
}

export function SubscriberStateBadge({
  monitor,
}: {
  monitor: Pick<SubscriberMonitor, 'online' | 'routerDown'>;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (monitor.routerDown) {
    return (
      <span data-state="router-down">
        <Badge tone="danger">{t('monitoring.subscriber.routerDown')}</Badge>
      </span>
    );
  }
  return monitor.online ? (
    <span data-state="online">
      <Badge tone="success">{t('monitoring.subscriber.online')}</Badge>
    </span>
  ) : (
    <span data-state="offline">
      <Badge>{t('monitoring.subscriber.offline')}</Badge>
    </span>
  );
}

function Usage({
  label,
  totals,
  name,
}: {
  label: string;
  totals: UsageTotals;
  name: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div
      data-usage={name}
      className="rounded-md border border-zinc-200 px-3 py-2 dark:border-zinc-800"
    >
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{label}</p>
      <p className="mt-0.5 font-semibold tabular-nums">
        {formatBytes(totals.down + totals.up, locale)}
      </p>
      <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        ↓ {formatBytes(totals.down, locale)} · ↑ {formatBytes(totals.up, locale)}
        <span className="sr-only">
          {t('monitoring.download')} {formatBytes(totals.down, locale)}, {t('monitoring.upload')}{' '}
          {formatBytes(totals.up, locale)}
        </span>
      </p>
    </div>
  );
}

function CurrentSession({
  subscriptionId,
  monitor,
  active,
}: {
  subscriptionId: string;
  monitor: SubscriberMonitor;
  /** The card is on screen: poll the live rate. */
  active: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow(1000, active);
  const online = monitor.online && !monitor.routerDown;
  const rate = useLiveRate(subscriptionId, active && online && monitor.session !== null);
  const session = monitor.session;
  if (!session || !online) {
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        {monitor.routerDown
          ? t('monitoring.subscriber.routerDownHint')
          : monitor.lastSeenAt
            ? t('monitoring.subscriber.lastSeen', { ago: formatAgo(monitor.lastSeenAt, locale) })
            : t('monitoring.subscriber.neverSeen')}
      </p>
    );
  }
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
      <div>
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoring.subscriber.address')}
        </dt>
        <dd className="font-mono text-xs font-medium break-all">{session.address ?? '—'}</dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoring.subscriber.callerId')}
        </dt>
        <dd className="font-mono text-xs font-medium break-all">{session.callerId ?? '—'}</dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoring.subscriber.since')}
        </dt>
        <dd className="font-medium" title={formatDateTime(session.startedAt, locale)}>
          {formatDuration(secondsBetween(session.startedAt, null, now), locale)}
          {session.routerName && (
            <span className="block text-xs font-normal text-zinc-500">{session.routerName}</span>
          )}
        </dd>
      </div>
      <div data-testid="live-rate" data-online={rate.data?.online ?? ''}>
        <dt className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {t('monitoring.subscriber.liveRate')}
          {rate.isFetching && <Spinner className="size-2.5" />}
        </dt>
        <dd className="font-medium tabular-nums">
          {rate.isError ? (
            <span className="text-xs text-zinc-500">
              {t('monitoring.subscriber.liveRateError')}
            </span>
          ) : rate.data ? (
            <>
              <span data-rate="down">↓ {formatBps(rate.data.downBps, locale)}</span>
              <span className="block" data-rate="up">
                ↑ {formatBps(rate.data.upBps, locale)}
              </span>
            </>
          ) : (
            '—'
          )}
        </dd>
      </div>
    </dl>
  );
}

function SessionHistory({ subscriptionId }: { subscriptionId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const sessions = useSubscriberSessions(subscriptionId);
  const rows = pagedRows(sessions.data);
  return (
    <>
      <QueryState
        pending={sessions.isPending}
        error={sessions.isError ? sessions.error : null}
        empty={rows.length === 0}
        emptyTitle={t('monitoring.subscriber.noSessions')}
      >
        <DataTable<SubscriberSession>
          label={t('monitoring.subscriber.sessions')}
          rows={rows}
          rowKey={(row) => row.id}
          rowProps={(row) => ({ 'data-session': row.id })}
          columns={[
            {
              key: 'started',
              header: t('monitoring.subscriber.started'),
              cell: (row) => (
                <span className="whitespace-nowrap">{formatDateTime(row.startedAt, locale)}</span>
              ),
            },
            {
              key: 'duration',
              header: t('monitoring.subscriber.duration'),
              cell: (row) =>
                row.endedAt ? (
                  formatDuration(secondsBetween(row.startedAt, row.endedAt), locale)
                ) : (
                  <Badge tone="success">{t('monitoring.subscriber.current')}</Badge>
                ),
            },
            {
              key: 'address',
              header: t('monitoring.subscriber.address'),
              cell: (row) => <span className="font-mono text-xs">{row.address ?? '—'}</span>,
            },
            {
              key: 'callerId',
              header: t('monitoring.subscriber.callerId'),
              cell: (row) => <span className="font-mono text-xs">{row.callerId ?? '—'}</span>,
            },
            {
              key: 'router',
              header: t('monitoring.router'),
              cell: (row) => row.routerName ?? '—',
            },
            {
              key: 'down',
              header: t('monitoring.download'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.bytesDown, locale),
            },
            {
              key: 'up',
              header: t('monitoring.upload'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatBytes(row.bytesUp, locale),
            },
            {
              key: 'endReason',
              header: t('monitoring.subscriber.endReason'),
              cell: (row) => (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {row.endReason ?? ''}
                </span>
              ),
            },
          ]}
        />
      </QueryState>
      <LoadMore query={sessions} />
    </>
  );
}

function SubscriberCard({ subscription }: { subscription: Subscription }): React.JSX.Element {
  const { t } = useTranslation();
  const frame = useRef<HTMLElement>(null);
  const visible = useInView(frame);
  const monitor = useSubscriberMonitor(subscription.id);
  const [range, setRange] = useState<SeriesRange>('24h');
  const traffic = useSubscriberTraffic(subscription.id, range);
  return (
    <Card>
      <article
        ref={frame}
        data-subscriber-monitor={subscription.username}
        className="divide-y divide-zinc-200 dark:divide-zinc-800"
      >
        <header className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
          <h3 className="font-mono text-sm font-semibold break-all">{subscription.username}</h3>
          {monitor.data && <SubscriberStateBadge monitor={monitor.data} />}
        </header>
        {monitor.isPending ? (
          <div className="flex justify-center p-4 text-zinc-400" role="status">
            <Spinner />
          </div>
        ) : monitor.isError ? (
          <ProblemAlert error={monitor.error} className="m-3" />
        ) : (
          <div className="space-y-3 p-4">
            <CurrentSession
              subscriptionId={subscription.id}
              monitor={monitor.data}
              active={visible}
            />
            <div className="grid grid-cols-1 gap-2 min-[420px]:grid-cols-3">
              <Usage name="today" label={t('monitoring.usage.today')} totals={monitor.data.today} />
              <Usage name="month" label={t('monitoring.usage.month')} totals={monitor.data.month} />
              <Usage
                name="lastMonth"
                label={t('monitoring.usage.lastMonth')}
                totals={monitor.data.lastMonth}
              />
            </div>
          </div>
        )}
        <div>
          <SeriesPanel
            title={t('monitoring.subscriber.traffic')}
            range={range}
            onRange={setRange}
            query={traffic}
          >
            {(data) => (
              <TrafficChart
                label={t('monitoring.subscriber.trafficOf', { username: subscription.username })}
                points={data.points}
                bucketSeconds={data.bucketSeconds}
                from={data.from}
                to={data.to}
                testId="subscriber-traffic-chart"
              />
            )}
          </SeriesPanel>
        </div>
        <div>
          <CardHeader title={t('monitoring.subscriber.sessions')} />
          <SessionHistory subscriptionId={subscription.id} />
        </div>
      </article>
    </Card>
  );
}

/** Online state, live rate, usage, traffic and session history of a customer's services. */
export function SubscriberMonitoring({
  subscriptions,
}: {
  subscriptions: readonly Subscription[];
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const shown = subscriptions.filter((s) => s.status !== 'terminated');
  const live = useMonitoringLive({ enabled: shown.length > 0 });
  if (shown.length === 0) return null;
  return (
    <section aria-labelledby="subscriber-monitoring-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="subscriber-monitoring-heading" className="text-sm font-semibold">
          {t('monitoring.subscriber.title')}
        </h2>
        <LiveIndicator status={live} />
      </div>
      {shown.map((subscription) => (
        <SubscriberCard key={subscription.id} subscription={subscription} />
      ))}
    </section>
  );
}
