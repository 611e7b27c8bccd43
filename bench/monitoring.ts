/**
 * bench:monitoring
 * (a) Polls ROUTERS simulated routers (20 ms reply latency, SUBSCRIBERS online subscribers each)
 *     for CYCLES cycles through the real poller and shared pools, and reports raw samples written
 *     per second and this process's CPU seconds per cycle (the simulators run in a child process).
 * (b) Loads 30 days of 5-minute usage for CHART_SUBSCRIBERS subscribers and times one
 *     subscriber's 30-day chart and the dashboard summary (p95 over repeated calls).
 * PostgreSQL when DATABASE_URL is set (a scratch database), else embedded PGlite.
 * The last line of stdout is one JSON object.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './support/scratch-database.ts';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { rowsOf } from '../apps/server/src/lib/sql-helpers.ts';
import { ensurePartitions } from '../apps/server/src/modules/monitoring/partitions.ts';
import { runDuePolls } from '../apps/server/src/modules/monitoring/scheduler.ts';
import { subscriberTraffic } from '../apps/server/src/modules/monitoring/series.ts';
import { monitoringSummary } from '../apps/server/src/modules/monitoring/service.ts';
import { closeDeps, createDeps } from '../apps/server/src/runtime/create-deps.ts';

const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 200);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 250);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 10);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const CHART_SUBSCRIBERS = Number(process.env.BENCH_CHART_SUBSCRIBERS ?? 10_000);
const CHART_RUNS = Number(process.env.BENCH_CHART_RUNS ?? 200);
const DASHBOARD_RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 40);
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

/** CPU seconds used so far by processes whose command line matches (Linux /proc). */
function procCpuSeconds(match: (cmdline: string, pid: number) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!match(cmd, pid)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const scratch = await createScratchDatabase();
const scratchUrl = scratch.url;

log(`starting ${ROUTERS} simulated routers with ${SUBSCRIBERS} subscribers each...`);
// Two processes share the simulated routers, as real routers answer independently of each other.
const SIM_PROCESSES = Number(process.env.BENCH_SIM_PROCESSES ?? 2);
const simProcesses = Array.from({ length: SIM_PROCESSES }, (_, p) => {
  const count = Math.floor(ROUTERS / SIM_PROCESSES) + (p < ROUTERS % SIM_PROCESSES ? 1 : 0);
  const first = p * Math.floor(ROUTERS / SIM_PROCESSES) + Math.min(p, ROUTERS % SIM_PROCESSES);
  return spawn(
    process.execPath,
    [new URL('./support/monitoring-sims.ts', import.meta.url).pathname],
    {
      env: {
        ...process.env,
        ROUTERS: String(count),
        FIRST_ROUTER: String(first),
        SUBSCRIBERS: String(SUBSCRIBERS),
        LATENCY_MS: String(LATENCY_MS),
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
});
const ports = (
  await Promise.all(
    simProcesses.map(
      (child) =>
        new Promise<number[]>((resolve, reject) => {
          child.once('exit', (code) => reject(new Error(`simulators exited with ${code}`)));
          createInterface({ input: child.stdout }).once('line', (line) =>
            resolve(JSON.parse(line) as number[]),
          );
        }),
    ),
  )
).flat();

const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-monitoring-'));
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    APP_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    DATABASE_POOL_MAX: '20',
    ...(scratchUrl ? { DATABASE_URL: scratchUrl } : {}),
  },
  process.cwd(),
);
const deps = await createDeps(config, { logger: createLogger('warn'), worker: false });

try {
  await deps.jobs.start(deps);
  const db = deps.db;
  const pass = deps.secretBox.encrypt('bench-pass', 'routers.password');
  await db.execute(sql`insert into routers (name, addresses, port, transport, username, password_enc)
    select 'bench-' || i, array['127.0.0.1'], (${JSON.stringify(ports)}::jsonb ->> i)::int, 'api', 'bench', ${pass}
    from generate_series(0, ${ROUTERS - 1}) i`);
  await db.execute(sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price)
    values ('Home 20M', 'pppoe', 'home-20M', 20000, 10000, 150000)`);
  await db.execute(sql`insert into customers (number, name)
    select 'B' || lpad(g::text, 7, '0'), 'Pelanggan ' || g from generate_series(1, ${ROUTERS * SUBSCRIBERS}) g`);
  await db.execute(sql`insert into subscriptions (customer_id, plan_id, router_id, type, username, status)
    select c.id, (select id from plans limit 1), r.id, 'pppoe',
      'r' || substr(r.name, 7) || '-u' || ((substr(c.number, 2)::int - 1) % ${SUBSCRIBERS}), 'active'
    from customers c
    join routers r on r.name = 'bench-' || ((substr(c.number, 2)::int - 1) / ${SUBSCRIBERS})`);
  log(`seeded ${ROUTERS} routers and ${ROUTERS * SUBSCRIBERS} subscriptions`);

  // (a) Polling. The first cycle logs in, opens sessions and takes counter baselines.
  const forceDue = (): Promise<unknown> =>
    db.execute(sql`update router_monitor set next_health_at = now(), next_usage_at = now()`);
  await db.execute(
    sql`insert into router_monitor (router_id) select id from routers on conflict do nothing`,
  );
  await forceDue();
  const warm = performance.now();
  const first = await runDuePolls(deps, 10_000);
  log(
    `warm-up cycle: ${first.length} routers, ${first.filter((r) => r.reachable).length} up in ${round((performance.now() - warm) / 1000, 2)} s`,
  );
  let samples = 0;
  let wall = 0;
  const simPids = new Set(simProcesses.map((c) => c.pid ?? -1));
  const simCpu0 = procCpuSeconds((_c, pid) => simPids.has(pid));
  const pgCpu0 = procCpuSeconds((c) => c.startsWith('postgres:'));
  const cpu0 = process.cpuUsage();
  for (let c = 0; c < CYCLES; c++) {
    await forceDue();
    const t0 = performance.now();
    const results = await runDuePolls(deps, 10_000);
    const dt = (performance.now() - t0) / 1000;
    wall += dt;
    const n = results.reduce((s, r) => s + r.samples, 0);
    samples += n;
    const down = results.filter((r) => !r.reachable).length;
    log(
      `cycle ${c + 1}: ${results.length} routers (${down} down), ${n} samples in ${round(dt, 2)} s`,
    );
  }
  const cpu = process.cpuUsage(cpu0);
  const simCpu = procCpuSeconds((_c, pid) => simPids.has(pid)) - simCpu0;
  const pgCpu = procCpuSeconds((c) => c.startsWith('postgres:')) - pgCpu0;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const [subRows] = await rowsOf<{ n: string }>(
    db.execute(sql`select count(*) as n from subscriber_samples`),
  );

  // (b) 30 days of 5-minute data for CHART_SUBSCRIBERS subscribers.
  const now = deps.clock.now();
  const tz = config.timezone;
  const t1 = performance.now();
  await db.execute(sql`create temp table variants as
    select k, a5, b5, a1, b1, (select sum(x) from unnest(a5) x) as up, (select sum(x) from unnest(b5) x) as down
    from (
      select k,
        array(select (random() * 4e6)::bigint from generate_series(1, 288) where k >= 0) as a5,
        array(select (random() * 2e7)::bigint from generate_series(1, 288) where k >= 0) as b5,
        array(select (random() * 4.8e7)::bigint from generate_series(1, 24) where k >= 0) as a1,
        array(select (random() * 2.4e8)::bigint from generate_series(1, 24) where k >= 0) as b1
      from generate_series(0, 15) k
    ) v`);
  await db.execute(sql`insert into subscriber_usage_days (subscription_id, day, up, down, up_5m, down_5m, up_1h, down_1h)
    select s.id, (${now}::timestamptz at time zone ${tz})::date - d, v.up, v.down, v.a5, v.b5, v.a1, v.b1
    from (select id, (row_number() over (order by id)) % 16 as k from subscriptions order by id limit ${CHART_SUBSCRIBERS}) s
    cross join generate_series(0, 30) d
    join variants v on v.k = s.k
    on conflict (subscription_id, day) do nothing`);
  await db.execute(sql`insert into router_usage_5m (router_id, bucket, up, down, sessions)
    select r.id, date_bin('5 minutes', ${now}::timestamptz, timestamptz '2000-01-01') - make_interval(mins => 5 * b),
      (random() * 1e9)::bigint, (random() * 5e9)::bigint, ${SUBSCRIBERS}
    from (select id from routers order by id limit ${Math.ceil(CHART_SUBSCRIBERS / SUBSCRIBERS)}) r
    cross join generate_series(1, 8640) b
    on conflict do nothing`);
  await db.execute(sql`insert into router_health_rollups (router_id, level, bucket, samples, up_samples, cpu_avg, cpu_max)
    select r.id, '1h', date_trunc('hour', ${now}::timestamptz) - make_interval(hours => h), 60, 59, 12, 30
    from routers r cross join generate_series(1, 720) h on conflict do nothing`);
  await db.execute(sql`insert into rollup_watermarks (name, until)
    values ('subscriber_1h', date_trunc('hour', ${now}::timestamptz)), ('router_1h', date_trunc('hour', ${now}::timestamptz))
    on conflict (name) do update set until = excluded.until`);
  await ensurePartitions(db, now);
  await db.execute(sql`analyze`);
  const loadS = (performance.now() - t1) / 1000;
  const [usageRows] = await rowsOf<{ n: string }>(
    db.execute(sql`select count(*) as n from subscriber_usage_days`),
  );
  log(`loaded ${usageRows?.n} subscriber-days in ${round(loadS, 1)} s`);

  const ids = (
    await rowsOf<{ id: string }>(
      db.execute(sql`select distinct subscription_id as id from subscriber_usage_days`),
    )
  ).map((r) => r.id);
  const chart: number[] = [];
  let points = 0;
  for (let i = 0; i < CHART_RUNS; i++) {
    const id = ids[Math.floor(Math.random() * ids.length)] ?? '';
    const t = performance.now();
    const s = await subscriberTraffic(db, id, '30d', now, tz);
    chart.push(performance.now() - t);
    points = s.points.length;
  }
  const dashboard: number[] = [];
  for (let i = 0; i < DASHBOARD_RUNS; i++) {
    const t = performance.now();
    await monitoringSummary(deps);
    dashboard.push(performance.now() - t);
  }

  const result = {
    samples_per_s: Math.round(samples / wall),
    cpu_s_per_cycle: round(cpuSeconds / CYCLES, 3),
    chart_p95_ms: round(p95(chart), 2),
    dashboard_p95_ms: round(p95(dashboard), 2),
    db: deps.database.kind,
    routers: ROUTERS,
    subscribers_per_router: SUBSCRIBERS,
    cycles: CYCLES,
    samples,
    cycle_s_avg: round(wall / CYCLES, 3),
    simulators_cpu_s_per_cycle: round(simCpu / CYCLES, 3),
    postgres_cpu_s_per_cycle: deps.database.kind === 'postgres' ? round(pgCpu / CYCLES, 3) : null,
    subscriber_sample_rows: Number(subRows?.n ?? 0),
    chart_subscribers: CHART_SUBSCRIBERS,
    chart_points: points,
    usage_load_s: round(loadS, 1),
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await closeDeps(deps);
  for (const child of simProcesses) {
    child.stdin?.end();
    child.kill();
  }
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
