import { and, count, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { apiTokens, users } from '../../db/schema/index.ts';

export type TokenRow = typeof apiTokens.$inferSelect;

export async function insertToken(
  db: Executor,
  values: typeof apiTokens.$inferInsert,
): Promise<TokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) throw new Error('token insert returned nothing');
  return row;
}

export async function selectTokensOfUser(db: Executor, userId: string): Promise<TokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(200);
}

export async function countTokensOfUser(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(apiTokens).where(eq(apiTokens.userId, userId));
  return row?.n ?? 0;
}

export async function deleteTokenOfUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<TokenRow | undefined> {
  const [row] = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
    .returning();
  return row;
}

export async function findLiveToken(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ token: TokenRow; user: typeof users.$inferSelect } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now)),
      ),
    )
    .limit(1);
  return row;
}

export async function touchToken(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}
