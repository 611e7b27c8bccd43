import type { Device, DeviceTask } from '@jaring/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/field';
import { FormDialog } from '../../components/form-dialog';
import { useDeviceAction, type DeviceActionKind } from './api';
import { SsidField, WifiPasswordField, wifiProblemMessage } from './wifi-fields';
import { currentSsid, wifiRequest, type WifiProblems } from './wifi';

type Target = Pick<Device, 'id' | 'serial' | 'online' | 'ssids' | 'model' | 'manufacturer'>;

/** "Offline: the change waits at the ACS until the device comes online." */
function OfflineNote({ online }: { online: boolean }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (online) return null;
  return <Alert tone="warning">{t('deviceActions.offlineNote')}</Alert>;
}

/**
 * Change the WiFi name and/or password on some or all of the device's SSIDs. The form mounts only
 * while open, so every opening starts from the device's current name.
 */
export function WifiDialog({
  device,
  customerId,
  open,
  onClose,
  onQueued,
}: {
  device: Target;
  customerId?: string | undefined;
  open: boolean;
  onClose: () => void;
  onQueued: (task: DeviceTask) => void;
}): React.JSX.Element | null {
  if (!open) return null;
  return (
    <WifiForm
      device={device}
      customerId={customerId}
      onClose={onClose}
      onQueued={(task) => {
        onClose();
        onQueued(task);
      }}
    />
  );
}

function WifiForm({
  device,
  customerId,
  onClose,
  onQueued,
}: {
  device: Target;
  customerId?: string | undefined;
  onClose: () => void;
  onQueued: (task: DeviceTask) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const action = useDeviceAction(customerId);
  const [ssid, setSsid] = useState(currentSsid(device.ssids));
  const [password, setPassword] = useState('');
  const [indexes, setIndexes] = useState<number[]>(device.ssids.map((item) => item.index));
  const [problems, setProblems] = useState<WifiProblems>({});

  const submit = (): void => {
    const made = wifiRequest({ ssid, password, indexes }, device.ssids);
    if (!made.ok) {
      setProblems(made.problems);
      return;
    }
    setProblems({});
    action.mutate({ deviceId: device.id, kind: 'wifi', body: made.body }, { onSuccess: onQueued });
  };

  const toggle = (index: number): void =>
    setIndexes((current) =>
      current.includes(index) ? current.filter((i) => i !== index) : [...current, index],
    );

  return (
    <FormDialog
      open
      name="device-wifi"
      title={t('deviceActions.wifi.title')}
      description={device.serial}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('deviceActions.wifi.submit')}
      pending={action.isPending}
      error={action.error}
    >
      <OfflineNote online={device.online} />
      <SsidField
        value={ssid}
        onChange={setSsid}
        error={wifiProblemMessage(problems.ssid, 'ssid', t)}
      />
      <WifiPasswordField
        value={password}
        onChange={setPassword}
        ssid={ssid}
        error={wifiProblemMessage(problems.password, 'password', t)}
      />
      {device.ssids.length > 1 && (
        <fieldset className="space-y-1.5">
          <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
            {t('deviceActions.wifi.which')}
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
                <span className="font-medium">{item.ssid || '—'}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {' · '}
                  {item.band ?? t('deviceActions.wifi.instance', { index: item.index })}
                </span>
              </span>
            </label>
          ))}
          {problems.indexes && (
            <p className="text-xs text-red-600 dark:text-red-400">
              {t('deviceActions.wifi.chooseOne')}
            </p>
          )}
        </fieldset>
      )}
      {problems.form && <Alert tone="warning">{t('deviceActions.wifi.nothingToChange')}</Alert>}
    </FormDialog>
  );
}

/** Reboot or refresh, after a confirmation that says what it does to the customer. */
export function SimpleActionDialog({
  kind,
  device,
  customerId,
  onClose,
  onQueued,
}: {
  kind: 'reboot' | 'refresh' | null;
  device: Target;
  customerId?: string | undefined;
  onClose: () => void;
  onQueued: (task: DeviceTask) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const action = useDeviceAction(customerId);
  const shown = kind ?? 'reboot';
  return (
    <ConfirmDialog
      open={kind !== null}
      title={t(`deviceActions.${shown}.title`)}
      confirmLabel={t(`deviceActions.${shown}.submit`)}
      tone={shown === 'reboot' ? 'danger' : 'primary'}
      pending={action.isPending}
      error={action.error}
      onClose={() => {
        action.reset();
        onClose();
      }}
      onConfirm={() =>
        kind &&
        action.mutate(
          { deviceId: device.id, kind },
          {
            onSuccess: (task) => {
              onClose();
              onQueued(task);
            },
          },
        )
      }
    >
      <p>{t(`deviceActions.${shown}.body`, { serial: device.serial })}</p>
      <OfflineNote online={device.online} />
    </ConfirmDialog>
  );
}

/** Factory reset wipes the customer's settings: the serial must be typed to confirm it. */
export function FactoryResetDialog({
  device,
  customerId,
  open,
  onClose,
  onQueued,
}: {
  device: Target;
  customerId?: string | undefined;
  open: boolean;
  onClose: () => void;
  onQueued: (task: DeviceTask) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const action = useDeviceAction(customerId);
  const [typed, setTyped] = useState('');
  const matches = typed.trim() === device.serial;
  const close = (): void => {
    setTyped('');
    action.reset();
    onClose();
  };
  return (
    <FormDialog
      open={open}
      name="device-factory-reset"
      title={t('deviceActions.factoryReset.title')}
      onClose={close}
      tone="danger"
      submitDisabled={!matches}
      submitLabel={t('deviceActions.factoryReset.submit')}
      pending={action.isPending}
      error={action.error}
      onSubmit={() => {
        if (!matches) return;
        action.mutate(
          { deviceId: device.id, kind: 'factory-reset', body: { confirm: typed.trim() } },
          {
            onSuccess: (task) => {
              close();
              onQueued(task);
            },
          },
        );
      }}
    >
      <Alert tone="error">{t('deviceActions.factoryReset.warning')}</Alert>
      <OfflineNote online={device.online} />
      <TextField
        label={t('deviceActions.factoryReset.confirmLabel', { serial: device.serial })}
        name="confirm"
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        placeholder={device.serial}
        className="font-mono"
      />
    </FormDialog>
  );
}

/**
 * The action buttons of a device and their dialogs. `quick` shows only the everyday ones
 * (WiFi, reboot) for the customer page; the detail page has all of them.
 */
export function DeviceActions({
  device,
  customerId,
  onQueued,
  quick = false,
}: {
  device: Target;
  customerId?: string | undefined;
  onQueued: (task: DeviceTask) => void;
  quick?: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [open, setOpen] = useState<DeviceActionKind | null>(null);
  const simple = open === 'reboot' || open === 'refresh' ? open : null;
  const close = (): void => setOpen(null);
  return (
    <>
      <Button
        size="sm"
        data-testid="device-action-wifi"
        data-action="wifi"
        onClick={() => setOpen('wifi')}
      >
        {t('deviceActions.wifi.button')}
      </Button>
      <Button
        size="sm"
        data-testid="device-action-reboot"
        data-action="reboot"
        onClick={() => setOpen('reboot')}
      >
        {t('deviceActions.reboot.button')}
      </Button>
      {!quick && (
        <>
          <Button
            size="sm"
            data-testid="device-action-refresh"
            data-action="refresh"
            onClick={() => setOpen('refresh')}
          >
            {t('deviceActions.refresh.button')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            data-testid="device-action-factory-reset"
            data-action="factory-reset"
            className="text-red-600 hover:text-red-700 dark:text-red-400"
            onClick={() => setOpen('factory-reset')}
          >
            {t('deviceActions.factoryReset.button')}
          </Button>
        </>
      )}
      <WifiDialog
        device={device}
        customerId={customerId}
        open={open === 'wifi'}
        onClose={close}
        onQueued={onQueued}
      />
      <SimpleActionDialog
        kind={simple}
        device={device}
        customerId={customerId}
        onClose={close}
        onQueued={onQueued}
      />
      {!quick && (
        <FactoryResetDialog
          device={device}
          customerId={customerId}
          open={open === 'factory-reset'}
          onClose={close}
          onQueued={onQueued}
        />
      )}
    </>
  );
}
