import type {
  LiveAlert,
  MonitoringMap,
  MonitoringSummary,
  RouterMonitorDetail,
  RouterStatus,
  RouterStatusEventData,
  SubscriberSessionEventData,
} from '@jaring/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useLiveEvents, type LiveStatus } from '../../lib/live-events';
import { resourceKey } from '../../components/resource';
import {
  ALERTS_KEY,
  MAP_KEY,
  ROUTERS_HEALTH_KEY,
  SUMMARY_KEY,
  routerPath,
  subscriberKey,
  type RouterHealthList,
} from './api';
import {
  applyAlertToRouters,
  applyAlertToSummary,
  applyDetailStatus,
  applyRates,
  applyRouterStatus,
  applySession,
  applySessionToRouters,
  applySummaryStatus,
  type AlertEventType,
} from './live-cache';

export const MONITORING_EVENTS_PATH = '/live/events?topics=monitoring';

function routerStatusChanged(client: QueryClient, event: RouterStatusEventData): void {
  let previous: RouterStatus | null = null;
  client.setQueryData<RouterHealthList>(ROUTERS_HEALTH_KEY, (old) => {
    if (!old) return old;
    const next = applyRouterStatus(old.data, event);
    previous = next.previous;
    return { ...old, data: next.routers };
  });
  const before = previous as RouterStatus | null;
  if (before !== null) {
    client.setQueryData<MonitoringSummary>(SUMMARY_KEY, (old) =>
      old ? applySummaryStatus(old, before, event.status) : old,
    );
  } else {
    // A router this page has not seen (new, or the list is not loaded): ask again.
    void client.invalidateQueries({ queryKey: SUMMARY_KEY });
    void client.invalidateQueries({ queryKey: ROUTERS_HEALTH_KEY, exact: true });
  }
  client.setQueryData<RouterMonitorDetail>(resourceKey(routerPath(event.routerId)), (old) =>
    old ? applyDetailStatus(old, event) : old,
  );
  client.setQueryData<MonitoringMap>(MAP_KEY, (old) =>
    old ? { ...old, routers: applyRouterStatus(old.routers, event).routers } : old,
  );
}

function alertChanged(client: QueryClient, type: AlertEventType, alert: LiveAlert): void {
  client.setQueryData<MonitoringSummary>(SUMMARY_KEY, (old) =>
    old ? applyAlertToSummary(old, type, alert) : old,
  );
  client.setQueryData<RouterHealthList>(ROUTERS_HEALTH_KEY, (old) =>
    old ? { ...old, data: applyAlertToRouters(old.data, type, alert) } : old,
  );
  void client.invalidateQueries({ queryKey: ALERTS_KEY });
  // The counts above show at once; the summary is then read again so they are exact.
  void client.invalidateQueries({ queryKey: SUMMARY_KEY });
}

function sessionChanged(client: QueryClient, event: SubscriberSessionEventData): void {
  client.setQueryData<MonitoringSummary>(SUMMARY_KEY, (old) =>
    old ? applySession(old, event.online) : old,
  );
  client.setQueryData<RouterHealthList>(ROUTERS_HEALTH_KEY, (old) =>
    old ? { ...old, data: applySessionToRouters(old.data, event.routerId, event.online) } : old,
  );
  void client.invalidateQueries({ queryKey: subscriberKey(event.subscriptionId) });
}

/**
 * The staff monitoring stream applied to the query cache: router status and rates, alerts and
 * subscriber sessions update what is on screen without refetching every list. Use it once per
 * page (each subscription applies the count changes once).
 */
export function useMonitoringLive({
  onAlert,
  enabled = true,
}: {
  /** Called for every alert event, e.g. to show it in a banner. */
  onAlert?: (type: AlertEventType, alert: LiveAlert) => void;
  enabled?: boolean;
} = {}): LiveStatus {
  const client = useQueryClient();
  return useLiveEvents(
    MONITORING_EVENTS_PATH,
    (event) => {
      switch (event.type) {
        case 'router.status':
          routerStatusChanged(client, event.data);
          break;
        case 'router.rates':
          client.setQueryData<RouterMonitorDetail>(
            resourceKey(routerPath(event.data.routerId)),
            (old) => (old ? applyRates(old, event.data) : old),
          );
          break;
        case 'alert.opened':
        case 'alert.updated':
        case 'alert.resolved':
          alertChanged(client, event.type, event.data.alert);
          onAlert?.(event.type, event.data.alert);
          break;
        case 'subscriber.session':
          sessionChanged(client, event.data);
          break;
      }
    },
    {
      enabled,
      // Nothing is replayed after a gap: read everything on screen again.
      onReconnect: () => {
        void client.invalidateQueries({ queryKey: resourceKey('/monitoring') });
        void client.invalidateQueries({ queryKey: ALERTS_KEY });
      },
    },
  );
}
