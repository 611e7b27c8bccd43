import { sql } from 'drizzle-orm';
import type { alerts } from '../../db/schema/index.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { AlertChange, AlertPolicy } from '../alerts/conditions.ts';
import { queueAlertMessages } from '../alerts/notify.ts';
import { evaluateOdpOutages } from './odp-outage.ts';

type AlertRow = typeof alerts.$inferSelect;

function toRow(r: Record<string, unknown>): AlertRow {
  const d = (v: unknown): Date | null =>
    v === null || v === undefined ? null : new Date(v as string);
  return {
    id: r['id'] as string,
    rule: r['rule'] as string,
    key: r['key'] as string,
    severity: r['severity'] as string,
    status: r['status'] as string,
    entityType: r['entity_type'] as string,
    entityId: (r['entity_id'] as string | null) ?? null,
    routerId: (r['router_id'] as string | null) ?? null,
    title: r['title'] as string,
    details: (typeof r['details'] === 'string'
      ? JSON.parse(r['details'])
      : r['details']) as unknown,
    openedAt: d(r['opened_at']) as Date,
    lastTriggeredAt: d(r['last_triggered_at']) as Date,
    acknowledgedAt: d(r['acknowledged_at']),
    acknowledgedBy: (r['acknowledged_by'] as string | null) ?? null,
    resolvedAt: d(r['resolved_at']),
    resolvedBy: (r['resolved_by'] as string | null) ?? null,
    note: (r['note'] as string | null) ?? null,
    flapCount: Number(r['flap_count'] ?? 0),
  };
}

/**
 * Subscribers offline for longer than the rule's hours, decided for all of them in two statements
 * (100,000 subscribers cannot be walked one by one every minute). Only subscribers seen online
 * before are judged, and not while their router is down or their ODP has an outage alert: those
 * alerts already say why.
 */
export async function evaluateSubscriberOffline(
  deps: AppDeps,
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange[]> {
  const rule = policy.settings.rules.subscriberOffline;
  const cutoff = new Date(now.getTime() - rule.hours * 3_600_000);
  return deps.db.transaction(async (tx) => {
    const opened = rule.enabled
      ? await rowsOf<Record<string, unknown>>(
          tx.execute(sql`with cand as (
              select s.id, s.username, s.router_id, c.name as customer_name, c.number as customer_number,
                (select max(x.ended_at) from subscriber_sessions x where x.subscription_id = s.id) as last_end
              from subscriptions s
              join customers c on c.id = s.customer_id
              join router_monitor m on m.router_id = s.router_id and m.status = 'up'
              where s.status = 'active'
                and not exists (select 1 from subscriber_sessions x where x.subscription_id = s.id and x.ended_at is null)
                and (c.odp_id is null or not exists (select 1 from alerts a
                  where a.key = 'odp_outage:' || c.odp_id::text and a.status <> 'resolved'))
            )
            insert into alerts (rule, key, severity, status, entity_type, entity_id, router_id, title,
              details, opened_at, last_triggered_at)
            select 'subscriber_offline', 'subscriber_offline:' || cand.id::text, ${rule.severity}, 'open',
              'subscription', cand.id::text, cand.router_id,
              cand.customer_name || ' (' || cand.username || ') offline since ' ||
                to_char(cand.last_end at time zone ${deps.config.timezone}, 'YYYY-MM-DD HH24:MI'),
              jsonb_build_object('customer', cand.customer_name, 'customerNumber', cand.customer_number,
                'username', cand.username, 'lastSeenAt', cand.last_end),
              cand.last_end, ${now}
            from cand where cand.last_end is not null and cand.last_end < ${cutoff}
            on conflict (key) where status <> 'resolved' do nothing
            returning *`),
        )
      : [];
    const resolved = await rowsOf<Record<string, unknown>>(
      tx.execute(sql`update alerts a set status = 'resolved', resolved_at = ${now}
        where a.rule = 'subscriber_offline' and a.status <> 'resolved'
          and (${!rule.enabled}
            or exists (select 1 from subscriber_sessions x
              where x.subscription_id::text = a.entity_id and x.ended_at is null)
            or not exists (select 1 from subscriptions s where s.id::text = a.entity_id and s.status = 'active'))
        returning *`),
    );
    const changes: AlertChange[] = [
      ...opened.map((r) => ({ kind: 'opened' as const, alert: toRow(r) })),
      ...resolved.map((r) => ({ kind: 'resolved' as const, alert: toRow(r) })),
    ];
    if (rule.notify && changes.length > 0) {
      await queueAlertMessages(deps, tx, changes, policy.settings);
    }
    return changes;
  });
}

/** ODPs with an open outage alert, re-judged so they resolve even without a poll touching them. */
export async function reevaluateOpenOdpOutages(
  deps: AppDeps,
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange[]> {
  return deps.db.transaction(async (tx) => {
    const rows = await rowsOf<{ id: string }>(
      tx.execute(sql`select entity_id as id from alerts
        where rule = 'odp_outage' and status <> 'resolved' and entity_id is not null`),
    );
    if (rows.length === 0) return [];
    return evaluateOdpOutages(
      deps,
      tx,
      rows.map((r) => r.id),
      policy,
      now,
    );
  });
}
