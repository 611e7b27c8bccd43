import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema } from './money.ts';
import { paginationQuerySchema } from './pagination.ts';

export const invoiceStatusSchema = z.enum([
  'draft',
  'issued',
  'partially_paid',
  'paid',
  'void',
  'overdue',
]);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;

export const invoiceKindSchema = z.enum(['subscription', 'manual']);
export const invoiceLineKindSchema = z.enum(['plan', 'proration', 'one_off', 'discount', 'credit']);

export const invoiceLineSchema = z.object({
  position: z.number().int(),
  kind: invoiceLineKindSchema,
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: rupiahOutSchema,
  amount: rupiahOutSchema,
  /** Basis points: 1100 = PPN 11%. */
  taxRateBp: z.number().int(),
  tax: rupiahOutSchema,
});
export type InvoiceLine = z.infer<typeof invoiceLineSchema>;

/** Amounts are rupiah as digit strings; `total = subtotal + tax`, `balanceDue = total − paid`. */
export const invoiceSchema = z.object({
  id: z.string(),
  /** Null only for a draft manual invoice; assigned (gapless) when it is issued. */
  number: z.string().nullable(),
  customerId: z.string(),
  subscriptionId: z.string().nullable(),
  kind: invoiceKindSchema,
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  issueDate: z.string(),
  dueDate: z.string(),
  status: invoiceStatusSchema,
  currency: z.literal('IDR'),
  subtotal: rupiahOutSchema,
  tax: rupiahOutSchema,
  total: rupiahOutSchema,
  paid: rupiahOutSchema,
  balanceDue: rupiahOutSchema,
  voidReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  replacesInvoiceId: z.string().nullable(),
  createdAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const invoiceWithLinesSchema = invoiceSchema.extend({ lines: z.array(invoiceLineSchema) });
export type InvoiceWithLines = z.infer<typeof invoiceWithLinesSchema>;

export const listInvoicesQuerySchema = paginationQuerySchema.extend({
  status: invoiceStatusSchema.optional(),
  customerId: z.uuid().optional(),
  subscriptionId: z.uuid().optional(),
  /** `YYYY-MM`: invoices whose period starts in that month. */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be YYYY-MM' })
    .optional(),
});
export type ListInvoicesQuery = z.infer<typeof listInvoicesQuerySchema>;

export const runInvoicesSchema = z.strictObject({
  /** The run's date and the invoices' issue date; today in APP_TIMEZONE when absent. */
  asOf: calendarDateSchema.optional(),
  /** True: only show what would be issued. */
  dryRun: z.boolean(),
});
export type RunInvoices = z.infer<typeof runInvoicesSchema>;

export const invoiceRunPreviewRowSchema = z.object({
  customerId: z.string(),
  customerNumber: z.string(),
  customerName: z.string(),
  subscriptionId: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  prorated: z.boolean(),
  subtotal: rupiahOutSchema,
  tax: rupiahOutSchema,
  total: rupiahOutSchema,
});

export const invoiceRunResultSchema = z.object({
  asOf: z.string(),
  dryRun: z.boolean(),
  count: z.number().int(),
  subtotal: rupiahOutSchema,
  tax: rupiahOutSchema,
  total: rupiahOutSchema,
  firstNumber: z.string().nullable(),
  lastNumber: z.string().nullable(),
  /** Dry runs: the first rows, in numbering order. */
  preview: z.array(invoiceRunPreviewRowSchema),
});
export type InvoiceRunResult = z.infer<typeof invoiceRunResultSchema>;

export const voidInvoiceSchema = z.strictObject({
  reason: z.string().trim().min(3).max(500),
});
export type VoidInvoice = z.infer<typeof voidInvoiceSchema>;
