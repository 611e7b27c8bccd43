import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { customers, subscriptions } from './customers.ts';

/**
 * GenieACS servers (several allowed). The NBI password is SecretBox ciphertext (context
 * `acs_servers.password`). The sync cursor is the newest `_lastInform` the last sync saw, in the
 * ACS's clock; the lease keeps one sync per server running across workers.
 */
export const acsServers = pgTable(
  'acs_servers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    baseUrl: text('base_url').notNull(),
    username: text('username'),
    passwordEnc: text('password_enc'),
    enabled: boolean('enabled').notNull().default(true),
    syncIntervalMinutes: integer('sync_interval_minutes').notNull().default(5),
    onlineWindowMinutes: integer('online_window_minutes').notNull().default(15),
    timeoutMs: integer('timeout_ms').notNull().default(30_000),
    taskTimeoutMs: integer('task_timeout_ms').notNull().default(10_000),
    /** Extra parameter paths per vendor (contracts `paramOverridesSchema`). */
    paramOverrides: jsonb('param_overrides').notNull().default([]),
    syncTags: boolean('sync_tags').notNull().default(true),
    syncCursor: timestamp('sync_cursor', { withTimezone: true }),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    lastFullSyncAt: timestamp('last_full_sync_at', { withTimezone: true }),
    lastSyncDevices: integer('last_sync_devices'),
    lastSyncMs: integer('last_sync_ms'),
    lastError: text('last_error'),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    syncLeaseUntil: timestamp('sync_lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('acs_servers_name_key').on(sql`lower(${t.name})`),
    index('acs_servers_created_idx').on(t.createdAt, t.id),
  ],
);

/**
 * A CPE (ONT) as the last sync saw it, and the subscription it belongs to. `online` is not
 * stored: it is `last_inform` within the server's online window, judged at read time.
 */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    acsServerId: uuid('acs_server_id')
      .notNull()
      .references(() => acsServers.id, { onDelete: 'cascade' }),
    /** GenieACS `_id` (`OUI-ProductClass-Serial`, escaped). */
    acsDeviceId: text('acs_device_id').notNull(),
    oui: text('oui').notNull(),
    productClass: text('product_class').notNull(),
    serial: text('serial').notNull(),
    manufacturer: text('manufacturer'),
    model: text('model'),
    firmware: text('firmware'),
    dataModel: text('data_model'),
    lastInform: timestamp('last_inform', { withTimezone: true }),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    pppoeUsername: text('pppoe_username'),
    wanIp: text('wan_ip'),
    /** `[{ index, ssid, band }]`. */
    ssids: jsonb('ssids').notNull().default([]),
    hostsCount: integer('hosts_count'),
    rxPowerDbm: real('rx_power_dbm'),
    /** Since when RX power has been below the alert threshold (null while it is not). */
    rxLowSince: timestamp('rx_low_since', { withTimezone: true }),
    uptimeS: bigint('uptime_s', { mode: 'number' }),
    /** The device's GenieACS tags as last seen (or as Jaring last set them). */
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'set null',
    }),
    matchState: text('match_state').notNull().default('unmatched'),
    /** Why it is linked: `pppoe_username`, `ont_serial` or `manual`. */
    matchReason: text('match_reason'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('devices_acs_key').on(t.acsServerId, t.acsDeviceId),
    index('devices_created_idx').on(t.createdAt, t.id),
    index('devices_last_inform_idx').on(t.lastInform),
    index('devices_rx_idx')
      .on(t.rxPowerDbm)
      .where(sql`${t.rxPowerDbm} is not null`),
    index('devices_review_idx')
      .on(t.acsServerId)
      .where(sql`${t.matchState} in ('unmatched', 'ambiguous')`),
    index('devices_pppoe_idx').on(sql`lower(${t.pppoeUsername})`),
    index('devices_serial_idx').on(sql`lower(${t.serial})`),
    index('devices_subscription_idx').on(t.subscriptionId),
    check(
      'devices_data_model_check',
      sql`${t.dataModel} is null or ${t.dataModel} in ('tr098', 'tr181')`,
    ),
    check(
      'devices_match_state_check',
      sql`${t.matchState} in ('matched', 'unmatched', 'ambiguous', 'manual')`,
    ),
  ],
);

/**
 * One action on a device. A WiFi password is kept only as SecretBox ciphertext (context
 * `device_tasks.secret`) while the task waits to reach the ACS, and dropped once it did.
 */
export const deviceTasks = pgTable(
  'device_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'set null',
    }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    params: jsonb('params').notNull().default({}),
    secretEnc: text('secret_enc'),
    status: text('status').notNull().default('queued'),
    acsTaskId: text('acs_task_id'),
    fault: jsonb('fault'),
    lastError: text('last_error'),
    requestedByType: text('requested_by_type').notNull(),
    requestedById: text('requested_by_id'),
    requestedByName: text('requested_by_name'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** While a worker (or the API answering the request) is talking to the ACS about it. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('device_tasks_device_idx').on(t.deviceId, t.createdAt),
    index('device_tasks_customer_idx').on(t.customerId, t.createdAt),
    index('device_tasks_pending_idx')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sent')`),
    check(
      'device_tasks_kind_check',
      sql`${t.kind} in ('wifi', 'reboot', 'refresh', 'factory_reset')`,
    ),
    check(
      'device_tasks_status_check',
      sql`${t.status} in ('queued', 'sent', 'done', 'faulted', 'cancelled')`,
    ),
    check(
      'device_tasks_requested_by_check',
      sql`${t.requestedByType} in ('user', 'customer', 'system')`,
    ),
  ],
);
