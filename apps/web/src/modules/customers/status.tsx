import type { Customer, Subscription, SubscriptionAction } from '@jaring/contracts';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { Spinner } from '../../components/spinner';

const SUBSCRIPTION_TONE = {
  pending: 'neutral',
  active: 'success',
  isolated: 'warning',
  suspended: 'danger',
  terminated: 'neutral',
} as const;

/** The lifecycle actions each state allows (mirrors the server's transitions). */
export const ACTIONS_FROM: Readonly<Record<Subscription['status'], readonly SubscriptionAction[]>> =
  {
    pending: ['activate', 'terminate'],
    active: ['isolate', 'suspend', 'terminate'],
    isolated: ['restore', 'suspend', 'terminate'],
    suspended: ['restore', 'terminate'],
    terminated: [],
  };

export function SubscriptionStatusBadge({
  status,
}: {
  status: Subscription['status'];
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-status={status}>
      <Badge tone={SUBSCRIPTION_TONE[status]}>{t(`subscriptions.status.${status}`)}</Badge>
    </span>
  );
}

/** "Pending on router" while the reconciler has not applied the latest change. */
export function RouterSyncIndicator({
  sync,
}: {
  sync: Subscription['routerSync'];
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span data-router-sync={sync} className="inline-flex items-center gap-1">
      {sync === 'pending' ? (
        <Badge tone="warning">
          <Spinner className="mr-1 size-3" />
          {t('subscriptions.sync.pending')}
        </Badge>
      ) : (
        <Badge tone="success">{t('subscriptions.sync.synced')}</Badge>
      )}
    </span>
  );
}

export function CustomerStatusBadge({ status }: { status: Customer['status'] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Badge tone={status === 'active' ? 'success' : 'neutral'}>
      {t(`customers.status.${status}`)}
    </Badge>
  );
}
