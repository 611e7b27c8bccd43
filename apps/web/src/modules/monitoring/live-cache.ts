import type {
  LiveAlert,
  MonitoringSummary,
  RouterHealth,
  RouterMonitorDetail,
  RouterRatesEventData,
  RouterStatus,
  RouterStatusEventData,
} from '@jaring/contracts';

/*
 * Pure updates of cached monitoring data from live events, so a status change or a new alert
 * shows at once without refetching every list.
 */

const STATUS_ORDER: Record<RouterStatus, number> = { down: 0, unknown: 1, up: 2 };

/** Routers as a NOC reads them: down first, then unknown, then up; by name within each. */
export function sortRouters<T extends Pick<RouterHealth, 'status' | 'name'>>(
  routers: readonly T[],
): T[] {
  return [...routers].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name),
  );
}

/** Counts of routers per status. */
export function routerCounts(
  routers: readonly Pick<RouterHealth, 'status'>[],
): MonitoringSummary['routers'] {
  const counts = { total: routers.length, up: 0, down: 0, unknown: 0 };
  for (const router of routers) counts[router.status] += 1;
  return counts;
}

/**
 * A router's new status in a list of routers. Answers the updated list and the status it had
 * before (null when the router is not in the list, so the caller refetches instead).
 */
export function applyRouterStatus<T extends RouterHealth>(
  routers: readonly T[],
  event: RouterStatusEventData,
): { routers: T[]; previous: RouterStatus | null } {
  let previous: RouterStatus | null = null;
  const next = routers.map((router) => {
    if (router.routerId !== event.routerId) return router;
    previous = router.status;
    return {
      ...router,
      status: event.status,
      statusSince: event.since,
      latencyMs: event.latencyMs === null ? null : Math.round(event.latencyMs),
    };
  });
  return { routers: next, previous };
}

/** The summary's router counts after one router moved from `previous` to `next`. */
export function applySummaryStatus(
  summary: MonitoringSummary,
  previous: RouterStatus,
  next: RouterStatus,
): MonitoringSummary {
  if (previous === next) return summary;
  const routers = { ...summary.routers };
  routers[previous] = Math.max(0, routers[previous] - 1);
  routers[next] += 1;
  return { ...summary, routers };
}

export function applyDetailStatus(
  detail: RouterMonitorDetail,
  event: RouterStatusEventData,
): RouterMonitorDetail {
  if (detail.routerId !== event.routerId) return detail;
  return applyRouterStatus([detail], event).routers[0] ?? detail;
}

/** Utilisation as the server computes it: the higher of rx/tx over capacity, in percent. */
export function utilisation(
  rxBps: number | null,
  txBps: number | null,
  capacityBps: number | null,
): number | null {
  if (!capacityBps || capacityBps <= 0) return null;
  const peak = Math.max(rxBps ?? 0, txBps ?? 0);
  return Math.min(100, (peak / capacityBps) * 100);
}

/** Interface rates and CPU load from a `router.rates` event. */
export function applyRates(
  detail: RouterMonitorDetail,
  event: RouterRatesEventData,
): RouterMonitorDetail {
  if (detail.routerId !== event.routerId) return detail;
  const rates = new Map(event.interfaces.map((i) => [i.name, i]));
  return {
    ...detail,
    cpuLoad: event.cpuLoad === null ? detail.cpuLoad : Math.round(event.cpuLoad),
    interfaces: detail.interfaces.map((item) => {
      const rate = rates.get(item.name);
      if (!rate) return item;
      return {
        ...item,
        rxBps: Math.round(rate.rxBps),
        txBps: Math.round(rate.txBps),
        utilisationPercent: utilisation(rate.rxBps, rate.txBps, item.capacityBps),
        lastSeenAt: event.at,
      };
    }),
  };
}

export type AlertEventType = 'alert.opened' | 'alert.updated' | 'alert.resolved';

/** How an alert event changes the count of open alerts: +1, -1 or 0. */
export function alertDelta(type: AlertEventType): number {
  if (type === 'alert.opened') return 1;
  if (type === 'alert.resolved') return -1;
  return 0;
}

/** The summary's alert counts after an alert opened or resolved. */
export function applyAlertToSummary(
  summary: MonitoringSummary,
  type: AlertEventType,
  alert: Pick<LiveAlert, 'severity'>,
): MonitoringSummary {
  const delta = alertDelta(type);
  if (delta === 0) return summary;
  const alerts = { ...summary.alerts };
  alerts.open = Math.max(0, alerts.open + delta);
  alerts[alert.severity] = Math.max(0, alerts[alert.severity] + delta);
  return { ...summary, alerts };
}

/** A router's count of open alerts after one of its alerts opened or resolved. */
export function applyAlertToRouters<T extends RouterHealth>(
  routers: readonly T[],
  type: AlertEventType,
  alert: Pick<LiveAlert, 'routerId'>,
): T[] {
  const delta = alertDelta(type);
  if (delta === 0 || !alert.routerId) return [...routers];
  return routers.map((router) =>
    router.routerId === alert.routerId
      ? { ...router, openAlerts: Math.max(0, router.openAlerts + delta) }
      : router,
  );
}

/** Active sessions after a subscriber came online (+1) or went offline (-1). */
export function applySession(summary: MonitoringSummary, online: boolean): MonitoringSummary {
  return {
    ...summary,
    activeSessions: Math.max(0, summary.activeSessions + (online ? 1 : -1)),
  };
}

export function applySessionToRouters<T extends RouterHealth>(
  routers: readonly T[],
  routerId: string,
  online: boolean,
): T[] {
  return routers.map((router) =>
    router.routerId === routerId
      ? { ...router, activeSessions: Math.max(0, router.activeSessions + (online ? 1 : -1)) }
      : router,
  );
}

export interface ArrivedAlert {
  alert: LiveAlert;
  /** When it arrived in this browser (ms), so the banner can show the newest first. */
  receivedAt: number;
}

/** Alerts to show in the live banner: newest first, one entry per alert, at most `max`. */
export function pushArrived(
  list: readonly ArrivedAlert[],
  alert: LiveAlert,
  receivedAt: number,
  max = 5,
): ArrivedAlert[] {
  return [{ alert, receivedAt }, ...list.filter((item) => item.alert.id !== alert.id)].slice(
    0,
    max,
  );
}
