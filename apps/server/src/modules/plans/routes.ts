import {
  createPlanSchema,
  idParamSchema,
  listPlansQuerySchema,
  pageSchema,
  planSchema,
  updatePlanSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { createPlan, deletePlan, getPlan, listPlans, updatePlan } from './service.ts';

export function planRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['plans'];
    app.get(
      '/api/v1/plans',
      {
        config: { ability: 'plans:read' },
        schema: {
          tags,
          querystring: listPlansQuerySchema,
          response: { 200: pageSchema(planSchema) },
        },
      },
      async (request) => listPlans(deps, request.query),
    );
    app.post(
      '/api/v1/plans',
      {
        config: { ability: 'plans:write' },
        schema: { tags, body: createPlanSchema, response: { 201: planSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createPlan(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/plans/:id',
      {
        config: { ability: 'plans:read' },
        schema: { tags, params: idParamSchema, response: { 200: planSchema } },
      },
      async (request) => getPlan(deps, request.params.id),
    );
    app.patch(
      '/api/v1/plans/:id',
      {
        config: { ability: 'plans:write' },
        schema: {
          tags,
          params: idParamSchema,
          body: updatePlanSchema,
          response: { 200: planSchema },
        },
      },
      async (request) => updatePlan(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/plans/:id',
      { config: { ability: 'plans:write' }, schema: { tags, params: idParamSchema } },
      async (request, reply) => {
        await deletePlan(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
