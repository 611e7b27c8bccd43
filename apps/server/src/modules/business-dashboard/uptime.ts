import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/**
 * Network uptime per calendar month in `tz`: the share of router health polls that reached their
 * router, from the monitoring rollups (daily buckets up to the daily watermark, hourly after it,
 * so nothing is counted twice). `fromDay` is inclusive and `endDay` exclusive (`YYYY-MM-DD` in
 * `tz`). Months without monitoring data are left out, so the dashboard shows "no data", not 0%.
 * One aggregate query for the whole window.
 */
export async function networkUptimeByMonth(
  db: Executor,
  fromDay: string,
  endDay: string,
  tz: string,
): Promise<Map<string, number>> {
  const rows = await rowsOf<{ month: string; samples: string | number; ups: string | number }>(
    db.execute(sql`with wm as (
        select coalesce((select until from rollup_watermarks where name = 'router_1d'), '-infinity'::timestamptz) as d
      ), r as (
        select bucket, samples, up_samples from router_health_rollups, wm
        where level = '1d' and bucket < wm.d
        union all
        select bucket, samples, up_samples from router_health_rollups, wm
        where level = '1h' and bucket >= wm.d
      )
      select to_char(bucket at time zone ${tz}, 'YYYY-MM') as month,
        sum(samples) as samples, sum(up_samples) as ups
      from r
      where bucket >= (${fromDay}::date::timestamp at time zone ${tz})
        and bucket < (${endDay}::date::timestamp at time zone ${tz})
      group by 1`),
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const samples = Number(r.samples);
    if (samples > 0) out.set(r.month, Math.round((Number(r.ups) / samples) * 10_000) / 100);
  }
  return out;
}
