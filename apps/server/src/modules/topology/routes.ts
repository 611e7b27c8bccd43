import {
  createOdpSchema,
  createSiteSchema,
  idParamSchema,
  listOdpsQuerySchema,
  listSitesQuerySchema,
  odpSchema,
  pageSchema,
  siteSchema,
  topologyMapQuerySchema,
  topologyMapSchema,
  topologyTreeQuerySchema,
  topologyTreeSchema,
  updateOdpSchema,
  updateSiteSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  createOdp,
  createSite,
  deleteOdp,
  deleteSite,
  getOdp,
  getSite,
  listOdps,
  listSites,
  topologyMap,
  topologyTree,
  updateOdp,
  updateSite,
} from './service.ts';

export function topologyRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const read = { ability: 'topology:read' } as const;
    const write = { ability: 'topology:write' } as const;
    const tags = ['topology'];

    app.get(
      '/api/v1/sites',
      {
        config: read,
        schema: {
          tags,
          querystring: listSitesQuerySchema,
          response: { 200: pageSchema(siteSchema) },
        },
      },
      async (request) => listSites(deps, request.query),
    );
    app.post(
      '/api/v1/sites',
      { config: write, schema: { tags, body: createSiteSchema, response: { 201: siteSchema } } },
      async (request, reply) =>
        reply.code(201).send(await createSite(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/sites/:id',
      { config: read, schema: { tags, params: idParamSchema, response: { 200: siteSchema } } },
      async (request) => getSite(deps, request.params.id),
    );
    app.patch(
      '/api/v1/sites/:id',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: updateSiteSchema,
          response: { 200: siteSchema },
        },
      },
      async (request) => updateSite(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/sites/:id',
      { config: write, schema: { tags, params: idParamSchema } },
      async (request, reply) => {
        await deleteSite(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/odps',
      {
        config: read,
        schema: {
          tags,
          querystring: listOdpsQuerySchema,
          response: { 200: pageSchema(odpSchema) },
        },
      },
      async (request) => listOdps(deps, request.query),
    );
    app.post(
      '/api/v1/odps',
      { config: write, schema: { tags, body: createOdpSchema, response: { 201: odpSchema } } },
      async (request, reply) =>
        reply.code(201).send(await createOdp(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/odps/:id',
      { config: read, schema: { tags, params: idParamSchema, response: { 200: odpSchema } } },
      async (request) => getOdp(deps, request.params.id),
    );
    app.patch(
      '/api/v1/odps/:id',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: updateOdpSchema,
          response: { 200: odpSchema },
        },
      },
      async (request) => updateOdp(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/odps/:id',
      { config: write, schema: { tags, params: idParamSchema } },
      async (request, reply) => {
        await deleteOdp(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/v1/topology/tree',
      {
        config: read,
        schema: {
          tags,
          querystring: topologyTreeQuerySchema,
          response: { 200: topologyTreeSchema },
        },
      },
      async (request) => topologyTree(deps, request.query),
    );
    app.get(
      '/api/v1/topology/map',
      {
        config: read,
        schema: { tags, querystring: topologyMapQuerySchema, response: { 200: topologyMapSchema } },
      },
      async (request) => topologyMap(deps, request.query),
    );
  };
}
