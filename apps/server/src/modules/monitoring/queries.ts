import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { routerInterfaces, routerMonitor, routers } from '../../db/schema/index.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

export type RouterMonitorRow = typeof routerMonitor.$inferSelect;
export type RouterRow = typeof routers.$inferSelect;

export interface Uplink {
  uplink: boolean;
  capacityBps: number | null;
}

export interface Claim {
  monitor: RouterMonitorRow;
  router: RouterRow;
  healthDue: boolean;
  usageDue: boolean;
  /** Interfaces with an operator setting (uplink or capacity), by name. */
  uplinks: Map<string, Uplink>;
}

const LEASE_MS = 120_000;

/**
 * Every router gets a monitor row, its first polls spread over the interval by its id so a
 * restart does not poll every router in the same second.
 */
export async function ensureMonitorRows(db: Executor, now: Date): Promise<void> {
  await db.execute(sql`insert into router_monitor (router_id, next_health_at, next_usage_at, status_since)
    select r.id,
      ${now}::timestamptz + make_interval(secs => (abs(hashtext(r.id::text)) % 60)),
      ${now}::timestamptz + make_interval(secs => (abs(hashtext(r.id::text)) % 300)),
      ${now}::timestamptz
    from routers r
    where not exists (select 1 from router_monitor m where m.router_id = r.id)
    on conflict do nothing`);
}

/**
 * Leases up to `limit` routers that are due, skipping rows another worker holds: any number of
 * workers share the polling and no router is polled twice at once.
 */
export async function claimDueRouters(
  db: Executor,
  owner: string,
  now: Date,
  limit: number,
  only?: string,
): Promise<Claim[]> {
  if (limit <= 0) return [];
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const due = only
    ? sql`router_id = ${only}`
    : sql`enabled and (next_health_at <= ${now} or next_usage_at <= ${now})`;
  const rows = await rowsOf<{ router_id: string; health_due: boolean; usage_due: boolean }>(
    db.execute(sql`update router_monitor m set lease_until = ${leaseUntil}, lease_owner = ${owner}
      where m.router_id in (
        select router_id from router_monitor
        where ${due} and (lease_until is null or lease_until < ${now})
        order by least(next_health_at, next_usage_at)
        limit ${limit}
        for update skip locked)
      returning m.router_id, (m.next_health_at <= ${now}) as health_due,
        (m.next_usage_at <= ${now}) as usage_due`),
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.router_id);
  const [monitors, routerRows, links] = await Promise.all([
    db.select().from(routerMonitor).where(inArray(routerMonitor.routerId, ids)),
    db.select().from(routers).where(inArray(routers.id, ids)),
    db
      .select({
        routerId: routerInterfaces.routerId,
        name: routerInterfaces.name,
        uplink: routerInterfaces.uplink,
        capacityBps: routerInterfaces.capacityBps,
      })
      .from(routerInterfaces)
      .where(
        and(
          inArray(routerInterfaces.routerId, ids),
          sql`(${routerInterfaces.uplink} or ${routerInterfaces.capacityBps} is not null)`,
        ),
      ),
  ]);
  const uplinks = new Map<string, Map<string, Uplink>>();
  for (const l of links) {
    const m = uplinks.get(l.routerId) ?? new Map<string, Uplink>();
    m.set(l.name, { uplink: l.uplink, capacityBps: l.capacityBps });
    uplinks.set(l.routerId, m);
  }
  const byId = new Map(routerRows.map((r) => [r.id, r]));
  const flags = new Map(rows.map((r) => [r.router_id, r]));
  return monitors.flatMap((m): Claim[] => {
    const router = byId.get(m.routerId);
    const f = flags.get(m.routerId);
    if (!router || !f) return [];
    return [
      {
        monitor: m,
        router,
        healthDue: only ? true : Boolean(f.health_due),
        usageDue: only ? true : Boolean(f.usage_due),
        uplinks: uplinks.get(m.routerId) ?? new Map<string, Uplink>(),
      },
    ];
  });
}

export async function releaseLease(db: Executor, routerId: string): Promise<void> {
  await db
    .update(routerMonitor)
    .set({ leaseUntil: null, leaseOwner: null })
    .where(eq(routerMonitor.routerId, routerId));
}
