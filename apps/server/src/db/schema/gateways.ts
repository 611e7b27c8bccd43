import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { payments } from './billing.ts';
import { customers } from './customers.ts';

/** One row per payment gateway: its switches, channels and encrypted credentials. */
export const paymentGateways = pgTable(
  'payment_gateways',
  {
    gateway: text('gateway').primaryKey(),
    enabled: boolean('enabled').notNull().default(false),
    environment: text('environment').notNull().default('sandbox'),
    channels: jsonb('channels').$type<string[]>().notNull().default([]),
    feeBearer: text('fee_bearer').notNull().default('customer'),
    /** Per channel `{ flat, percentBp }` with `flat` as a decimal string of rupiah. */
    fees: jsonb('fees')
      .$type<Record<string, { flat: string; percentBp: number }>>()
      .notNull()
      .default({}),
    expiryMinutes: integer('expiry_minutes').notNull().default(1440),
    merchantCode: text('merchant_code'),
    apiBaseUrl: text('api_base_url'),
    /** SecretBox ciphertext of a JSON object of the gateway's keys; never returned. */
    credentials: text('credentials'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('payment_gateways_gateway_check', sql`${t.gateway} in ('midtrans', 'tripay')`),
    check('payment_gateways_environment_check', sql`${t.environment} in ('sandbox', 'production')`),
    check('payment_gateways_fee_bearer_check', sql`${t.feeBearer} in ('customer', 'operator')`),
  ],
);

/**
 * One checkout attempt at a gateway for one or more invoices of one customer. The row lock on
 * it serialises every notification and status answer about the same order; `payment_id` is
 * unique so one transaction can never pay twice.
 */
export const gatewayTransactions = pgTable(
  'gateway_transactions',
  {
    id: uuid('id').primaryKey(),
    gateway: text('gateway').notNull(),
    /** Jaring's order id: Midtrans `order_id`, Tripay `merchant_ref`. */
    orderId: text('order_id').notNull(),
    /** Invoices it pays, sorted; `invoice_key` is their ids joined, for reuse of a checkout. */
    invoiceIds: uuid('invoice_ids').array().notNull(),
    invoiceKey: text('invoice_key').notNull(),
    attempt: integer('attempt').notNull(),
    /** The gateway's id: Midtrans `transaction_id`, Tripay `reference`. */
    reference: text('reference'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    channel: text('channel'),
    status: text('status').notNull(),
    gatewayStatus: text('gateway_status'),
    /** What the invoices receive. */
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** The fee the customer carries (0 when the operator does). */
    fee: bigint('fee', { mode: 'bigint' }).notNull(),
    /** What the customer is asked to pay: `amount + fee`. */
    total: bigint('total', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull().default('IDR'),
    /** What the gateway reported as paid, kept when it differs from `total`. */
    receivedTotal: bigint('received_total', { mode: 'bigint' }),
    redirectUrl: text('redirect_url'),
    payCode: text('pay_code'),
    qrString: text('qr_string'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'restrict' }),
    review: text('review'),
    reviewNote: text('review_note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    /** The last failure to create or check it at the gateway. */
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** When the notification that paid it reached Jaring (for time-to-apply). */
    paidNoticeAt: timestamp('paid_notice_at', { withTimezone: true }),
    /** The status poller's schedule: null once the transaction is final. */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    checkCount: integer('check_count').notNull().default(0),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('gateway_transactions_order_key').on(t.orderId),
    uniqueIndex('gateway_transactions_reference_key')
      .on(t.gateway, t.reference)
      .where(sql`${t.reference} is not null`),
    uniqueIndex('gateway_transactions_payment_key')
      .on(t.paymentId)
      .where(sql`${t.paymentId} is not null`),
    uniqueIndex('gateway_transactions_attempt_key').on(t.invoiceKey, t.attempt),
    index('gateway_transactions_created_idx').on(t.createdAt, t.id),
    index('gateway_transactions_customer_idx').on(t.customerId, t.createdAt),
    index('gateway_transactions_check_idx')
      .on(t.nextCheckAt)
      .where(sql`${t.nextCheckAt} is not null`),
    index('gateway_transactions_review_idx')
      .on(t.createdAt)
      .where(sql`${t.review} is not null`),
    check('gateway_transactions_gateway_check', sql`${t.gateway} in ('midtrans', 'tripay')`),
    check(
      'gateway_transactions_status_check',
      sql`${t.status} in ('creating', 'pending', 'challenge', 'paid', 'failed', 'expired', 'refunded', 'partially_refunded')`,
    ),
    check(
      'gateway_transactions_amount_check',
      sql`${t.amount} > 0 and ${t.fee} >= 0 and ${t.total} = ${t.amount} + ${t.fee}`,
    ),
  ],
);

/**
 * The inbox: every notification a gateway sent (stored raw before anything else happens,
 * verified or not) and every status call Jaring made. A notification is processed by a job
 * once; `processed_at` tells which ones were.
 */
export const gatewayEvents = pgTable(
  'gateway_events',
  {
    id: uuid('id').primaryKey(),
    gateway: text('gateway').notNull(),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    transactionId: uuid('transaction_id').references(() => gatewayTransactions.id, {
      onDelete: 'cascade',
    }),
    orderId: text('order_id'),
    verified: boolean('verified'),
    gatewayStatus: text('gateway_status'),
    status: text('status'),
    outcome: text('outcome').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    httpStatus: integer('http_status'),
    latencyMs: integer('latency_ms'),
    remoteIp: text('remote_ip'),
    error: text('error'),
    body: text('body'),
    headers: jsonb('headers').$type<Record<string, string>>(),
  },
  (t) => [
    index('gateway_events_transaction_idx').on(t.transactionId, t.at),
    index('gateway_events_order_idx').on(t.orderId),
    index('gateway_events_unmatched_idx')
      .on(t.at)
      .where(sql`${t.outcome} in ('unknown_order', 'rejected')`),
    check(
      'gateway_events_kind_check',
      sql`${t.kind} in ('notification', 'status_check', 'create')`,
    ),
  ],
);
