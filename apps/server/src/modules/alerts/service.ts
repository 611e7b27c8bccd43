import type { Alert, AlertAction, AlertListQuery, Page } from '@jaring/contracts';
import { and, desc, eq, inArray, lt, ne, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { alertConditions, alerts, users } from '../../db/schema/index.ts';
import { decodeCreatedCursor, encodeCreatedCursor } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { publishAlertChanges, publishLive, liveAlert } from '../monitoring/live.ts';
import type { AlertRow } from './conditions.ts';

/** Who acknowledged and resolved, by name, for the alerts of a page (one query). */
async function actorNames(deps: AppDeps, rows: readonly AlertRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      rows.flatMap((r) => [r.acknowledgedBy, r.resolvedBy]).filter((x): x is string => !!x),
    ),
  ];
  if (ids.length === 0) return new Map();
  const found = await deps.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

function withNames(a: Alert, names: ReadonlyMap<string, string>): Alert {
  return {
    ...a,
    acknowledgedByName: a.acknowledgedBy ? (names.get(a.acknowledgedBy) ?? null) : null,
    resolvedByName: a.resolvedBy ? (names.get(a.resolvedBy) ?? null) : null,
  };
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    rule: r.rule as Alert['rule'],
    severity: r.severity as Alert['severity'],
    status: r.status as Alert['status'],
    entityType: r.entityType as Alert['entityType'],
    entityId: r.entityId,
    routerId: r.routerId,
    title: r.title,
    details: (r.details ?? {}) as Record<string, unknown>,
    openedAt: r.openedAt.toISOString(),
    lastTriggeredAt: r.lastTriggeredAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedBy,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy,
    note: r.note,
    flapCount: r.flapCount,
  };
}

export async function listAlerts(deps: AppDeps, q: AlertListQuery): Promise<Page<Alert>> {
  const where: (SQL | undefined)[] = [
    q.status === 'active'
      ? ne(alerts.status, 'resolved')
      : q.status === 'all'
        ? undefined
        : eq(alerts.status, q.status),
    q.severity ? eq(alerts.severity, q.severity) : undefined,
    q.rule ? eq(alerts.rule, q.rule) : undefined,
    q.routerId ? eq(alerts.routerId, q.routerId) : undefined,
    q.entityId ? eq(alerts.entityId, q.entityId) : undefined,
  ];
  if (q.cursor) {
    const c = decodeCreatedCursor(q.cursor);
    where.push(
      or(
        lt(alerts.openedAt, c.createdAt),
        and(eq(alerts.openedAt, c.createdAt), lt(alerts.id, c.id)),
      ),
    );
  }
  const rows = await deps.db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.openedAt), desc(alerts.id))
    .limit(q.limit + 1);
  const data = rows.slice(0, q.limit);
  const last = data[data.length - 1];
  const names = await actorNames(deps, data);
  return {
    data: data.map((r) => withNames(toAlert(r), names)),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCreatedCursor({ createdAt: last.openedAt, id: last.id })
        : null,
  };
}

export async function getAlert(deps: AppDeps, id: string): Promise<Alert> {
  const [row] = await deps.db.select().from(alerts).where(eq(alerts.id, id));
  if (!row) throw notFound('Alert');
  return withNames(toAlert(row), await actorNames(deps, [row]));
}

interface Transition {
  to: 'acknowledged' | 'resolved';
  /** Why the alert, as it is now, cannot take this step; null when it can. */
  refuse: (before: AlertRow) => string | null;
  set: (now: Date, userId: string | null) => Partial<typeof alerts.$inferInsert>;
  also?: (tx: Executor, before: AlertRow) => Promise<void>;
}

/** A person moving an alert along: locked, checked, changed and audited in one transaction. */
async function moveAlert(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AlertAction,
  step: Transition,
): Promise<AlertRow> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [before] = await tx.select().from(alerts).where(eq(alerts.id, id)).for('update');
    if (!before) throw notFound('Alert');
    const refusal = step.refuse(before);
    if (refusal) throw new DomainError('conflict', refusal);
    const [after] = await tx
      .update(alerts)
      .set({
        ...step.set(now, ctx.principal?.user.id ?? null),
        ...(input.note ? { note: input.note } : {}),
      })
      .where(eq(alerts.id, id))
      .returning();
    await step.also?.(tx, before);
    await recordAudit(tx, ctx, {
      action: `alert.${step.to}`,
      entityType: 'alert',
      entityId: id,
      before: { status: before.status },
      after: { status: step.to, note: input.note ?? null },
    });
    return after as AlertRow;
  });
}

/** Someone is on it: the alert stays until its condition clears, but stops asking for attention. */
export async function acknowledgeAlert(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AlertAction,
): Promise<Alert> {
  const row = await moveAlert(deps, ctx, id, input, {
    to: 'acknowledged',
    refuse: (a) => (a.status === 'open' ? null : `The alert is ${a.status}, not open`),
    set: (now, userId) => ({
      status: 'acknowledged',
      acknowledgedAt: now,
      acknowledgedBy: userId,
    }),
  });
  await publishLive(deps, 'monitoring', [
    {
      type: 'alert.updated',
      at: deps.clock.now().toISOString(),
      data: { alert: liveAlert(row) },
    },
  ]);
  return withNames(toAlert(row), await actorNames(deps, [row]));
}

/**
 * Closes an alert by hand. Its condition starts over: if the problem is still there, a new alert
 * opens after the rule's duration (counted as a flap of this one within the reopen window).
 */
export async function resolveAlert(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AlertAction,
): Promise<Alert> {
  const row = await moveAlert(deps, ctx, id, input, {
    to: 'resolved',
    refuse: (a) => (a.status === 'resolved' ? 'The alert is already resolved' : null),
    set: (now, userId) => ({ status: 'resolved', resolvedAt: now, resolvedBy: userId }),
    also: async (tx, before) => {
      await tx.delete(alertConditions).where(eq(alertConditions.key, before.key));
    },
  });
  await publishAlertChanges(deps, [{ kind: 'resolved', alert: row }]);
  return withNames(toAlert(row), await actorNames(deps, [row]));
}
