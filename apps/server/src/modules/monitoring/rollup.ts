import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';

/**
 * Rollups from the raw samples. Router and interface levels are recomputed from raw for every
 * closed bucket since their watermark (idempotent: running twice writes the same rows).
 * Subscriber usage is added hour by hour into the subscriber-day rows and the month totals, with
 * the watermark advanced in the same transaction, so each hour is counted exactly once however
 * many workers run the job.
 */

/** Samples may land this long after their bucket ends (a poll that took long). */
const GRACE = "interval '5 minutes'";

type Level = '5m' | '1h' | '1d';

function bucketExpr(level: Level, tz: string): SQL {
  switch (level) {
    case '5m':
      return sql`date_bin('5 minutes', ts, timestamptz '2000-01-01 00:00:00+00')`;
    case '1h':
      return sql`(date_trunc('hour', ts at time zone ${tz}) at time zone ${tz})`;
    case '1d':
      return sql`(date_trunc('day', ts at time zone ${tz}) at time zone ${tz})`;
  }
}

/** The end of the last closed bucket of `level` at `now`. */
async function closedUntil(db: Executor, level: Level, now: Date, tz: string): Promise<Date> {
  const at = sql`(${now}::timestamptz - ${sql.raw(GRACE)})`;
  const expr =
    level === '5m'
      ? sql`date_bin('5 minutes', ${at}, timestamptz '2000-01-01 00:00:00+00')`
      : level === '1h'
        ? sql`(date_trunc('hour', ${at} at time zone ${tz}) at time zone ${tz})`
        : sql`(date_trunc('day', ${at} at time zone ${tz}) at time zone ${tz})`;
  const [row] = await rowsOf<{ t: Date | string }>(db.execute(sql`select ${expr} as t`));
  return new Date(row?.t ?? now);
}

async function watermark(db: Executor, name: string, lock = false): Promise<Date | null> {
  const [row] = await rowsOf<{ until: Date | string }>(
    db.execute(
      sql`select until from rollup_watermarks where name = ${name} ${lock ? sql`for update` : sql``}`,
    ),
  );
  return row ? new Date(row.until) : null;
}

async function setWatermark(db: Executor, name: string, until: Date): Promise<void> {
  await db.execute(sql`insert into rollup_watermarks (name, until) values (${name}, ${until})
    on conflict (name) do update set until = excluded.until`);
}

async function firstSample(db: Executor, table: string): Promise<Date | null> {
  const [row] = await rowsOf<{ t: Date | string | null }>(
    db.execute(sql`select min(ts) as t from ${sql.identifier(table)}`),
  );
  return row?.t ? new Date(row.t) : null;
}

async function rollupRouterLevel(
  db: Executor,
  level: Level,
  from: Date,
  to: Date,
  tz: string,
): Promise<void> {
  const b = bucketExpr(level, tz);
  await db.execute(sql`insert into router_health_rollups (router_id, level, bucket, samples, up_samples,
      cpu_avg, cpu_max, memory_used_avg, memory_total, latency_avg_ms, latency_max_ms, temperature_max_c)
    select router_id, ${level}, ${b}, count(*), count(*) filter (where up), avg(cpu_load), max(cpu_load),
      avg(memory_used)::bigint, max(memory_total), avg(latency_ms), max(latency_ms), max(temperature_c)
    from router_samples where ts >= ${from} and ts < ${to}
    group by 1, 3
    on conflict (router_id, level, bucket) do update set samples = excluded.samples,
      up_samples = excluded.up_samples, cpu_avg = excluded.cpu_avg, cpu_max = excluded.cpu_max,
      memory_used_avg = excluded.memory_used_avg, memory_total = excluded.memory_total,
      latency_avg_ms = excluded.latency_avg_ms, latency_max_ms = excluded.latency_max_ms,
      temperature_max_c = excluded.temperature_max_c`);
  await db.execute(sql`insert into interface_rollups (router_id, name, level, bucket, samples,
      rx_bytes, tx_bytes, rx_bps_avg, tx_bps_avg, rx_bps_max, tx_bps_max)
    select router_id, name, ${level}, ${b}, count(*), sum(rx_bytes), sum(tx_bytes),
      avg(rx_bps)::bigint, avg(tx_bps)::bigint, max(rx_bps), max(tx_bps)
    from interface_samples where ts >= ${from} and ts < ${to}
    group by 1, 2, 4
    on conflict (router_id, name, level, bucket) do update set samples = excluded.samples,
      rx_bytes = excluded.rx_bytes, tx_bytes = excluded.tx_bytes, rx_bps_avg = excluded.rx_bps_avg,
      tx_bps_avg = excluded.tx_bps_avg, rx_bps_max = excluded.rx_bps_max, tx_bps_max = excluded.tx_bps_max`);
}

async function rollupRouters(deps: AppDeps, now: Date): Promise<void> {
  const tz = deps.config.timezone;
  for (const level of ['5m', '1h', '1d'] as const) {
    const name = `router_${level}`;
    const until = await closedUntil(deps.db, level, now, tz);
    let from = await watermark(deps.db, name);
    if (!from) {
      const first = await firstSample(deps.db, 'router_samples');
      if (!first) continue;
      from = first;
    }
    if (from.getTime() >= until.getTime()) continue;
    await rollupRouterLevel(deps.db, level, from, until, tz);
    await setWatermark(deps.db, name, until);
  }
}

const SLOTS = Array.from({ length: 12 }, (_, i) => i);

/** Adds one local hour of subscriber samples to the day rows and the month totals. */
async function rollupSubscriberHour(tx: Executor, hourStart: Date, tz: string): Promise<number> {
  const hourEnd = new Date(hourStart.getTime() + 3_600_000);
  const [pos] = await rowsOf<{ day: string; hour: number | string; month: string }>(
    tx.execute(sql`select to_char(${hourStart}::timestamptz at time zone ${tz}, 'YYYY-MM-DD') as day,
      extract(hour from ${hourStart}::timestamptz at time zone ${tz}) as hour,
      to_char(date_trunc('month', ${hourStart}::timestamptz at time zone ${tz}), 'YYYY-MM-DD') as month`),
  );
  if (!pos) return 0;
  const hour = Number(pos.hour);
  const s1 = hour * 12 + 1;
  const s2 = s1 + 11;
  const h = hour + 1;
  const upSlots = sql.raw(
    SLOTS.map((i) => `coalesce(sum(up_bytes) filter (where m = ${i}), 0)`).join(', '),
  );
  const downSlots = sql.raw(
    SLOTS.map((i) => `coalesce(sum(down_bytes) filter (where m = ${i}), 0)`).join(', '),
  );
  await tx.execute(sql`create temp table if not exists usage_hour (sid uuid primary key,
    up12 bigint[], down12 bigint[], uph bigint, downh bigint) on commit delete rows`);
  await tx.execute(sql`delete from usage_hour`);
  const inserted = await rowsOf<{ n: number | string }>(
    tx.execute(sql`with s as (
        select subscription_id, up_bytes, down_bytes,
          (extract(minute from ts at time zone ${tz})::int / 5) as m
        from subscriber_samples where ts >= ${hourStart} and ts < ${hourEnd}
      ), ins as (
        insert into usage_hour (sid, up12, down12, uph, downh)
        select subscription_id, array[${upSlots}]::bigint[], array[${downSlots}]::bigint[],
          sum(up_bytes), sum(down_bytes)
        from s group by subscription_id
        returning 1
      ) select count(*) as n from ins`),
  );
  const n = Number(inserted[0]?.n ?? 0);
  if (n === 0) return 0;
  await tx.execute(sql`insert into subscriber_usage_days (subscription_id, day, up, down, up_5m, down_5m, up_1h, down_1h)
    select u.sid, ${pos.day}::date, 0, 0, array_fill(0::bigint, array[288]), array_fill(0::bigint, array[288]),
      array_fill(0::bigint, array[24]), array_fill(0::bigint, array[24])
    from usage_hour u join subscriptions s on s.id = u.sid
    on conflict (subscription_id, day) do nothing`);
  await tx.execute(sql`update subscriber_usage_days d set
      up_5m[${sql.raw(String(s1))}:${sql.raw(String(s2))}] = u.up12,
      down_5m[${sql.raw(String(s1))}:${sql.raw(String(s2))}] = u.down12,
      up_1h[${sql.raw(String(h))}] = u.uph, down_1h[${sql.raw(String(h))}] = u.downh,
      up = d.up + u.uph, down = d.down + u.downh
    from usage_hour u where d.subscription_id = u.sid and d.day = ${pos.day}::date`);
  await tx.execute(sql`insert into subscriber_usage_months (subscription_id, month, up, down)
    select u.sid, ${pos.month}::date, u.uph, u.downh from usage_hour u join subscriptions s on s.id = u.sid
    on conflict (subscription_id, month) do update set up = subscriber_usage_months.up + excluded.up,
      down = subscriber_usage_months.down + excluded.down`);
  return n;
}

async function rollupSubscribers(deps: AppDeps, now: Date, maxHours: number): Promise<number> {
  const tz = deps.config.timezone;
  const until = await closedUntil(deps.db, '1h', now, tz);
  let hours = 0;
  for (; hours < maxHours; hours++) {
    const done = await deps.db.transaction(async (tx): Promise<boolean> => {
      let from = await watermark(tx, 'subscriber_1h', true);
      if (!from) {
        const first = await firstSample(tx, 'subscriber_samples');
        if (!first) return true;
        const [row] = await rowsOf<{ t: Date | string }>(
          tx.execute(
            sql`select (date_trunc('hour', ${first}::timestamptz at time zone ${tz}) at time zone ${tz}) as t`,
          ),
        );
        from = new Date(row?.t ?? first);
      }
      if (from.getTime() >= until.getTime()) return true;
      await rollupSubscriberHour(tx, from, tz);
      await setWatermark(tx, 'subscriber_1h', new Date(from.getTime() + 3_600_000));
      return false;
    });
    if (done) break;
  }
  return hours;
}

export interface RollupResult {
  subscriberHours: number;
}

/** Runs every rollup that has closed buckets; catches up at most `maxHours` of subscriber data. */
export async function runRollups(deps: AppDeps, maxHours = 48): Promise<RollupResult> {
  const now = deps.clock.now();
  await rollupRouters(deps, now);
  const subscriberHours = await rollupSubscribers(deps, now, maxHours);
  return { subscriberHours };
}
