import {
  customerDunningOutSchema,
  customerDunningSchema,
  dunningRunRequestSchema,
  dunningRunResultSchema,
  idParamSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { runDunning, setCustomerDunning } from './service.ts';

/** Reminders, overdue, isolation, suspension and termination of unpaid subscriptions. */
export function dunningRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['dunning'];
    app.post(
      '/api/v1/dunning/run',
      {
        config: { ability: 'invoices:write' },
        schema: { tags, body: dunningRunRequestSchema, response: { 200: dunningRunResultSchema } },
      },
      async (request) => runDunning(deps, request.ctx, request.body),
    );
    app.put(
      '/api/v1/customers/:id/dunning',
      {
        config: { ability: 'invoices:write' },
        schema: {
          tags,
          params: idParamSchema,
          body: customerDunningSchema,
          response: { 200: customerDunningOutSchema },
        },
      },
      async (request) => setCustomerDunning(deps, request.ctx, request.params.id, request.body),
    );
  };
}
