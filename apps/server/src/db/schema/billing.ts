import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  jsonb,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { customers, subscriptions } from './customers.ts';

/**
 * Invoices: immutable once issued (void + reissue). Amounts are integer rupiah; `total` is
 * `subtotal + tax`, computed once by the invoice run.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /**
     * `PREFIX-YYYY-000001`, gapless per year of the issue date (see invoice_counters). Null only
     * while a manual invoice is a draft: it takes its number when issued.
     */
    number: text('number'),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'restrict',
    }),
    kind: text('kind').notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    /** Inclusive last day of the period. */
    periodEnd: date('period_end', { mode: 'string' }),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull().default('IDR'),
    subtotal: bigint('subtotal', { mode: 'bigint' }).notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
    total: bigint('total', { mode: 'bigint' }).notNull(),
    paid: bigint('paid', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    voidReason: text('void_reason'),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    replacesInvoiceId: uuid('replaces_invoice_id'),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_number_key').on(t.number),
    /** One invoice per subscription period, whoever runs the invoice job and how often. */
    uniqueIndex('invoices_subscription_period_key')
      .on(t.subscriptionId, t.periodStart)
      .where(sql`${t.kind} = 'subscription' and ${t.status} <> 'void'`),
    /**
     * The voided subscription invoices: with the unique key above, the run's "already invoiced
     * (void included)?" check is two index probes, and issuing does not maintain a third full
     * index over every invoice (a partial index skips the rows outside its predicate).
     */
    index('invoices_void_subscription_idx')
      .on(t.subscriptionId, t.periodStart)
      .where(sql`${t.kind} = 'subscription' and ${t.status} = 'void'`),
    index('invoices_created_idx').on(t.createdAt, t.id),
    index('invoices_customer_idx').on(t.customerId),
    index('invoices_status_idx').on(t.status, t.dueDate),
    check('invoices_kind_check', sql`${t.kind} in ('subscription', 'manual')`),
    check(
      'invoices_status_check',
      sql`${t.status} in ('draft', 'issued', 'partially_paid', 'paid', 'void', 'overdue')`,
    ),
    check(
      'invoices_amounts_check',
      sql`${t.total} = ${t.subtotal} + ${t.tax} and ${t.paid} >= 0 and ${t.total} >= 0`,
    ),
    check(
      'invoices_number_check',
      sql`(${t.number} is null) = (${t.status} = 'draft') and (${t.status} <> 'draft' or ${t.kind} = 'manual')`,
    ),
    check(
      'invoices_subscription_period_check',
      sql`${t.kind} <> 'subscription' or (${t.subscriptionId} is not null and ${t.periodStart} is not null and ${t.periodEnd} is not null)`,
    ),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitAmount: bigint('unit_amount', { mode: 'bigint' }).notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    tax: bigint('tax', { mode: 'bigint' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.invoiceId, t.position] }),
    check(
      'invoice_lines_kind_check',
      sql`${t.kind} in ('plan', 'proration', 'one_off', 'discount', 'credit')`,
    ),
    check('invoice_lines_tax_rate_check', sql`${t.taxRateBp} between 0 and 10000`),
    check('invoice_lines_quantity_check', sql`${t.quantity} > 0`),
  ],
);

/** Gapless invoice numbers: the row of a year is locked while a run assigns its numbers. */
export const invoiceCounters = pgTable('invoice_counters', {
  year: integer('year').primaryKey(),
  lastNumber: bigint('last_number', { mode: 'bigint' })
    .notNull()
    .default(sql`0`),
});

/**
 * Charges and credits waiting for a customer's next invoice: one-off charges (installation,
 * equipment) and plan-change proration. The invoice run takes every pending row of a
 * subscription (or, without a subscription, of the customer's next invoice) and stamps
 * `invoice_id`, so each is billed exactly once.
 */
export const billingAdjustments = pgTable(
  'billing_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'restrict',
    }),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    quantity: integer('quantity').notNull().default(1),
    unitAmount: bigint('unit_amount', { mode: 'bigint' }).notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('billing_adjustments_pending_idx')
      .on(t.subscriptionId, t.customerId)
      .where(sql`${t.invoiceId} is null`),
    index('billing_adjustments_invoice_idx').on(t.invoiceId),
    check('billing_adjustments_kind_check', sql`${t.kind} in ('one_off', 'proration', 'credit')`),
    check(
      'billing_adjustments_amount_check',
      sql`(${t.kind} = 'credit' and ${t.unitAmount} < 0) or (${t.kind} <> 'credit' and ${t.unitAmount} >= 0)`,
    ),
    check('billing_adjustments_quantity_check', sql`${t.quantity} > 0`),
    check('billing_adjustments_tax_rate_check', sql`${t.taxRateBp} between 0 and 10000`),
  ],
);

/** A recurring discount on a subscription's plan line, from `starts_on` until `ends_on` (inclusive). */
export const discounts = pgTable(
  'discounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    description: text('description').notNull(),
    kind: text('kind').notNull(),
    /** fixed: rupiah off each period's plan charge. */
    amount: bigint('amount', { mode: 'bigint' }),
    /** percent: basis points off the plan charge (1000 = 10%). */
    percentBp: integer('percent_bp'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('discounts_subscription_idx').on(t.subscriptionId),
    check('discounts_kind_check', sql`${t.kind} in ('fixed', 'percent')`),
    check(
      'discounts_value_check',
      sql`(${t.kind} = 'fixed' and ${t.amount} > 0 and ${t.percentBp} is null) or (${t.kind} = 'percent' and ${t.percentBp} between 1 and 10000 and ${t.amount} is null)`,
    ),
    check('discounts_dates_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * Money received from a customer: at the cashier (cash, transfer) or, later, through a payment
 * gateway. What is not allocated to invoices went to the customer's credit balance.
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `RCP-YYYY-000001`, gapless per year (payment_counters): the receipt number. */
    number: text('number').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    method: text('method').notNull(),
    /** Gateway payments: the gateway and channel (e.g. `midtrans`, `bca_va`). */
    channel: text('channel'),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    /** The part that went to the credit balance. */
    credited: bigint('credited', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    reference: text('reference'),
    note: text('note'),
    cashierId: uuid('cashier_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('completed'),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
    reversedBy: uuid('reversed_by').references(() => users.id, { onDelete: 'set null' }),
    reversalReason: text('reversal_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payments_number_key').on(t.number),
    /** A gateway reference is recorded once, however often its notification arrives. */
    uniqueIndex('payments_channel_reference_key')
      .on(t.method, t.reference)
      .where(sql`${t.method} = 'gateway'`),
    index('payments_created_idx').on(t.createdAt, t.id),
    index('payments_customer_idx').on(t.customerId),
    index('payments_cashier_idx').on(t.cashierId, t.receivedAt),
    check('payments_method_check', sql`${t.method} in ('cash', 'transfer', 'gateway')`),
    check('payments_status_check', sql`${t.status} in ('completed', 'reversed')`),
    check(
      'payments_amount_check',
      sql`${t.amount} > 0 and ${t.credited} >= 0 and ${t.credited} <= ${t.amount}`,
    ),
    check(
      'payments_reversal_check',
      sql`(${t.status} = 'reversed') = (${t.reversedAt} is not null)`,
    ),
  ],
);

export const paymentCounters = pgTable('payment_counters', {
  year: integer('year').primaryKey(),
  lastNumber: bigint('last_number', { mode: 'bigint' })
    .notNull()
    .default(sql`0`),
});

/**
 * What settled an invoice: part of a payment, or the customer's credit balance. `invoices.paid`
 * is the sum of the invoice's live allocations; a reversal stamps `reversed_at`.
 */
export const invoiceAllocations = pgTable(
  'invoice_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'restrict' }),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'restrict' }),
    source: text('source').notNull(),
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    reversedAt: timestamp('reversed_at', { withTimezone: true }),
  },
  (t) => [
    index('invoice_allocations_invoice_idx').on(t.invoiceId),
    index('invoice_allocations_payment_idx').on(t.paymentId),
    check('invoice_allocations_source_check', sql`${t.source} in ('payment', 'credit')`),
    check(
      'invoice_allocations_payment_check',
      sql`(${t.source} = 'payment') = (${t.paymentId} is not null)`,
    ),
    check('invoice_allocations_amount_check', sql`${t.amount} > 0`),
  ],
);

/** Every movement of a customer's credit balance; `customers.credit_balance` is its sum. */
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Positive: credit added; negative: credit used or taken back. */
    amount: bigint('amount', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    paymentId: uuid('payment_id').references(() => payments.id, { onDelete: 'restrict' }),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'restrict' }),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('credit_ledger_customer_idx').on(t.customerId, t.createdAt),
    check(
      'credit_ledger_reason_check',
      sql`${t.reason} in ('overpayment', 'applied', 'payment_reversed', 'allocation_reversed', 'adjustment')`,
    ),
    check('credit_ledger_amount_check', sql`${t.amount} <> 0`),
  ],
);

/**
 * Every dunning step taken, once: a reminder for an invoice, an isolation, a restoration. The
 * unique key makes a rerun of the dunning pass a no-op.
 */
export const dunningEvents = pgTable(
  'dunning_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** e.g. `reminder:<invoice>:-3`, `isolate:<subscription>:<invoice>`. */
    key: text('key').notNull(),
    kind: text('kind').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'cascade',
    }),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'cascade' }),
    detail: jsonb('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dunning_events_key').on(t.key),
    index('dunning_events_customer_idx').on(t.customerId, t.createdAt),
    check(
      'dunning_events_kind_check',
      sql`${t.kind} in ('reminder', 'overdue', 'isolate', 'restore', 'suspend', 'terminate')`,
    ),
  ],
);
