import type { AlertRule, AlertSeverity, MonitoringSettings } from '@jaring/contracts';
import { and, desc, eq, gte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { alertConditions, alerts } from '../../db/schema/index.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { queueAlertMessages } from './notify.ts';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertEntityType = 'router' | 'interface' | 'subscription' | 'odp' | 'device';

/** One reading of a watched condition, as a poll or an evaluation pass sees it now. */
export interface ConditionInput {
  rule: AlertRule;
  /** Identifies the condition, e.g. `router_down:<routerId>`. */
  key: string;
  active: boolean;
  severity: AlertSeverity;
  entityType: AlertEntityType;
  entityId: string | null;
  routerId: string | null;
  title: string;
  details: Record<string, unknown>;
  /** How long the condition must hold before an alert opens. */
  forMs: number;
  notify: boolean;
}

export interface AlertChange {
  kind: 'opened' | 'reopened' | 'resolved';
  alert: AlertRow;
}

export interface AlertPolicy {
  clearMs: number;
  reopenMs: number;
  settings: MonitoringSettings;
}

export function alertPolicy(settings: MonitoringSettings): AlertPolicy {
  return {
    clearMs: settings.clearMinutes * 60_000,
    reopenMs: settings.reopenMinutes * 60_000,
    settings,
  };
}

async function openAlertOf(tx: Executor, key: string): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.key, key), ne(alerts.status, 'resolved')));
  return row;
}

/**
 * Feeds condition readings into the alert lifecycle: an alert opens once a condition has held for
 * its rule's duration, stays one row however many polls see it, resolves once the condition has
 * been clear for the clear time, and reopens (without paging again) if it returns within the
 * reopen window. Runs in the caller's transaction; the returned changes are for live updates after
 * the commit.
 */
export async function observeConditions(
  deps: AppDeps,
  tx: Executor,
  inputs: readonly ConditionInput[],
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange[]> {
  const changes: AlertChange[] = [];
  // Nearly every reading is "still fine": one query finds the few keys with anything stored, and
  // only those (and active readings) are looked at further.
  const stored = await storedKeys(
    tx,
    inputs.filter((i) => !i.active).map((i) => i.key),
  );
  for (const input of inputs) {
    if (!input.active && !stored.has(input.key)) continue;
    const change = input.active
      ? await observeActive(tx, input, policy, now)
      : await observeClear(tx, input, policy, now);
    if (change) changes.push(change);
  }
  const toNotify = changes.filter((c) => {
    const input = inputs.find((i) => i.key === c.alert.key);
    return c.kind !== 'reopened' && input?.notify;
  });
  if (toNotify.length > 0) await queueAlertMessages(deps, tx, toNotify, policy.settings);
  return changes;
}

async function storedKeys(tx: Executor, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await rowsOf<{ key: string }>(
    tx.execute(sql`select key from alert_conditions where key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))
      union all
      select key from alerts where status <> 'resolved'
        and key in (select jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb))`),
  );
  return new Set(rows.map((r) => r.key));
}

async function observeActive(
  tx: Executor,
  input: ConditionInput,
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange | null> {
  const [cond] = await tx
    .insert(alertConditions)
    .values({
      key: input.key,
      rule: input.rule,
      activeSince: now,
      clearSince: null,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: alertConditions.key,
      set: { clearSince: null, updatedAt: now },
    })
    .returning();
  const activeSince = cond?.activeSince ?? now;
  if (cond && cond.activeSince === null) {
    await tx
      .update(alertConditions)
      .set({ activeSince: now })
      .where(eq(alertConditions.key, input.key));
  }
  const open = await openAlertOf(tx, input.key);
  if (open) {
    await tx
      .update(alerts)
      .set({ lastTriggeredAt: now, details: input.details, title: input.title })
      .where(eq(alerts.id, open.id));
    return null;
  }
  if (now.getTime() - activeSince.getTime() < input.forMs) return null;
  const [recent] = await tx
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.key, input.key),
        eq(alerts.status, 'resolved'),
        gte(alerts.resolvedAt, new Date(now.getTime() - policy.reopenMs)),
      ),
    )
    .orderBy(desc(alerts.resolvedAt))
    .limit(1);
  if (recent && policy.reopenMs > 0) {
    const [row] = await tx
      .update(alerts)
      .set({
        status: 'open',
        resolvedAt: null,
        resolvedBy: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        lastTriggeredAt: now,
        details: input.details,
        title: input.title,
        flapCount: recent.flapCount + 1,
      })
      .where(eq(alerts.id, recent.id))
      .returning();
    return row ? { kind: 'reopened', alert: row } : null;
  }
  const [row] = await tx
    .insert(alerts)
    .values({
      rule: input.rule,
      key: input.key,
      severity: input.severity,
      status: 'open',
      entityType: input.entityType,
      entityId: input.entityId,
      routerId: input.routerId,
      title: input.title,
      details: input.details,
      openedAt: activeSince,
      lastTriggeredAt: now,
    })
    .returning();
  return row ? { kind: 'opened', alert: row } : null;
}

async function observeClear(
  tx: Executor,
  input: ConditionInput,
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange | null> {
  const [cond] = await tx.select().from(alertConditions).where(eq(alertConditions.key, input.key));
  const open = await openAlertOf(tx, input.key);
  if (!open) {
    if (cond) await tx.delete(alertConditions).where(eq(alertConditions.key, input.key));
    return null;
  }
  const clearSince = cond?.clearSince ?? now;
  if (now.getTime() - clearSince.getTime() < policy.clearMs) {
    await tx
      .insert(alertConditions)
      .values({ key: input.key, rule: input.rule, activeSince: null, clearSince, updatedAt: now })
      .onConflictDoUpdate({ target: alertConditions.key, set: { clearSince, updatedAt: now } });
    return null;
  }
  await tx.delete(alertConditions).where(eq(alertConditions.key, input.key));
  const [row] = await tx
    .update(alerts)
    .set({ status: 'resolved', resolvedAt: now, resolvedBy: null })
    .where(eq(alerts.id, open.id))
    .returning();
  return row ? { kind: 'resolved', alert: row } : null;
}
