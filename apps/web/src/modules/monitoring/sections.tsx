import type { Subscription } from '@jaring/contracts';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { PageSpinner } from '../../components/spinner';

/*
 * The monitoring parts of the router and customer pages, loaded when first shown so those pages
 * stay light for people without the monitoring ability.
 */

const RouterMonitoringLazy = lazy(() =>
  import('./router-monitoring').then((module) => ({ default: module.RouterMonitoring })),
);
const SubscriberMonitoringLazy = lazy(() =>
  import('./subscriber-monitoring').then((module) => ({ default: module.SubscriberMonitoring })),
);

function Loading(): React.JSX.Element {
  const { t } = useTranslation();
  return <PageSpinner label={t('common.loading')} />;
}

/** Health, charts, interfaces and monitor settings of a router (its detail page). */
export function RouterMonitoringSection({
  routerId,
  canWrite,
}: {
  routerId: string;
  canWrite: boolean;
}): React.JSX.Element {
  return (
    <Suspense fallback={<Loading />}>
      <RouterMonitoringLazy routerId={routerId} canWrite={canWrite} />
    </Suspense>
  );
}

/** Online state, live rate, usage, traffic and sessions of a customer's subscriptions. */
export function SubscriberMonitoringSection({
  subscriptions,
}: {
  subscriptions: readonly Subscription[];
}): React.JSX.Element {
  return (
    <Suspense fallback={<Loading />}>
      <SubscriberMonitoringLazy subscriptions={subscriptions} />
    </Suspense>
  );
}
