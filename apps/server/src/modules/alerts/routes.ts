import {
  alertActionSchema,
  alertListQuerySchema,
  alertSchema,
  idParamSchema,
  pageSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from './service.ts';

/** Alerts raised by monitoring: list, detail, acknowledge, resolve. */
export function alertRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['alerts'];
    const read = { ability: 'monitoring:read' } as const;
    const write = { ability: 'monitoring:write' } as const;
    app.get(
      '/api/v1/alerts',
      {
        config: read,
        schema: {
          tags,
          summary: 'Alerts, newest first (active ones by default)',
          querystring: alertListQuerySchema,
          response: { 200: pageSchema(alertSchema) },
        },
      },
      async (request) => listAlerts(deps, request.query),
    );
    app.get(
      '/api/v1/alerts/:id',
      {
        config: read,
        schema: {
          tags,
          summary: 'One alert',
          params: idParamSchema,
          response: { 200: alertSchema },
        },
      },
      async (request) => getAlert(deps, request.params.id),
    );
    app.post(
      '/api/v1/alerts/:id/acknowledge',
      {
        config: write,
        schema: {
          tags,
          summary: 'Acknowledge an open alert',
          params: idParamSchema,
          body: alertActionSchema.optional(),
          response: { 200: alertSchema },
        },
      },
      async (request) => acknowledgeAlert(deps, request.ctx, request.params.id, request.body ?? {}),
    );
    app.post(
      '/api/v1/alerts/:id/resolve',
      {
        config: write,
        schema: {
          tags,
          summary: 'Resolve an alert by hand',
          params: idParamSchema,
          body: alertActionSchema.optional(),
          response: { 200: alertSchema },
        },
      },
      async (request) => resolveAlert(deps, request.ctx, request.params.id, request.body ?? {}),
    );
  };
}
