import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema, rupiahSchema } from './money.ts';
import { paginationQuerySchema } from './pagination.ts';
import { freeTextSchema, plainTextNameSchema } from './text.ts';

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

export const invoiceWithLinesSchema = invoiceSchema.extend({
  lines: z.array(invoiceLineSchema),
  /** Manual invoices: the note printed on the invoice. */
  notes: z.string().nullable().optional(),
});
export type InvoiceWithLines = z.infer<typeof invoiceWithLinesSchema>;

/** What settled part of an invoice: a payment (with its receipt number) or credit balance. */
export const invoiceAllocationSchema = z.object({
  id: z.string(),
  source: z.enum(['payment', 'credit']),
  paymentId: z.string().nullable(),
  paymentNumber: z.string().nullable(),
  amount: rupiahOutSchema,
  createdAt: z.string(),
  reversedAt: z.string().nullable(),
});
export type InvoiceAllocation = z.infer<typeof invoiceAllocationSchema>;

/** Staff lists name the customer so a page of invoices needs no second lookup. */
export const invoiceListItemSchema = invoiceSchema.extend({
  customerNumber: z.string(),
  customerName: z.string(),
});
export type InvoiceListItem = z.infer<typeof invoiceListItemSchema>;

export const invoiceDetailSchema = invoiceWithLinesSchema.extend({
  customerNumber: z.string(),
  customerName: z.string(),
  allocations: z.array(invoiceAllocationSchema),
});
export type InvoiceDetail = z.infer<typeof invoiceDetailSchema>;

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

/** A one-off charge (installation, equipment) waiting for the customer's next invoice. */
export const createChargeSchema = z.strictObject({
  description: plainTextNameSchema(200),
  quantity: z.number().int().min(1).max(10_000).default(1),
  /** Rupiah per unit, before tax. */
  unitAmount: rupiahSchema,
  /** Basis points: 1100 = PPN 11%. */
  taxRateBp: z.number().int().min(0).max(10_000).default(1100),
  /** Bill it on this subscription's next invoice; without it, on the customer's next one. */
  subscriptionId: z.uuid().nullable().optional(),
});
export type CreateCharge = z.infer<typeof createChargeSchema>;

export const chargeKindSchema = z.enum(['one_off', 'proration', 'credit']);

/** Pending adjustments and those already billed (`invoiceId` set). Credits are negative. */
export const chargeSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  subscriptionId: z.string().nullable(),
  kind: chargeKindSchema,
  description: z.string(),
  quantity: z.number().int(),
  unitAmount: rupiahOutSchema,
  amount: rupiahOutSchema,
  taxRateBp: z.number().int(),
  status: z.enum(['pending', 'invoiced']),
  invoiceId: z.string().nullable(),
  createdAt: z.string(),
});
export type Charge = z.infer<typeof chargeSchema>;

export const chargeParamsSchema = z.strictObject({ id: z.uuid(), chargeId: z.uuid() });

export const discountKindSchema = z.enum(['fixed', 'percent']);

/**
 * A recurring discount on a subscription's plan charge: rupiah off (`fixed`) or basis points off
 * (`percent`, 1000 = 10%). It applies to every period whose first day lies in
 * [startsOn, endsOn] (endsOn inclusive; open-ended when absent).
 */
export const createDiscountSchema = z
  .strictObject({
    description: plainTextNameSchema(200),
    kind: discountKindSchema,
    amount: rupiahSchema.optional(),
    percentBp: z.number().int().min(1).max(10_000).optional(),
    startsOn: calendarDateSchema,
    endsOn: calendarDateSchema.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'fixed') {
      if (v.amount === undefined || BigInt(v.amount) <= 0n) {
        ctx.addIssue({
          code: 'custom',
          path: ['amount'],
          message: 'a fixed discount needs an amount above 0',
        });
      }
      if (v.percentBp !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['percentBp'],
          message: 'only for percent discounts',
        });
      }
    } else {
      if (v.percentBp === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['percentBp'],
          message: 'a percent discount needs percentBp',
        });
      }
      if (v.amount !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'only for fixed discounts' });
      }
    }
    if (v.endsOn && v.endsOn < v.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    }
  });
export type CreateDiscount = z.infer<typeof createDiscountSchema>;

export const discountSchema = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  description: z.string(),
  kind: discountKindSchema,
  amount: rupiahOutSchema.nullable(),
  percentBp: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  createdAt: z.string(),
});
export type Discount = z.infer<typeof discountSchema>;

export const discountParamsSchema = z.strictObject({ id: z.uuid(), discountId: z.uuid() });

/** A line of a manual invoice: a charge before tax, taxed per line (half-up). */
export const manualInvoiceLineSchema = z.strictObject({
  description: plainTextNameSchema(200),
  quantity: z.number().int().min(1).max(10_000).default(1),
  unitAmount: rupiahSchema,
  taxRateBp: z.number().int().min(0).max(10_000).default(1100),
});
export type ManualInvoiceLine = z.infer<typeof manualInvoiceLineSchema>;

const manualLines = z.array(manualInvoiceLineSchema).min(1).max(100);

/** A draft manual invoice; it takes its number when issued. */
export const createInvoiceSchema = z.strictObject({
  customerId: z.uuid(),
  lines: manualLines,
  dueDate: calendarDateSchema,
  notes: freeTextSchema(2000).nullable().optional(),
});
export type CreateInvoice = z.infer<typeof createInvoiceSchema>;

export const updateInvoiceSchema = z
  .strictObject({
    lines: manualLines.optional(),
    dueDate: calendarDateSchema.optional(),
    notes: freeTextSchema(2000).nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' });
export type UpdateInvoice = z.infer<typeof updateInvoiceSchema>;

/** Void an issued invoice and issue its replacement (same lines unless given). */
export const reissueInvoiceSchema = z.strictObject({
  reason: z.string().trim().min(3).max(500),
  lines: manualLines.optional(),
  dueDate: calendarDateSchema.optional(),
});
export type ReissueInvoice = z.infer<typeof reissueInvoiceSchema>;
