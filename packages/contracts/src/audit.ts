import { z } from 'zod';
import { paginationQuerySchema } from './pagination.ts';
import { searchTextSchema } from './text.ts';

export const auditLogSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.enum(['user', 'token', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditLog = z.infer<typeof auditLogSchema>;

export const listAuditLogsQuerySchema = paginationQuerySchema.extend({
  actorId: z.uuid().optional(),
  entityType: searchTextSchema(64).optional(),
  entityId: searchTextSchema(64).optional(),
  action: searchTextSchema(64).optional(),
});
export type ListAuditLogsQuery = z.infer<typeof listAuditLogsQuerySchema>;
