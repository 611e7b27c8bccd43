import type {
  HealthPoint,
  HealthSeries,
  InterfacePoint,
  InterfaceSeries,
  SeriesRange,
  TrafficPoint,
  TrafficSeries,
} from '@jaring/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import { addDays, zonedDay, zonedMidnight } from './zoned.ts';

/**
 * Chart series. Each range reads the finest level that covers it (raw samples for the last day,
 * 5-minute and hourly slots of the subscriber-day rows, hourly and daily rollups) plus the raw
 * samples not rolled up yet, laid on a fixed grid so charts show gaps as zero traffic.
 */

interface RangeSpec {
  bucketS: number;
  days: number;
}

export const RANGES: Record<SeriesRange, RangeSpec> = {
  '1h': { bucketS: 300, days: 0 },
  '24h': { bucketS: 300, days: 1 },
  '7d': { bucketS: 1800, days: 7 },
  '30d': { bucketS: 3600, days: 30 },
  '12m': { bucketS: 86_400, days: 365 },
};

export interface Grid {
  range: SeriesRange;
  bucketS: number;
  from: Date;
  to: Date;
  starts: number[];
  /** Bucket index of an instant, -1 outside the grid. */
  index(t: number): number;
  /** Local days the grid covers, oldest first. */
  days: string[];
}

export function makeGrid(range: SeriesRange, now: Date, tz: string): Grid {
  const spec = RANGES[range];
  const today = zonedDay(now, tz);
  const starts: number[] = [];
  const days: string[] = [];
  if (range === '12m') {
    for (let i = spec.days - 1; i >= 0; i--) {
      const d = addDays(today, -i);
      days.push(d);
      starts.push(zonedMidnight(d, tz).getTime());
    }
    const to = zonedMidnight(addDays(today, 1), tz);
    const index = (t: number): number => {
      if (t < (starts[0] ?? 0) || t >= to.getTime()) return -1;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= t) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    return {
      range,
      bucketS: spec.bucketS,
      from: new Date(starts[0] ?? 0),
      to,
      starts,
      index,
      days,
    };
  }
  const bucketMs = spec.bucketS * 1000;
  const origin = zonedMidnight(today, tz).getTime();
  const end = origin + Math.ceil((now.getTime() - origin + 1) / bucketMs) * bucketMs;
  const span = range === '1h' ? 3_600_000 : spec.days * 86_400_000;
  const start = end - span;
  for (let t = start; t < end; t += bucketMs) starts.push(t);
  for (let d = zonedDay(new Date(start), tz); d <= today; d = addDays(d, 1)) days.push(d);
  const index = (t: number): number =>
    t < start || t >= end ? -1 : Math.floor((t - start) / bucketMs);
  return {
    range,
    bucketS: spec.bucketS,
    from: new Date(start),
    to: new Date(end),
    starts,
    index,
    days,
  };
}

class TrafficAccumulator {
  readonly up: number[];
  readonly down: number[];
  readonly grid: Grid;
  constructor(grid: Grid) {
    this.grid = grid;
    this.up = grid.starts.map(() => 0);
    this.down = grid.starts.map(() => 0);
  }
  add(t: number, up: number, down: number): void {
    const i = this.grid.index(t);
    if (i < 0) return;
    this.up[i] = (this.up[i] ?? 0) + up;
    this.down[i] = (this.down[i] ?? 0) + down;
  }
  /**
   * The unfinished bucket at the end is shown only once a poll has landed in it (before that it
   * would read as a drop to zero), and its rate is over the time elapsed so far.
   */
  series(now: Date): TrafficSeries {
    const g = this.grid;
    const nowMs = now.getTime();
    const finished = g.starts.filter((t, i) => {
      const next = g.starts[i + 1] ?? g.to.getTime();
      return next <= nowMs || (this.up[i] ?? 0) + (this.down[i] ?? 0) > 0;
    });
    const points: TrafficPoint[] = finished.map((t, i) => {
      const next = Math.min(g.starts[i + 1] ?? g.to.getTime(), Math.max(nowMs, t + 1000));
      const seconds = (next - t) / 1000;
      const up = this.up[i] ?? 0;
      const down = this.down[i] ?? 0;
      return {
        t: new Date(t).toISOString(),
        up,
        down,
        upBps: Math.round((up * 8) / seconds),
        downBps: Math.round((down * 8) / seconds),
      };
    });
    return {
      range: g.range,
      bucketSeconds: g.bucketS,
      from: g.from.toISOString(),
      to: g.to.toISOString(),
      points,
    };
  }
}

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function toMs(v: Date | string): number {
  return new Date(v).getTime();
}

async function watermarkOf(db: Executor, name: string): Promise<number> {
  const [row] = await rowsOf<{ until: Date | string }>(
    db.execute(sql`select until from rollup_watermarks where name = ${name}`),
  );
  return row ? toMs(row.until) : 0;
}

/** One subscriber's traffic over a range. */
export async function subscriberTraffic(
  db: Executor,
  subscriptionId: string,
  range: SeriesRange,
  now: Date,
  tz: string,
): Promise<TrafficSeries> {
  const grid = makeGrid(range, now, tz);
  const acc = new TrafficAccumulator(grid);
  let rawFrom = grid.from.getTime();
  if (range === '7d' || range === '30d' || range === '12m') {
    const wm = await watermarkOf(db, 'subscriber_1h');
    const rows = await rowsOf<{
      day: string;
      up: number | string;
      down: number | string;
      a: (number | string)[] | null;
      b: (number | string)[] | null;
    }>(
      db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day, up, down,
          ${range === '7d' ? sql`up_5m as a, down_5m as b` : sql`up_1h as a, down_1h as b`}
        from subscriber_usage_days
        where subscription_id = ${subscriptionId} and day >= ${grid.days[0]}::date
          and day <= ${grid.days[grid.days.length - 1]}::date`),
    );
    for (const r of rows) {
      const midnight = zonedMidnight(r.day, tz).getTime();
      if (range === '12m' || !r.a || !r.b) {
        acc.add(midnight, num(r.up), num(r.down));
        continue;
      }
      const slotMs = range === '7d' ? 300_000 : 3_600_000;
      for (let i = 0; i < r.a.length; i++) {
        const u = num(r.a[i]);
        const d = num(r.b[i]);
        if (u !== 0 || d !== 0) acc.add(midnight + i * slotMs, u, d);
      }
    }
    rawFrom = Math.max(rawFrom, wm);
  }
  const bucket = range === '12m' ? 86_400 : grid.bucketS;
  const raw = await rowsOf<{ b: Date | string; up: number | string; down: number | string }>(
    db.execute(sql`select ${binExpr(bucket, tz)} as b, sum(up_bytes) as up, sum(down_bytes) as down
      from subscriber_samples
      where subscription_id = ${subscriptionId} and ts >= ${new Date(rawFrom)} and ts < ${grid.to}
      group by 1`),
  );
  for (const r of raw) acc.add(toMs(r.b), num(r.up), num(r.down));
  return acc.series(now);
}

/** Buckets of `seconds` aligned to local midnight (Jakarta-style whole-hour offsets align too). */
function binExpr(seconds: number, tz: string, column = 'ts'): SQL {
  if (seconds >= 86_400) {
    return sql`(date_trunc('day', ${sql.identifier(column)} at time zone ${tz}) at time zone ${tz})`;
  }
  return sql`date_bin(${`${seconds} seconds`}::interval, ${sql.identifier(column)}, timestamptz '2000-01-01 00:00:00+00')`;
}

/** Subscriber traffic through one router, or the whole network when `routerId` is null. */
export async function routerTraffic(
  db: Executor,
  routerId: string | null,
  range: SeriesRange,
  now: Date,
  tz: string,
): Promise<TrafficSeries> {
  const grid = makeGrid(range, now, tz);
  const acc = new TrafficAccumulator(grid);
  const byRouter = routerId === null ? sql`true` : sql`router_id = ${routerId}`;
  let usageFrom = grid.from;
  if (range === '12m') {
    // The 5-minute router totals are kept 30 days; a year comes from the subscriber-day totals.
    const today = grid.days[grid.days.length - 1] ?? zonedDay(now, tz);
    const rows = await rowsOf<{ day: string; up: number | string; down: number | string }>(
      db.execute(sql`select to_char(d.day, 'YYYY-MM-DD') as day, sum(d.up) as up, sum(d.down) as down
        from subscriber_usage_days d
        ${routerId === null ? sql`` : sql`join subscriptions s on s.id = d.subscription_id and s.router_id = ${routerId}`}
        where d.day >= ${grid.days[0]}::date and d.day < ${today}::date
        group by d.day`),
    );
    for (const r of rows) acc.add(zonedMidnight(r.day, tz).getTime(), num(r.up), num(r.down));
    usageFrom = zonedMidnight(today, tz);
  }
  const rows = await rowsOf<{ b: Date | string; up: number | string; down: number | string }>(
    db.execute(sql`select ${binExpr(grid.bucketS, tz, 'bucket')} as b, sum(up) as up, sum(down) as down
      from router_usage_5m where ${byRouter} and bucket >= ${usageFrom} and bucket < ${grid.to}
      group by 1`),
  );
  for (const r of rows) acc.add(toMs(r.b), num(r.up), num(r.down));
  return acc.series(now);
}

interface HealthAgg {
  samples: number;
  ups: number;
  cpuSum: number;
  cpuN: number;
  cpuMax: number | null;
  memSum: number;
  memN: number;
  memTotal: number | null;
  latSum: number;
  latN: number;
  temp: number | null;
}

/** Router health over a range. */
export async function routerHealthSeries(
  db: Executor,
  routerId: string,
  range: SeriesRange,
  now: Date,
  tz: string,
): Promise<HealthSeries> {
  const grid = range === '1h' ? minuteGrid(now, tz) : makeGrid(range, now, tz);
  const aggs = grid.starts.map((): HealthAgg => ({
    samples: 0,
    ups: 0,
    cpuSum: 0,
    cpuN: 0,
    cpuMax: null,
    memSum: 0,
    memN: 0,
    memTotal: null,
    latSum: 0,
    latN: 0,
    temp: null,
  }));
  type Row = {
    b: Date | string;
    samples: number | string;
    ups: number | string;
    cpu_avg: number | string | null;
    cpu_max: number | string | null;
    mem: number | string | null;
    mem_total: number | string | null;
    lat: number | string | null;
    temp: number | string | null;
  };
  const add = (r: Row): void => {
    const i = grid.index(toMs(r.b));
    const a = aggs[i];
    if (!a) return;
    const n = num(r.samples);
    const ups = num(r.ups);
    a.samples += n;
    a.ups += ups;
    if (r.cpu_avg !== null) {
      a.cpuSum += num(r.cpu_avg) * ups;
      a.cpuN += ups;
    }
    if (r.cpu_max !== null) a.cpuMax = Math.max(a.cpuMax ?? 0, num(r.cpu_max));
    if (r.mem !== null) {
      a.memSum += num(r.mem) * ups;
      a.memN += ups;
    }
    if (r.mem_total !== null) a.memTotal = num(r.mem_total);
    if (r.lat !== null) {
      a.latSum += num(r.lat) * ups;
      a.latN += ups;
    }
    if (r.temp !== null) a.temp = Math.max(a.temp ?? -1000, num(r.temp));
  };
  let rawFrom = grid.from.getTime();
  if (range === '7d' || range === '30d' || range === '12m') {
    const level = range === '12m' ? '1d' : '1h';
    const wm = await watermarkOf(db, `router_${level}`);
    const rows = await rowsOf<Row>(
      db.execute(sql`select bucket as b, samples, up_samples as ups, cpu_avg, cpu_max,
          memory_used_avg as mem, memory_total as mem_total, latency_avg_ms as lat, temperature_max_c as temp
        from router_health_rollups
        where router_id = ${routerId} and level = ${level} and bucket >= ${grid.from} and bucket < ${new Date(wm)}`),
    );
    rows.forEach(add);
    rawFrom = Math.max(rawFrom, wm);
  }
  const bucket = range === '1h' ? 60 : range === '12m' ? 86_400 : grid.bucketS;
  const raw = await rowsOf<Row>(
    db.execute(sql`select ${binExpr(bucket, tz)} as b, count(*) as samples, count(*) filter (where up) as ups,
        avg(cpu_load) as cpu_avg, max(cpu_load) as cpu_max, avg(memory_used) as mem,
        max(memory_total) as mem_total, avg(latency_ms) as lat, max(temperature_c) as temp
      from router_samples where router_id = ${routerId} and ts >= ${new Date(rawFrom)} and ts < ${grid.to}
      group by 1`),
  );
  raw.forEach(add);
  const points: HealthPoint[] = [];
  grid.starts.forEach((t, i) => {
    const a = aggs[i];
    if (!a || a.samples === 0) return;
    points.push({
      t: new Date(t).toISOString(),
      up: a.ups / a.samples,
      cpuAvg: a.cpuN ? Math.round((a.cpuSum / a.cpuN) * 10) / 10 : null,
      cpuMax: a.cpuMax,
      memoryUsed: a.memN ? Math.round(a.memSum / a.memN) : null,
      memoryTotal: a.memTotal,
      latencyMs: a.latN ? Math.round((a.latSum / a.latN) * 10) / 10 : null,
      temperatureC: a.temp,
    });
  });
  return {
    range: grid.range,
    bucketSeconds: range === '1h' ? 60 : grid.bucketS,
    from: grid.from.toISOString(),
    to: grid.to.toISOString(),
    points,
  };
}

function minuteGrid(now: Date, tz: string): Grid {
  const bucketMs = 60_000;
  const end = Math.ceil((now.getTime() + 1) / bucketMs) * bucketMs;
  const start = end - 3_600_000;
  const starts: number[] = [];
  for (let t = start; t < end; t += bucketMs) starts.push(t);
  return {
    range: '1h',
    bucketS: 60,
    from: new Date(start),
    to: new Date(end),
    starts,
    index: (t) => (t < start || t >= end ? -1 : Math.floor((t - start) / bucketMs)),
    days: [zonedDay(now, tz)],
  };
}

/** One interface's traffic over a range. */
export async function interfaceSeries(
  db: Executor,
  routerId: string,
  name: string,
  range: SeriesRange,
  now: Date,
  tz: string,
): Promise<InterfaceSeries> {
  const grid = range === '1h' ? minuteGrid(now, tz) : makeGrid(range, now, tz);
  const sums = grid.starts.map(() => ({ n: 0, rx: 0, tx: 0, rxMax: 0, txMax: 0 }));
  type Row = {
    b: Date | string;
    n: number | string;
    rx: number | string;
    tx: number | string;
    rx_max: number | string;
    tx_max: number | string;
  };
  const add = (r: Row): void => {
    const s = sums[grid.index(toMs(r.b))];
    if (!s) return;
    const n = num(r.n);
    s.rx += num(r.rx) * n;
    s.tx += num(r.tx) * n;
    s.n += n;
    s.rxMax = Math.max(s.rxMax, num(r.rx_max));
    s.txMax = Math.max(s.txMax, num(r.tx_max));
  };
  let rawFrom = grid.from.getTime();
  if (range === '7d' || range === '30d' || range === '12m') {
    const level = range === '12m' ? '1d' : '1h';
    const wm = await watermarkOf(db, `router_${level}`);
    (
      await rowsOf<Row>(
        db.execute(sql`select bucket as b, samples as n, rx_bps_avg as rx, tx_bps_avg as tx,
            rx_bps_max as rx_max, tx_bps_max as tx_max
          from interface_rollups where router_id = ${routerId} and name = ${name} and level = ${level}
            and bucket >= ${grid.from} and bucket < ${new Date(wm)}`),
      )
    ).forEach(add);
    rawFrom = Math.max(rawFrom, wm);
  }
  const bucket = range === '1h' ? 60 : range === '12m' ? 86_400 : grid.bucketS;
  (
    await rowsOf<Row>(
      db.execute(sql`select ${binExpr(bucket, tz)} as b, count(*) as n, avg(rx_bps) as rx, avg(tx_bps) as tx,
          max(rx_bps) as rx_max, max(tx_bps) as tx_max
        from interface_samples where router_id = ${routerId} and name = ${name}
          and ts >= ${new Date(rawFrom)} and ts < ${grid.to}
        group by 1`),
    )
  ).forEach(add);
  const points: InterfacePoint[] = [];
  grid.starts.forEach((t, i) => {
    const s = sums[i];
    if (!s || s.n === 0) return;
    points.push({
      t: new Date(t).toISOString(),
      rxBps: Math.round(s.rx / s.n),
      txBps: Math.round(s.tx / s.n),
      rxBpsMax: s.rxMax,
      txBpsMax: s.txMax,
    });
  });
  return {
    range: grid.range,
    bucketSeconds: range === '1h' ? 60 : grid.bucketS,
    from: grid.from.toISOString(),
    to: grid.to.toISOString(),
    points,
  };
}
