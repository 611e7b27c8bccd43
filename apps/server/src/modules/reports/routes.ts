import {
  cashierReportQuerySchema,
  cashierReportSchema,
  collectionReportSchema,
  customerMovementReportSchema,
  monthRangeQuerySchema,
  outstandingQuerySchema,
  outstandingReportSchema,
  revenueQuerySchema,
  revenueReportSchema,
} from '@jaring/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  cashierCsv,
  cashierReport,
  collectionCsv,
  collectionReport,
  customerMovementCsv,
  customerMovementReport,
  outstandingCsv,
  outstandingReport,
  revenueCsv,
  revenueReport,
} from './service.ts';

/**
 * The CSV variant of a report. The route's response schema describes the JSON variant; a string
 * body with its own content type is sent as it is.
 */
function sendCsv(reply: FastifyReply, name: string, body: string): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** Revenue, outstanding, collection, customer movement and cashier reports. */
export function reportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['reports'];
    const config = { ability: 'reports:read' } as const;
    const csvNote = 'JSON, or CSV with `format=csv`.';

    app.get(
      '/api/v1/reports/revenue',
      {
        config,
        schema: {
          tags,
          summary: `Invoiced (accrual) vs collected (cash) per month, plan or area. ${csvNote}`,
          querystring: revenueQuerySchema,
          response: { 200: revenueReportSchema },
        },
      },
      async (request, reply) => {
        const report = await revenueReport(deps, request.query);
        if (request.query.format === 'csv') {
          return sendCsv(
            reply,
            `revenue-${report.groupBy}-${report.from}-${report.to}`,
            revenueCsv(report),
          );
        }
        return report;
      },
    );
    app.get(
      '/api/v1/reports/outstanding',
      {
        config,
        schema: {
          tags,
          summary: `Unpaid balances by age past due, and the customers owing most. ${csvNote}`,
          querystring: outstandingQuerySchema,
          response: { 200: outstandingReportSchema },
        },
      },
      async (request, reply) => {
        const report = await outstandingReport(deps, request.query);
        if (request.query.format === 'csv') {
          return sendCsv(reply, `outstanding-${report.asOf}`, outstandingCsv(report));
        }
        return report;
      },
    );
    app.get(
      '/api/v1/reports/collection',
      {
        config,
        schema: {
          tags,
          summary: `Share of each month's invoiced amount collected so far. ${csvNote}`,
          querystring: monthRangeQuerySchema,
          response: { 200: collectionReportSchema },
        },
      },
      async (request, reply) => {
        const report = await collectionReport(deps, request.query);
        if (request.query.format === 'csv') {
          return sendCsv(reply, `collection-${report.from}-${report.to}`, collectionCsv(report));
        }
        return report;
      },
    );
    app.get(
      '/api/v1/reports/customers',
      {
        config,
        schema: {
          tags,
          summary: `New and churned (terminated) subscriptions and customers per month. ${csvNote}`,
          querystring: monthRangeQuerySchema,
          response: { 200: customerMovementReportSchema },
        },
      },
      async (request, reply) => {
        const report = await customerMovementReport(deps, request.query);
        if (request.query.format === 'csv') {
          return sendCsv(
            reply,
            `customers-${report.from}-${report.to}`,
            customerMovementCsv(report),
          );
        }
        return report;
      },
    );
    app.get(
      '/api/v1/reports/cashiers',
      {
        config,
        schema: {
          tags,
          summary: `Payments per cashier per day: count, total, reversed. ${csvNote}`,
          querystring: cashierReportQuerySchema,
          response: { 200: cashierReportSchema },
        },
      },
      async (request, reply) => {
        const report = await cashierReport(deps, request.query);
        if (request.query.format === 'csv') {
          return sendCsv(reply, `cashiers-${report.from}-${report.to}`, cashierCsv(report));
        }
        return report;
      },
    );
  };
}
