import {
  driftReportSchema,
  idParamSchema,
  integrationLogEntrySchema,
  pageSchema,
  paginationQuerySchema,
  routerTestResultSchema,
  testRouterConnectionSchema,
  type DriftReport,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { MENUS } from './menus.ts';
import type { ReconcileReport } from './reconciler.ts';
import {
  assertCustomerVisible,
  listIntegrationLog,
  requestSync,
  showDrift,
  testSavedRouter,
  testUnsavedRouter,
} from './service.ts';

function toDrift(r: ReconcileReport): DriftReport {
  return {
    routerId: r.routerId,
    revision: r.revision,
    inSync: r.menus.length === 0,
    menus: r.menus.map((m) => ({
      menu: m.menu,
      path: MENUS[m.menu].path,
      changes: m.changes.map((c) => ({ op: c.op, key: c.key, changed: c.changed })),
      conflicts: m.conflicts,
    })),
  };
}

/** Router actions that talk to the router: test, sync now, drift, and the call log. */
export function routerActionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/routers/test-connection',
      {
        config: { ability: 'routers:write', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags: ['routers'],
          summary: 'Try connection settings before saving a router',
          body: testRouterConnectionSchema,
          response: { 200: routerTestResultSchema },
        },
      },
      async (request) => testUnsavedRouter(request.body),
    );
    app.post(
      '/api/v1/routers/:id/test',
      {
        config: { ability: 'routers:write' },
        schema: {
          tags: ['routers'],
          summary: 'Connect to a saved router and read identity, version, board and uptime',
          params: idParamSchema,
          response: { 200: routerTestResultSchema },
        },
      },
      async (request) => testSavedRouter(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/routers/:id/sync',
      {
        config: { ability: 'routers:write' },
        schema: {
          tags: ['routers'],
          summary: 'Reconcile this router now',
          params: idParamSchema,
          response: { 202: z.object({ jobId: z.string().nullable() }) },
        },
      },
      async (request, reply) =>
        reply.code(202).send(await requestSync(deps, request.ctx, request.params.id)),
    );
    app.get(
      '/api/v1/routers/:id/drift',
      {
        config: { ability: 'routers:read' },
        schema: {
          tags: ['routers'],
          summary: 'What a reconcile would change on the router (nothing is changed)',
          params: idParamSchema,
          response: { 200: driftReportSchema },
        },
      },
      async (request) => toDrift(await showDrift(deps, request.ctx, request.params.id)),
    );
    app.get(
      '/api/v1/routers/:id/log',
      {
        config: { ability: 'routers:read' },
        schema: {
          tags: ['routers'],
          summary: 'Calls Jaring made to this router',
          params: idParamSchema,
          querystring: paginationQuerySchema,
          response: { 200: pageSchema(integrationLogEntrySchema) },
        },
      },
      async (request) => listIntegrationLog(deps, { routerId: request.params.id }, request.query),
    );
    app.get(
      '/api/v1/customers/:id/integration-log',
      {
        config: { ability: 'customers:read' },
        schema: {
          tags: ['customers'],
          summary: 'Router calls made for this customer',
          params: idParamSchema,
          querystring: paginationQuerySchema,
          response: { 200: pageSchema(integrationLogEntrySchema) },
        },
      },
      async (request) => {
        await assertCustomerVisible(deps, request.ctx, request.params.id);
        return listIntegrationLog(deps, { customerId: request.params.id }, request.query);
      },
    );
  };
}
