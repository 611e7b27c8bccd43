import type { HealthPoint, InterfacePoint, SeriesRange, TrafficPoint } from '@jaring/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  alignPoints,
  columnTotals,
  seriesDomain,
  type ChartSeries,
} from '../../components/chart-data';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader } from '../../components/section';
import { Spinner } from '../../components/spinner';
import { RangeSelector, TimeChart } from '../../components/time-chart';
import { currentLocale } from '../../lib/i18n';
import { formatBytes } from '../../lib/traffic-format';

/** Download and upload rates of a traffic series, with the volume of the range under it. */
export function TrafficChart({
  points,
  bucketSeconds,
  label,
  testId,
  height,
  showTotals = true,
  mode = 'rate',
  from,
  to,
}: {
  points: readonly TrafficPoint[];
  bucketSeconds: number;
  label: string;
  testId?: string;
  height?: number;
  showTotals?: boolean;
  /** Mean rates (bit/s, for staff) or the volume of each bucket (bytes, for customers). */
  mode?: 'rate' | 'volume';
  /** The range asked for (ISO), drawn whole even where there is no data yet. */
  from?: string;
  to?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const domain = useMemo(() => (from && to ? seriesDomain(from, to) : null), [from, to]);
  const locale = currentLocale();
  const aligned = useMemo(
    () =>
      alignPoints(points, bucketSeconds, [
        (p) => p.downBps,
        (p) => p.upBps,
        (p) => p.down,
        (p) => p.up,
      ]),
    [points, bucketSeconds],
  );
  const [downBps = [], upBps = [], downBytes = [], upBytes = []] = aligned.columns;
  const volume = mode === 'volume';
  const series = useMemo<ChartSeries[]>(
    () => [
      {
        label: t('monitoring.download'),
        color: 'download',
        values: volume ? downBytes : downBps,
        fill: true,
      },
      { label: t('monitoring.upload'), color: 'upload', values: volume ? upBytes : upBps },
    ],
    [t, volume, downBps, upBps, downBytes, upBytes],
  );
  const [totalDown = 0, totalUp = 0] = columnTotals([downBytes, upBytes]);
  return (
    <div className="space-y-1">
      <TimeChart
        label={label}
        times={aligned.times}
        series={series}
        unit={volume ? 'bytes' : 'bps'}
        bucketSeconds={bucketSeconds}
        domain={domain}
        testId={testId}
        points={aligned.points}
        height={height}
      />
      {showTotals && aligned.points > 0 && (
        <p className="px-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="traffic-totals">
          {t('monitoring.rangeTotals', {
            down: formatBytes(totalDown, locale),
            up: formatBytes(totalUp, locale),
          })}
        </p>
      )}
    </div>
  );
}

/** A card section with a title, a range selector and whatever a series query loaded. */
export function SeriesPanel<T>({
  title,
  range,
  onRange,
  ranges,
  query,
  children,
}: {
  title: string;
  range: SeriesRange;
  onRange: (next: SeriesRange) => void;
  ranges?: readonly SeriesRange[];
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      <CardHeader
        title={title}
        actions={
          <span className="flex items-center gap-2">
            {query.isFetching && <Spinner className="size-3 text-zinc-400" />}
            <RangeSelector value={range} onChange={onRange} ranges={ranges} />
          </span>
        }
      />
      <div className="p-3 sm:p-4">
        {query.isError ? (
          <ProblemAlert error={query.error} />
        ) : query.data === undefined ? (
          <div className="flex h-60 items-center justify-center text-zinc-400" role="status">
            <Spinner />
            <span className="sr-only">{t('common.loading')}</span>
          </div>
        ) : (
          children(query.data)
        )}
      </div>
    </>
  );
}

/** CPU, memory, latency and reachability of a router over time, as four small charts. */
export function HealthCharts({
  points,
  bucketSeconds,
  from,
  to,
}: {
  points: readonly HealthPoint[];
  bucketSeconds: number;
  from?: string;
  to?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const domain = useMemo(() => (from && to ? seriesDomain(from, to) : null), [from, to]);
  const aligned = useMemo(
    () =>
      alignPoints(points, bucketSeconds, [
        (p) => p.cpuAvg,
        (p) => p.cpuMax,
        (p) =>
          p.memoryUsed !== null && p.memoryTotal ? (p.memoryUsed / p.memoryTotal) * 100 : null,
        (p) => p.latencyMs,
        (p) => p.up * 100,
      ]),
    [points, bucketSeconds],
  );
  const [cpuAvg = [], cpuMax = [], memory = [], latency = [], up = []] = aligned.columns;
  const charts = useMemo(
    () =>
      [
        {
          key: 'cpu',
          title: t('monitoring.health.cpu'),
          unit: 'percent',
          series: [
            { label: t('monitoring.health.average'), color: 'cpu', values: cpuAvg, fill: true },
            { label: t('monitoring.health.peak'), color: 'peak', values: cpuMax, dashed: true },
          ],
        },
        {
          key: 'memory',
          title: t('monitoring.health.memory'),
          unit: 'percent',
          series: [
            { label: t('monitoring.health.used'), color: 'memory', values: memory, fill: true },
          ],
        },
        {
          key: 'latency',
          title: t('monitoring.health.latency'),
          unit: 'ms',
          series: [{ label: t('monitoring.health.latency'), color: 'latency', values: latency }],
        },
        {
          key: 'uptime',
          title: t('monitoring.health.uptime'),
          unit: 'percent',
          series: [
            { label: t('monitoring.health.reachable'), color: 'uptime', values: up, fill: true },
          ],
        },
      ] as const satisfies readonly {
        key: string;
        title: string;
        unit: 'percent' | 'ms';
        series: readonly ChartSeries[];
      }[],
    [t, cpuAvg, cpuMax, memory, latency, up],
  );
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {charts.map((chart) => (
        <div key={chart.key} data-chart={chart.key} className="min-w-0">
          <h3 className="mb-1 px-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {chart.title}
          </h3>
          <TimeChart
            label={chart.title}
            times={aligned.times}
            series={chart.series}
            unit={chart.unit}
            bucketSeconds={bucketSeconds}
            domain={domain}
            points={aligned.points}
            height={160}
          />
        </div>
      ))}
    </div>
  );
}

/** One interface's receive and transmit rates (means, with peaks dashed). */
export function InterfaceChart({
  points,
  bucketSeconds,
  label,
  from,
  to,
}: {
  points: readonly InterfacePoint[];
  bucketSeconds: number;
  label: string;
  from?: string;
  to?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const domain = useMemo(() => (from && to ? seriesDomain(from, to) : null), [from, to]);
  const aligned = useMemo(
    () =>
      alignPoints(points, bucketSeconds, [
        (p) => p.rxBps,
        (p) => p.txBps,
        (p) => p.rxBpsMax,
        (p) => p.txBpsMax,
      ]),
    [points, bucketSeconds],
  );
  const [rx = [], tx = [], rxMax = [], txMax = []] = aligned.columns;
  const series = useMemo<ChartSeries[]>(
    () => [
      { label: t('monitoring.interfaces.rx'), color: 'download', values: rx, fill: true },
      { label: t('monitoring.interfaces.tx'), color: 'upload', values: tx },
      { label: t('monitoring.interfaces.rxPeak'), color: 'download', values: rxMax, dashed: true },
      { label: t('monitoring.interfaces.txPeak'), color: 'upload', values: txMax, dashed: true },
    ],
    [t, rx, tx, rxMax, txMax],
  );
  return (
    <TimeChart
      label={label}
      times={aligned.times}
      series={series}
      unit="bps"
      bucketSeconds={bucketSeconds}
      domain={domain}
      points={aligned.points}
    />
  );
}
