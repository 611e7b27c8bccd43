import { and, desc, eq, gt, lt, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { sessions, users } from '../../db/schema/index.ts';

export type SessionRow = typeof sessions.$inferSelect;

export async function insertSession(
  db: Executor,
  values: typeof sessions.$inferInsert,
): Promise<SessionRow> {
  const [row] = await db.insert(sessions).values(values).returning();
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

export async function findLiveSessionWithUser(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ session: SessionRow; user: typeof users.$inferSelect } | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function touchSession(
  db: Executor,
  id: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, id));
}

export async function selectSessionsOfUser(
  db: Executor,
  userId: string,
  now: Date,
): Promise<SessionRow[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);
}

export async function deleteSession(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every session of a user, optionally keeping the one making the request. */
export async function deleteSessionsOfUser(
  db: Executor,
  userId: string,
  keepSessionId?: string,
): Promise<void> {
  const where: SQL[] = [eq(sessions.userId, userId)];
  if (keepSessionId) where.push(ne(sessions.id, keepSessionId));
  await db.delete(sessions).where(and(...where));
}

export async function deleteExpiredSessions(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  return rows.length;
}
