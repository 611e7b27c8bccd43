import {
  createInvoiceSchema,
  idParamSchema,
  reissueInvoiceSchema,
  updateInvoiceSchema,
  invoiceRunResultSchema,
  invoiceListItemSchema,
  invoiceDetailSchema,
  listInvoicesQuerySchema,
  pageSchema,
  runInvoicesSchema,
  voidInvoiceSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import { billingRoutes } from '../billing/routes.ts';
import {
  createInvoice,
  deleteInvoice,
  getInvoice,
  issueInvoice,
  listInvoices,
  reissueInvoice,
  runInvoicesNow,
  updateInvoice,
  voidInvoice,
} from './service.ts';

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
          response: { 200: pageSchema(invoiceListItemSchema) },
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
        schema: { tags, params: idParamSchema, response: { 200: invoiceDetailSchema } },
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
          response: { 200: invoiceDetailSchema },
        },
      },
      async (request) => voidInvoice(deps, request.ctx, request.params.id, request.body),
    );
    app.post(
      '/api/v1/invoices',
      {
        config: write,
        schema: {
          tags,
          summary: 'A draft manual invoice',
          body: createInvoiceSchema,
          response: { 201: invoiceDetailSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createInvoice(deps, request.ctx, request.body)),
    );
    app.patch(
      '/api/v1/invoices/:id',
      {
        config: write,
        schema: {
          tags,
          summary: 'Edit a draft',
          params: idParamSchema,
          body: updateInvoiceSchema,
          response: { 200: invoiceDetailSchema },
        },
      },
      async (request) => updateInvoice(deps, request.ctx, request.params.id, request.body),
    );
    app.delete(
      '/api/v1/invoices/:id',
      { config: write, schema: { tags, summary: 'Delete a draft', params: idParamSchema } },
      async (request, reply) => {
        await deleteInvoice(deps, request.ctx, request.params.id);
        return reply.code(204).send();
      },
    );
    app.post(
      '/api/v1/invoices/:id/issue',
      {
        config: write,
        schema: {
          tags,
          summary: 'Issue a draft: number it (gapless) and date it today',
          params: idParamSchema,
          response: { 200: invoiceDetailSchema },
        },
      },
      async (request) => issueInvoice(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/invoices/:id/reissue',
      {
        config: write,
        schema: {
          tags,
          summary: 'Void with a reason and issue the replacement',
          params: idParamSchema,
          body: reissueInvoiceSchema,
          response: { 200: invoiceDetailSchema },
        },
      },
      async (request) => reissueInvoice(deps, request.ctx, request.params.id, request.body),
    );
  };
}
