import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { integrationLog } from '../../db/schema/index.ts';

export type IntegrationLogEntry = typeof integrationLog.$inferInsert;
export type IntegrationLogRow = typeof integrationLog.$inferSelect;

export async function insertIntegrationLog(
  db: Executor,
  entries: IntegrationLogEntry[],
): Promise<void> {
  // Large passes (a first sync of thousands of secrets) are written in chunks.
  for (let i = 0; i < entries.length; i += 1000) {
    await db.insert(integrationLog).values(entries.slice(i, i + 1000));
  }
}

export interface IntegrationLogFilter {
  routerId?: string | undefined;
  customerId?: string | undefined;
  subscriptionId?: string | undefined;
  beforeId?: bigint | undefined;
  limit: number;
}

export async function selectIntegrationLog(
  db: Executor,
  f: IntegrationLogFilter,
): Promise<IntegrationLogRow[]> {
  const where: SQL[] = [];
  if (f.routerId) where.push(eq(integrationLog.routerId, f.routerId));
  if (f.customerId) where.push(eq(integrationLog.customerId, f.customerId));
  if (f.subscriptionId) where.push(eq(integrationLog.subscriptionId, f.subscriptionId));
  if (f.beforeId !== undefined) where.push(lt(integrationLog.id, f.beforeId));
  return db
    .select()
    .from(integrationLog)
    .where(and(...where))
    .orderBy(desc(integrationLog.id))
    .limit(f.limit);
}
