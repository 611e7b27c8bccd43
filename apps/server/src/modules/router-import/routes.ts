import {
  idParamSchema,
  routerImportPreviewSchema,
  routerImportResultSchema,
  runRouterImportSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { previewRouterImport, runRouterImport } from './service.ts';

export function routerImportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/routers/:id/import',
      {
        config: { ability: 'routers:write' },
        schema: {
          tags: ['routers'],
          summary:
            'Preview importing the PPPoE secrets, hotspot users and profiles a router already has',
          params: idParamSchema,
          response: { 200: routerImportPreviewSchema },
        },
      },
      async (request) => previewRouterImport(deps, request.params.id),
    );
    app.post(
      '/api/v1/routers/:id/import',
      {
        config: { ability: 'routers:write', rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: {
          tags: ['routers'],
          summary: 'Import them as plans, customers and subscriptions in one step',
          params: idParamSchema,
          body: runRouterImportSchema,
          response: { 200: routerImportResultSchema },
        },
      },
      async (request) => runRouterImport(deps, request.ctx, request.params.id, request.body),
    );
  };
}
