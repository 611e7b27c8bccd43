import {
  createCustomerSchema,
  customerSchema,
  idParamSchema,
  listCustomersQuerySchema,
  pageSchema,
  updateCustomerSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  createCustomer,
  deleteCustomer,
  getCustomer,
  listCustomers,
  updateCustomer,
} from './service.ts';

export function customerRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['customers'];
    app.get(
      '/api/v1/customers',
      {
        config: { ability: 'customers:read' },
        schema: {
          tags,
          querystring: listCustomersQuerySchema,
          response: { 200: pageSchema(customerSchema) },
        },
      },
      async (request) => listCustomers(deps, request.ctx, request.query),
    );
    app.post(
      '/api/v1/customers',
      {
        config: { ability: 'customers:write' },
        schema: { tags, body: createCustomerSchema, response: { 201: customerSchema } },
      },
      async (request, reply) =>
        reply.code(201).send(await createCustomer(deps, request.ctx, request.body)),
    );
    app.get(
      '/api/v1/customers/:id',
      {
        config: { ability: 'customers:read' },
        schema: { tags, params: idParamSchema, response: { 200: customerSchema } },
      },
      async (request) => getCustomer(deps, request.ctx, request.params.id),
    );
    app.patch(
      '/api/v1/customers/:id',
      {
        config: { ability: 'customers:write' },
        schema: {
          tags,
          params: idParamSchema,
          body: updateCustomerSchema,
          response: { 200: customerSchema },
        },
      },
      async (request) => updateCustomer(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/customers/:id',
      { config: { ability: 'customers:write' }, schema: { tags, params: idParamSchema } },
      async (request, reply) => {
        await deleteCustomer(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
  };
}
