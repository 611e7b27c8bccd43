import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdUpdated = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Areas and POPs: where routers and customers are. */
export const sites = pgTable(
  'sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => sites.id, { onDelete: 'restrict' }),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    notes: text('notes'),
    ...createdUpdated,
  },
  (t) => [
    uniqueIndex('sites_name_key').on(sql`lower(${t.name})`),
    check('sites_kind_check', sql`${t.kind} in ('area', 'pop')`),
  ],
);

/** Fiber distribution points: ODCs feed ODPs, ODP ports feed customers. */
export const odps = pgTable(
  'odps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => odps.id, { onDelete: 'restrict' }),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'restrict' }),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    capacity: integer('capacity').notNull(),
    notes: text('notes'),
    ...createdUpdated,
  },
  (t) => [
    uniqueIndex('odps_name_key').on(sql`lower(${t.name})`),
    check('odps_kind_check', sql`${t.kind} in ('odc', 'odp')`),
    check('odps_capacity_check', sql`${t.capacity} between 1 and 1024`),
  ],
);

export const routers = pgTable(
  'routers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Several addresses of one router, tried in order (failover). */
    addresses: text('addresses').array().notNull(),
    port: integer('port').notNull(),
    transport: text('transport').notNull(),
    tlsMode: text('tls_mode').notNull().default('verify'),
    tlsFingerprint: text('tls_fingerprint'),
    username: text('username').notNull(),
    /** SecretBox ciphertext, context `routers.password`. */
    passwordEnc: text('password_enc').notNull(),
    codepage: text('codepage').notNull().default('windows-1252'),
    rosVersion: text('ros_version'),
    identity: text('identity'),
    board: text('board'),
    siteId: uuid('site_id').references(() => sites.id, { onDelete: 'set null' }),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    notes: text('notes'),
    isolationMode: text('isolation_mode').notNull().default('profile'),
    /** Address range of the isolation pool, e.g. `172.30.0.2-172.30.255.254`. */
    isolationPool: text('isolation_pool').notNull().default('172.30.0.2-172.30.255.254'),
    online: boolean('online'),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** Bumped by every change to this router's desired state. */
    desiredRevision: bigint('desired_revision', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    /** The desired revision the router last converged to. */
    syncedRevision: bigint('synced_revision', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    lastSyncError: text('last_sync_error'),
    ...createdUpdated,
  },
  (t) => [
    uniqueIndex('routers_name_key').on(sql`lower(${t.name})`),
    check('routers_transport_check', sql`${t.transport} in ('api', 'api-ssl', 'rest')`),
    check('routers_tls_mode_check', sql`${t.tlsMode} in ('verify', 'fingerprint', 'anonymous')`),
    check('routers_isolation_mode_check', sql`${t.isolationMode} in ('disable', 'profile')`),
    check('routers_codepage_check', sql`${t.codepage} in ('windows-1252', 'utf-8')`),
    check('routers_port_check', sql`${t.port} between 1 and 65535`),
  ],
);

export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /** Name of the profile (PPP/hotspot) on routers; stable once created. */
    profileName: text('profile_name').notNull(),
    downloadKbps: integer('download_kbps').notNull(),
    uploadKbps: integer('upload_kbps').notNull(),
    burstDownloadKbps: integer('burst_download_kbps'),
    burstUploadKbps: integer('burst_upload_kbps'),
    burstThresholdDownloadKbps: integer('burst_threshold_download_kbps'),
    burstThresholdUploadKbps: integer('burst_threshold_upload_kbps'),
    burstSeconds: integer('burst_seconds'),
    /** Integer rupiah per billing period, before tax. */
    price: bigint('price', { mode: 'bigint' }).notNull(),
    /** Tax in basis points: 1100 = PPN 11%. */
    taxRateBp: integer('tax_rate_bp').notNull().default(1100),
    billingPeriod: text('billing_period').notNull().default('monthly'),
    localAddress: text('local_address'),
    remotePool: text('remote_pool'),
    sharedUsers: integer('shared_users').notNull().default(1),
    active: boolean('active').notNull().default(true),
    ...createdUpdated,
  },
  (t) => [
    uniqueIndex('plans_name_key').on(sql`lower(${t.name})`),
    uniqueIndex('plans_profile_name_key').on(t.profileName),
    check('plans_type_check', sql`${t.type} in ('pppoe', 'hotspot', 'static')`),
    check('plans_rates_check', sql`${t.downloadKbps} > 0 and ${t.uploadKbps} > 0`),
    check('plans_price_check', sql`${t.price} >= 0`),
    check('plans_tax_check', sql`${t.taxRateBp} between 0 and 10000`),
    check('plans_period_check', sql`${t.billingPeriod} in ('monthly', 'quarterly', 'yearly')`),
  ],
);

/** Which routers carry which plan. */
export const planRouters = pgTable(
  'plan_routers',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.routerId] }),
    index('plan_routers_router_idx').on(t.routerId),
  ],
);

/** Every call Jaring made to a router: the answer to "why is this customer not active?". */
export const integrationLog = pgTable(
  'integration_log',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    system: text('system').notNull(),
    routerId: uuid('router_id'),
    subscriptionId: uuid('subscription_id'),
    customerId: uuid('customer_id'),
    operation: text('operation').notNull(),
    ok: boolean('ok').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    detail: text('detail'),
    error: text('error'),
    requestId: text('request_id'),
  },
  (t) => [
    index('integration_log_router_idx').on(t.routerId, t.id),
    index('integration_log_customer_idx').on(t.customerId, t.id),
    index('integration_log_subscription_idx').on(t.subscriptionId, t.id),
  ],
);
