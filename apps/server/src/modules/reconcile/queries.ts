import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { customers, planRouters, plans, routers, subscriptions } from '../../db/schema/index.ts';

export type PlanRecord = typeof plans.$inferSelect;

export async function findRouter(
  db: Executor,
  id: string,
): Promise<typeof routers.$inferSelect | undefined> {
  const [row] = await db.select().from(routers).where(eq(routers.id, id)).limit(1);
  return row;
}

export async function selectAllRouterIds(db: Executor): Promise<string[]> {
  return (await db.select({ id: routers.id }).from(routers)).map((r) => r.id);
}

/** Plans a router carries, plus plans its live subscriptions use (even if no longer carried). */
export async function selectRouterPlans(db: Executor, routerId: string): Promise<PlanRecord[]> {
  return db
    .select()
    .from(plans)
    .where(
      sql`${plans.id} in (select ${planRouters.planId} from ${planRouters} where ${planRouters.routerId} = ${routerId})
        or ${plans.id} in (select ${subscriptions.planId} from ${subscriptions}
          where ${subscriptions.routerId} = ${routerId} and ${subscriptions.status} in ('active', 'isolated', 'suspended'))`,
    );
}

export interface LiveSubscriptionRow {
  id: string;
  customerId: string;
  customerNumber: string;
  customerName: string;
  planId: string;
  type: string;
  username: string;
  passwordEnc: string | null;
  staticIp: string | null;
  status: string;
  adopt: boolean;
}

/** Subscriptions that must exist on the router: everything not pending or terminated. */
export async function selectLiveSubscriptions(
  db: Executor,
  routerId: string,
): Promise<LiveSubscriptionRow[]> {
  return db
    .select({
      id: subscriptions.id,
      customerId: subscriptions.customerId,
      customerNumber: customers.number,
      customerName: customers.name,
      planId: subscriptions.planId,
      type: subscriptions.type,
      username: subscriptions.username,
      passwordEnc: subscriptions.passwordEnc,
      staticIp: subscriptions.staticIp,
      status: subscriptions.status,
      adopt: subscriptions.adopt,
    })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(
      and(
        eq(subscriptions.routerId, routerId),
        inArray(subscriptions.status, ['active', 'isolated', 'suspended']),
      ),
    );
}

export interface SyncOutcome {
  revision: bigint;
  ok: boolean;
  error: string | null;
  at: Date;
  identity?: string | undefined;
}

/** Records a pass; the synced revision only moves forward, and only when the pass converged. */
export async function recordSyncOutcome(
  db: Executor,
  routerId: string,
  o: SyncOutcome,
): Promise<void> {
  await db
    .update(routers)
    .set({
      online: true,
      lastSeenAt: o.at,
      lastError: null,
      lastSyncAt: o.at,
      lastSyncError: o.error,
      ...(o.ok ? { syncedRevision: sql`greatest(${routers.syncedRevision}, ${o.revision})` } : {}),
    })
    .where(eq(routers.id, routerId));
}

export async function recordRouterDown(
  db: Executor,
  routerId: string,
  error: string,
): Promise<void> {
  await db.update(routers).set({ online: false, lastError: error }).where(eq(routers.id, routerId));
}

export async function recordRouterFacts(
  db: Executor,
  routerId: string,
  facts: { identity: string | null; version: string | null; board: string | null; at: Date },
): Promise<void> {
  await db
    .update(routers)
    .set({
      online: true,
      lastSeenAt: facts.at,
      lastError: null,
      ...(facts.identity ? { identity: facts.identity } : {}),
      ...(facts.version ? { rosVersion: facts.version } : {}),
      ...(facts.board ? { board: facts.board } : {}),
    })
    .where(eq(routers.id, routerId));
}
