import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { invoices } from './billing.ts';
import { customers } from './customers.ts';

/** Customer portal sessions; only the SHA-256 of the cookie token is stored. */
export const portalSessions = pgTable(
  'portal_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('portal_sessions_customer_idx').on(t.customerId)],
);

/**
 * One-time login links sent by WhatsApp or email (e.g. in a reminder: straight to the invoice).
 * Stored hashed; used once; expire.
 */
export const portalLoginLinks = pgTable(
  'portal_login_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id').references(() => invoices.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('portal_login_links_customer_idx').on(t.customerId)],
);
