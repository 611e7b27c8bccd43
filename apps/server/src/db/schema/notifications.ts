import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers } from './customers.ts';

/**
 * The outbox: a message is written in the same transaction as the change that causes it, then
 * sent by a job. `dedupe_key` is unique, so a message is never queued (or sent) twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    /** Email address, WhatsApp number (62...), or Telegram chat id. */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    /** The template's variables, kept so a message can be shown or re-rendered later. */
    variables: jsonb('variables').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The gateway's or mail server's id for the message, when it gives one. */
    providerId: text('provider_id'),
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_pending_idx')
      .on(t.channel, t.sendAfter)
      .where(sql`${t.status} = 'pending'`),
    index('notifications_customer_idx').on(t.customerId, t.createdAt),
    index('notifications_created_idx').on(t.createdAt, t.id),
    check('notifications_channel_check', sql`${t.channel} in ('email', 'whatsapp', 'telegram')`),
    check(
      'notifications_status_check',
      sql`${t.status} in ('pending', 'sent', 'failed', 'skipped')`,
    ),
    check('notifications_locale_check', sql`${t.locale} in ('id', 'en')`),
  ],
);

/** Operator overrides of the built-in message templates, per template, locale and channel. */
export const notificationTemplates = pgTable(
  'notification_templates',
  {
    template: text('template').notNull(),
    locale: text('locale').notNull(),
    channel: text('channel').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.template, t.locale, t.channel] }),
    check('notification_templates_locale_check', sql`${t.locale} in ('id', 'en')`),
    check(
      'notification_templates_channel_check',
      sql`${t.channel} in ('email', 'whatsapp', 'telegram')`,
    ),
  ],
);
