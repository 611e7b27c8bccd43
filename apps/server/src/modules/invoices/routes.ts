import {
  idParamSchema,
  invoiceRunResultSchema,
  invoiceSchema,
  invoiceWithLinesSchema,
  listInvoicesQuerySchema,
  pageSchema,
  runInvoicesSchema,
  voidInvoiceSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { billingRoutes } from '../billing/routes.ts';
import { getInvoice, listInvoices, runInvoicesNow, voidInvoice } from './service.ts';

export function invoiceRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['invoices'];
    const read = { ability: 'invoices:read' } as const;
    const write = { ability: 'invoices:write' } as const;
    await app.register(billingRoutes(deps));

    app.get(
      '/api/v1/invoices',
      {
        config: read,
        schema: {
          tags,
          querystring: listInvoicesQuerySchema,
          response: { 200: pageSchema(invoiceSchema) },
        },
      },
      async (request) => listInvoices(deps, request.ctx, request.query),
    );
    app.post(
      '/api/v1/invoices/run',
      {
        config: write,
        schema: {
          tags,
          summary: 'Issue every invoice due (or, with dryRun, preview them)',
          body: runInvoicesSchema,
          response: { 200: invoiceRunResultSchema },
        },
      },
      async (request) => runInvoicesNow(deps, request.ctx, request.body),
    );
    app.get(
      '/api/v1/invoices/:id',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: invoiceWithLinesSchema } },
      },
      async (request) => getInvoice(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/invoices/:id/void',
      {
        config: write,
        schema: {
          tags,
          params: idParamSchema,
          body: voidInvoiceSchema,
          response: { 200: invoiceWithLinesSchema },
        },
      },
      async (request) => voidInvoice(deps, request.ctx, request.params.id, request.body),
    );
  };
}
