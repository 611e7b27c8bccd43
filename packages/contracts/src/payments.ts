import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema, rupiahSchema } from './money.ts';
import { paginationQuerySchema } from './pagination.ts';

// Request and response schemas of the payments API (cashier payments, reversals, credit).

export const paymentMethodSchema = z.enum(['cash', 'transfer', 'gateway']);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/** What a cashier may record by hand; gateway payments arrive only through their callbacks. */
export const cashierMethodSchema = z.enum(['cash', 'transfer']);

export const paymentStatusSchema = z.enum(['completed', 'reversed']);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;

/** A rupiah amount that must be more than zero. */
export const positiveRupiahSchema = rupiahSchema.refine((v) => BigInt(v) > 0n, {
  message: 'must be more than zero',
});

export const paymentAllocationInputSchema = z.strictObject({
  invoiceId: z.uuid(),
  amount: positiveRupiahSchema,
});

export const recordPaymentSchema = z
  .strictObject({
    customerId: z.uuid(),
    method: cashierMethodSchema,
    amount: positiveRupiahSchema,
    /** When the money was received; now when absent. Never in the future. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    /** Transfer reference, slip number ... */
    reference: z.string().trim().min(1).max(120).optional(),
    note: z.string().trim().max(500).optional(),
    /**
     * Which invoices the money settles, and how much of each. Absent: the customer's open
     * invoices, oldest due date first. Whatever is not allocated goes to the credit balance.
     */
    allocations: z.array(paymentAllocationInputSchema).min(1).max(50).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.allocations) return;
    const seen = new Set<string>();
    let sum = 0n;
    v.allocations.forEach((a, i) => {
      if (seen.has(a.invoiceId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['allocations', i, 'invoiceId'],
          message: 'the same invoice appears twice',
        });
      }
      seen.add(a.invoiceId);
      sum += BigInt(a.amount);
    });
    if (sum > BigInt(v.amount)) {
      ctx.addIssue({
        code: 'custom',
        path: ['allocations'],
        message: 'the allocations add up to more than the amount received',
      });
    }
  });
export type RecordPayment = z.infer<typeof recordPaymentSchema>;

export const paymentAllocationSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  invoiceNumber: z.string().nullable(),
  amount: rupiahOutSchema,
  reversedAt: z.string().nullable(),
});
export type PaymentAllocation = z.infer<typeof paymentAllocationSchema>;

/** `amount = allocated + credited`. */
export const paymentSchema = z.object({
  id: z.string(),
  /** Receipt number `RCP-YYYY-000001`. */
  number: z.string(),
  customerId: z.string(),
  customerNumber: z.string(),
  customerName: z.string(),
  method: paymentMethodSchema,
  channel: z.string().nullable(),
  amount: rupiahOutSchema,
  allocated: rupiahOutSchema,
  credited: rupiahOutSchema,
  receivedAt: z.string(),
  reference: z.string().nullable(),
  note: z.string().nullable(),
  cashierId: z.string().nullable(),
  cashierName: z.string().nullable(),
  status: paymentStatusSchema,
  reversedAt: z.string().nullable(),
  reversedBy: z.string().nullable(),
  reversalReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentWithAllocationsSchema = paymentSchema.extend({
  allocations: z.array(paymentAllocationSchema),
});
export type PaymentWithAllocations = z.infer<typeof paymentWithAllocationsSchema>;

export const listPaymentsQuerySchema = paginationQuerySchema.extend({
  customerId: z.uuid().optional(),
  cashierId: z.uuid().optional(),
  method: paymentMethodSchema.optional(),
  status: paymentStatusSchema.optional(),
  /** Received on or after this day (APP_TIMEZONE). */
  from: calendarDateSchema.optional(),
  /** Received on or before this day (APP_TIMEZONE). */
  to: calendarDateSchema.optional(),
});
export type ListPaymentsQuery = z.infer<typeof listPaymentsQuerySchema>;

export const reversePaymentSchema = z.strictObject({
  reason: z.string().trim().min(3).max(500),
});
export type ReversePayment = z.infer<typeof reversePaymentSchema>;

export const cashReportQuerySchema = z.strictObject({
  /** The day (APP_TIMEZONE) the money was received; today when absent. */
  date: calendarDateSchema.optional(),
});
export type CashReportQuery = z.infer<typeof cashReportQuerySchema>;

const cashFiguresSchema = z.object({
  count: z.number().int(),
  total: rupiahOutSchema,
  /** Of those payments, the ones reversed since (whenever the reversal happened). */
  reversedCount: z.number().int(),
  reversedTotal: rupiahOutSchema,
  /** `total − reversedTotal`: what should be in the drawer / account. */
  net: rupiahOutSchema,
});

export const cashReportRowSchema = cashFiguresSchema.extend({
  cashierId: z.string().nullable(),
  cashierName: z.string().nullable(),
  method: paymentMethodSchema,
});
export type CashReportRow = z.infer<typeof cashReportRowSchema>;

export const cashReportSchema = z.object({
  date: z.string(),
  timezone: z.string(),
  rows: z.array(cashReportRowSchema),
  totals: cashFiguresSchema,
});
export type CashReport = z.infer<typeof cashReportSchema>;

export const creditReasonSchema = z.enum([
  'overpayment',
  'applied',
  'payment_reversed',
  'allocation_reversed',
  'adjustment',
]);

export const creditEntrySchema = z.object({
  id: z.string(),
  /** Positive: credit added; negative: used or taken back. */
  amount: rupiahOutSchema,
  reason: creditReasonSchema,
  paymentId: z.string().nullable(),
  paymentNumber: z.string().nullable(),
  invoiceId: z.string().nullable(),
  invoiceNumber: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type CreditEntry = z.infer<typeof creditEntrySchema>;

export const customerCreditSchema = z.object({
  customerId: z.string(),
  balance: rupiahOutSchema,
  /** The latest movements, newest first. */
  entries: z.array(creditEntrySchema),
});
export type CustomerCredit = z.infer<typeof customerCreditSchema>;
