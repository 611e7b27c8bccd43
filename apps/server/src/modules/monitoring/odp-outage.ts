import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { observeConditions, type AlertChange, type AlertPolicy } from '../alerts/conditions.ts';

interface OdpCounts {
  id: string;
  name: string;
  router_id: string | null;
  total: number | string;
  recent_offline: number | string;
  offline: number | string;
  has_alert: boolean;
}

/**
 * Many subscribers behind one ODP dropping at once is a fiber cut, not many separate problems: one
 * alert names the ODP. It opens when enough of the ODP's active subscribers went offline within the
 * window, and stays open while enough of them are still offline. Subscribers whose router is down
 * are left to that router's alert.
 */
export async function evaluateOdpOutages(
  deps: AppDeps,
  tx: Executor,
  odpIds: readonly string[],
  policy: AlertPolicy,
  now: Date,
): Promise<AlertChange[]> {
  const rule = policy.settings.rules.odpOutage;
  if (odpIds.length === 0) return [];
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const rows = await rowsOf<OdpCounts>(
    tx.execute(sql`with subs as (
        select c.odp_id, s.id, s.router_id,
          exists (select 1 from subscriber_sessions x where x.subscription_id = s.id and x.ended_at is null) as online,
          (select max(x.ended_at) from subscriber_sessions x where x.subscription_id = s.id) as last_end
        from customers c
        join subscriptions s on s.customer_id = c.id and s.status = 'active'
        join router_monitor m on m.router_id = s.router_id and m.status = 'up'
        where c.odp_id in (select jsonb_array_elements_text(${JSON.stringify(odpIds)}::jsonb)::uuid)
      )
      select o.id, o.name, min(subs.router_id::text) as router_id,
        count(subs.id) as total,
        count(*) filter (where not subs.online and subs.last_end >= ${windowStart}) as recent_offline,
        count(*) filter (where not subs.online and subs.last_end >= ${dayAgo}) as offline,
        exists (select 1 from alerts a where a.key = 'odp_outage:' || o.id::text and a.status <> 'resolved') as has_alert
      from odps o join subs on subs.odp_id = o.id
      group by o.id, o.name`),
  );
  const inputs = rows.map((r) => {
    const total = Number(r.total);
    const counted = r.has_alert ? Number(r.offline) : Number(r.recent_offline);
    const pct = total > 0 ? Math.round((counted / total) * 100) : 0;
    return {
      rule: 'odp_outage' as const,
      key: `odp_outage:${r.id}`,
      active: rule.enabled && counted >= rule.minSubscribers && pct >= rule.minPercent,
      severity: rule.severity,
      entityType: 'odp' as const,
      entityId: r.id,
      routerId: r.router_id,
      title: `Probable fiber cut at ODP ${r.name}: ${counted} of ${total} subscribers offline`,
      details: { odp: r.name, odpId: r.id, offline: counted, subscribers: total, percent: pct },
      forMs: 0,
      notify: rule.notify,
    };
  });
  return observeConditions(deps, tx, inputs, policy, now);
}
