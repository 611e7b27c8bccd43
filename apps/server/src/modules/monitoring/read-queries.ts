import type {
  MapOdp,
  RouterHealth,
  RouterInterface,
  SubscriberSession,
  TopTalker,
  UsageReportRow,
  UsageTotals,
} from '@jaring/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/** Read side of monitoring: the SQL behind the dashboard, lists and detail pages. */

function iso(v: Date | string | null | undefined): string | null {
  return v === null || v === undefined ? null : new Date(v).toISOString();
}
function n(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}
function nn(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

type HealthRow = Record<string, unknown>;

function toHealth(r: HealthRow): RouterHealth {
  return {
    routerId: r['id'] as string,
    name: r['name'] as string,
    status: ((r['status'] as string | null) ?? 'unknown') as RouterHealth['status'],
    statusSince:
      iso(r['status_since'] as string) ??
      iso(r['created_at'] as string) ??
      new Date(0).toISOString(),
    monitoringEnabled: (r['enabled'] as boolean | null) ?? true,
    latencyMs: nn(r['last_latency_ms']),
    cpuLoad: nn(r['cpu_load']),
    memoryUsed: nn(r['memory_used']),
    memoryTotal: nn(r['memory_total']),
    uptimeS: nn(r['uptime_s']),
    version: (r['ros_version'] as string | null) ?? null,
    board: (r['board'] as string | null) ?? null,
    temperatureC: nn(r['temperature_c']),
    voltageV: nn(r['voltage_v']),
    activeSessions: n(r['sessions']),
    lastPollAt: iso(r['last_poll_at'] as string),
    lastError: (r['last_error'] as string | null) ?? null,
    latitude: nn(r['latitude']),
    longitude: nn(r['longitude']),
    openAlerts: n(r['open_alerts']),
  };
}

export async function selectRouterHealth(db: Executor, routerId?: string): Promise<RouterHealth[]> {
  const rows = await rowsOf<HealthRow>(
    db.execute(sql`select r.id, r.name, r.created_at, r.ros_version, r.board, r.latitude, r.longitude,
        m.status, m.status_since, m.enabled, m.last_latency_ms, m.cpu_load, m.memory_used, m.memory_total,
        m.uptime_s, m.temperature_c, m.voltage_v, m.last_poll_at,
        coalesce(m.last_error, r.last_error) as last_error,
        (select count(*) from subscriber_sessions s where s.router_id = r.id and s.ended_at is null) as sessions,
        (select count(*) from alerts a where a.router_id = r.id and a.status <> 'resolved') as open_alerts
      from routers r left join router_monitor m on m.router_id = r.id
      ${routerId ? sql`where r.id = ${routerId}` : sql``}
      order by case coalesce(m.status, 'unknown') when 'down' then 0 when 'unknown' then 1 else 2 end, lower(r.name)`),
  );
  return rows.map(toHealth);
}

export async function selectMonitorSettings(
  db: Executor,
  routerId: string,
): Promise<{ enabled: boolean; healthIntervalS: number; usageIntervalS: number } | null> {
  const [row] = await rowsOf<{ enabled: boolean; h: number; u: number }>(
    db.execute(sql`select enabled, health_interval_s as h, usage_interval_s as u
      from router_monitor where router_id = ${routerId}`),
  );
  return row ? { enabled: row.enabled, healthIntervalS: n(row.h), usageIntervalS: n(row.u) } : null;
}

export function toInterface(r: Record<string, unknown>): RouterInterface {
  const cap = nn(r['capacity_bps']);
  const rx = nn(r['rx_bps']);
  const tx = nn(r['tx_bps']);
  return {
    name: r['name'] as string,
    type: (r['type'] as string | null) ?? null,
    running: Boolean(r['running']),
    disabled: Boolean(r['disabled']),
    uplink: Boolean(r['uplink']),
    capacityBps: cap,
    rxBps: rx,
    txBps: tx,
    utilisationPercent:
      cap && (rx !== null || tx !== null)
        ? Math.round((Math.max(rx ?? 0, tx ?? 0) / cap) * 1000) / 10
        : null,
    lastSeenAt: iso(r['last_seen_at'] as string) ?? new Date(0).toISOString(),
  };
}

export async function selectInterfaces(db: Executor, routerId: string): Promise<RouterInterface[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select * from router_interfaces where router_id = ${routerId}
      order by uplink desc, name`),
  );
  return rows.map(toInterface);
}

export async function selectSummaryCounts(db: Executor): Promise<{
  routers: { total: number; up: number; down: number; unknown: number };
  activeSessions: number;
  alerts: { open: number; critical: number; warning: number; info: number };
}> {
  const [r] = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select
        (select count(*) from routers) as total,
        (select count(*) from router_monitor where status = 'up') as up,
        (select count(*) from router_monitor where status = 'down') as down,
        (select count(*) from subscriber_sessions where ended_at is null) as sessions,
        (select count(*) from alerts where status <> 'resolved') as open,
        (select count(*) from alerts where status <> 'resolved' and severity = 'critical') as critical,
        (select count(*) from alerts where status <> 'resolved' and severity = 'warning') as warning,
        (select count(*) from alerts where status <> 'resolved' and severity = 'info') as info`),
  );
  const total = n(r?.['total']);
  const up = n(r?.['up']);
  const down = n(r?.['down']);
  return {
    routers: { total, up, down, unknown: Math.max(0, total - up - down) },
    activeSessions: n(r?.['sessions']),
    alerts: {
      open: n(r?.['open']),
      critical: n(r?.['critical']),
      warning: n(r?.['warning']),
      info: n(r?.['info']),
    },
  };
}

/**
 * Heaviest users of a local day, as of the last hourly rollup: the first rows of the day's
 * top index, so the dashboard stays fast at 100,000 subscribers.
 */
export async function selectTopTalkers(
  db: Executor,
  day: string,
  limit: number,
): Promise<TopTalker[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`with top as (
        select subscription_id, up, down from subscriber_usage_days
        where day = ${day}::date order by (up + down) desc limit ${limit}
      )
      select top.subscription_id, top.up, top.down, s.username, c.id as customer_id, c.name as customer_name
      from top join subscriptions s on s.id = top.subscription_id join customers c on c.id = s.customer_id
      order by top.up + top.down desc`),
  );
  return rows.map((r) => ({
    subscriptionId: r['subscription_id'] as string,
    customerId: r['customer_id'] as string,
    customerName: r['customer_name'] as string,
    username: r['username'] as string,
    up: n(r['up']),
    down: n(r['down']),
  }));
}

export async function selectUptimePercent(db: Executor, since: Date): Promise<number | null> {
  const [r] = await rowsOf<{ s: number | string | null; u: number | string | null }>(
    db.execute(sql`select sum(samples) as s, sum(up_samples) as u from router_health_rollups
      where level = '1h' and bucket >= ${since}`),
  );
  const s = n(r?.s);
  return s > 0 ? Math.round((n(r?.u) / s) * 10000) / 100 : null;
}

export function toSession(r: Record<string, unknown>): SubscriberSession {
  return {
    id: r['id'] as string,
    routerId: r['router_id'] as string,
    routerName: (r['router_name'] as string | null) ?? null,
    service: r['service'] as 'pppoe' | 'hotspot',
    username: r['username'] as string,
    address: (r['address'] as string | null) ?? null,
    callerId: (r['caller_id'] as string | null) ?? null,
    startedAt: iso(r['started_at'] as string) ?? '',
    endedAt: iso(r['ended_at'] as string),
    endReason: (r['end_reason'] as string | null) ?? null,
    bytesUp: n(r['bytes_up']),
    bytesDown: n(r['bytes_down']),
  };
}

export async function selectSessions(
  db: Executor,
  subscriptionId: string,
  limit: number,
  before?: { startedAt: Date; id: string },
): Promise<SubscriberSession[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select s.*, r.name as router_name from subscriber_sessions s
      left join routers r on r.id = s.router_id
      where s.subscription_id = ${subscriptionId}
      ${before ? sql`and (s.started_at, s.id) < (${before.startedAt}, ${before.id})` : sql``}
      order by s.started_at desc, s.id desc limit ${limit}`),
  );
  return rows.map(toSession);
}

export async function selectOpenSession(
  db: Executor,
  subscriptionId: string,
): Promise<SubscriberSession | null> {
  const [row] = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select s.*, r.name as router_name from subscriber_sessions s
      left join routers r on r.id = s.router_id
      where s.subscription_id = ${subscriptionId} and s.ended_at is null
      order by s.started_at desc limit 1`),
  );
  return row ? toSession(row) : null;
}

export async function selectLastSeen(db: Executor, subscriptionId: string): Promise<Date | null> {
  const [row] = await rowsOf<{ t: Date | string | null }>(
    db.execute(
      sql`select max(ended_at) as t from subscriber_sessions where subscription_id = ${subscriptionId}`,
    ),
  );
  return row?.t ? new Date(row.t) : null;
}

/** Usage between two instants: rolled-up days plus raw samples after the watermark. */
export async function selectUsage(
  db: Executor,
  subscriptionId: string,
  fromDay: string,
  toDayExclusive: string,
  from: Date,
  to: Date,
): Promise<UsageTotals> {
  const [r] = await rowsOf<{ up: number | string | null; down: number | string | null }>(
    db.execute(sql`with wm as (select coalesce((select until from rollup_watermarks where name = 'subscriber_1h'), ${from}::timestamptz) as t),
      u as (
        select up, down from subscriber_usage_days
        where subscription_id = ${subscriptionId} and day >= ${fromDay}::date and day < ${toDayExclusive}::date
        union all
        select sum(up_bytes), sum(down_bytes) from subscriber_samples
        where subscription_id = ${subscriptionId} and ts >= greatest((select t from wm), ${from}::timestamptz)
          and ts < ${to}
      ) select sum(up) as up, sum(down) as down from u`),
  );
  return { up: n(r?.up), down: n(r?.down) };
}

export async function selectUsageReport(
  db: Executor,
  month: string,
  limit: number,
  after?: { total: number; id: string },
): Promise<(UsageReportRow & { total: number })[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select m.subscription_id, m.up, m.down, m.up + m.down as total, s.username,
        c.id as customer_id, c.number as customer_number, c.name as customer_name
      from subscriber_usage_months m
      join subscriptions s on s.id = m.subscription_id join customers c on c.id = s.customer_id
      where m.month = ${month}::date
      ${after ? sql`and (m.up + m.down, m.subscription_id) < (${after.total}::bigint, ${after.id}::uuid)` : sql``}
      order by m.up + m.down desc, m.subscription_id desc limit ${limit}`),
  );
  return rows.map((r) => ({
    subscriptionId: r['subscription_id'] as string,
    customerId: r['customer_id'] as string,
    customerNumber: r['customer_number'] as string,
    customerName: r['customer_name'] as string,
    username: r['username'] as string,
    up: n(r['up']),
    down: n(r['down']),
    total: n(r['total']),
  }));
}

export async function selectMapOdps(db: Executor): Promise<MapOdp[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`select o.id, o.name, o.kind, o.latitude, o.longitude,
        count(s.id) as subscribers,
        count(s.id) filter (where not exists (select 1 from subscriber_sessions x
          where x.subscription_id = s.id and x.ended_at is null)) as offline,
        exists (select 1 from alerts a where a.key = 'odp_outage:' || o.id::text and a.status <> 'resolved') as outage
      from odps o
      left join customers c on c.odp_id = o.id
      left join subscriptions s on s.customer_id = c.id and s.status = 'active'
      group by o.id order by o.name`),
  );
  return rows.map((r) => ({
    id: r['id'] as string,
    name: r['name'] as string,
    kind: r['kind'] as 'odc' | 'odp',
    latitude: nn(r['latitude']),
    longitude: nn(r['longitude']),
    subscribers: n(r['subscribers']),
    offline: n(r['offline']),
    outage: Boolean(r['outage']),
  }));
}
