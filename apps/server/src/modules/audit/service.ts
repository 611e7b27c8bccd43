import type { AuditLog, ListAuditLogsQuery, Page } from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { decodeIdCursor, toIdPage } from '../../lib/cursor.ts';
import type { RequestContext } from '../auth/principal.ts';
import { insertAuditEntry, selectAuditEntries, type AuditRow } from './queries.ts';

/** Fields that never enter the audit log, whatever entity they belong to. */
const SECRET_KEYS = new Set(['password', 'passwordHash', 'tokenHash', 'token', 'secret', 'apiKey']);

function scrub(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_KEYS.has(k) ? '[redacted]' : scrub(v);
    }
    return out;
  }
  return value;
}

export interface AuditChange {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Records a state change in the same transaction as the change itself, so the log can never
 * disagree with the data.
 */
export async function recordAudit(
  tx: Executor,
  ctx: RequestContext,
  change: AuditChange,
): Promise<void> {
  const p = ctx.principal;
  await insertAuditEntry(tx, {
    actorType: p
      ? p.kind === 'token'
        ? 'token'
        : 'user'
      : ctx.requestId === 'system'
        ? 'system'
        : 'anonymous',
    actorId: p?.user.id ?? null,
    actorName: p ? (p.kind === 'token' ? `${p.user.email} (token)` : p.user.email) : null,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    before: scrub(change.before),
    after: scrub(change.after),
    ip: ctx.ip || null,
    requestId: ctx.requestId,
  });
}

function toDto(row: AuditRow): AuditLog {
  return {
    id: row.id.toString(),
    at: row.at.toISOString(),
    actorType: row.actorType as AuditLog['actorType'],
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    requestId: row.requestId,
  };
}

export async function listAuditLogs(db: Executor, q: ListAuditLogsQuery): Promise<Page<AuditLog>> {
  const rows = await selectAuditEntries(db, {
    limit: q.limit + 1,
    beforeId: q.cursor === undefined ? undefined : decodeIdCursor(q.cursor),
    actorId: q.actorId,
    entityType: q.entityType,
    entityId: q.entityId,
    action: q.action,
  });
  return toIdPage(rows, q.limit, toDto);
}
