import type { DeviceDetail, DeviceTask } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert } from '../../components/alert';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Card, EmptyState, PageHeader } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { CardHeader, Facts } from '../../components/section';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { can, useCurrentUser } from '../../lib/session';
import { formatAgo, formatDuration } from '../../lib/traffic-format';
import { useNow } from '../../lib/use-now';
import { useDevice, useUnlinkDevice } from './api';
import { DeviceActions } from './device-actions';
import { DeviceOnline, MatchStateBadge, RxPower } from './device-status';
import { LinkDeviceDialog } from './link-dialog';
import { RX_CLASS_TEXT, deviceRxClass } from './signal';
import { TaskNotice, TaskTable } from './task-list';

/** Who the device belongs to, and the link/unlink buttons. */
function LinkCard({
  device,
  canWrite,
}: {
  device: DeviceDetail;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const unlink = useUnlinkDevice();
  const [linking, setLinking] = useState(false);
  const [unlinking, setUnlinking] = useState(false);
  const [automatic, setAutomatic] = useState(false);
  const link = device.link;
  return (
    <Card>
      <CardHeader
        title={t('devices.detail.customer')}
        actions={
          canWrite && (
            <>
              <Button size="sm" data-action="link" onClick={() => setLinking(true)}>
                {link ? t('deviceLink.change') : t('deviceLink.button')}
              </Button>
              {link && (
                <Button
                  size="sm"
                  variant="ghost"
                  data-action="unlink"
                  onClick={() => {
                    unlink.reset();
                    setAutomatic(false);
                    setUnlinking(true);
                  }}
                >
                  {t('deviceLink.unlink')}
                </Button>
              )}
            </>
          )
        }
      />
      {link ? (
        <div className="flex flex-wrap items-center justify-between gap-2 p-4">
          <div className="min-w-0">
            <Link
              to={`/customers/${link.customerId}`}
              className="font-medium text-brand-700 hover:underline dark:text-brand-300"
            >
              {link.customerName}
            </Link>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              <span className="font-mono">{link.customerNumber}</span>
              {' · '}
              <span className="font-mono">{link.username}</span>
            </p>
          </div>
          <MatchStateBadge state={device.matchState} />
        </div>
      ) : (
        <div className="space-y-2 p-4 text-sm">
          <MatchStateBadge state={device.matchState} />
          <p className="text-zinc-500 dark:text-zinc-400">
            {t(`devices.matchHint.${device.matchState}`)}
          </p>
        </div>
      )}
      <LinkDeviceDialog device={linking ? device : null} onClose={() => setLinking(false)} />
      <ConfirmDialog
        open={unlinking}
        title={t('deviceLink.unlinkTitle')}
        confirmLabel={t('deviceLink.unlink')}
        pending={unlink.isPending}
        error={unlink.error}
        onClose={() => setUnlinking(false)}
        onConfirm={() =>
          unlink.mutate(
            {
              deviceId: device.id,
              body: { automatic },
              customerIds: link ? [link.customerId] : [],
            },
            { onSuccess: () => setUnlinking(false) },
          )
        }
      >
        <p>
          {t('deviceLink.unlinkBody', {
            serial: device.serial,
            name: link?.customerName ?? '',
          })}
        </p>
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            name="automatic"
            checked={automatic}
            onChange={(event) => setAutomatic(event.target.checked)}
            className="mt-1"
          />
          <span>{t('deviceLink.automatic')}</span>
        </label>
      </ConfirmDialog>
    </Card>
  );
}

/** One device: identity, status, optical and WAN facts, WiFi, tasks, and what staff can do. */
export function DeviceDetailPage(): React.JSX.Element {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useCurrentUser();
  const locale = currentLocale();
  const now = useNow(30_000);
  const device = useDevice(id);
  const [queued, setQueued] = useState<DeviceTask | null>(null);
  const canWrite = can(me, 'devices:write');

  if (device.isPending) return <PageSpinner label={t('common.loading')} />;
  if (device.isError) return <ProblemAlert error={device.error} />;
  const d = device.data;
  // The action just taken, as the device's task list now reports it.
  const lastTask =
    queued && queued.deviceId === d.id
      ? (d.tasks.find((task) => task.id === queued.id) ?? queued)
      : null;
  const rxClass = deviceRxClass(d.rxPowerDbm, d.weakSignal);
  const title = [d.manufacturer, d.model ?? d.productClass].filter(Boolean).join(' ');

  return (
    <>
      <nav className="mb-2 text-sm">
        <Link to="/devices" className="text-zinc-500 hover:underline dark:text-zinc-400">
          ← {t('devices.title')}
        </Link>
      </nav>
      <PageHeader
        title={d.serial}
        description={
          <span className="flex flex-wrap items-center gap-1.5">
            <DeviceOnline online={d.online} />
            {title && <span>· {title}</span>}
            {d.pendingTasks > 0 && (
              <Badge tone="brand">{t('devices.pendingTasks', { count: d.pendingTasks })}</Badge>
            )}
          </span>
        }
        actions={
          canWrite && (
            <DeviceActions device={d} customerId={d.link?.customerId} onQueued={setQueued} />
          )
        }
      />
      <div className="space-y-4">
        {d.stale && <Alert tone="warning">{t('devices.detail.stale')}</Alert>}
        {lastTask && (
          <TaskNotice
            task={lastTask}
            online={d.online}
            testId={false}
            onDismiss={() => setQueued(null)}
          />
        )}
        {rxClass === 'weak' && (
          <Alert tone="error" title={t('devices.detail.weakTitle')}>
            {t('devices.detail.weakBody')}
          </Alert>
        )}
        <LinkCard device={d} canWrite={canWrite} />
        <Card>
          <CardHeader title={t('devices.detail.status')} />
          <Facts
            items={[
              [t('devices.fields.status'), <DeviceOnline key="online" online={d.online} />],
              [
                t('devices.fields.lastInform'),
                <span key="inform" title={formatDateTime(d.lastInformAt, locale)}>
                  {formatAgo(d.lastInformAt, locale, now)}
                </span>,
              ],
              [t('devices.fields.uptime'), formatDuration(d.uptimeS, locale)],
              [
                t('devices.fields.rxPower'),
                <span key="rx" className="inline-flex flex-wrap items-baseline gap-1.5">
                  <RxPower dbm={d.rxPowerDbm} weakSignal={d.weakSignal} />
                  <span className={`text-xs ${RX_CLASS_TEXT[rxClass]}`}>
                    {t(`devices.rx.${rxClass}`)}
                  </span>
                </span>,
              ],
              [
                t('devices.fields.hosts'),
                d.hostsCount === null ? '—' : t('devices.hostsCount', { count: d.hostsCount }),
              ],
              [t('devices.fields.syncedAt'), formatDateTime(d.syncedAt, locale)],
            ]}
          />
        </Card>
        <Card>
          <CardHeader title={t('devices.detail.wan')} />
          <Facts
            items={[
              [
                t('devices.fields.pppoe'),
                <span key="pppoe" className="font-mono">
                  {d.pppoeUsername ?? '—'}
                </span>,
              ],
              [
                t('devices.fields.wanIp'),
                <span key="ip" className="font-mono">
                  {d.wanIp ?? '—'}
                </span>,
              ],
            ]}
          />
        </Card>
        <Card>
          <CardHeader title={t('devices.detail.wifi')} />
          {d.ssids.length === 0 ? (
            <p className="p-4 text-sm text-zinc-500 dark:text-zinc-400">
              {t('devices.detail.noSsids')}
            </p>
          ) : (
            <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {d.ssids.map((ssid) => (
                <li
                  key={ssid.index}
                  data-ssid-index={ssid.index}
                  className="flex items-center justify-between gap-3 px-4 py-2.5 text-sm"
                >
                  <span className="min-w-0 font-medium break-all">{ssid.ssid || '—'}</span>
                  <span className="shrink-0 text-xs text-zinc-500 dark:text-zinc-400">
                    {ssid.band ?? t('deviceActions.wifi.instance', { index: ssid.index })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title={t('devices.detail.identity')} />
          <Facts
            items={[
              [
                t('devices.fields.serial'),
                <span key="serial" className="font-mono">
                  {d.serial}
                </span>,
              ],
              [t('devices.fields.manufacturer'), d.manufacturer ?? '—'],
              [t('devices.fields.model'), d.model ?? '—'],
              [t('devices.fields.productClass'), d.productClass],
              [
                t('devices.fields.oui'),
                <span key="oui" className="font-mono">
                  {d.oui}
                </span>,
              ],
              [
                t('devices.fields.firmware'),
                <span key="fw" className="font-mono">
                  {d.firmware ?? '—'}
                </span>,
              ],
              [
                t('devices.fields.dataModel'),
                d.dataModel ? t(`devices.dataModel.${d.dataModel}`) : '—',
              ],
              [t('devices.fields.acsServer'), d.acsServerName],
              [
                t('devices.fields.acsDeviceId'),
                <span key="acsid" className="font-mono text-xs break-all">
                  {d.acsDeviceId}
                </span>,
              ],
              [
                t('devices.fields.tags'),
                d.tags.length === 0 ? (
                  '—'
                ) : (
                  <span key="tags" className="flex flex-wrap gap-1">
                    {d.tags.map((tag) => (
                      <Badge key={tag}>{tag}</Badge>
                    ))}
                  </span>
                ),
              ],
            ]}
          />
        </Card>
        {d.parameters.length > 0 && (
          <Card>
            <CardHeader title={t('devices.detail.parameters')} />
            <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
              {d.parameters.map((parameter) => (
                <div
                  key={parameter.name}
                  className="grid gap-1 px-4 py-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] sm:gap-4"
                >
                  <dt className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
                    {parameter.name}
                  </dt>
                  <dd className="font-mono text-xs break-all">{parameter.value}</dd>
                </div>
              ))}
            </dl>
          </Card>
        )}
        <Card>
          <CardHeader title={t('devices.detail.tasks')} />
          {d.tasks.length === 0 ? (
            <EmptyState title={t('devices.detail.noTasks')} />
          ) : (
            <TaskTable tasks={d.tasks} label={t('devices.detail.tasks')} />
          )}
        </Card>
      </div>
    </>
  );
}
