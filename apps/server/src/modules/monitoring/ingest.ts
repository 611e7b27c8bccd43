import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/**
 * What polls learned, written by one statement however many routers they cover: the samples,
 * the interface table, the routers' usage buckets, online flags and poll state, as data-modifying
 * CTEs. Subscribers are matched to their subscriptions inside the database instead of being read
 * out first.
 */

export interface HealthWrite {
  latencyMs: number;
  cpuLoad: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
  uptimeS: number | null;
  temperatureC: number | null;
  voltageV: number | null;
  version: string | null;
  board: string | null;
  interfaces: {
    name: string;
    type: string | null;
    running: boolean;
    disabled: boolean;
    rxBps: number | null;
    txBps: number | null;
  }[];
  interfaceSamples: {
    name: string;
    rxBps: number;
    txBps: number;
    rxBytes: number;
    txBytes: number;
  }[];
  interfaceCounters: unknown;
}

export interface UsageWrite {
  /** Per-subscriber rows by lower-cased username; unknown usernames are dropped by the join. */
  samples: { username: string; up: number; down: number; upBps: number; downBps: number }[];
  bucket: Date;
  sessions: number;
  usageCounters: unknown;
  /** Null when the open sessions did not change. */
  sessionState: unknown;
}

export interface PollWrite {
  routerId: string;
  at: Date;
  reachable: boolean;
  error: string | null;
  status: 'up' | 'down';
  statusChanged: boolean;
  failures: number;
  nextHealthAt: Date;
  nextUsageAt: Date;
  health: HealthWrite | null;
  usage: UsageWrite | null;
}

function json(v: unknown): SQL {
  return sql`${JSON.stringify(v)}::json`;
}

/**
 * Writes the polls of many routers in one statement. Returns the subscriber samples stored per
 * router.
 */
export async function writePolls(
  tx: Executor,
  polls: readonly PollWrite[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (polls.length === 0) return counts;
  const routerRows = polls.map((w) => {
    const h = w.health;
    return {
      r: w.routerId,
      at: w.at.toISOString(),
      ok: w.reachable,
      err: w.error,
      st: w.status,
      ch: w.statusChanged,
      f: w.failures,
      nh: w.nextHealthAt.toISOString(),
      nu: w.nextUsageAt.toISOString(),
      lat: h?.latencyMs ?? null,
      cpu: h?.cpuLoad ?? null,
      mu: h?.memoryUsed ?? null,
      mt: h?.memoryTotal ?? null,
      up: h?.uptimeS ?? null,
      tc: h?.temperatureC ?? null,
      vv: h?.voltageV ?? null,
      ver: h?.version ?? null,
      brd: h?.board ?? null,
      ic: h ? h.interfaceCounters : null,
      uc: w.usage ? w.usage.usageCounters : null,
      ss: w.usage ? w.usage.sessionState : null,
      b: w.usage ? w.usage.bucket.toISOString() : null,
      sn: w.usage ? w.usage.sessions : null,
      stale: new Date(w.at.getTime() - 300_000).toISOString(),
    };
  });
  const ifSamples = polls.flatMap((w) =>
    (w.health?.interfaceSamples ?? []).map((i) => ({
      r: w.routerId,
      t: w.at.toISOString(),
      n: i.name,
      rb: i.rxBps,
      tb: i.txBps,
      rx: i.rxBytes,
      tx: i.txBytes,
    })),
  );
  const ifs = polls.flatMap((w) =>
    (w.health?.interfaces ?? []).map((i) => ({
      r: w.routerId,
      t: w.at.toISOString(),
      n: i.name,
      y: i.type,
      u: i.running,
      d: i.disabled,
      rb: i.rxBps,
      tb: i.txBps,
    })),
  );
  // Per-subscriber rows travel as columns, each row pointing at its router by position.
  const cols = {
    rt: [] as string[],
    at: [] as string[],
    i: [] as number[],
    n: [] as string[],
    u: [] as number[],
    d: [] as number[],
    ub: [] as number[],
    db: [] as number[],
  };
  polls.forEach((w, idx) => {
    cols.rt.push(w.routerId);
    cols.at.push(w.at.toISOString());
    for (const s of w.usage?.samples ?? []) {
      cols.i.push(idx + 1);
      cols.n.push(s.username);
      cols.u.push(s.up);
      cols.d.push(s.down);
      cols.ub.push(s.upBps);
      cols.db.push(s.downBps);
    }
  });
  const rows = await rowsOf<{ router_id: string; n: number | string }>(
    tx.execute(sql`with p as materialized (
        select * from json_to_recordset(${json(routerRows)}) as x(r uuid, at timestamptz, ok boolean,
          err text, st text, ch boolean, f int, nh timestamptz, nu timestamptz, lat int, cpu smallint,
          mu bigint, mt bigint, up bigint, tc real, vv real, ver text, brd text, ic jsonb, uc jsonb,
          ss jsonb, b timestamptz, sn int, stale timestamptz)
      ),
      rs as (insert into router_samples (ts, router_id, up, latency_ms, cpu_load, memory_used,
          memory_total, uptime_s, temperature_c, voltage_v)
        select at, r, ok, lat, cpu, mu, mt, up, tc, vv from p),
      isx as (insert into interface_samples (ts, router_id, name, rx_bps, tx_bps, rx_bytes, tx_bytes)
        select x.t, x.r, x.n, x.rb, x.tb, x.rx, x.tx
        from json_to_recordset(${json(ifSamples)}) as x(r uuid, t timestamptz, n text, rb bigint,
          tb bigint, rx bigint, tx bigint)),
      ifs as (insert into router_interfaces (router_id, name, type, running, disabled, rx_bps, tx_bps, last_seen_at)
        select x.r, x.n, x.y, x.u, x.d, x.rb, x.tb, x.t
        from json_to_recordset(${json(ifs)}) as x(r uuid, t timestamptz, n text, y text, u boolean,
          d boolean, rb bigint, tb bigint)
        on conflict (router_id, name) do update set type = excluded.type, running = excluded.running,
          disabled = excluded.disabled, rx_bps = excluded.rx_bps, tx_bps = excluded.tx_bps,
          last_seen_at = excluded.last_seen_at),
      j as (select * from jsonb_to_record(${JSON.stringify(cols)}::jsonb) as j(rt uuid[],
          at timestamptz[], i int[], n text[], u bigint[], d bigint[], ub bigint[], db bigint[])),
      ss as (insert into subscriber_samples (ts, subscription_id, router_id, up_bytes, down_bytes, up_bps, down_bps)
        select j.at[x.i], s.id, j.rt[x.i], x.u, x.d, x.ub, x.db
        from j cross join lateral unnest(j.i, j.n, j.u, j.d, j.ub, j.db) as x(i, n, u, d, ub, db)
        join subscriptions s on lower(s.username) = x.n and s.status <> 'terminated'
          and s.router_id = j.rt[x.i]
        returning router_id, up_bytes, down_bytes),
      sums as (select router_id, count(*) as n, sum(up_bytes) as up, sum(down_bytes) as down
        from ss group by router_id),
      ru as (insert into router_usage_5m (router_id, bucket, up, down, sessions)
        select p.r, p.b, coalesce(sums.up, 0), coalesce(sums.down, 0), p.sn
        from p left join sums on sums.router_id = p.r where p.b is not null
        on conflict (router_id, bucket) do update set up = router_usage_5m.up + excluded.up,
          down = router_usage_5m.down + excluded.down,
          sessions = greatest(router_usage_5m.sessions, excluded.sessions)),
      m as (update router_monitor m set status = p.st, consecutive_failures = p.f,
          last_poll_at = p.at, last_latency_ms = p.lat, next_health_at = p.nh, next_usage_at = p.nu,
          lease_until = null, lease_owner = null, updated_at = p.at,
          status_since = case when p.ch then p.at else m.status_since end,
          last_ok_at = case when p.ok then p.at else m.last_ok_at end,
          last_error = case when p.ok then null else p.err end,
          uptime_s = case when p.ok then p.up else m.uptime_s end,
          cpu_load = case when p.ok then p.cpu else m.cpu_load end,
          memory_used = case when p.ok then p.mu else m.memory_used end,
          memory_total = case when p.ok then p.mt else m.memory_total end,
          temperature_c = case when p.ok then p.tc else m.temperature_c end,
          voltage_v = case when p.ok then p.vv else m.voltage_v end,
          interface_counters = coalesce(p.ic, m.interface_counters),
          usage_counters = coalesce(p.uc, m.usage_counters),
          sessions = coalesce(p.ss, m.sessions)
        from p where m.router_id = p.r),
      -- The operator-facing online flag on the router row changes only when something did (or
      -- every few minutes for last-seen), not on every poll.
      ro as (update routers r set online = p.ok,
          last_seen_at = case when p.ok then p.at else r.last_seen_at end,
          last_error = case when p.ok then null else p.err end,
          ros_version = coalesce(p.ver, r.ros_version), board = coalesce(p.brd, r.board)
        from p where r.id = p.r and (r.online is distinct from p.ok
          or (p.ok and (r.last_seen_at is null or r.last_seen_at < p.stale
            or r.ros_version is distinct from coalesce(p.ver, r.ros_version)))))
      select router_id, n from sums`),
  );
  for (const r of rows) counts.set(r.router_id, Number(r.n));
  return counts;
}

export interface SessionRef {
  username: string;
  subscriptionId: string;
  customerId: string;
  odpId: string | null;
}

/** The subscriptions behind some usernames of a router (only for sessions that changed). */
export async function subscribersByUsername(
  tx: Executor,
  routerId: string,
  usernames: readonly string[],
): Promise<Map<string, SessionRef>> {
  if (usernames.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; customer_id: string; odp_id: string | null; u: string }>(
    tx.execute(sql`select s.id, s.customer_id, c.odp_id, lower(s.username) as u
      from subscriptions s join customers c on c.id = s.customer_id
      where s.router_id = ${routerId} and s.status <> 'terminated'
        and lower(s.username) in (select jsonb_array_elements_text(${JSON.stringify(usernames)}::jsonb))`),
  );
  return new Map(
    rows.map((r) => [
      r.u,
      { username: r.u, subscriptionId: r.id, customerId: r.customer_id, odpId: r.odp_id },
    ]),
  );
}

export interface SessionOpen {
  service: 'pppoe' | 'hotspot';
  username: string;
  address: string | null;
  callerId: string | null;
  routerSessionId: string;
  startedAt: Date;
}

export interface SessionClose {
  service: 'pppoe' | 'hotspot';
  username: string;
  endedAt: Date;
  reason: string;
  bytesUp: number;
  bytesDown: number;
}

/**
 * Closes ended sessions and opens new ones. A session still open for a subscriber who connects
 * again (poll state lost) is closed first, so the open-session index never refuses a connect.
 */
export async function writeSessions(
  tx: Executor,
  routerId: string,
  at: Date,
  closes: readonly SessionClose[],
  opens: readonly SessionOpen[],
): Promise<void> {
  const toClose = [
    ...closes.map((c) => ({
      s: c.service,
      n: c.username.toLowerCase(),
      e: c.endedAt.toISOString(),
      r: c.reason,
      u: c.bytesUp,
      d: c.bytesDown,
    })),
    ...opens.map((o) => ({
      s: o.service,
      n: o.username.toLowerCase(),
      e: at.toISOString(),
      r: 'reconnected',
      u: 0,
      d: 0,
    })),
  ];
  if (toClose.length > 0) {
    await tx.execute(sql`update subscriber_sessions t set ended_at = x.e, end_reason = x.r,
        bytes_up = greatest(t.bytes_up, x.u), bytes_down = greatest(t.bytes_down, x.d)
      from json_to_recordset(${json(toClose)}) as x(s text, n text, e timestamptz, r text, u bigint, d bigint)
      where t.router_id = ${routerId} and t.ended_at is null and t.service = x.s and lower(t.username) = x.n`);
  }
  if (opens.length > 0) {
    await tx.execute(sql`insert into subscriber_sessions (router_id, subscription_id, username, service,
        address, caller_id, router_session_id, started_at)
      select ${routerId}, s.id, x.n, x.s, x.a, x.c, x.i, x.t
      from json_to_recordset(${json(
        opens.map((o) => ({
          s: o.service,
          n: o.username,
          a: o.address,
          c: o.callerId,
          i: o.routerSessionId,
          t: o.startedAt.toISOString(),
        })),
      )}) as x(s text, n text, a text, c text, i text, t timestamptz)
      left join subscriptions s on lower(s.username) = lower(x.n) and s.status <> 'terminated'
        and s.router_id = ${routerId}`);
  }
}
