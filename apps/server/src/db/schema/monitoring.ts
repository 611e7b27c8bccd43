import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { subscriptions } from './customers.ts';
import { routers } from './network.ts';

/*
 * Raw samples (`router_samples`, `interface_samples`, `subscriber_samples`) are range-partitioned
 * by day and live outside this schema: Drizzle cannot declare partitioned tables, so the migration
 * creates them by hand and monitoring/partitions.ts adds and drops the daily partitions.
 */

/**
 * The poller's state of one router: schedule, lease (which worker polls it now), the last health
 * reading, and the counters and sessions seen at the last poll, so rates and session events can be
 * computed by whichever worker polls next.
 */
export const routerMonitor = pgTable(
  'router_monitor',
  {
    routerId: uuid('router_id')
      .primaryKey()
      .references(() => routers.id, { onDelete: 'cascade' }),
    enabled: boolean('enabled').notNull().default(true),
    status: text('status').notNull().default('unknown'),
    statusSince: timestamp('status_since', { withTimezone: true }).notNull().defaultNow(),
    healthIntervalS: integer('health_interval_s').notNull().default(60),
    usageIntervalS: integer('usage_interval_s').notNull().default(300),
    nextHealthAt: timestamp('next_health_at', { withTimezone: true }).notNull().defaultNow(),
    nextUsageAt: timestamp('next_usage_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    leaseOwner: text('lease_owner'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastPollAt: timestamp('last_poll_at', { withTimezone: true }),
    lastOkAt: timestamp('last_ok_at', { withTimezone: true }),
    lastLatencyMs: integer('last_latency_ms'),
    lastError: text('last_error'),
    uptimeS: bigint('uptime_s', { mode: 'number' }),
    cpuLoad: smallint('cpu_load'),
    memoryUsed: bigint('memory_used', { mode: 'number' }),
    memoryTotal: bigint('memory_total', { mode: 'number' }),
    temperatureC: real('temperature_c'),
    voltageV: real('voltage_v'),
    /** Interface byte counters at the last health poll: `{ name: [rx, tx, atMs] }`. */
    interfaceCounters: jsonb('interface_counters').notNull().default({}),
    /** Per-subscriber byte counters at the last usage poll: `{ key: [up, down, atMs] }`. */
    usageCounters: jsonb('usage_counters').notNull().default({}),
    /** Sessions open at the last poll: `{ username: { id, since, service } }`. */
    sessions: jsonb('sessions').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('router_monitor_status_check', sql`${t.status} in ('unknown', 'up', 'down')`),
    check('router_monitor_health_interval_check', sql`${t.healthIntervalS} between 10 and 3600`),
    check('router_monitor_usage_interval_check', sql`${t.usageIntervalS} between 60 and 3600`),
    index('router_monitor_health_due_idx').on(t.nextHealthAt),
  ],
);

/** Interfaces of a router as last polled; `uplink` ones count for utilisation and throughput. */
export const routerInterfaces = pgTable(
  'router_interfaces',
  {
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type'),
    running: boolean('running').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    uplink: boolean('uplink').notNull().default(false),
    /** Link capacity (bit/s) for utilisation alerts; null = not known. */
    capacityBps: bigint('capacity_bps', { mode: 'number' }),
    rxBps: bigint('rx_bps', { mode: 'number' }),
    txBps: bigint('tx_bps', { mode: 'number' }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.routerId, t.name] }),
    check(
      'router_interfaces_capacity_check',
      sql`${t.capacityBps} is null or ${t.capacityBps} > 0`,
    ),
  ],
);

/** A subscriber's session on a router, opened and closed from diffs of the active lists. */
export const subscriberSessions = pgTable(
  'subscriber_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, {
      onDelete: 'set null',
    }),
    username: text('username').notNull(),
    service: text('service').notNull(),
    address: text('address'),
    callerId: text('caller_id'),
    /** The router's session id (`.id`/`session-id`), to tell a reconnect from the same session. */
    routerSessionId: text('router_session_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason'),
    bytesUp: bigint('bytes_up', { mode: 'number' }).notNull().default(0),
    bytesDown: bigint('bytes_down', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    check('subscriber_sessions_service_check', sql`${t.service} in ('pppoe', 'hotspot')`),
    uniqueIndex('subscriber_sessions_open_key')
      .on(t.routerId, t.service, sql`lower(${t.username})`)
      .where(sql`${t.endedAt} is null`),
    index('subscriber_sessions_subscription_idx').on(t.subscriptionId, t.startedAt),
    index('subscriber_sessions_ended_idx').on(t.endedAt),
  ],
);

/**
 * A subscriber's traffic for one day at three resolutions: 288 five-minute slots and 24 hourly
 * slots as arrays, and the day's totals. One row per subscriber-day keeps 30 days of 5-minute data
 * for 100,000 subscribers at 3 million rows instead of 860 million; retention nulls the arrays
 * (5-minute after 30 days, hourly after 13 months) and keeps the daily totals for ever.
 */
export const subscriberUsageDays = pgTable(
  'subscriber_usage_days',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    up: bigint('up', { mode: 'number' }).notNull().default(0),
    down: bigint('down', { mode: 'number' }).notNull().default(0),
    up5m: bigint('up_5m', { mode: 'number' }).array(),
    down5m: bigint('down_5m', { mode: 'number' }).array(),
    up1h: bigint('up_1h', { mode: 'number' }).array(),
    down1h: bigint('down_1h', { mode: 'number' }).array(),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.day] }),
    index('subscriber_usage_days_day_idx').on(t.day),
    // Top talkers of a day: the first rows of this index, without sorting the day.
    index('subscriber_usage_days_top_idx').on(t.day, sql`(${t.up} + ${t.down}) desc`),
  ],
);

/** Monthly usage per subscriber (bytes), for reports and the portal. */
export const subscriberUsageMonths = pgTable(
  'subscriber_usage_months',
  {
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    month: date('month', { mode: 'string' }).notNull(),
    up: bigint('up', { mode: 'number' }).notNull().default(0),
    down: bigint('down', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.subscriptionId, t.month] }),
    index('subscriber_usage_months_month_idx').on(t.month),
  ],
);

/** Subscriber traffic summed per router and 5-minute bucket: the network throughput chart. */
export const routerUsage5m = pgTable(
  'router_usage_5m',
  {
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    up: bigint('up', { mode: 'number' }).notNull().default(0),
    down: bigint('down', { mode: 'number' }).notNull().default(0),
    sessions: integer('sessions').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.routerId, t.bucket] }),
    index('router_usage_5m_bucket_idx').on(t.bucket),
  ],
);

/** Router health aggregated per level (`5m`, `1h`, `1d`) and bucket. */
export const routerHealthRollups = pgTable(
  'router_health_rollups',
  {
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    samples: integer('samples').notNull(),
    upSamples: integer('up_samples').notNull(),
    cpuAvg: real('cpu_avg'),
    cpuMax: smallint('cpu_max'),
    memoryUsedAvg: bigint('memory_used_avg', { mode: 'number' }),
    memoryTotal: bigint('memory_total', { mode: 'number' }),
    latencyAvgMs: real('latency_avg_ms'),
    latencyMaxMs: integer('latency_max_ms'),
    temperatureMaxC: real('temperature_max_c'),
  },
  (t) => [
    primaryKey({ columns: [t.routerId, t.level, t.bucket] }),
    check('router_health_rollups_level_check', sql`${t.level} in ('5m', '1h', '1d')`),
    index('router_health_rollups_bucket_idx').on(t.level, t.bucket),
  ],
);

/** Interface traffic aggregated per level and bucket. */
export const interfaceRollups = pgTable(
  'interface_rollups',
  {
    routerId: uuid('router_id')
      .notNull()
      .references(() => routers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    level: text('level').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    samples: integer('samples').notNull(),
    rxBytes: bigint('rx_bytes', { mode: 'number' }).notNull(),
    txBytes: bigint('tx_bytes', { mode: 'number' }).notNull(),
    rxBpsAvg: bigint('rx_bps_avg', { mode: 'number' }),
    txBpsAvg: bigint('tx_bps_avg', { mode: 'number' }),
    rxBpsMax: bigint('rx_bps_max', { mode: 'number' }),
    txBpsMax: bigint('tx_bps_max', { mode: 'number' }),
  },
  (t) => [
    primaryKey({ columns: [t.routerId, t.name, t.level, t.bucket] }),
    check('interface_rollups_level_check', sql`${t.level} in ('5m', '1h', '1d')`),
    index('interface_rollups_bucket_idx').on(t.level, t.bucket),
  ],
);

/** How far each rollup has run: `{ name: 'subscriber_1h', until }`. */
export const rollupWatermarks = pgTable('rollup_watermarks', {
  name: text('name').primaryKey(),
  until: timestamp('until', { withTimezone: true }).notNull(),
});

/**
 * Alerts: one row per incident. `key` identifies the condition (e.g. `router_down:<id>`); at most
 * one unresolved alert per key, and a condition that comes back soon after resolving reopens the
 * same row (counted in `flap_count`) instead of paging again.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rule: text('rule').notNull(),
    key: text('key').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull().default('open'),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    /** Router the alert concerns, for filtering and for suppressing its subscribers' alerts. */
    routerId: uuid('router_id').references(() => routers.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    details: jsonb('details').notNull().default({}),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    lastTriggeredAt: timestamp('last_triggered_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** Null with `resolved_at` set: resolved by itself when the condition cleared. */
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    note: text('note'),
    flapCount: integer('flap_count').notNull().default(0),
  },
  (t) => [
    check('alerts_severity_check', sql`${t.severity} in ('info', 'warning', 'critical')`),
    check('alerts_status_check', sql`${t.status} in ('open', 'acknowledged', 'resolved')`),
    uniqueIndex('alerts_open_key')
      .on(t.key)
      .where(sql`${t.status} <> 'resolved'`),
    index('alerts_status_idx').on(t.status, t.openedAt),
    index('alerts_key_idx').on(t.key, t.resolvedAt),
    index('alerts_opened_idx').on(t.openedAt),
  ],
);

/**
 * Conditions being watched: when one first became true (an alert opens after its rule's
 * duration) and, while its alert is open, when it first became false again (it resolves after
 * the rule's clear time: a condition that flickers does not page on every flicker).
 */
export const alertConditions = pgTable('alert_conditions', {
  key: text('key').primaryKey(),
  rule: text('rule').notNull(),
  activeSince: timestamp('active_since', { withTimezone: true }),
  clearSince: timestamp('clear_since', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
