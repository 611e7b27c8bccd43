import { and, count, desc, eq, ilike, inArray, like, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { planRouters, plans, routers, subscriptions } from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike } from '../../lib/sql-helpers.ts';

export type PlanRow = typeof plans.$inferSelect;
export type NewPlanRow = typeof plans.$inferInsert;
export type PlanWithRouters = PlanRow & { routerIds: string[] };

export async function findPlan(
  db: Executor,
  id: string,
  lock = false,
): Promise<PlanRow | undefined> {
  const q = db.select().from(plans).where(eq(plans.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function routerIdsOfPlans(
  db: Executor,
  planIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (planIds.length === 0) return out;
  const rows = await db
    .select()
    .from(planRouters)
    .where(inArray(planRouters.planId, planIds))
    .orderBy(planRouters.routerId);
  for (const r of rows) {
    const list = out.get(r.planId) ?? [];
    list.push(r.routerId);
    out.set(r.planId, list);
  }
  return out;
}

export async function selectPlans(
  db: Executor,
  f: {
    limit: number;
    after?: CreatedCursor;
    q?: string;
    type?: string;
    routerId?: string;
    active?: boolean;
  },
): Promise<PlanRow[]> {
  return db
    .select()
    .from(plans)
    .where(
      and(
        f.after
          ? or(
              lt(plans.createdAt, f.after.createdAt),
              and(eq(plans.createdAt, f.after.createdAt), lt(plans.id, f.after.id)),
            )
          : undefined,
        f.q ? ilike(plans.name, `%${escapeLike(f.q)}%`) : undefined,
        f.type ? eq(plans.type, f.type) : undefined,
        f.active === undefined ? undefined : eq(plans.active, f.active),
        f.routerId
          ? sql`exists (select 1 from ${planRouters} pr where pr.plan_id = "plans"."id" and pr.router_id = ${f.routerId})`
          : undefined,
      ),
    )
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(f.limit);
}

/**
 * Inserts the plan unless its profile name was just taken by a concurrent insert (then
 * `undefined`: pick another). A taken plan name raises the unique violation.
 */
export async function insertPlan(db: Executor, values: NewPlanRow): Promise<PlanRow | undefined> {
  const [row] = await db
    .insert(plans)
    .values(values)
    .onConflictDoNothing({ target: plans.profileName })
    .returning();
  return row;
}

export async function updatePlanRow(
  db: Executor,
  id: string,
  values: Partial<NewPlanRow>,
): Promise<PlanRow | undefined> {
  const [row] = await db.update(plans).set(values).where(eq(plans.id, id)).returning();
  return row;
}

export async function deletePlanRow(db: Executor, id: string): Promise<void> {
  await db.delete(plans).where(eq(plans.id, id));
}

export async function setPlanRouters(
  db: Executor,
  planId: string,
  routerIds: string[],
): Promise<void> {
  await db.delete(planRouters).where(eq(planRouters.planId, planId));
  if (routerIds.length > 0) {
    await db.insert(planRouters).values(routerIds.map((routerId) => ({ planId, routerId })));
  }
}

/** Which of the ids name an existing router. */
export async function existingRouterIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: routers.id }).from(routers).where(inArray(routers.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Profile names already taken that start with `base`. */
export async function profileNamesLike(db: Executor, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ name: plans.profileName })
    .from(plans)
    .where(like(plans.profileName, `${escapeLike(base)}%`));
  return new Set(rows.map((r) => r.name));
}

/** Subscriptions using the plan (now or from their next period), per router. */
export async function planUsage(
  db: Executor,
  planId: string,
): Promise<{ routerId: string; n: number }[]> {
  return db
    .select({ routerId: subscriptions.routerId, n: count() })
    .from(subscriptions)
    .where(or(eq(subscriptions.planId, planId), eq(subscriptions.nextPlanId, planId)))
    .groupBy(subscriptions.routerId);
}

/** Live subscriptions on the plan, per router: a router cannot drop a plan they use. */
export async function livePlanUsage(
  db: Executor,
  planId: string,
): Promise<{ routerId: string; n: number }[]> {
  return db
    .select({ routerId: subscriptions.routerId, n: count() })
    .from(subscriptions)
    .where(
      and(
        or(eq(subscriptions.planId, planId), eq(subscriptions.nextPlanId, planId)),
        sql`${subscriptions.status} <> 'terminated'`,
      ),
    )
    .groupBy(subscriptions.routerId);
}

export async function planCarriedBy(
  db: Executor,
  planId: string,
  routerId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ planId: planRouters.planId })
    .from(planRouters)
    .where(and(eq(planRouters.planId, planId), eq(planRouters.routerId, routerId)))
    .limit(1);
  return row !== undefined;
}
