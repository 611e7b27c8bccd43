import type { PortalUsage, SeriesRange } from '@jaring/contracts';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../components/badge';
import { LiveIndicator } from '../components/live-indicator';
import { Card, EmptyState, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { CardHeader } from '../components/section';
import { PageSpinner, Spinner } from '../components/spinner';
import { RangeSelector } from '../components/time-chart';
import { formatDateTime } from '../lib/format';
import { currentLocale } from '../lib/i18n';
import { useLiveEvents } from '../lib/live-events';
import { formatBytes } from '../lib/traffic-format';
import { TrafficChart } from '../modules/monitoring/charts';
import { portalRequest } from './api';
import { PORTAL_KEY, usePortalCustomer } from './session';

const PORTAL_RANGES: readonly SeriesRange[] = ['24h', '7d', '30d', '12m'];
const USAGE_KEY = [PORTAL_KEY, 'usage'] as const;

function usePortalUsage(
  subscriptionId: string | null,
  range: SeriesRange,
): UseQueryResult<PortalUsage> {
  return useQuery({
    queryKey: [...USAGE_KEY, subscriptionId, range],
    queryFn: () => {
      const query = new URLSearchParams({ range });
      if (subscriptionId) query.set('subscriptionId', subscriptionId);
      return portalRequest<PortalUsage>('GET', `/usage?${query.toString()}`);
    },
    placeholderData: (previous) => previous,
    refetchInterval: 5 * 60_000,
  });
}

function Figure({
  label,
  down,
  up,
  name,
}: {
  label: string;
  down: number;
  up: number;
  name: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Card className="p-4">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{label}</p>
      <p data-figure={name} className="mt-1 text-2xl font-semibold tabular-nums">
        {formatBytes(down + up, locale)}
      </p>
      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
        {t('portalUsage.split', { down: formatBytes(down, locale), up: formatBytes(up, locale) })}
      </p>
    </Card>
  );
}

/** The customer's own usage: online now or not, this and last month, and a chart. */
export function UsagePage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = usePortalCustomer();
  const client = useQueryClient();
  const services = me.subscriptions.filter((s) => s.status !== 'terminated');
  const [chosen, setChosen] = useState<string | null>(null);
  const subscriptionId = chosen ?? services[0]?.id ?? null;
  const [range, setRange] = useState<SeriesRange>('30d');
  const usage = usePortalUsage(subscriptionId, range);
  // Only online/offline changes come live; the usage numbers follow on the next read.
  const live = useLiveEvents(
    '/portal/live/events',
    (event) => {
      if (event.type === 'subscriber.session') {
        void client.invalidateQueries({ queryKey: USAGE_KEY });
      }
    },
    { onReconnect: () => void client.invalidateQueries({ queryKey: USAGE_KEY }) },
  );

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('portalUsage.title')}
        description={t('portalUsage.subtitle')}
        actions={<LiveIndicator status={live} />}
      />
      {services.length > 1 && (
        <label className="block">
          <span className="mb-1 block text-xs font-medium text-zinc-600 dark:text-zinc-300">
            {t('portalUsage.service')}
          </span>
          <select
            name="subscription"
            value={subscriptionId ?? ''}
            onChange={(event) => setChosen(event.target.value)}
            className="block h-10 w-full rounded-md border border-zinc-300 bg-white px-3 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          >
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.planName} · {s.username}
              </option>
            ))}
          </select>
        </label>
      )}
      {usage.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : usage.isError ? (
        <ProblemAlert error={usage.error} />
      ) : usage.data.subscriptionId === null ? (
        <Card>
          <EmptyState title={t('portalUsage.noService')} />
        </Card>
      ) : (
        <>
          <Card className="flex flex-wrap items-center justify-between gap-3 p-4">
            <div className="min-w-0">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">
                {t('portalUsage.connection')}
              </p>
              <p className="mt-1" data-online={usage.data.online}>
                {usage.data.online ? (
                  <Badge tone="success">{t('portalUsage.online')}</Badge>
                ) : (
                  <Badge>{t('portalUsage.offline')}</Badge>
                )}
              </p>
            </div>
            {usage.data.since && (
              <p className="text-right text-xs text-zinc-500 dark:text-zinc-400">
                {t(usage.data.online ? 'portalUsage.onlineSince' : 'portalUsage.offlineSince', {
                  at: formatDateTime(usage.data.since, locale),
                })}
              </p>
            )}
          </Card>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Figure
              name="month"
              label={t('portalUsage.thisMonth')}
              down={usage.data.month.down}
              up={usage.data.month.up}
            />
            <Figure
              name="lastMonth"
              label={t('portalUsage.lastMonth')}
              down={usage.data.lastMonth.down}
              up={usage.data.lastMonth.up}
            />
          </div>
          <Card>
            <CardHeader
              title={t('portalUsage.chart')}
              actions={
                <span className="flex items-center gap-2">
                  {usage.isFetching && <Spinner className="size-3 text-zinc-400" />}
                  <RangeSelector value={range} onChange={setRange} ranges={PORTAL_RANGES} />
                </span>
              }
            />
            <div className="p-3 sm:p-4">
              <TrafficChart
                label={t('portalUsage.chart')}
                points={usage.data.series.points}
                bucketSeconds={usage.data.series.bucketSeconds}
                from={usage.data.series.from}
                to={usage.data.series.to}
                testId="portal-usage-chart"
                height={200}
                mode="volume"
              />
            </div>
          </Card>
        </>
      )}
    </div>
  );
}
