import {
  idParamSchema,
  invoiceExportQuerySchema,
  invoicePdfQuerySchema,
  paymentExportQuerySchema,
  receiptQuerySchema,
} from '@jaring/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../runtime/deps.ts';
import {
  exportInvoicesCsv,
  exportPaymentsCsv,
  invoicePdf,
  paymentReceipt,
  type DocumentFile,
} from './service.ts';

/** Only characters every browser and spreadsheet takes in a quoted filename. */
function safeFilename(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

function sendFile(reply: FastifyReply, file: DocumentFile): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', `inline; filename="${safeFilename(file.filename)}"`)
    .header('cache-control', 'private, no-store')
    .send(file.body);
}

/** Invoice and receipt PDFs and CSV exports. */
export function documentRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/invoices/:id/pdf',
      {
        config: { ability: 'invoices:read' },
        schema: {
          tags: ['invoices'],
          summary: 'The invoice as a PDF (Indonesian or English)',
          params: idParamSchema,
          querystring: invoicePdfQuerySchema,
        },
      },
      async (request, reply) =>
        sendFile(reply, await invoicePdf(deps, request.ctx, request.params.id, request.query.lang)),
    );
    app.get(
      '/api/v1/payments/:id/receipt',
      {
        config: { ability: 'payments:read' },
        schema: {
          tags: ['payments'],
          summary: 'The receipt: A4 or thermal-roll PDF, or plain text for ESC/POS printers',
          params: idParamSchema,
          querystring: receiptQuerySchema,
        },
      },
      async (request, reply) =>
        sendFile(reply, await paymentReceipt(deps, request.ctx, request.params.id, request.query)),
    );
    app.get(
      '/api/v1/invoices/export.csv',
      {
        config: { ability: 'invoices:read' },
        schema: {
          tags: ['invoices'],
          summary: 'Every invoice matching the filters as CSV (streamed)',
          querystring: invoiceExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { filename, stream } = exportInvoicesCsv(deps, request.ctx, request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${safeFilename(filename)}"`)
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
    app.get(
      '/api/v1/payments/export.csv',
      {
        config: { ability: 'payments:read' },
        schema: {
          tags: ['payments'],
          summary: 'Every payment matching the filters as CSV (streamed)',
          querystring: paymentExportQuerySchema,
        },
      },
      async (request, reply) => {
        const { filename, stream } = exportPaymentsCsv(deps, request.ctx, request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${safeFilename(filename)}"`)
          .header('cache-control', 'private, no-store')
          .send(stream);
      },
    );
  };
}
