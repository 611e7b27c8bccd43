import { z } from 'zod';
import { calendarDateSchema } from './customers.ts';
import { rupiahOutSchema, rupiahSchema } from './money.ts';
import { paginationQuerySchema } from './pagination.ts';

// Online payments through Midtrans and Tripay: gateway settings, transactions (one per checkout
// attempt), the notifications and status calls seen for each, and the customer's checkout.

export const GATEWAYS = ['midtrans', 'tripay'] as const;
export const gatewayIdSchema = z.enum(GATEWAYS);
export type GatewayId = z.infer<typeof gatewayIdSchema>;

export const gatewayEnvironmentSchema = z.enum(['sandbox', 'production']);
export type GatewayEnvironment = z.infer<typeof gatewayEnvironmentSchema>;

/** Who carries the gateway's fee: added to what the customer pays, or absorbed by the operator. */
export const feeBearerSchema = z.enum(['customer', 'operator']);
export type FeeBearer = z.infer<typeof feeBearerSchema>;

/**
 * One status model for both gateways. `creating` exists only between Jaring recording the
 * attempt and the gateway answering the create call.
 */
export const GATEWAY_TX_STATUSES = [
  'creating',
  'pending',
  'challenge',
  'paid',
  'failed',
  'expired',
  'refunded',
  'partially_refunded',
] as const;
export const gatewayTxStatusSchema = z.enum(GATEWAY_TX_STATUSES);
export type GatewayTxStatus = z.infer<typeof gatewayTxStatusSchema>;

/** Why a transaction waits for finance instead of being applied or closed on its own. */
export const gatewayReviewReasonSchema = z.enum([
  /** The gateway reports a paid amount or currency other than what was asked. */
  'amount_mismatch',
  /** Money came back after the payment was applied; the invoice was reopened. */
  'refunded',
  /** A part of the money went back: the payment stays, finance decides. */
  'partial_refund',
  /** The refund could not be reversed automatically (its credit was already spent). */
  'reversal_refused',
  /** A card payment the gateway's fraud check holds for the merchant's decision. */
  'challenge',
]);
export type GatewayReviewReason = z.infer<typeof gatewayReviewReasonSchema>;

export const gatewayChannelGroupSchema = z.enum([
  'virtual_account',
  'ewallet',
  'qris',
  'card',
  'retail',
]);
export type GatewayChannelGroup = z.infer<typeof gatewayChannelGroupSchema>;

/** A fee rule: `flat + ceil(amount × percentBp / 10000)` rupiah. */
export const feeRuleSchema = z.strictObject({
  flat: rupiahSchema,
  /** Hundredths of a percent: 70 = 0.7 %. */
  percentBp: z.number().int().min(0).max(10_000),
});
export type FeeRule = z.infer<typeof feeRuleSchema>;

export const feeRuleOutSchema = z.object({ flat: rupiahOutSchema, percentBp: z.number().int() });

const channelCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_]+$/, { message: 'letters, digits and underscores only' });

export const gatewayChannelSchema = z.object({
  code: z.string(),
  name: z.string(),
  group: gatewayChannelGroupSchema,
});
export type GatewayChannel = z.infer<typeof gatewayChannelSchema>;

export const gatewaySettingsSchema = z.object({
  gateway: gatewayIdSchema,
  enabled: z.boolean(),
  environment: gatewayEnvironmentSchema,
  /** Channels customers may choose, in display order. */
  channels: z.array(z.string()),
  /** Every channel the gateway offers, for the settings form. */
  availableChannels: z.array(gatewayChannelSchema),
  feeBearer: feeBearerSchema,
  /** Midtrans: the fee per channel, added when the customer carries it (Tripay reports its own). */
  fees: z.record(z.string(), feeRuleOutSchema),
  /** Minutes a checkout stays payable. */
  expiryMinutes: z.number().int(),
  /** Tripay merchant code. */
  merchantCode: z.string().nullable(),
  /** Overrides the gateway's API address (a proxy or a simulator). */
  apiBaseUrl: z.string().nullable(),
  /** Which write-only credentials are stored; their values are never returned. */
  credentials: z.object({
    serverKey: z.boolean(),
    apiKey: z.boolean(),
    privateKey: z.boolean(),
  }),
  /** Where the gateway must send notifications (paste into its dashboard). */
  webhookUrl: z.string(),
  /** True when enabled and every credential it needs is stored. */
  ready: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type GatewaySettings = z.infer<typeof gatewaySettingsSchema>;

const secretInputSchema = z.string().trim().min(8).max(200).nullable();

export const updateGatewaySettingsSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    environment: gatewayEnvironmentSchema.optional(),
    channels: z.array(channelCodeSchema).max(40).optional(),
    feeBearer: feeBearerSchema.optional(),
    fees: z.record(channelCodeSchema, feeRuleSchema).optional(),
    expiryMinutes: z
      .number()
      .int()
      .min(15)
      .max(7 * 24 * 60)
      .optional(),
    merchantCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z0-9_-]+$/)
      .nullable()
      .optional(),
    apiBaseUrl: z
      .url({ protocol: /^https?$/ })
      .max(300)
      .nullable()
      .optional(),
    /** Midtrans server key. `null` removes the stored one. */
    serverKey: secretInputSchema.optional(),
    /** Tripay API key. */
    apiKey: secretInputSchema.optional(),
    /** Tripay private key (signs transactions, verifies callbacks). */
    privateKey: secretInputSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'at least one field is required' })
  .superRefine((v, ctx) => {
    if (v.channels && new Set(v.channels).size !== v.channels.length) {
      ctx.addIssue({ code: 'custom', path: ['channels'], message: 'a channel appears twice' });
    }
  });
export type UpdateGatewaySettings = z.infer<typeof updateGatewaySettingsSchema>;

export const gatewayParamSchema = z.strictObject({ gateway: gatewayIdSchema });

/** A transaction as staff see it. `total = amount + fee`; `amount` is what the invoices get. */
export const gatewayTransactionSchema = z.object({
  id: z.string(),
  gateway: gatewayIdSchema,
  /** Jaring's order id (Midtrans `order_id`, Tripay `merchant_ref`), unique. */
  orderId: z.string(),
  /** The gateway's own id (Midtrans `transaction_id`, Tripay `reference`). */
  reference: z.string().nullable(),
  customerId: z.string(),
  customerNumber: z.string(),
  customerName: z.string(),
  channel: z.string().nullable(),
  status: gatewayTxStatusSchema,
  /** The gateway's last status word, as it sent it. */
  gatewayStatus: z.string().nullable(),
  amount: rupiahOutSchema,
  fee: rupiahOutSchema,
  total: rupiahOutSchema,
  /** What the gateway reported as paid, when it differs from `total`. */
  receivedTotal: rupiahOutSchema.nullable(),
  invoiceIds: z.array(z.string()),
  invoiceNumbers: z.array(z.string()),
  paymentId: z.string().nullable(),
  paymentNumber: z.string().nullable(),
  review: gatewayReviewReasonSchema.nullable(),
  reviewNote: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  payCode: z.string().nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
  lastCheckedAt: z.string().nullable(),
  error: z.string().nullable(),
});
export type GatewayTransaction = z.infer<typeof gatewayTransactionSchema>;

export const gatewayEventKindSchema = z.enum(['notification', 'status_check', 'create']);

/** What Jaring did with a notification or status answer. */
export const gatewayEventOutcomeSchema = z.enum([
  'received',
  'applied',
  'updated',
  'duplicate',
  'stale',
  'quarantined',
  'reversed',
  'unknown_order',
  'rejected',
  'failed',
]);
export type GatewayEventOutcome = z.infer<typeof gatewayEventOutcomeSchema>;

export const gatewayEventSchema = z.object({
  id: z.string(),
  gateway: gatewayIdSchema,
  kind: gatewayEventKindSchema,
  at: z.string(),
  transactionId: z.string().nullable(),
  orderId: z.string().nullable(),
  /** Notifications: whether the signature checked out. */
  verified: z.boolean().nullable(),
  gatewayStatus: z.string().nullable(),
  status: gatewayTxStatusSchema.nullable(),
  outcome: gatewayEventOutcomeSchema,
  processedAt: z.string().nullable(),
  /** Status calls: HTTP status and time taken. */
  httpStatus: z.number().int().nullable(),
  latencyMs: z.number().int().nullable(),
  remoteIp: z.string().nullable(),
  error: z.string().nullable(),
  /** The raw body received (notification) or answered (status call). */
  body: z.string().nullable(),
});
export type GatewayEvent = z.infer<typeof gatewayEventSchema>;

export const gatewayTransactionDetailSchema = gatewayTransactionSchema.extend({
  events: z.array(gatewayEventSchema),
});
export type GatewayTransactionDetail = z.infer<typeof gatewayTransactionDetailSchema>;

const booleanQuerySchema = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listGatewayTransactionsQuerySchema = paginationQuerySchema.extend({
  gateway: gatewayIdSchema.optional(),
  status: gatewayTxStatusSchema.optional(),
  channel: channelCodeSchema.optional(),
  customerId: z.uuid().optional(),
  /** `true`: only the ones waiting for finance (the quarantine queue). */
  review: booleanQuerySchema.optional(),
  /** Order id or gateway reference, exact. */
  q: z.string().trim().min(1).max(80).optional(),
  /** Created on or after this day (APP_TIMEZONE). */
  from: calendarDateSchema.optional(),
  /** Created on or before this day (APP_TIMEZONE). */
  to: calendarDateSchema.optional(),
});
export type ListGatewayTransactionsQuery = z.infer<typeof listGatewayTransactionsQuerySchema>;

export const listGatewayEventsQuerySchema = paginationQuerySchema.extend({
  gateway: gatewayIdSchema.optional(),
  /** `true`: notifications that matched no transaction (unknown order id). */
  unmatched: booleanQuerySchema.optional(),
  /** `false`: notifications whose signature failed. */
  verified: booleanQuerySchema.optional(),
});
export type ListGatewayEventsQuery = z.infer<typeof listGatewayEventsQuerySchema>;

/** Apply a transaction held for review: records a payment of what the gateway received. */
export const applyGatewayTransactionSchema = z.strictObject({
  note: z.string().trim().min(3).max(500),
});
export type ApplyGatewayTransaction = z.infer<typeof applyGatewayTransactionSchema>;

/** Close a review without applying anything (e.g. the money was returned outside Jaring). */
export const dismissGatewayReviewSchema = z.strictObject({
  note: z.string().trim().min(3).max(500),
});
export type DismissGatewayReview = z.infer<typeof dismissGatewayReviewSchema>;

export const gatewayReconciliationQuerySchema = z.strictObject({
  /** Transactions created on this day (APP_TIMEZONE); yesterday when absent. */
  date: calendarDateSchema.optional(),
});
export type GatewayReconciliationQuery = z.infer<typeof gatewayReconciliationQuerySchema>;

export const gatewayDiscrepancyKindSchema = z.enum([
  /** The gateway says paid, no live payment in Jaring. */
  'paid_not_applied',
  /** A live payment in Jaring for a transaction the gateway no longer counts as paid. */
  'applied_not_paid',
  /** Paid at the gateway with a different amount than asked. */
  'amount_mismatch',
  /** Still pending at the gateway after its expiry. */
  'pending_after_expiry',
]);

export const gatewayReconciliationSchema = z.object({
  date: z.string(),
  timezone: z.string(),
  gateways: z.array(
    z.object({
      gateway: gatewayIdSchema,
      transactions: z.number().int(),
      paid: z.number().int(),
      paidTotal: rupiahOutSchema,
      applied: z.number().int(),
      appliedTotal: rupiahOutSchema,
      pending: z.number().int(),
      failed: z.number().int(),
      expired: z.number().int(),
      refunded: z.number().int(),
      inReview: z.number().int(),
    }),
  ),
  discrepancies: z.array(
    z.object({
      kind: gatewayDiscrepancyKindSchema,
      transactionId: z.string(),
      gateway: gatewayIdSchema,
      orderId: z.string(),
      customerNumber: z.string(),
      status: gatewayTxStatusSchema,
      total: rupiahOutSchema,
      paymentNumber: z.string().nullable(),
    }),
  ),
});
export type GatewayReconciliation = z.infer<typeof gatewayReconciliationSchema>;

export const gatewayStatsQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const gatewayStatsSchema = z.object({
  days: z.number().int(),
  rows: z.array(
    z.object({
      gateway: gatewayIdSchema,
      channel: z.string().nullable(),
      /** Checkouts the gateway accepted (creating/failed-to-create ones excluded). */
      transactions: z.number().int(),
      paid: z.number().int(),
      failed: z.number().int(),
      expired: z.number().int(),
      pending: z.number().int(),
      /** paid / (paid + failed + expired); null before anything finished. */
      successRate: z.number().nullable(),
      /** Seconds from the paid notification reaching Jaring to the payment applied. */
      applySecondsP50: z.number().nullable(),
      applySecondsP95: z.number().nullable(),
      paidTotal: rupiahOutSchema,
    }),
  ),
});
export type GatewayStats = z.infer<typeof gatewayStatsSchema>;

// --- Customer portal checkout ---------------------------------------------------------------

export const portalPaymentOptionsQuerySchema = z.strictObject({
  /** Comma-separated invoice ids; absent: every outstanding invoice. */
  invoiceIds: z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(24))
    .optional(),
});
export type PortalPaymentOptionsQuery = z.infer<typeof portalPaymentOptionsQuerySchema>;

export const portalPaymentOptionsSchema = z.object({
  /** What the chosen invoices still owe. */
  amount: rupiahOutSchema,
  invoices: z.array(
    z.object({ id: z.string(), number: z.string().nullable(), balanceDue: rupiahOutSchema }),
  ),
  gateways: z.array(
    z.object({
      gateway: gatewayIdSchema,
      name: z.string(),
      channels: z.array(
        gatewayChannelSchema.extend({ fee: rupiahOutSchema, total: rupiahOutSchema }),
      ),
    }),
  ),
});
export type PortalPaymentOptions = z.infer<typeof portalPaymentOptionsSchema>;

export const createPortalCheckoutSchema = z.strictObject({
  gateway: gatewayIdSchema,
  channel: channelCodeSchema,
  /** Absent: every outstanding invoice of the customer. */
  invoiceIds: z.array(z.uuid()).min(1).max(24).optional(),
});
export type CreatePortalCheckout = z.infer<typeof createPortalCheckoutSchema>;

export const portalCheckoutSchema = z.object({
  id: z.string(),
  gateway: gatewayIdSchema,
  channel: z.string().nullable(),
  orderId: z.string(),
  status: gatewayTxStatusSchema,
  amount: rupiahOutSchema,
  fee: rupiahOutSchema,
  total: rupiahOutSchema,
  /** The gateway's payment page, when it has one. */
  redirectUrl: z.string().nullable(),
  /** Virtual account or payment code to pay at a bank or outlet. */
  payCode: z.string().nullable(),
  /** QRIS payload, rendered as a QR code. */
  qrString: z.string().nullable(),
  expiresAt: z.string().nullable(),
  invoices: z.array(z.object({ id: z.string(), number: z.string().nullable() })),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  /** Set once the money was applied to the invoices. */
  paymentNumber: z.string().nullable(),
});
export type PortalCheckout = z.infer<typeof portalCheckoutSchema>;
