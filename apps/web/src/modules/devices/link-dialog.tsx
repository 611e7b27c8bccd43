import type { Customer, Device, Page, Subscription } from '@jaring/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/alert';
import { CustomerPicker } from '../../components/customer-picker';
import { FormDialog } from '../../components/form-dialog';
import { Spinner } from '../../components/spinner';
import { ProblemAlert } from '../../components/problem-alert';
import { useLinkDevice, useSubscriptionsOf } from './api';

type Picked = Pick<Customer, 'id' | 'name' | 'number'>;

/** The picked customer's live subscriptions as radio buttons. */
function SubscriptionChoice({
  query,
  value,
  onChange,
}: {
  query: UseQueryResult<Page<Subscription>>;
  value: string;
  onChange: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const rows = liveSubscriptions(query.data);
  if (query.isPending) return <Spinner className="text-zinc-400" />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  if (rows.length === 0) return <Alert tone="warning">{t('deviceLink.noSubscriptions')}</Alert>;
  return (
    <fieldset className="space-y-1.5">
      <legend className="text-xs font-medium text-zinc-700 dark:text-zinc-300">
        {t('deviceLink.subscription')}
      </legend>
      <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {rows.map((subscription) => (
          <li key={subscription.id}>
            <label className="flex items-center gap-2 px-3 py-2 text-sm">
              <input
                type="radio"
                name="subscriptionId"
                value={subscription.id}
                checked={value === subscription.id}
                onChange={() => onChange(subscription.id)}
              />
              <span className="font-mono text-xs break-all">{subscription.username}</span>
              <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                {t(`subscriptions.status.${subscription.status}`, {
                  defaultValue: subscription.status,
                })}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function liveSubscriptions(page: Page<Subscription> | undefined): Subscription[] {
  return (page?.data ?? []).filter((s) => s.status !== 'terminated');
}

/**
 * Links a device to a subscription by hand (a "manual" match, which syncs never undo): find the
 * customer, choose the subscription.
 */
export function LinkDeviceDialog({
  device,
  onClose,
  onLinked,
}: {
  device: Pick<Device, 'id' | 'serial' | 'link'> | null;
  onClose: () => void;
  onLinked?: (device: Device) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const link = useLinkDevice();
  const [customer, setCustomer] = useState<Picked | null>(null);
  const [picked, setPicked] = useState('');
  const subscriptions = useSubscriptionsOf(customer?.id ?? null);
  const rows = liveSubscriptions(subscriptions.data);
  // A customer with one subscription needs no choice.
  const subscriptionId = picked || (rows.length === 1 ? (rows[0]?.id ?? '') : '');
  const [missing, setMissing] = useState(false);
  const close = (): void => {
    setCustomer(null);
    setPicked('');
    setMissing(false);
    link.reset();
    onClose();
  };
  return (
    <FormDialog
      open={device !== null}
      name="device-link"
      title={t('deviceLink.title')}
      description={device?.serial}
      onClose={close}
      submitLabel={t('deviceLink.submit')}
      pending={link.isPending}
      error={link.error}
      onSubmit={() => {
        if (!device || !customer || !subscriptionId) {
          setMissing(true);
          return;
        }
        const customerIds = [customer.id, ...(device.link ? [device.link.customerId] : [])];
        link.mutate(
          { deviceId: device.id, body: { subscriptionId }, customerIds },
          {
            onSuccess: (linked) => {
              close();
              onLinked?.(linked);
            },
          },
        );
      }}
    >
      {device?.link && (
        <Alert tone="info">
          {t('deviceLink.replaces', {
            name: device.link.customerName,
            username: device.link.username,
          })}
        </Alert>
      )}
      <CustomerPicker
        label={t('deviceLink.customer')}
        value={customer}
        onChange={(next) => {
          setCustomer(next);
          setPicked('');
        }}
      />
      {customer && (
        <SubscriptionChoice query={subscriptions} value={subscriptionId} onChange={setPicked} />
      )}
      {missing && !subscriptionId && (
        <p className="text-xs text-red-600 dark:text-red-400">{t('deviceLink.choose')}</p>
      )}
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('deviceLink.manualHint')}</p>
    </FormDialog>
  );
}
