import {
  createRouterSchema,
  idParamSchema,
  listRoutersQuerySchema,
  pageSchema,
  routerSchema,
  updateRouterSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { createRouter, deleteRouter, getRouter, listRouters, updateRouter } from './service.ts';

export function routerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['routers'];
    app.get(
      '/api/v1/routers',
      {
        config: { ability: 'routers:read' },
        schema: {
          tags,
          querystring: listRoutersQuerySchema,
          response: { 200: pageSchema(routerSchema) },
        },
      },
      async (request) => listRouters(deps, request.query),
    );
    app.post(
      '/api/v1/routers',
      {
        config: { ability: 'routers:write' },
        schema: { tags, body: createRouterSchema, response: { 201: routerSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createRouter(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/routers/:id',
      {
        config: { ability: 'routers:read' },
        schema: { tags, params: idParamSchema, response: { 200: routerSchema } },
      },
      async (request) => getRouter(deps, request.params.id),
    );
    app.patch(
      '/api/v1/routers/:id',
      {
        config: { ability: 'routers:write' },
        schema: {
          tags,
          params: idParamSchema,
          body: updateRouterSchema,
          response: { 200: routerSchema },
        },
      },
      async (request) => updateRouter(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/routers/:id',
      { config: { ability: 'routers:write' }, schema: { tags, params: idParamSchema } },
      async (request, reply) => {
        await deleteRouter(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
