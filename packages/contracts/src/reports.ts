import { z } from 'zod';
import { invoiceStatusSchema } from './billing.ts';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema } from './money.ts';
import { paymentMethodSchema, paymentStatusSchema } from './payments.ts';

// Request and response schemas of the documents (PDF, receipts, CSV) and reports API.

/** Language of a printed document. */
export const documentLocaleSchema = z.enum(['id', 'en']);
export type DocumentLocale = z.infer<typeof documentLocaleSchema>;

/** `YYYY-MM` */
export const monthSchema = z
  .string()
  .regex(/^(2\d{3})-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM (2000-2999)' });

export const invoicePdfQuerySchema = z.strictObject({
  /** The customer's language when absent. */
  lang: documentLocaleSchema.optional(),
});
export type InvoicePdfQuery = z.infer<typeof invoicePdfQuerySchema>;

export const receiptFormatSchema = z.enum(['a4', 'thermal58', 'thermal80', 'text']);
export type ReceiptFormat = z.infer<typeof receiptFormatSchema>;

export const receiptQuerySchema = z.strictObject({
  /** a4 and thermal58/80 are PDFs; text is plain text for ESC/POS printers (48 columns, 32 on 58 mm via `width`). */
  format: receiptFormatSchema.default('a4'),
  lang: documentLocaleSchema.optional(),
  /** Columns of the `text` format: 32 (58 mm paper) or 48 (80 mm). */
  width: z.enum(['32', '48']).default('48'),
});
export type ReceiptQuery = z.infer<typeof receiptQuerySchema>;

function checkRange(
  v: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (v.from !== undefined && v.to !== undefined && v.from > v.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  }
}

export const invoiceExportQuerySchema = z
  .strictObject({
    status: invoiceStatusSchema.optional(),
    /** Invoices whose period starts in this month. */
    period: monthSchema.optional(),
    customerId: z.uuid().optional(),
    /** Issued on or after this day. */
    from: calendarDateSchema.optional(),
    /** Issued on or before this day. */
    to: calendarDateSchema.optional(),
  })
  .superRefine(checkRange);
export type InvoiceExportQuery = z.infer<typeof invoiceExportQuerySchema>;

export const paymentExportQuerySchema = z
  .strictObject({
    status: paymentStatusSchema.optional(),
    method: paymentMethodSchema.optional(),
    customerId: z.uuid().optional(),
    cashierId: z.uuid().optional(),
    /** Received on or after this day (APP_TIMEZONE). */
    from: calendarDateSchema.optional(),
    /** Received on or before this day (APP_TIMEZONE). */
    to: calendarDateSchema.optional(),
  })
  .superRefine(checkRange);
export type PaymentExportQuery = z.infer<typeof paymentExportQuerySchema>;

/** Every report answers JSON, or CSV with `?format=csv`. */
export const reportFormatSchema = z.enum(['json', 'csv']).default('json');

/** `from` and `to` months in order, at most `max` months apart (inclusive). */
function monthSpan(max: number): (v: { from: string; to: string }, ctx: z.RefinementCtx) => void {
  return (v, ctx) => {
    const months =
      (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4))) * 12 +
      Number(v.to.slice(5, 7)) -
      Number(v.from.slice(5, 7));
    if (months < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    } else if (months >= max) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${max} months` });
    }
  };
}

export const revenueGroupBySchema = z.enum(['month', 'plan', 'area']);

export const revenueQuerySchema = z
  .strictObject({
    from: monthSchema,
    to: monthSchema,
    groupBy: revenueGroupBySchema.default('month'),
    format: reportFormatSchema,
  })
  .superRefine(monthSpan(60));
export type RevenueQuery = z.infer<typeof revenueQuerySchema>;

export const revenueRowSchema = z.object({
  /** `YYYY-MM`, the plan's id or the area's (site's) id; null: manual invoices / no area. */
  key: z.string().nullable(),
  label: z.string(),
  invoiceCount: z.number().int(),
  subtotal: rupiahOutSchema,
  tax: rupiahOutSchema,
  total: rupiahOutSchema,
  /**
   * Money applied to invoices in the range (live allocations dated in it, from payments or
   * credit), whatever month the invoice was issued: cash basis next to the accrual figures.
   */
  collected: rupiahOutSchema,
});
export const revenueReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: revenueGroupBySchema,
  rows: z.array(revenueRowSchema),
  totals: revenueRowSchema.omit({ key: true, label: true }),
});
export type RevenueReport = z.infer<typeof revenueReportSchema>;

export const outstandingQuerySchema = z.strictObject({
  /** Today (APP_TIMEZONE) when absent. Balances are rebuilt as they stood at the end of that day. */
  asOf: calendarDateSchema.optional(),
  /** How many customers in the top list. */
  top: z.coerce.number().int().min(1).max(100).default(10),
  format: reportFormatSchema,
});
export type OutstandingQuery = z.infer<typeof outstandingQuerySchema>;

export const agingBucketSchema = z.enum(['current', '1-30', '31-60', '61-90', '90+']);
export const outstandingReportSchema = z.object({
  asOf: z.string(),
  buckets: z.array(
    z.object({
      bucket: agingBucketSchema,
      invoiceCount: z.number().int(),
      amount: rupiahOutSchema,
    }),
  ),
  total: z.object({ invoiceCount: z.number().int(), amount: rupiahOutSchema }),
  topCustomers: z.array(
    z.object({
      customerId: z.string(),
      customerNumber: z.string(),
      customerName: z.string(),
      invoiceCount: z.number().int(),
      amount: rupiahOutSchema,
      /** Days past due of the customer's oldest unpaid invoice (negative: not yet due). */
      oldestDaysPastDue: z.number().int(),
    }),
  ),
});
export type OutstandingReport = z.infer<typeof outstandingReportSchema>;

export const monthRangeQuerySchema = z
  .strictObject({
    from: monthSchema,
    to: monthSchema,
    format: reportFormatSchema,
  })
  .superRefine(monthSpan(60));
export type MonthRangeQuery = z.infer<typeof monthRangeQuerySchema>;

export const collectionReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      month: z.string(),
      invoiceCount: z.number().int(),
      invoiced: rupiahOutSchema,
      /** Applied so far to the invoices issued that month. */
      collected: rupiahOutSchema,
      /** collected / invoiced in basis points (10000 = 100%), rounded down; null when nothing was invoiced. */
      rateBp: z.number().int().nullable(),
    }),
  ),
});
export type CollectionReport = z.infer<typeof collectionReportSchema>;

export const customerMovementReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      month: z.string(),
      newSubscriptions: z.number().int(),
      churnedSubscriptions: z.number().int(),
      newCustomers: z.number().int(),
      /** Customers whose last live subscription was terminated that month. */
      churnedCustomers: z.number().int(),
    }),
  ),
});
export type CustomerMovementReport = z.infer<typeof customerMovementReportSchema>;

export const cashierReportQuerySchema = z
  .strictObject({
    /** First day (APP_TIMEZONE), inclusive. */
    from: calendarDateSchema,
    /** Last day, inclusive; at most 366 days after from. */
    to: calendarDateSchema,
    format: reportFormatSchema,
  })
  .superRefine((v, ctx) => {
    const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000;
    if (days < 0)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    if (days > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'at most 366 days' });
  });
export type CashierReportQuery = z.infer<typeof cashierReportQuerySchema>;

const cashierFiguresSchema = z.object({
  count: z.number().int(),
  total: rupiahOutSchema,
  /** Of those payments, the ones reversed since. */
  reversedCount: z.number().int(),
  reversedTotal: rupiahOutSchema,
  net: rupiahOutSchema,
});
export const cashierReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  timezone: z.string(),
  rows: z.array(
    cashierFiguresSchema.extend({
      date: z.string(),
      /** Null: payments without a cashier (gateway). */
      cashierId: z.string().nullable(),
      cashierName: z.string().nullable(),
    }),
  ),
  totals: cashierFiguresSchema,
});
export type CashierReport = z.infer<typeof cashierReportSchema>;
