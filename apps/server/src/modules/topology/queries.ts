import {
  and,
  count,
  desc,
  eq,
  ilike,
  inArray,
  lt,
  or,
  sql,
  type SQL,
  type SQLWrapper,
} from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { customers, odps, routers, sites, subscriptions } from '../../db/schema/index.ts';
import { escapeLike, rowsOf } from '../../lib/sql-helpers.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';

export type SiteRow = typeof sites.$inferSelect;
export type NewSiteRow = typeof sites.$inferInsert;
export type OdpRow = typeof odps.$inferSelect;
export type NewOdpRow = typeof odps.$inferInsert;
export type OdpWithUse = OdpRow & { used: number };

function after(
  table: typeof sites | typeof odps,
  cursor: CreatedCursor | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    lt(table.createdAt, cursor.createdAt),
    and(eq(table.createdAt, cursor.createdAt), lt(table.id, cursor.id)),
  );
}

export async function findSite(
  db: Executor,
  id: string,
  lock = false,
): Promise<SiteRow | undefined> {
  const q = db.select().from(sites).where(eq(sites.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectSites(
  db: Executor,
  f: { limit: number; after?: CreatedCursor; q?: string; kind?: string; parentId?: string },
): Promise<SiteRow[]> {
  return db
    .select()
    .from(sites)
    .where(
      and(
        after(sites, f.after),
        f.q ? ilike(sites.name, `%${escapeLike(f.q)}%`) : undefined,
        f.kind ? eq(sites.kind, f.kind) : undefined,
        f.parentId ? eq(sites.parentId, f.parentId) : undefined,
      ),
    )
    .orderBy(desc(sites.createdAt), desc(sites.id))
    .limit(f.limit);
}

export async function insertSite(db: Executor, values: NewSiteRow): Promise<SiteRow | undefined> {
  const [row] = await db.insert(sites).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateSiteRow(
  db: Executor,
  id: string,
  values: Partial<NewSiteRow>,
): Promise<SiteRow | undefined> {
  const [row] = await db.update(sites).set(values).where(eq(sites.id, id)).returning();
  return row;
}

export async function deleteSiteRow(db: Executor, id: string): Promise<void> {
  await db.delete(sites).where(eq(sites.id, id));
}

/** What still points at a site: child sites, ODPs, routers, customers. */
export async function siteUsage(db: Executor, id: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    db.execute(sql`
    select ((select count(*) from ${sites} where ${sites.parentId} = ${id})
      + (select count(*) from ${odps} where ${odps.siteId} = ${id})
      + (select count(*) from ${routers} where ${routers.siteId} = ${id})
      + (select count(*) from ${customers} where ${customers.siteId} = ${id}))::int as n`),
  );
  return Number(row?.n ?? 0);
}

const usedExpr = sql<number>`(select count(*)::int from ${customers} c where c.odp_id = "odps"."id")`;

export async function findOdp(
  db: Executor,
  id: string,
  lock = false,
): Promise<OdpWithUse | undefined> {
  if (lock) await db.select({ id: odps.id }).from(odps).where(eq(odps.id, id)).for('update');
  const [row] = await db
    .select({ odp: odps, used: usedExpr })
    .from(odps)
    .where(eq(odps.id, id))
    .limit(1);
  return row ? { ...row.odp, used: Number(row.used) } : undefined;
}

export async function selectOdps(
  db: Executor,
  f: {
    limit: number;
    after?: CreatedCursor;
    q?: string;
    kind?: string;
    siteId?: string;
    parentId?: string;
  },
): Promise<OdpWithUse[]> {
  const rows = await db
    .select({ odp: odps, used: usedExpr })
    .from(odps)
    .where(
      and(
        after(odps, f.after),
        f.q ? ilike(odps.name, `%${escapeLike(f.q)}%`) : undefined,
        f.kind ? eq(odps.kind, f.kind) : undefined,
        f.siteId ? eq(odps.siteId, f.siteId) : undefined,
        f.parentId ? eq(odps.parentId, f.parentId) : undefined,
      ),
    )
    .orderBy(desc(odps.createdAt), desc(odps.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r.odp, used: Number(r.used) }));
}

export async function insertOdp(db: Executor, values: NewOdpRow): Promise<OdpRow | undefined> {
  const [row] = await db.insert(odps).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateOdpRow(
  db: Executor,
  id: string,
  values: Partial<NewOdpRow>,
): Promise<OdpRow | undefined> {
  const [row] = await db.update(odps).set(values).where(eq(odps.id, id)).returning();
  return row;
}

export async function deleteOdpRow(db: Executor, id: string): Promise<void> {
  await db.delete(odps).where(eq(odps.id, id));
}

export async function countChildOdps(db: Executor, id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(odps).where(eq(odps.parentId, id));
  return row?.n ?? 0;
}

export async function maxOdpPort(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number | null>`max(${customers.odpPort})` })
    .from(customers)
    .where(eq(customers.odpId, id));
  return Number(row?.n ?? 0);
}

// --- tree ---------------------------------------------------------------------------------

export interface TreeCustomer {
  id: string;
  number: string;
  name: string;
  status: string;
}

/** Routers, with the number of distinct customers having a live subscription on each. */
export async function treeRouters(
  db: Executor,
  routerId: string | undefined,
): Promise<{ id: string; name: string; online: boolean | null; customerCount: number }[]> {
  const rows = await db
    .select({
      id: routers.id,
      name: routers.name,
      online: routers.online,
      customerCount: sql<number>`(select count(distinct s.customer_id)::int from ${subscriptions} s where s.router_id = "routers"."id" and s.status <> 'terminated')`,
    })
    .from(routers)
    .where(routerId ? eq(routers.id, routerId) : undefined)
    .orderBy(routers.name);
  return rows.map((r) => ({ ...r, customerCount: Number(r.customerCount) }));
}

/** At most this many customers are listed in one tree answer, whatever the per-node cap. */
export const TREE_LISTED_MAX = 5000;

/**
 * Customers with a live subscription grouped by (router, ODP): each group's count, and the first
 * `cap` of each group by name (at most TREE_LISTED_MAX in all). Two queries whatever the number
 * of groups: a grouped count, and a ranked list only when names are wanted.
 */
export async function treeGroups(
  db: Executor,
  f: { routerId: string | undefined; odpId: string | undefined },
  cap: number,
): Promise<
  {
    routerId: string | null;
    odpId: string | null;
    total: number;
    customers: TreeCustomer[];
  }[]
> {
  const linkFilter = sql`s.status <> 'terminated'
    ${f.routerId ? sql`and s.router_id = ${f.routerId}` : sql``}
    ${f.odpId ? sql`and c.odp_id = ${f.odpId}` : sql``}`;
  const counts = await rowsOf<{ router_id: string; odp_id: string | null; total: number }>(
    db.execute(sql`
      select s.router_id, c.odp_id, count(distinct c.id)::int as total
      from ${subscriptions} s join ${customers} c on c.id = s.customer_id
      where ${linkFilter}
      group by s.router_id, c.odp_id`),
  );
  const groups = new Map<
    string,
    { routerId: string | null; odpId: string | null; total: number; customers: TreeCustomer[] }
  >();
  const keyOf = (routerId: string | null, odpId: string | null): string =>
    `${routerId ?? ''}/${odpId ?? ''}`;
  for (const r of counts) {
    groups.set(keyOf(r.router_id, r.odp_id), {
      routerId: r.router_id,
      odpId: r.odp_id,
      total: Number(r.total),
      customers: [],
    });
  }
  if (cap > 0 && groups.size > 0) {
    const listed = await rowsOf<{
      router_id: string;
      odp_id: string | null;
      id: string;
      number: string;
      name: string;
      status: string;
    }>(
      db.execute(sql`
        with links as (
          select distinct s.router_id, c.odp_id, c.id, c.number, c.name, c.status
          from ${subscriptions} s join ${customers} c on c.id = s.customer_id
          where ${linkFilter}
        ),
        ranked as (
          select *, row_number() over (
            partition by router_id, odp_id order by lower(name) collate "C", id) as rn
          from links
        )
        select router_id, odp_id, id, number, name, status from ranked where rn <= ${cap}
        order by router_id, odp_id, rn
        limit ${TREE_LISTED_MAX}`),
    );
    for (const r of listed) {
      groups
        .get(keyOf(r.router_id, r.odp_id))
        ?.customers.push({ id: r.id, number: r.number, name: r.name, status: r.status });
    }
  }
  return [...groups.values()];
}

/** Customers with no live subscription: count and the first `cap` by name. */
export async function unroutedCustomers(
  db: Executor,
  cap: number,
): Promise<{ total: number; customers: TreeCustomer[] }> {
  const live = sql`exists (select 1 from ${subscriptions} s where s.customer_id = "customers"."id" and s.status <> 'terminated')`;
  const [countRow] = await db
    .select({ n: count() })
    .from(customers)
    .where(sql`not ${live}`);
  const rows =
    cap === 0
      ? []
      : await db
          .select({
            id: customers.id,
            number: customers.number,
            name: customers.name,
            status: customers.status,
          })
          .from(customers)
          .where(sql`not ${live}`)
          .orderBy(sql`lower(${customers.name})`, customers.id)
          .limit(cap);
  return { total: countRow?.n ?? 0, customers: rows };
}

export async function odpsByIds(db: Executor, ids: string[]): Promise<OdpWithUse[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ odp: odps, used: usedExpr })
    .from(odps)
    .where(inArray(odps.id, ids));
  return rows.map((r) => ({ ...r.odp, used: Number(r.used) }));
}

// --- map ----------------------------------------------------------------------------------

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export interface MapPointRow {
  kind: string;
  id: string;
  name: string;
  latitude: number;
  longitude: number;
  parentId: string | null;
  status: string | null;
}

function inBox(lat: SQLWrapper, lon: SQLWrapper, box: BBox | undefined): SQL {
  const located = sql`${lat} is not null and ${lon} is not null`;
  if (!box) return located;
  return sql`${located} and ${lat} between ${box.minLat} and ${box.maxLat} and ${lon} between ${box.minLon} and ${box.maxLon}`;
}

/** Routers, ODC/ODPs and customers with coordinates inside the box, at most `limit` of all. */
export async function mapPoints(
  db: Executor,
  box: BBox | undefined,
  limit: number,
): Promise<MapPointRow[]> {
  const routerRows = await db
    .select({
      id: routers.id,
      name: routers.name,
      latitude: routers.latitude,
      longitude: routers.longitude,
      online: routers.online,
    })
    .from(routers)
    .where(inBox(routers.latitude, routers.longitude, box))
    .limit(limit);
  const odpRows = await db
    .select({
      id: odps.id,
      name: odps.name,
      kind: odps.kind,
      latitude: odps.latitude,
      longitude: odps.longitude,
      parentId: odps.parentId,
    })
    .from(odps)
    .where(inBox(odps.latitude, odps.longitude, box))
    .limit(limit);
  const customerRows = await db
    .select({
      id: customers.id,
      name: customers.name,
      latitude: customers.latitude,
      longitude: customers.longitude,
      odpId: customers.odpId,
      status: customers.status,
    })
    .from(customers)
    .where(inBox(customers.latitude, customers.longitude, box))
    .orderBy(customers.id)
    .limit(limit + 1);
  const points: MapPointRow[] = [
    ...routerRows.map((r) => ({
      kind: 'router',
      id: r.id,
      name: r.name,
      latitude: r.latitude ?? 0,
      longitude: r.longitude ?? 0,
      parentId: null,
      status: r.online === null ? null : r.online ? 'online' : 'offline',
    })),
    ...odpRows.map((o) => ({
      kind: o.kind,
      id: o.id,
      name: o.name,
      latitude: o.latitude ?? 0,
      longitude: o.longitude ?? 0,
      parentId: o.parentId,
      status: null,
    })),
    ...customerRows.map((c) => ({
      kind: 'customer',
      id: c.id,
      name: c.name,
      latitude: c.latitude ?? 0,
      longitude: c.longitude ?? 0,
      parentId: c.odpId,
      status: c.status,
    })),
  ];
  return points;
}
