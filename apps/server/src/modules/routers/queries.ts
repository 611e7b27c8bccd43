import { and, count, desc, eq, ilike, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { routers, sites, subscriptions } from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike } from '../../lib/sql-helpers.ts';

export type RouterRow = typeof routers.$inferSelect;
export type NewRouterRow = typeof routers.$inferInsert;

export async function findRouter(
  db: Executor,
  id: string,
  lock = false,
): Promise<RouterRow | undefined> {
  const q = db.select().from(routers).where(eq(routers.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectRouters(
  db: Executor,
  f: { limit: number; after?: CreatedCursor; q?: string; siteId?: string },
): Promise<RouterRow[]> {
  return db
    .select()
    .from(routers)
    .where(
      and(
        f.after
          ? or(
              lt(routers.createdAt, f.after.createdAt),
              and(eq(routers.createdAt, f.after.createdAt), lt(routers.id, f.after.id)),
            )
          : undefined,
        f.q ? ilike(routers.name, `%${escapeLike(f.q)}%`) : undefined,
        f.siteId ? eq(routers.siteId, f.siteId) : undefined,
      ),
    )
    .orderBy(desc(routers.createdAt), desc(routers.id))
    .limit(f.limit);
}

export async function insertRouter(
  db: Executor,
  values: NewRouterRow,
): Promise<RouterRow | undefined> {
  const [row] = await db.insert(routers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateRouterRow(
  db: Executor,
  id: string,
  values: Partial<NewRouterRow>,
): Promise<RouterRow | undefined> {
  const [row] = await db.update(routers).set(values).where(eq(routers.id, id)).returning();
  return row;
}

export async function deleteRouterRow(db: Executor, id: string): Promise<void> {
  await db.delete(routers).where(eq(routers.id, id));
}

export async function countRouterSubscriptions(
  db: Executor,
  id: string,
): Promise<{ live: number; all: number }> {
  const rows = await db
    .select({ status: subscriptions.status, n: count() })
    .from(subscriptions)
    .where(eq(subscriptions.routerId, id))
    .groupBy(subscriptions.status);
  let live = 0;
  let all = 0;
  for (const r of rows) {
    all += r.n;
    if (r.status !== 'terminated') live += r.n;
  }
  return { live, all };
}

export async function siteExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).limit(1);
  return row !== undefined;
}
