import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers, subscriptions } from './customers.ts';

/**
 * Invoices: immutable once issued (void + reissue). Amounts are integer rupiah; `total` is
 * `subtotal + tax`, computed once by the invoice run.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `PREFIX-YYYY-000001`, gapless per year of the issue date (see invoice_counters). */
    number: text('number').notNull(),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_number_key').on(t.number),
    /** One invoice per subscription period, whoever runs the invoice job and how often. */
    uniqueIndex('invoices_subscription_period_key')
      .on(t.subscriptionId, t.periodStart)
      .where(sql`${t.kind} = 'subscription' and ${t.status} <> 'void'`),
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
