import { sql } from 'drizzle-orm';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { dropExpiredPartitions } from './partitions.ts';
import { readMonitoringSettings } from './settings.ts';

export interface RetentionResult {
  droppedPartitions: string[];
  fiveMinuteDaysCleared: number;
  hourlyDaysCleared: number;
  rollupRowsDeleted: number;
  sessionsDeleted: number;
}

async function count(p: Promise<unknown>): Promise<number> {
  const rows = await rowsOf<{ n: number | string }>(p);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Ages out data level by level: raw partitions after `rawDays`, the 5-minute arrays after
 * `fiveMinuteDays`, hourly data after `hourlyMonths`. Daily totals, monthly usage and alert history
 * are kept. Every cut is by whole bucket, so nothing newer than a cutoff is touched.
 */
export async function applyRetention(deps: AppDeps): Promise<RetentionResult> {
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const { retention } = await readMonitoringSettings(deps.db);
  const rawCutoff = new Date(now.getTime() - retention.rawDays * 86_400_000);
  const droppedPartitions = await dropExpiredPartitions(deps.db, rawCutoff);
  const today = sql`(${now}::timestamptz at time zone ${tz})::date`;
  const fiveMinuteDaysCleared = await count(
    deps.db.execute(sql`with u as (update subscriber_usage_days set up_5m = null, down_5m = null
      where day < ${today} - ${retention.fiveMinuteDays}::int and up_5m is not null returning 1)
      select count(*) as n from u`),
  );
  const hourlyDaysCleared = await count(
    deps.db.execute(sql`with u as (update subscriber_usage_days set up_1h = null, down_1h = null
      where day < (${today} - make_interval(months => ${retention.hourlyMonths}::int))::date
        and up_1h is not null returning 1)
      select count(*) as n from u`),
  );
  const fiveCut = new Date(now.getTime() - retention.fiveMinuteDays * 86_400_000);
  const hourCut = sql`(${now}::timestamptz - make_interval(months => ${retention.hourlyMonths}::int))`;
  let rollupRowsDeleted = 0;
  for (const table of ['router_health_rollups', 'interface_rollups'] as const) {
    rollupRowsDeleted += await count(
      deps.db.execute(sql`with d as (delete from ${sql.identifier(table)}
        where (level = '5m' and bucket < ${fiveCut}) or (level = '1h' and bucket < ${hourCut})
        returning 1) select count(*) as n from d`),
    );
  }
  rollupRowsDeleted += await count(
    deps.db
      .execute(sql`with d as (delete from router_usage_5m where bucket < ${fiveCut} returning 1)
      select count(*) as n from d`),
  );
  const sessionsDeleted = await count(
    deps.db.execute(sql`with d as (delete from subscriber_sessions
      where ended_at < ${hourCut} returning 1) select count(*) as n from d`),
  );
  return {
    droppedPartitions,
    fiveMinuteDaysCleared,
    hourlyDaysCleared,
    rollupRowsDeleted,
    sessionsDeleted,
  };
}
