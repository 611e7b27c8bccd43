import type { Device, DeviceTask } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, EmptyState } from '../../components/page';
import { ProblemAlert } from '../../components/problem-alert';
import { PageSpinner } from '../../components/spinner';
import { formatDateTime } from '../../lib/format';
import { currentLocale } from '../../lib/i18n';
import { formatAgo } from '../../lib/traffic-format';
import { useCustomerDevices } from './api';
import { DeviceActions } from './device-actions';
import { DeviceOnline, RxPower } from './device-status';
import { TaskNotice } from './task-list';

/** The newest task of a device among the customer's recent tasks. */
function latestTask(tasks: readonly DeviceTask[], deviceId: string): DeviceTask | undefined {
  return tasks
    .filter((task) => task.deviceId === deviceId)
    .reduce<DeviceTask | undefined>(
      (newest, task) => (!newest || task.createdAt > newest.createdAt ? task : newest),
      undefined,
    );
}

function DeviceCard({
  device,
  customerId,
  tasks,
  canWrite,
}: {
  device: Device;
  customerId: string;
  tasks: readonly DeviceTask[];
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [queued, setQueued] = useState<DeviceTask | null>(null);
  const newest = latestTask(tasks, device.id);
  // The task just queued here, as the server now reports it; else the device's newest task.
  const shown = queued ? (tasks.find((task) => task.id === queued.id) ?? queued) : newest;
  const model = [device.manufacturer, device.model ?? device.productClass]
    .filter(Boolean)
    .join(' ');
  return (
    <Card>
      <div data-testid={`device-card-${device.id}`} data-device={device.serial}>
        <div className="flex flex-wrap items-start justify-between gap-3 px-4 pt-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <DeviceOnline online={device.online} />
              <Link
                to={`/devices/${device.id}`}
                className="font-mono text-sm font-medium break-all text-brand-700 hover:underline dark:text-brand-300"
              >
                {device.serial}
              </Link>
            </div>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {model || '—'}
              {device.link && (
                <>
                  {' · '}
                  <span className="font-mono">{device.link.username}</span>
                </>
              )}
            </p>
          </div>
          {canWrite && (
            <div className="flex flex-wrap gap-2">
              <DeviceActions device={device} customerId={customerId} onQueued={setQueued} quick />
            </div>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-x-6 gap-y-3 p-4 text-sm sm:grid-cols-4">
          <div className="col-span-2 min-w-0 sm:col-span-1">
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('devices.fields.ssid')}</dt>
            <dd className="mt-0.5 font-medium break-words" data-ssids>
              {device.ssids.length === 0
                ? '—'
                : [...new Set(device.ssids.map((ssid) => ssid.ssid))].join(', ')}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('devices.fields.rxPower')}
            </dt>
            <dd className="mt-0.5">
              <RxPower dbm={device.rxPowerDbm} weakSignal={device.weakSignal} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('devices.fields.hosts')}
            </dt>
            <dd className="mt-0.5 font-medium">
              {device.hostsCount === null
                ? '—'
                : t('devices.hostsCount', { count: device.hostsCount })}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">
              {t('devices.fields.lastInform')}
            </dt>
            <dd className="mt-0.5 font-medium" title={formatDateTime(device.lastInformAt, locale)}>
              {formatAgo(device.lastInformAt, locale)}
            </dd>
          </div>
        </dl>
        {shown && (
          <div className="px-4 pb-4">
            <TaskNotice task={shown} online={device.online} />
          </div>
        )}
      </div>
    </Card>
  );
}

/** The customer's ONTs on the customer page, with quick WiFi and reboot actions. */
export function CustomerDevicesSection({
  customerId,
  canWrite,
}: {
  customerId: string;
  canWrite: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const devices = useCustomerDevices(customerId);
  const rows = devices.data?.data ?? [];
  return (
    <section className="space-y-3" aria-labelledby="devices-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="devices-heading" className="text-sm font-semibold">
          {t('devices.customer.title')}
        </h2>
        <Link
          to="/devices/review"
          className="text-xs text-brand-700 hover:underline dark:text-brand-300"
        >
          {t('devices.customer.findDevice')}
        </Link>
      </div>
      {devices.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : devices.isError ? (
        <ProblemAlert error={devices.error} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState title={t('devices.customer.empty')} hint={t('devices.customer.emptyHint')} />
        </Card>
      ) : (
        rows.map((device) => (
          <DeviceCard
            key={device.id}
            device={device}
            customerId={customerId}
            tasks={devices.data.tasks}
            canWrite={canWrite}
          />
        ))
      )}
    </section>
  );
}
