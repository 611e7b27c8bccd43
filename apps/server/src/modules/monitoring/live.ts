import { portalLiveTopic, type LiveEvent } from '@jaring/contracts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { AlertChange, AlertRow } from '../alerts/conditions.ts';

/** Live events are hints for open dashboards; the bus itself logs and drops what it cannot send. */
export async function publishLive(
  deps: AppDeps,
  topic: string,
  events: LiveEvent[],
): Promise<void> {
  for (const event of events) await deps.events.publish(topic, event);
}

export function liveAlert(
  a: AlertRow,
): Extract<LiveEvent, { type: 'alert.opened' }>['data']['alert'] {
  return {
    id: a.id,
    rule: a.rule,
    severity: a.severity as 'info' | 'warning' | 'critical',
    status: a.status as 'open' | 'acknowledged' | 'resolved',
    title: a.title,
    entityType: a.entityType,
    entityId: a.entityId,
    routerId: a.routerId,
    openedAt: a.openedAt.toISOString(),
    lastTriggeredAt: a.lastTriggeredAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    flapCount: a.flapCount,
  };
}

export function alertEvents(changes: readonly AlertChange[], at: Date): LiveEvent[] {
  return changes.map((c) => ({
    type: c.kind === 'resolved' ? 'alert.resolved' : 'alert.opened',
    at: at.toISOString(),
    data: { alert: liveAlert(c.alert) },
  }));
}

export async function publishAlertChanges(
  deps: AppDeps,
  changes: readonly AlertChange[],
): Promise<void> {
  if (changes.length === 0) return;
  await publishLive(deps, 'monitoring', alertEvents(changes, deps.clock.now()));
}

export interface SessionEvent {
  subscriptionId: string;
  customerId: string;
  routerId: string;
  online: boolean;
  at: Date;
}

export async function publishSessionEvents(
  deps: AppDeps,
  events: readonly SessionEvent[],
): Promise<void> {
  for (const e of events) {
    const event: LiveEvent = {
      type: 'subscriber.session',
      at: e.at.toISOString(),
      data: {
        subscriptionId: e.subscriptionId,
        routerId: e.routerId,
        online: e.online,
        at: e.at.toISOString(),
      },
    };
    await publishLive(deps, 'monitoring', [event]);
    await publishLive(deps, portalLiveTopic(e.customerId), [event]);
  }
}
