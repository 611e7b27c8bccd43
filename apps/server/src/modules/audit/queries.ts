import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { auditLogs } from '../../db/schema/index.ts';

export interface AuditEntry {
  actorType: 'user' | 'token' | 'system' | 'anonymous';
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

export async function insertAuditEntry(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLogs).values({
    ...entry,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export interface AuditFilter {
  limit: number;
  beforeId: bigint | undefined;
  actorId: string | undefined;
  entityType: string | undefined;
  entityId: string | undefined;
  action: string | undefined;
}

export type AuditRow = typeof auditLogs.$inferSelect;

export async function selectAuditEntries(db: Executor, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.beforeId !== undefined) where.push(lt(auditLogs.id, f.beforeId));
  if (f.actorId) where.push(eq(auditLogs.actorId, f.actorId));
  if (f.entityType) where.push(eq(auditLogs.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditLogs.entityId, f.entityId));
  if (f.action) where.push(eq(auditLogs.action, f.action));
  return db
    .select()
    .from(auditLogs)
    .where(and(...where))
    .orderBy(desc(auditLogs.id))
    .limit(f.limit);
}
