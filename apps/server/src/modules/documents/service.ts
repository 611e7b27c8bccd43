import type {
  DocumentLocale,
  InvoiceExportQuery,
  PaymentExportQuery,
  ReceiptQuery,
} from '@jaring/contracts';
import { Readable } from 'node:stream';
import { notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { RequestContext } from '../auth/principal.ts';
import { readBillingSettings } from '../billing-settings/service.ts';
import { resellerScope } from '../customers/service.ts';
import { today } from '../subscriptions/service.ts';
import { CSV_BOM, csvRow } from './csv.ts';
import { buildInvoicePdf } from './invoice-pdf.ts';
import type { PdfOptions } from './pdf.ts';
import {
  loadInvoiceDocument,
  loadReceipt,
  selectInvoiceExportPage,
  selectPaymentExportPage,
  type ExportCursor,
} from './queries.ts';
import {
  buildA4ReceiptPdf,
  buildReceiptText,
  buildThermalReceiptPdf,
  type ReceiptInput,
} from './receipt.ts';

export interface RenderOptions extends PdfOptions {
  /** Only an invoice of this reseller's customers; undefined: any invoice. */
  resellerId?: string | undefined;
}

function asLocale(v: string): DocumentLocale {
  return v === 'en' ? 'en' : 'id';
}

/**
 * The invoice as a PDF. Exported for the customer portal, which checks that the invoice is the
 * customer's own before calling it. Unknown (or out of scope) ids are a not_found.
 */
export async function renderInvoicePdf(
  deps: AppDeps,
  invoiceId: string,
  locale: DocumentLocale,
  options: RenderOptions = {},
): Promise<Buffer> {
  const rows = await loadInvoiceDocument(deps.db, invoiceId, options.resellerId);
  if (!rows) throw notFound('Invoice');
  const settings = await readBillingSettings(deps.db);
  return buildInvoicePdf(rows, settings, locale, today(deps), options);
}

export interface DocumentFile {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

/** Staff download: reseller scope applied, language defaults to the customer's. */
export async function invoicePdf(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  lang: DocumentLocale | undefined,
): Promise<DocumentFile> {
  const rows = await loadInvoiceDocument(deps.db, id, resellerScope(ctx));
  if (!rows) throw notFound('Invoice');
  const settings = await readBillingSettings(deps.db);
  const locale = lang ?? asLocale(rows.customer.locale);
  const body = await buildInvoicePdf(rows, settings, locale, today(deps));
  return {
    filename: `${rows.invoice.number ?? `DRAFT-${rows.invoice.id.slice(0, 8)}`}.pdf`,
    contentType: 'application/pdf',
    body,
  };
}

export async function paymentReceipt(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  q: ReceiptQuery,
  options: PdfOptions = {},
): Promise<DocumentFile> {
  const rows = await loadReceipt(deps.db, id, resellerScope(ctx));
  if (!rows) throw notFound('Payment');
  const input: ReceiptInput = {
    rows,
    settings: await readBillingSettings(deps.db),
    locale: q.lang ?? asLocale(rows.customer.locale),
    timezone: deps.config.timezone,
  };
  const base = rows.payment.number;
  switch (q.format) {
    case 'text':
      return {
        filename: `${base}.txt`,
        contentType: 'text/plain; charset=utf-8',
        body: buildReceiptText(input, Number(q.width)),
      };
    case 'thermal58':
    case 'thermal80':
      return {
        filename: `${base}.pdf`,
        contentType: 'application/pdf',
        body: await buildThermalReceiptPdf(input, q.format, options),
      };
    case 'a4':
      return {
        filename: `${base}.pdf`,
        contentType: 'application/pdf',
        body: await buildA4ReceiptPdf(input, options),
      };
  }
}

/** Rows fetched per query while streaming an export: memory stays flat however long the file. */
export const EXPORT_PAGE_SIZE = 1000;

async function* paged<R extends { cursorAt: string; id: string }>(
  header: readonly string[],
  fetch: (cursor: ExportCursor | undefined) => Promise<R[]>,
  toCells: (row: R) => (string | bigint | number | null)[],
): AsyncGenerator<string> {
  yield CSV_BOM + csvRow(header);
  let cursor: ExportCursor | undefined;
  for (;;) {
    const page = await fetch(cursor);
    if (page.length === 0) return;
    yield page.map((r) => csvRow(toCells(r))).join('');
    const last = page.at(-1);
    if (!last || page.length < EXPORT_PAGE_SIZE) return;
    cursor = { at: last.cursorAt, id: last.id };
  }
}

export const INVOICE_EXPORT_HEADER = [
  'number',
  'status',
  'kind',
  'customer_number',
  'customer_name',
  'period_start',
  'period_end',
  'issue_date',
  'due_date',
  'subtotal',
  'tax',
  'total',
  'paid',
  'balance_due',
  'void_reason',
  'id',
] as const;

export function exportInvoicesCsv(
  deps: AppDeps,
  ctx: RequestContext,
  q: InvoiceExportQuery,
): { filename: string; stream: Readable } {
  const resellerId = resellerScope(ctx);
  const filter = {
    resellerId,
    status: q.status,
    customerId: q.customerId,
    periodMonth: q.period ? `${q.period}-01` : undefined,
    from: q.from,
    to: q.to,
  };
  const rows = paged(
    INVOICE_EXPORT_HEADER,
    (cursor) => selectInvoiceExportPage(deps.db, filter, cursor, EXPORT_PAGE_SIZE),
    (r) => [
      r.number,
      r.status,
      r.kind,
      r.customerNumber,
      r.customerName,
      r.periodStart,
      r.periodEnd,
      r.issueDate,
      r.dueDate,
      r.subtotal,
      r.tax,
      r.total,
      r.paid,
      r.status === 'void' ? 0n : r.total - r.paid,
      r.voidReason,
      r.id,
    ],
  );
  return { filename: `invoices-${today(deps)}.csv`, stream: Readable.from(rows) };
}

export const PAYMENT_EXPORT_HEADER = [
  'number',
  'received_at',
  'customer_number',
  'customer_name',
  'method',
  'channel',
  'amount',
  'allocated',
  'credited',
  'status',
  'reference',
  'cashier',
  'reversed_at',
  'reversal_reason',
  'id',
] as const;

export function exportPaymentsCsv(
  deps: AppDeps,
  ctx: RequestContext,
  q: PaymentExportQuery,
): { filename: string; stream: Readable } {
  const resellerId = resellerScope(ctx);
  const timezone = deps.config.timezone;
  const filter = {
    resellerId,
    status: q.status,
    method: q.method,
    customerId: q.customerId,
    cashierId: q.cashierId,
    from: q.from,
    to: q.to,
    timezone,
  };
  // Instants as local wall-clock time, which is what a spreadsheet user expects to read. One
  // formatter for the whole export: building one per cell costs more than the query.
  const wallClock = new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const local = (at: Date): string => wallClock.format(at);
  const rows = paged(
    PAYMENT_EXPORT_HEADER,
    (cursor) => selectPaymentExportPage(deps.db, filter, cursor, EXPORT_PAGE_SIZE),
    (r) => [
      r.number,
      local(r.receivedAt),
      r.customerNumber,
      r.customerName,
      r.method,
      r.channel,
      r.amount,
      r.amount - r.credited,
      r.credited,
      r.status,
      r.reference,
      r.cashierName,
      r.reversedAt ? local(r.reversedAt) : null,
      r.reversalReason,
      r.id,
    ],
  );
  return { filename: `payments-${today(deps)}.csv`, stream: Readable.from(rows) };
}
