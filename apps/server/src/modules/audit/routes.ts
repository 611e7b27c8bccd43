import { auditLogSchema, listAuditLogsQuerySchema, pageSchema } from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { listAuditLogs } from './service.ts';

export function auditRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/audit-logs',
      {
        config: { ability: 'audit:read' },
        schema: {
          tags: ['audit'],
          querystring: listAuditLogsQuerySchema,
          response: { 200: pageSchema(auditLogSchema) },
        },
      },
      async (request) => listAuditLogs(deps.db, request.query),
    );
  };
}
