import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Operator settings that change at run time (customer number prefix, ...), one row per key. */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
