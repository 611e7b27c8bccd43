import { and, desc, eq, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { customers, routers, subscriptions } from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike } from '../../lib/sql-helpers.ts';

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type NewSubscriptionRow = typeof subscriptions.$inferInsert;
/** A subscription with its router's synced revision, to tell whether the router caught up. */
export type SubscriptionView = SubscriptionRow & { routerSyncedRevision: bigint };

/** A reseller reaches a subscription only through one of its own customers. */
function scoped(resellerId: string | undefined): SQL | undefined {
  return resellerId === undefined
    ? undefined
    : sql`exists (select 1 from ${customers} c where c.id = "subscriptions"."customer_id" and c.reseller_id = ${resellerId})`;
}

export async function findSubscription(
  db: Executor,
  id: string,
  resellerId: string | undefined,
  lock = false,
): Promise<SubscriptionRow | undefined> {
  const q = db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.id, id), scoped(resellerId)))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findSubscriptionView(
  db: Executor,
  id: string,
  resellerId: string | undefined,
): Promise<SubscriptionView | undefined> {
  const [row] = await db
    .select({ s: subscriptions, synced: routers.syncedRevision })
    .from(subscriptions)
    .innerJoin(routers, eq(routers.id, subscriptions.routerId))
    .where(and(eq(subscriptions.id, id), scoped(resellerId)))
    .limit(1);
  return row ? { ...row.s, routerSyncedRevision: row.synced } : undefined;
}

export interface SubscriptionFilter {
  limit: number;
  after?: CreatedCursor;
  resellerId?: string;
  customerId?: string;
  routerId?: string;
  planId?: string;
  status?: string;
  q?: string;
}

export async function selectSubscriptions(
  db: Executor,
  f: SubscriptionFilter,
): Promise<SubscriptionView[]> {
  const rows = await db
    .select({ s: subscriptions, synced: routers.syncedRevision })
    .from(subscriptions)
    .innerJoin(routers, eq(routers.id, subscriptions.routerId))
    .where(
      and(
        scoped(f.resellerId),
        f.after
          ? or(
              lt(subscriptions.createdAt, f.after.createdAt),
              and(eq(subscriptions.createdAt, f.after.createdAt), lt(subscriptions.id, f.after.id)),
            )
          : undefined,
        f.customerId ? eq(subscriptions.customerId, f.customerId) : undefined,
        f.routerId ? eq(subscriptions.routerId, f.routerId) : undefined,
        f.planId ? eq(subscriptions.planId, f.planId) : undefined,
        f.status ? eq(subscriptions.status, f.status) : undefined,
        f.q
          ? sql`lower("subscriptions"."username") like ${`%${escapeLike(f.q.toLowerCase())}%`}`
          : undefined,
      ),
    )
    .orderBy(desc(subscriptions.createdAt), desc(subscriptions.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r.s, routerSyncedRevision: r.synced }));
}

/** Inserts unless the user name is taken by a live subscription (the partial unique index). */
export async function insertSubscription(
  db: Executor,
  values: NewSubscriptionRow,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db.insert(subscriptions).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateSubscriptionRow(
  db: Executor,
  id: string,
  values: Partial<NewSubscriptionRow>,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .update(subscriptions)
    .set(values)
    .where(eq(subscriptions.id, id))
    .returning();
  return row;
}

/** Whether another live subscription on the router already has this static IP. */
export async function staticIpTaken(
  db: Executor,
  routerId: string,
  ip: string,
  exceptId: string | undefined,
): Promise<boolean> {
  const [row] = await db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.routerId, routerId),
        eq(subscriptions.staticIp, ip),
        ne(subscriptions.status, 'terminated'),
        exceptId ? ne(subscriptions.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function routerSyncedRevision(
  db: Executor,
  routerId: string,
): Promise<bigint | undefined> {
  const [row] = await db
    .select({ synced: routers.syncedRevision })
    .from(routers)
    .where(eq(routers.id, routerId))
    .limit(1);
  return row?.synced;
}

export async function routerExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: routers.id })
    .from(routers)
    .where(eq(routers.id, id))
    .limit(1);
  return row !== undefined;
}
