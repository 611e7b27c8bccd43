import {
  cashReportQuerySchema,
  cashReportSchema,
  customerCreditSchema,
  idParamSchema,
  listPaymentsQuerySchema,
  pageSchema,
  paymentSchema,
  paymentWithAllocationsSchema,
  recordPaymentSchema,
  reversePaymentSchema,
} from '@jaring/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  cashReport,
  customerCredit,
  getPayment,
  listPayments,
  recordCashierPayment,
  reversePayment,
} from './service.ts';

/** Cashier payments, receipts, reversals, credit balance and restoration after payment. */
export function paymentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['payments'];
    const read = { ability: 'payments:read' } as const;
    const write = { ability: 'payments:write' } as const;

    app.post(
      '/api/v1/payments',
      {
        config: write,
        schema: {
          tags,
          summary: 'Record a cash or transfer payment; the rest of the amount goes to credit',
          body: recordPaymentSchema,
          response: { 201: paymentWithAllocationsSchema },
        },
      },
      async (request, reply) => {
        const payment = await recordCashierPayment(deps, request.ctx, request.body);
        return reply.code(201).send(payment);
      },
    );
    app.get(
      '/api/v1/payments',
      {
        config: read,
        schema: {
          tags,
          querystring: listPaymentsQuerySchema,
          response: { 200: pageSchema(paymentSchema) },
        },
      },
      async (request) => listPayments(deps, request.ctx, request.query),
    );
    app.get(
      '/api/v1/payments/cash-report',
      {
        config: { ability: 'reports:read' },
        schema: {
          tags,
          summary: 'Money received on one day, per cashier and method',
          querystring: cashReportQuerySchema,
          response: { 200: cashReportSchema },
        },
      },
      async (request) => cashReport(deps, request.ctx, request.query),
    );
    app.get(
      '/api/v1/payments/:id',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: paymentWithAllocationsSchema } },
      },
      async (request) => getPayment(deps, request.ctx, request.params.id),
    );
    app.post(
      '/api/v1/payments/:id/reverse',
      {
        config: write,
        schema: {
          tags,
          summary: 'Reverse a payment: its allocations and credit are taken back, nothing deleted',
          params: idParamSchema,
          body: reversePaymentSchema,
          response: { 200: paymentWithAllocationsSchema },
        },
      },
      async (request) => reversePayment(deps, request.ctx, request.params.id, request.body),
    );
    app.get(
      '/api/v1/customers/:id/credit',
      {
        config: read,
        schema: { tags, params: idParamSchema, response: { 200: customerCreditSchema } },
      },
      async (request) => customerCredit(deps, request.ctx, request.params.id),
    );
  };
}
