import type { PortalDevice, PortalDeviceTask } from '@jaring/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../components/alert';
import { Badge } from '../components/badge';
import { Button } from '../components/button';
import { cx } from '../components/cx';
import { Card, PageHeader } from '../components/page';
import { ProblemAlert } from '../components/problem-alert';
import { PageSpinner } from '../components/spinner';
import { currentLocale } from '../lib/i18n';
import { formatAgo } from '../lib/traffic-format';
import { WifiIcon } from '../modules/devices/icons';
import { isFinalTask, taskOutcome, type TaskOutcome } from '../modules/devices/task-state';
import { currentSsid, wifiRequest, type WifiProblems } from '../modules/devices/wifi';
import { SsidField, WifiPasswordField, wifiProblemMessage } from '../modules/devices/wifi-fields';
import { usePortalDevices, usePortalTask, usePortalWifi } from './wifi-api';

type TaskView = Pick<PortalDeviceTask, 'id' | 'status' | 'fault'>;

const OUTCOME_STYLE: Record<TaskOutcome, string> = {
  applied:
    'border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200',
  applying:
    'border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900/60 dark:bg-sky-950/40 dark:text-sky-200',
  waitingOffline:
    'border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200',
  failed:
    'border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200',
  cancelled:
    'border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300',
};

/**
 * Where the change is: applied, waiting for the modem, or failed. The status word (`queued`,
 * `sent`, `done`, `faulted`, `cancelled`) is in the text too, for support calls and tests.
 */
function WifiStatus({ task, online }: { task: TaskView; online: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const outcome = taskOutcome(task.status, online);
  return (
    <div
      data-testid="wifi-status"
      data-status={task.status}
      role="status"
      aria-live="polite"
      className={cx('space-y-1 rounded-md border px-3 py-2.5 text-sm', OUTCOME_STYLE[outcome])}
    >
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium">
        <span>{t(`myWifi.outcome.${outcome}`)}</span>
        <span className="rounded bg-black/5 px-1.5 py-0.5 font-mono text-xs font-normal dark:bg-white/10">
          {task.status}
        </span>
      </p>
      <p className="text-xs">{t(`myWifi.outcomeHint.${outcome}`)}</p>
      {task.fault && (
        <p className="text-xs break-words opacity-80">
          <span className="font-mono">{task.fault.code}</span>: {task.fault.message}
        </p>
      )}
    </div>
  );
}

function DeviceFacts({ device }: { device: PortalDevice }): React.JSX.Element {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
      <div className="col-span-2 min-w-0">
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('myWifi.networks')}</dt>
        <dd className="mt-0.5 space-y-0.5" data-ssids>
          {device.ssids.length === 0 ? (
            <span>—</span>
          ) : (
            device.ssids.map((ssid) => (
              <p key={ssid.index} className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-semibold break-all">{ssid.ssid || '—'}</span>
                {ssid.band && (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400">{ssid.band}</span>
                )}
              </p>
            ))
          )}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('myWifi.connected')}</dt>
        <dd className="mt-0.5 font-semibold" data-hosts>
          {device.hostsCount === null
            ? '—'
            : t('myWifi.connectedCount', { count: device.hostsCount })}
        </dd>
      </div>
      <div>
        <dt className="text-xs text-zinc-500 dark:text-zinc-400">{t('myWifi.lastSeen')}</dt>
        <dd className="mt-0.5 font-semibold">
          {device.online ? t('myWifi.now') : formatAgo(device.lastInformAt, locale)}
        </dd>
      </div>
    </dl>
  );
}

function WifiForm({ device }: { device: PortalDevice }): React.JSX.Element {
  const { t } = useTranslation();
  const change = usePortalWifi();
  const [ssid, setSsid] = useState(currentSsid(device.ssids));
  const [password, setPassword] = useState('');
  const [indexes, setIndexes] = useState<number[]>(device.ssids.map((item) => item.index));
  const [problems, setProblems] = useState<WifiProblems>({});
  // The change made here, else one still on its way from an earlier visit.
  const [submitted, setSubmitted] = useState<PortalDeviceTask | null>(null);
  const earlier =
    device.lastWifiTask && !isFinalTask(device.lastWifiTask.status) ? device.lastWifiTask : null;
  const watched = submitted ?? earlier;
  const polled = usePortalTask(
    device.id,
    watched && !isFinalTask(watched.status) ? watched.id : null,
  );
  const task: TaskView | null =
    polled.data && polled.data.id === watched?.id ? polled.data : watched;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const made = wifiRequest({ ssid, password, indexes }, device.ssids);
    if (!made.ok) {
      setProblems(made.problems);
      return;
    }
    setProblems({});
    change.mutate(
      { deviceId: device.id, body: made.body },
      {
        onSuccess: (created) => {
          setSubmitted(created);
          setPassword('');
        },
      },
    );
  };

  const toggle = (index: number): void =>
    setIndexes((current) =>
      current.includes(index) ? current.filter((i) => i !== index) : [...current, index],
    );

  return (
    <form
      name="wifi"
      data-testid="wifi-form"
      data-device={device.id}
      onSubmit={submit}
      noValidate
      className="space-y-4"
    >
      <SsidField
        value={ssid}
        onChange={setSsid}
        error={wifiProblemMessage(problems.ssid, 'ssid', t)}
        testId="wifi-ssid"
      />
      <WifiPasswordField
        value={password}
        onChange={setPassword}
        ssid={ssid}
        error={wifiProblemMessage(problems.password, 'password', t)}
        testId="wifi-password"
      />
      {device.ssids.length > 1 && (
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {t('myWifi.applyTo')}
          </legend>
          {device.ssids.map((item) => (
            <label key={item.index} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={`index.${item.index}`}
                checked={indexes.includes(item.index)}
                onChange={() => toggle(item.index)}
              />
              <span className="min-w-0 truncate">
                {item.ssid || '—'}
                {item.band && (
                  <span className="text-xs text-zinc-500 dark:text-zinc-400"> · {item.band}</span>
                )}
              </span>
            </label>
          ))}
          {problems.indexes && (
            <p className="text-xs text-red-600 dark:text-red-400">{t('myWifi.chooseOne')}</p>
          )}
        </fieldset>
      )}
      {problems.form && <Alert tone="warning">{t('myWifi.nothingToChange')}</Alert>}
      <ProblemAlert error={change.error} />
      {task && <WifiStatus task={task} online={device.online} />}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('myWifi.reconnectNote')}</p>
      <Button
        type="submit"
        variant="primary"
        loading={change.isPending}
        data-testid="wifi-submit"
        className="w-full sm:w-auto"
      >
        {t('myWifi.submit')}
      </Button>
    </form>
  );
}

function DeviceCard({ device }: { device: PortalDevice }): React.JSX.Element {
  const { t } = useTranslation();
  const name = device.model ? `${t('myWifi.modem')} ${device.model}` : t('myWifi.modem');
  return (
    <Card>
      <div data-portal-device={device.id}>
        <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
          <div className="flex min-w-0 items-center gap-2">
            <WifiIcon className="size-5 shrink-0 text-brand-600 dark:text-brand-400" />
            <h2 className="truncate text-sm font-semibold" title={device.manufacturer ?? undefined}>
              {name}
            </h2>
          </div>
          <span data-online={device.online ? 'true' : 'false'}>
            <Badge tone={device.online ? 'success' : 'neutral'}>
              {device.online ? t('myWifi.online') : t('myWifi.offline')}
            </Badge>
          </span>
        </div>
        <div className="space-y-5 p-4">
          <DeviceFacts device={device} />
          {!device.online && <Alert tone="warning">{t('myWifi.offlineNote')}</Alert>}
          <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800">
            <h3 className="mb-3 text-sm font-semibold">{t('myWifi.changeTitle')}</h3>
            <WifiForm device={device} />
          </div>
        </div>
      </div>
    </Card>
  );
}

/** "My WiFi": the customer's modems, who is connected, and a form to change name and password. */
export function WifiPage(): React.JSX.Element {
  const { t } = useTranslation();
  const devices = usePortalDevices();
  const rows = devices.data?.data ?? [];
  return (
    <div className="space-y-4">
      <PageHeader title={t('myWifi.title')} description={t('myWifi.subtitle')} />
      {devices.isPending ? (
        <PageSpinner label={t('common.loading')} />
      ) : devices.isError ? (
        <ProblemAlert error={devices.error} />
      ) : rows.length === 0 ? (
        <Card className="p-6 text-center">
          <p className="font-medium">{t('myWifi.empty')}</p>
          <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t('myWifi.emptyHint')}</p>
        </Card>
      ) : (
        rows.map((device) => <DeviceCard key={device.id} device={device} />)
      )}
    </div>
  );
}
