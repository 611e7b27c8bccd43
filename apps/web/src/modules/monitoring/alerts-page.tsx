import { ALERT_RULES, alertActionSchema, type Alert } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert as Notice } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { FilterSelect } from '../../components/filters';
import { LiveIndicator } from '../../components/live-indicator';
import { Card, PageHeader } from '../../components/page';
import { FilterBar, PagedTable } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { Facts } from '../../components/section';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { formatDuration, secondsBetween } from '../../lib/traffic-format';
import { useNow } from '../../lib/use-now';
import { TextAreaField } from '../notifications/templates';
import { detailEntries, filtersFromParams, paramsFromFilters } from './alert-details';
import { useAlert, useAlertAction, useAlerts, type AlertFilters } from './api';
import { MonitoringTabs } from './monitoring-tabs';
import { AlertStatusBadge, SeverityBadge } from './status';
import { useMonitoringLive } from './use-monitoring-live';

function alertDuration(alert: Pick<Alert, 'openedAt' | 'resolvedAt'>, now: number): number | null {
  return secondsBetween(alert.openedAt, alert.resolvedAt, now);
}

/** ` · Name`, or a short form of the user id when the server sends no name. */
function by(name: string | null | undefined, id: string | null): string {
  if (name) return ` · ${name}`;
  return id ? ` · ${id.slice(0, 8)}` : '';
}

function DetailValueText({
  value,
}: {
  value: string | number | boolean | null;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (value === null) return <span className="text-zinc-400">—</span>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  return <span className="font-mono text-xs break-all">{String(value)}</span>;
}

function AlertDetail({ alert, canWrite }: { alert: Alert; canWrite: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = useNow(30_000);
  const action = useAlertAction();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const details = detailEntries(alert.details);
  const act = (kind: 'acknowledge' | 'resolve'): void => {
    const parsed = alertActionSchema.safeParse({ note: note.trim() === '' ? undefined : note });
    if (!parsed.success) {
      setError(t('alerts.noteTooLong'));
      return;
    }
    setError(undefined);
    action.mutate(
      { id: alert.id, action: kind, body: parsed.data },
      { onSuccess: () => setNote('') },
    );
  };
  return (
    <div className="space-y-4" data-alert-detail={alert.id}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alert.severity} />
        <AlertStatusBadge status={alert.status} />
        <span className="text-xs text-zinc-500 dark:text-zinc-400">
          {t(`alerts.rules.${alert.rule}`)}
        </span>
      </div>
      <div className="-mx-4 -my-2">
        <Facts
          items={[
            [t('alerts.opened'), formatDateTime(alert.openedAt, locale)],
            [t('alerts.duration'), formatDuration(alertDuration(alert, now), locale)],
            [t('alerts.lastTriggered'), formatDateTime(alert.lastTriggeredAt, locale)],
            [t('alerts.flaps'), String(alert.flapCount)],
            [
              t('alerts.entity'),
              <span key="entity" className="break-all">
                {t(`alerts.entityTypes.${alert.entityType}`)}
                {alert.entityId && <span className="font-mono text-xs"> · {alert.entityId}</span>}
              </span>,
            ],
            [
              t('monitoring.router'),
              alert.routerId ? (
                <Link
                  key="router"
                  to={`/routers/${alert.routerId}`}
                  className="text-brand-700 hover:underline dark:text-brand-300"
                >
                  {t('alerts.openRouter')}
                </Link>
              ) : (
                '—'
              ),
            ],
            [
              t('alerts.acknowledged'),
              alert.acknowledgedAt
                ? `${formatDateTime(alert.acknowledgedAt, locale)}${by(alert.acknowledgedByName, alert.acknowledgedBy)}`
                : '—',
            ],
            [
              t('alerts.resolved'),
              alert.resolvedAt
                ? `${formatDateTime(alert.resolvedAt, locale)}${alert.resolvedBy ? by(alert.resolvedByName, alert.resolvedBy) : ` · ${t('alerts.resolvedItself')}`}`
                : '—',
            ],
            [t('alerts.note'), alert.note ?? '—'],
          ]}
        />
      </div>
      {details.length > 0 && (
        <div>
          <h3 className="mb-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
            {t('alerts.details')}
          </h3>
          <dl className="divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
            {details.map(([key, value]) => (
              <div
                key={key}
                data-detail={key}
                className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-3 px-3 py-1.5"
              >
                <dt className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
                  {key}
                </dt>
                <dd>
                  <DetailValueText value={value} />
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {canWrite && alert.status !== 'resolved' && (
        <div className="space-y-3 border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <TextAreaField
            label={t('alerts.noteLabel')}
            name="note"
            rows={2}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            error={error}
            className="font-sans text-sm"
          />
          <ProblemAlert error={action.error} />
          <div className="flex flex-wrap justify-end gap-2">
            {alert.status === 'open' && (
              <Button
                data-action="acknowledge"
                loading={action.isPending && action.variables.action === 'acknowledge'}
                disabled={action.isPending}
                onClick={() => act('acknowledge')}
              >
                {t('alerts.acknowledge')}
              </Button>
            )}
            <Button
              variant="primary"
              data-action="resolve"
              loading={action.isPending && action.variables.action === 'resolve'}
              disabled={action.isPending}
              onClick={() => act('resolve')}
            >
              {t('alerts.resolve')}
            </Button>
          </div>
        </div>
      )}
      {action.isSuccess && <Notice tone="success">{t(`alerts.done.${action.data.status}`)}</Notice>}
    </div>
  );
}

function AlertDialog({
  id,
  onClose,
  canWrite,
}: {
  id: string | null;
  onClose: () => void;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const alert = useAlert(id);
  return (
    <Dialog
      open={id !== null}
      onClose={onClose}
      title={alert.data?.title ?? t('alerts.alert')}
      size="lg"
    >
      {alert.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : alert.isError ? (
        <ProblemAlert error={alert.error} />
      ) : (
        <AlertDetail key={alert.data.id} alert={alert.data} canWrite={canWrite} />
      )}
    </Dialog>
  );
}

/** Open, acknowledged and resolved alerts, filterable, live. */
export function AlertsPage(): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useCurrentUser();
  const canWrite = can(me, 'monitoring:write');
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const selected = params.get('id');
  const alerts = useAlerts(filters);
  const live = useMonitoringLive();
  const now = useNow(30_000);

  const update = (next: Partial<AlertFilters>, id: string | null = selected): void =>
    setParams(paramsFromFilters({ ...filters, ...next }, id), { replace: true });

  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        description={t('alerts.description')}
        actions={<LiveIndicator status={live} />}
      />
      <MonitoringTabs />
      <Card>
        <FilterBar>
          <FilterSelect
            name="status"
            label={t('alerts.filters.status')}
            value={filters.status}
            onChange={(status) => update({ status: status || 'active' })}
            options={(['active', 'open', 'acknowledged', 'resolved', 'all'] as const).map(
              (value) => ({ value, label: t(`alerts.filters.statuses.${value}`) }),
            )}
          />
          <FilterSelect
            name="severity"
            label={t('alerts.filters.severity')}
            value={filters.severity}
            allLabel={t('alerts.filters.allSeverities')}
            onChange={(severity) => update({ severity })}
            options={(['critical', 'warning', 'info'] as const).map((value) => ({
              value,
              label: t(`alerts.severity.${value}`),
            }))}
          />
          <FilterSelect
            name="rule"
            label={t('alerts.filters.rule')}
            value={filters.rule}
            allLabel={t('alerts.filters.allRules')}
            onChange={(rule) => update({ rule })}
            options={ALERT_RULES.map((value) => ({ value, label: t(`alerts.rules.${value}`) }))}
          />
          {(filters.routerId || filters.entityId) && (
            <div className="flex items-center">
              <Button
                size="sm"
                variant="ghost"
                onClick={() => update({ routerId: '', entityId: '' })}
              >
                {t('alerts.filters.clearEntity')}
              </Button>
            </div>
          )}
        </FilterBar>
        <PagedTable<Alert>
          query={alerts}
          label={t('alerts.title')}
          emptyTitle={t('alerts.empty')}
          emptyHint={t('alerts.emptyHint')}
          rowKey={(row) => row.id}
          rowProps={(row) => ({
            'data-testid': `alert-row-${row.id}`,
            'data-status': row.status,
            'data-severity': row.severity,
          })}
          columns={[
            {
              key: 'severity',
              header: t('alerts.severityColumn'),
              cell: (row) => <SeverityBadge severity={row.severity} />,
            },
            {
              key: 'title',
              header: t('alerts.titleColumn'),
              className: 'min-w-56',
              cell: (row) => (
                <button
                  type="button"
                  onClick={() => update({}, row.id)}
                  className="text-left font-medium text-brand-700 hover:underline dark:text-brand-300"
                >
                  {row.title}
                  <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                    {t(`alerts.rules.${row.rule}`)}
                  </span>
                </button>
              ),
            },
            {
              key: 'opened',
              header: t('alerts.opened'),
              cell: (row) => (
                <span className="whitespace-nowrap">{formatDateTime(row.openedAt, locale)}</span>
              ),
            },
            {
              key: 'duration',
              header: t('alerts.duration'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => formatDuration(alertDuration(row, now), locale),
            },
            {
              key: 'status',
              header: t('alerts.statusColumn'),
              cell: (row) => <AlertStatusBadge status={row.status} />,
            },
            {
              key: 'flaps',
              header: t('alerts.flaps'),
              numeric: true,
              className: 'whitespace-nowrap',
              cell: (row) => row.flapCount,
            },
          ]}
        />
      </Card>
      <AlertDialog id={selected} onClose={() => update({}, null)} canWrite={canWrite} />
    </>
  );
}
