import {
  updateRouterInterfaceSchema,
  updateRouterMonitorSchema,
  type RouterInterface,
  type RouterMonitorDetail,
  type SeriesRange,
} from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { cx } from '../../components/cx';
import { TextField } from '../../components/field';
import { FormDialog, useFormErrors } from '../../components/form-dialog';
import { LiveIndicator } from '../../components/live-indicator';
import { Card } from '../../components/page';
import { DataTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader, Facts } from '../../components/section';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import {
  formatAgo,
  formatBps,
  formatBytes,
  formatDuration,
  formatMs,
  formatNumber,
  formatPercent,
} from '../../lib/traffic-format';
import { useNow } from '../../lib/use-now';
import {
  useInterfaceSeries,
  usePollRouter,
  useRouterHealthSeries,
  useRouterMonitor,
  useRouterTraffic,
  useUpdateInterface,
  useUpdateRouterMonitor,
} from './api';
import { HealthCharts, InterfaceChart, SeriesPanel, TrafficChart } from './charts';
import {
  capacityFromMbps,
  capacityToMbps,
  monitorChanges,
  monitorDraft,
  type MonitorDraft,
} from './monitor-form';
import { RouterStatusLabel } from './status';
import { useMonitoringLive } from './use-monitoring-live';

function UtilisationBar({ percent }: { percent: number | null }): React.JSX.Element {
  const locale = currentLocale();
  if (percent === null) return <span className="text-zinc-400">—</span>;
  const tone = percent >= 90 ? 'bg-red-500' : percent >= 70 ? 'bg-amber-500' : 'bg-emerald-500';
  return (
    <span className="flex items-center justify-end gap-2">
      <span className="hidden h-1.5 w-16 overflow-hidden rounded-full bg-zinc-200 sm:inline-block dark:bg-zinc-800">
        <span
          className={cx('block h-full rounded-full', tone)}
          style={{ width: `${Math.min(100, Math.max(0, percent))}%` }}
        />
      </span>
      <span className="tabular-nums">{formatPercent(percent, locale, 0)}</span>
    </span>
  );
}

function CapacityDialog({
  routerId,
  item,
  onClose,
}: {
  routerId: string;
  item: RouterInterface | null;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const update = useUpdateInterface(routerId);
  const form = useFormErrors();
  const [text, setText] = useState(() => capacityToMbps(item?.capacityBps ?? null));
  const close = (): void => {
    update.reset();
    form.clear();
    onClose();
  };
  return (
    <FormDialog
      name="interface-capacity"
      open={item !== null}
      onClose={close}
      size="sm"
      title={t('monitoring.interfaces.capacityTitle', { name: item?.name ?? '' })}
      submitLabel={t('common.save')}
      pending={update.isPending}
      error={update.error}
      fieldErrors={form.errors}
      onSubmit={() => {
        if (!item) return;
        const parsed = updateRouterInterfaceSchema.safeParse({
          capacityBps: capacityFromMbps(text),
        });
        if (!parsed.success) {
          form.fromIssues(parsed.error);
          return;
        }
        update.mutate(
          { name: item.name, body: parsed.data },
          { onSuccess: close, onError: form.fromError },
        );
      }}
    >
      <TextField
        label={t('monitoring.interfaces.capacityMbps')}
        name="capacityBps"
        inputMode="decimal"
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={form.errors['capacityBps']}
        hint={t('monitoring.interfaces.capacityHint')}
        autoFocus
      />
    </FormDialog>
  );
}

function InterfacesCard({
  detail,
  canWrite,
}: {
  detail: RouterMonitorDetail;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const update = useUpdateInterface(detail.routerId);
  const [editing, setEditing] = useState<RouterInterface | null>(null);
  const [chartOf, setChartOf] = useState<string | null>(null);
  const [range, setRange] = useState<SeriesRange>('24h');
  const series = useInterfaceSeries(detail.routerId, chartOf, range);
  // Uplinks first: they are what an operator watches.
  const rows = [...detail.interfaces].sort(
    (a, b) => Number(b.uplink) - Number(a.uplink) || a.name.localeCompare(b.name),
  );
  return (
    <Card>
      <CardHeader title={t('monitoring.interfaces.title')} />
      <ProblemAlert error={update.error} className="m-3" />
      {rows.length === 0 ? (
        <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
          {t('monitoring.interfaces.empty')}
        </p>
      ) : (
        <DataTable<RouterInterface>
          label={t('monitoring.interfaces.title')}
          rows={rows}
          rowKey={(row) => row.name}
          rowProps={(row) => ({ 'data-interface': row.name })}
          columns={[
            {
              key: 'name',
              header: t('monitoring.interfaces.name'),
              cell: (row) => (
                <span className="flex flex-col">
                  <span className="font-mono text-xs font-medium">{row.name}</span>
                  <span className="text-xs text-zinc-500">{row.type ?? ''}</span>
                </span>
              ),
            },
            {
              key: 'state',
              header: t('monitoring.interfaces.state'),
              cell: (row) =>
                row.disabled ? (
                  <Badge>{t('monitoring.interfaces.disabled')}</Badge>
                ) : row.running ? (
                  <Badge tone="success">{t('monitoring.interfaces.running')}</Badge>
                ) : (
                  <Badge tone="danger">{t('monitoring.interfaces.notRunning')}</Badge>
                ),
            },
            {
              key: 'rx',
              header: t('monitoring.interfaces.rx'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => (
                <span data-rate="rx" data-bps={row.rxBps ?? ''}>
                  {formatBps(row.rxBps, locale)}
                </span>
              ),
            },
            {
              key: 'tx',
              header: t('monitoring.interfaces.tx'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => (
                <span data-rate="tx" data-bps={row.txBps ?? ''}>
                  {formatBps(row.txBps, locale)}
                </span>
              ),
            },
            {
              key: 'utilisation',
              header: t('monitoring.interfaces.utilisation'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => <UtilisationBar percent={row.utilisationPercent} />,
            },
            {
              key: 'capacity',
              header: t('monitoring.interfaces.capacity'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) =>
                canWrite ? (
                  <button
                    type="button"
                    data-action="edit-capacity"
                    onClick={() => setEditing(row)}
                    className="text-brand-700 hover:underline dark:text-brand-300"
                  >
                    {row.capacityBps === null
                      ? t('monitoring.interfaces.setCapacity')
                      : formatBps(row.capacityBps, locale)}
                  </button>
                ) : (
                  formatBps(row.capacityBps, locale)
                ),
            },
            {
              key: 'uplink',
              header: t('monitoring.interfaces.uplink'),
              cell: (row) =>
                canWrite ? (
                  <label className="inline-flex items-center gap-1.5">
                    <input
                      type="checkbox"
                      name={`uplink-${row.name}`}
                      checked={row.uplink}
                      disabled={update.isPending}
                      onChange={(event) =>
                        update.mutate({ name: row.name, body: { uplink: event.target.checked } })
                      }
                    />
                    <span className="sr-only">{t('monitoring.interfaces.uplink')}</span>
                  </label>
                ) : row.uplink ? (
                  <Badge tone="brand">{t('monitoring.interfaces.uplink')}</Badge>
                ) : null,
            },
            {
              key: 'chart',
              header: <span className="sr-only">{t('monitoring.interfaces.chart')}</span>,
              cell: (row) => (
                <Button
                  size="sm"
                  data-action="interface-chart"
                  variant={chartOf === row.name ? 'primary' : 'ghost'}
                  aria-pressed={chartOf === row.name}
                  onClick={() => setChartOf(chartOf === row.name ? null : row.name)}
                >
                  {t('monitoring.interfaces.chart')}
                </Button>
              ),
            },
          ]}
        />
      )}
      {chartOf !== null && (
        <div className="border-t border-zinc-200 dark:border-zinc-800">
          <SeriesPanel
            title={t('monitoring.interfaces.chartTitle', { name: chartOf })}
            range={range}
            onRange={setRange}
            query={series}
          >
            {(data) => (
              <InterfaceChart
                points={data.points}
                bucketSeconds={data.bucketSeconds}
                from={data.from}
                to={data.to}
                label={t('monitoring.interfaces.chartTitle', { name: chartOf })}
              />
            )}
          </SeriesPanel>
        </div>
      )}
      <CapacityDialog
        key={editing?.name ?? ''}
        routerId={detail.routerId}
        item={editing}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}

function SettingsForm({
  detail,
  canWrite,
}: {
  detail: RouterMonitorDetail;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const save = useUpdateRouterMonitor(detail.routerId);
  const form = useFormErrors();
  const [draft, setDraft] = useState<MonitorDraft>(() => monitorDraft(detail.settings));
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof MonitorDraft>(key: K, value: MonitorDraft[K]): void => {
    setSaved(false);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  return (
    <Card>
      <CardHeader title={t('monitoring.settings.title')} />
      <form
        name="router-monitor"
        noValidate
        className="space-y-4 p-4"
        onSubmit={(event) => {
          event.preventDefault();
          const parsed = updateRouterMonitorSchema.safeParse(
            monitorChanges(detail.settings, draft),
          );
          if (!parsed.success) {
            form.fromIssues(parsed.error);
            return;
          }
          form.clear();
          save.mutate(parsed.data, {
            onSuccess: (next) => {
              setDraft(monitorDraft(next.settings));
              setSaved(true);
            },
            onError: form.fromError,
          });
        }}
      >
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            disabled={!canWrite}
            onChange={(event) => set('enabled', event.target.checked)}
          />
          {t('monitoring.settings.enabled')}
        </label>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('monitoring.settings.healthInterval')}
            name="healthIntervalS"
            inputMode="numeric"
            value={draft.healthIntervalS}
            onChange={(event) => set('healthIntervalS', event.target.value)}
            error={form.errors['healthIntervalS']}
            hint={t('monitoring.settings.healthIntervalHint')}
            disabled={!canWrite}
          />
          <TextField
            label={t('monitoring.settings.usageInterval')}
            name="usageIntervalS"
            inputMode="numeric"
            value={draft.usageIntervalS}
            onChange={(event) => set('usageIntervalS', event.target.value)}
            error={form.errors['usageIntervalS']}
            hint={t('monitoring.settings.usageIntervalHint')}
            disabled={!canWrite}
          />
        </div>
        {Object.keys(form.errors).length === 0 && <ProblemAlert error={save.error} />}
        {saved && <Alert tone="success">{t('monitoring.settings.saved')}</Alert>}
        {canWrite && (
          <div className="flex justify-end">
            <Button type="submit" variant="primary" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}

/** Health, charts, interfaces and monitor settings of one router, live. */
export function RouterMonitoring({
  routerId,
  canWrite,
}: {
  routerId: string;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const detail = useRouterMonitor(routerId);
  const live = useMonitoringLive();
  const poll = usePollRouter(routerId);
  const now = useNow(30_000);
  const [healthRange, setHealthRange] = useState<SeriesRange>('24h');
  const [trafficRange, setTrafficRange] = useState<SeriesRange>('24h');
  const health = useRouterHealthSeries(routerId, healthRange);
  const traffic = useRouterTraffic(routerId, trafficRange);

  return (
    <section id="monitoring" aria-labelledby="monitoring-heading" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="monitoring-heading" className="flex items-center gap-3 text-sm font-semibold">
          {t('monitoring.routerSection')}
          <LiveIndicator status={live} />
        </h2>
        {canWrite && (
          <Button
            size="sm"
            data-action="poll"
            loading={poll.isPending}
            onClick={() => poll.mutate()}
          >
            {t('monitoring.pollNow')}
          </Button>
        )}
      </div>
      <ProblemAlert error={poll.error} />
      {detail.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : detail.isError ? (
        <ProblemAlert error={detail.error} />
      ) : (
        <>
          {detail.data.lastError && detail.data.status !== 'up' && (
            <Alert tone="warning" title={t('monitoring.lastError')}>
              {detail.data.lastError}
            </Alert>
          )}
          {!detail.data.monitoringEnabled && (
            <Alert tone="info">{t('monitoring.disabledHint')}</Alert>
          )}
          <Card>
            <CardHeader title={t('monitoring.health.title')} />
            <Facts
              items={[
                [
                  t('monitoring.statusColumn'),
                  <span key="status" className="flex flex-wrap items-center gap-2">
                    <RouterStatusLabel routerId={routerId} status={detail.data.status} />
                    <span className="text-xs font-normal text-zinc-500">
                      {t('monitoring.since', {
                        ago: formatAgo(detail.data.statusSince, locale, now),
                      })}
                    </span>
                  </span>,
                ],
                [t('monitoring.latency'), formatMs(detail.data.latencyMs, locale)],
                [t('monitoring.cpu'), formatPercent(detail.data.cpuLoad, locale, 0)],
                [
                  t('monitoring.memory'),
                  detail.data.memoryUsed !== null && detail.data.memoryTotal
                    ? `${formatBytes(detail.data.memoryUsed, locale)} / ${formatBytes(detail.data.memoryTotal, locale)} (${formatPercent((detail.data.memoryUsed / detail.data.memoryTotal) * 100, locale, 0)})`
                    : '—',
                ],
                [t('monitoring.uptime'), formatDuration(detail.data.uptimeS, locale)],
                [t('monitoring.sessions'), formatNumber(detail.data.activeSessions, locale)],
                [
                  t('monitoring.temperature'),
                  detail.data.temperatureC === null
                    ? '—'
                    : `${formatNumber(detail.data.temperatureC, locale, 1)} °C`,
                ],
                [
                  t('monitoring.voltage'),
                  detail.data.voltageV === null
                    ? '—'
                    : `${formatNumber(detail.data.voltageV, locale, 1)} V`,
                ],
                [
                  t('monitoring.versionBoard'),
                  [detail.data.version, detail.data.board].filter(Boolean).join(' · ') || '—',
                ],
                [
                  t('monitoring.lastPoll'),
                  <span key="poll" title={formatDateTime(detail.data.lastPollAt, locale)}>
                    {formatAgo(detail.data.lastPollAt, locale, now)}
                  </span>,
                ],
                [
                  t('monitoring.openAlerts'),
                  <Link
                    key="alerts"
                    to={`/alerts?routerId=${routerId}`}
                    className={cx(
                      'hover:underline',
                      detail.data.openAlerts > 0
                        ? 'text-red-700 dark:text-red-400'
                        : 'text-brand-700 dark:text-brand-300',
                    )}
                  >
                    {detail.data.openAlerts}
                  </Link>,
                ],
              ]}
            />
          </Card>
          <Card>
            <SeriesPanel
              title={t('monitoring.health.charts')}
              range={healthRange}
              onRange={setHealthRange}
              query={health}
            >
              {(data) => (
                <HealthCharts
                  points={data.points}
                  bucketSeconds={data.bucketSeconds}
                  from={data.from}
                  to={data.to}
                />
              )}
            </SeriesPanel>
          </Card>
          <Card>
            <SeriesPanel
              title={t('monitoring.routerTraffic')}
              range={trafficRange}
              onRange={setTrafficRange}
              query={traffic}
            >
              {(data) => (
                <TrafficChart
                  label={t('monitoring.routerTraffic')}
                  points={data.points}
                  bucketSeconds={data.bucketSeconds}
                  from={data.from}
                  to={data.to}
                  testId="router-traffic-chart"
                />
              )}
            </SeriesPanel>
          </Card>
          <InterfacesCard detail={detail.data} canWrite={canWrite} />
          <SettingsForm detail={detail.data} canWrite={canWrite} />
        </>
      )}
    </section>
  );
}
