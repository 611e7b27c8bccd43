import {
  chargeParamsSchema,
  chargeSchema,
  createChargeSchema,
  createDiscountSchema,
  discountParamsSchema,
  discountSchema,
  idParamSchema,
} from '@jaring/contracts';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  createCharge,
  createDiscount,
  deleteCharge,
  deleteDiscount,
  listCharges,
  listDiscounts,
} from './service.ts';

/** One-off charges of a customer and discounts of a subscription, billed by the invoice run. */
export function billingRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['billing'];
    const read = { ability: 'invoices:read' } as const;
    const write = { ability: 'invoices:write' } as const;

    app.get(
      '/api/v1/customers/:id/charges',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: z.array(chargeSchema) } },
      },
      async (request) => listCharges(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/customers/:id/charges',
      {
        config: write,
        schema: {
          tags,
          summary: 'A one-off charge for the next invoice',
          params: idParamSchema,
          body: createChargeSchema,
          response: { 201: chargeSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createCharge(deps, request.ctx, request.params.id, request.body)),
    );
    app.delete(
      '/api/v1/customers/:id/charges/:chargeId',
      { config: write, schema: { tags, params: chargeParamsSchema } },
      async (request, reply) => {
        await deleteCharge(deps, request.ctx, request.params.id, request.params.chargeId);
        return reply.code(204).send();
      },
    );
    app.get(
      '/api/v1/subscriptions/:id/discounts',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: z.array(discountSchema) } },
      },
      async (request) => listDiscounts(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/subscriptions/:id/discounts',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: createDiscountSchema,
          response: { 201: discountSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(await createDiscount(deps, request.ctx, request.params.id, request.body)),
    );
    app.delete(
      '/api/v1/subscriptions/:id/discounts/:discountId',
      { config: write, schema: { tags, params: discountParamsSchema } },
      async (request, reply) => {
        await deleteDiscount(deps, request.ctx, request.params.id, request.params.discountId);
        return reply.code(204).send();
      },
    );
  };
}
