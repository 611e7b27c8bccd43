import { sql } from 'drizzle-orm';
import { rowsOf } from '../lib/sql-helpers.ts';
import { addDays, monthStart, zonedDay, zonedMidnight } from '../modules/monitoring/zoned.ts';
import type { AppDeps } from '../runtime/deps.ts';

const DAYS = 30;

/** A deterministic 0..1 from a string, so the demo looks the same on every start. */
function unit(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

/** Home internet use over a day: quiet at night, a peak in the evening. */
function dayCurve(slot: number): number {
  const hour = slot / 12;
  const evening = Math.exp(-((hour - 20.5) ** 2) / 8);
  const day = 0.35 * Math.exp(-((hour - 13) ** 2) / 18);
  return 0.05 + evening + day;
}

/**
 * Thirty days of usage and router health history for the demo's subscribers and routers, so the
 * dashboard, charts and reports have something to show from the first minute. The live poller
 * carries on from the current hour. Runs once (skipped when any usage exists).
 */
export async function seedDemoMonitoring(deps: AppDeps): Promise<void> {
  const db = deps.db;
  const [any] = await rowsOf<{ n: string }>(
    db.execute(sql`select count(*) as n from subscriber_usage_days`),
  );
  if (Number(any?.n ?? 0) > 0) return;
  const subs = await rowsOf<{ id: string; router_id: string; kbps: number | string }>(
    db.execute(sql`select s.id, s.router_id, p.download_kbps as kbps from subscriptions s
      join plans p on p.id = s.plan_id where s.status <> 'terminated'`),
  );
  if (subs.length === 0) return;
  const tz = deps.config.timezone;
  const now = deps.clock.now();
  const today = zonedDay(now, tz);
  const currentHour = Math.floor((now.getTime() - zonedMidnight(today, tz).getTime()) / 3_600_000);
  const days: { row: Record<string, unknown>; router: string; day: string }[] = [];
  const months = new Map<string, { s: string; m: string; up: number; down: number }>();
  const routerBuckets = new Map<string, { up: number; down: number }>();
  for (const s of subs) {
    const heavy = 0.2 + 1.6 * unit(s.id);
    const capacity = (Number(s.kbps) * 1000) / 8; // bytes per second at full speed
    for (let d = DAYS; d >= 0; d--) {
      const day = addDays(today, -d);
      const midnight = zonedMidnight(day, tz).getTime();
      const lastSlot = d === 0 ? currentHour * 12 : 288;
      const up5: number[] = [];
      const down5: number[] = [];
      for (let i = 0; i < 288; i++) {
        if (i >= lastSlot) {
          up5.push(0);
          down5.push(0);
          continue;
        }
        const jitter = 0.6 + 0.8 * unit(`${s.id}:${day}:${i}`);
        const down = Math.round(capacity * 300 * 0.025 * heavy * dayCurve(i) * jitter);
        const up = Math.round(down * (0.08 + 0.1 * unit(`${s.id}:${i}`)));
        up5.push(up);
        down5.push(down);
        const key = `${s.router_id}|${midnight + i * 300_000}`;
        const b = routerBuckets.get(key) ?? { up: 0, down: 0 };
        b.up += up;
        b.down += down;
        routerBuckets.set(key, b);
      }
      const up1 = Array.from({ length: 24 }, (_, h) =>
        up5.slice(h * 12, h * 12 + 12).reduce((a, b) => a + b, 0),
      );
      const down1 = Array.from({ length: 24 }, (_, h) =>
        down5.slice(h * 12, h * 12 + 12).reduce((a, b) => a + b, 0),
      );
      const up = up1.reduce((a, b) => a + b, 0);
      const down = down1.reduce((a, b) => a + b, 0);
      days.push({
        router: s.router_id,
        day,
        row: {
          s: s.id,
          d: day,
          u: up,
          w: down,
          a: `{${up5.join(',')}}`,
          b: `{${down5.join(',')}}`,
          c: `{${up1.join(',')}}`,
          e: `{${down1.join(',')}}`,
        },
      });
      const m = monthStart(day);
      const mk = `${s.id}|${m}`;
      const t = months.get(mk) ?? { s: s.id, m, up: 0, down: 0 };
      t.up += up;
      t.down += down;
      months.set(mk, t);
    }
  }
  // Backfilled through the last full hour; the hourly rollup takes over from there.
  const rolledUntil = new Date(zonedMidnight(today, tz).getTime() + currentHour * 3_600_000);
  await db.transaction(async (tx) => {
    for (let i = 0; i < days.length; i += 500) {
      await tx.execute(sql`insert into subscriber_usage_days (subscription_id, day, up, down, up_5m, down_5m, up_1h, down_1h)
        select x.s, x.d, x.u, x.w, x.a::bigint[], x.b::bigint[], x.c::bigint[], x.e::bigint[]
        from json_to_recordset(${JSON.stringify(days.slice(i, i + 500).map((d) => d.row))}::json)
          as x(s uuid, d date, u bigint, w bigint, a text, b text, c text, e text)
        on conflict do nothing`);
    }
    await tx.execute(sql`insert into subscriber_usage_months (subscription_id, month, up, down)
      select x.s, x.m, x.u, x.d from json_to_recordset(${JSON.stringify(
        [...months.values()].map((m) => ({ s: m.s, m: m.m, u: m.up, d: m.down })),
      )}::json) as x(s uuid, m date, u bigint, d bigint)
      on conflict do nothing`);
    const buckets = [...routerBuckets.entries()].map(([k, v]) => {
      const [r, t] = k.split('|');
      return { r, t: new Date(Number(t)).toISOString(), u: v.up, d: v.down };
    });
    for (let i = 0; i < buckets.length; i += 5000) {
      await tx.execute(sql`insert into router_usage_5m (router_id, bucket, up, down, sessions)
        select x.r, x.t, x.u, x.d, 0 from json_to_recordset(${JSON.stringify(buckets.slice(i, i + 5000))}::json)
          as x(r uuid, t timestamptz, u bigint, d bigint)
        on conflict do nothing`);
    }
    // Router health: a few short outages over the month, so uptime is not a flat 100%.
    await tx.execute(sql`insert into router_health_rollups (router_id, level, bucket, samples, up_samples,
        cpu_avg, cpu_max, memory_used_avg, memory_total, latency_avg_ms, latency_max_ms)
      select r.id, '1h', date_trunc('hour', ${now}::timestamptz) - make_interval(hours => h), 60,
        case when (abs(hashtext(r.id::text || h::text)) % 97) = 0 then 45 else 60 end,
        8 + (abs(hashtext(r.id::text || h::text)) % 20), 30 + (abs(hashtext(h::text || r.id::text)) % 40),
        180000000 + (abs(hashtext(r.id::text)) % 40000000), 1073741824, 3 + (h % 5), 12 + (h % 30)
      from routers r cross join generate_series(1, ${DAYS * 24}) h
      on conflict do nothing`);
    await tx.execute(sql`insert into rollup_watermarks (name, until)
      values ('subscriber_1h', ${rolledUntil}),
        ('router_1h', date_trunc('hour', ${now}::timestamptz))
      on conflict (name) do nothing`);
  });
}
