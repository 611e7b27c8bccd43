import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { odps, plans, routers, sites } from './network.ts';

export const customerNumberSeq = pgSequence('customer_number_seq', { startWith: 1 });

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    /** SecretBox ciphertext (context `customers.national_id`); only the last 4 digits are kept clear. */
    nationalIdEnc: text('national_id_enc'),
    nationalIdLast4: text('national_id_last4'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    notes: text('notes'),
    status: text('status').notNull().default('active'),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    odpId: uuid('odp_id').references(() => odps.id, { onDelete: 'set null' }),
    odpPort: integer('odp_port'),
    /** The reseller who owns this customer; resellers see only their own. */
    resellerId: uuid('reseller_id').references(() => users.id, { onDelete: 'set null' }),
    portalPasswordHash: text('portal_password_hash'),
    /** Language of the customer's notifications and documents. */
    locale: text('locale').notNull().default('id'),
    telegramChatId: text('telegram_chat_id'),
    /** Money received but not yet applied (overpayments); the sum of credit_ledger. Never negative. */
    creditBalance: bigint('credit_balance', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    /** Dunning leaves this customer alone (no isolation, suspension or termination). */
    dunningExempt: boolean('dunning_exempt').notNull().default(false),
    /** The customer promised to pay by this date: no isolation before the day after it. */
    promiseToPayUntil: date('promise_to_pay_until', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_number_key').on(t.number),
    uniqueIndex('customers_odp_port_key').on(t.odpId, t.odpPort),
    index('customers_created_idx').on(t.createdAt, t.id),
    index('customers_reseller_idx').on(t.resellerId),
    index('customers_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('customers_phone_idx').on(t.phone),
    // Search matches number prefixes and phone fragments as well as names.
    index('customers_number_trgm_idx').using('gin', sql`lower(${t.number}) gin_trgm_ops`),
    index('customers_phone_trgm_idx').using('gin', sql`${t.phone} gin_trgm_ops`),
    check('customers_status_check', sql`${t.status} in ('active', 'inactive')`),
    check('customers_locale_check', sql`${t.locale} in ('id', 'en')`),
    check('customers_credit_balance_check', sql`${t.creditBalance} >= 0`),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'restrict' }),
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'restrict' }),
    type: text('type').notNull(),
    username: text('username').notNull(),
    /** SecretBox ciphertext, context `subscriptions.password`. */
    passwordEnc: text('password_enc'),
    staticIp: text('static_ip'),
    /** The ONT serial recorded at installation: matches the ACS device when PPPoE cannot. */
    ontSerial: text('ont_serial'),
    status: text('status').notNull().default('pending'),
    startDate: date('start_date', { mode: 'string' }),
    billingDay: integer('billing_day'),
    /** prepaid: invoiced at the start of a period; postpaid: after it ends. */
    billingMode: text('billing_mode').notNull().default('prepaid'),
    /** fixed: periods start on billing_day (1 when null); anniversary: on start_date's day. */
    billingAnchor: text('billing_anchor').notNull().default('fixed'),
    /** Prepaid: issue the invoice this many days before its period starts. */
    invoiceLeadDays: integer('invoice_lead_days').notNull().default(7),
    /** Due this many days after the later of issue date and period start (postpaid: issue date). */
    dueOffsetDays: integer('due_offset_days').notNull().default(7),
    /** Days after the due date before an unpaid subscription is isolated. */
    graceDays: integer('grace_days').notNull().default(3),
    /** Off: dunning reminds but never isolates, suspends or terminates. */
    autoIsolate: boolean('auto_isolate').notNull().default(true),
    /** Who isolated it: `dunning` is lifted automatically once the balance is cleared; `staff` is not. */
    isolatedBy: text('isolated_by'),
    nextPlanId: uuid('next_plan_id').references(() => plans.id, { onDelete: 'restrict' }),
    nextPlanFrom: date('next_plan_from', { mode: 'string' }),
    /**
     * Imported from a router: an entry of that name which Jaring does not own yet is taken over
     * (its comment and settings set by Jaring) instead of being reported as a conflict.
     */
    adopt: boolean('adopt').notNull().default(false),
    /** The router's desired revision when this subscription last changed. */
    routerRevision: bigint('router_revision', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subscriptions_username_key')
      .on(sql`lower(${t.username})`)
      .where(sql`${t.status} <> 'terminated'`),
    index('subscriptions_customer_idx').on(t.customerId),
    index('subscriptions_ont_serial_idx')
      .on(sql`lower(${t.ontSerial})`)
      .where(sql`${t.ontSerial} is not null`),
    index('subscriptions_router_idx').on(t.routerId, t.status),
    index('subscriptions_username_trgm_idx').using('gin', sql`lower(${t.username}) gin_trgm_ops`),
    /** A static IP belongs to one live subscription per router. */
    uniqueIndex('subscriptions_static_ip_key')
      .on(t.routerId, t.staticIp)
      .where(sql`${t.staticIp} is not null and ${t.status} <> 'terminated'`),
    check('subscriptions_type_check', sql`${t.type} in ('pppoe', 'hotspot', 'static')`),
    check(
      'subscriptions_status_check',
      sql`${t.status} in ('pending', 'active', 'isolated', 'suspended', 'terminated')`,
    ),
    check('subscriptions_billing_day_check', sql`${t.billingDay} between 1 and 31`),
    check('subscriptions_billing_mode_check', sql`${t.billingMode} in ('prepaid', 'postpaid')`),
    check(
      'subscriptions_billing_anchor_check',
      sql`${t.billingAnchor} in ('fixed', 'anniversary')`,
    ),
    check(
      'subscriptions_billing_days_check',
      sql`${t.invoiceLeadDays} between 0 and 60 and ${t.dueOffsetDays} between 0 and 90 and ${t.graceDays} between 0 and 90`,
    ),
    check(
      'subscriptions_isolated_by_check',
      sql`${t.isolatedBy} is null or ${t.isolatedBy} in ('dunning', 'staff')`,
    ),
    index('subscriptions_dunning_idx')
      .on(t.customerId)
      .where(sql`${t.isolatedBy} = 'dunning'`),
  ],
);
