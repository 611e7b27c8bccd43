// `npm run bench:acs`: device sync from GenieACS. A 50,000-device NBI simulator runs in a child
// process (the ACS is another machine in production: its JSON rendering must not share an event
// loop with Jaring's parsing and writing), 20,000 subscriptions whose PPPoE usernames match 40%
// of the fleet are seeded, then:
//   full_s          a full sync: every device paged from the NBI by _id (1,000 a page, projected
//                   to the mapped paths), normalised, upserted and matched to subscriptions, then
//                   the review pass and the device alerts
//   incremental_s   the simulator's touch(0.01): 1% of the devices inform with new uptime and RX
//                   power; an incremental sync (_lastInform past the cursor) with the same steps
//   incremental_devices  devices the incremental sync read (the touched ones, plus any whose
//                   inform fell inside the cursor's few seconds of overlap)
//   matched         devices linked to a subscription after the full sync: must equal SUBSCRIPTIONS
//   changed         touched devices whose stored uptime moved: must equal the touched count
// On PostgreSQL when DATABASE_URL is set (a scratch database, dropped afterwards), else on the
// embedded PGlite in a temp dir. BENCH_DEVICES, BENCH_SUBSCRIPTIONS and BENCH_TOUCH change the
// run. Prints one JSON object as its last line.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './support/scratch-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { acsServers } from '../apps/server/src/db/schema/index.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { rowsOf } from '../apps/server/src/lib/sql-helpers.ts';
import { syncAcsServer } from '../apps/server/src/modules/devices/sync.ts';
import { closeDeps, createDeps } from '../apps/server/src/runtime/create-deps.ts';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 50_000);
const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 20_000);
const TOUCH = Number(process.env.BENCH_TOUCH ?? 0.01);
const SIM_CLI = fileURLToPath(new URL('../packages/genieacs/src/sim/cli.ts', import.meta.url));
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

// The simulator first: generating the fleet takes a few seconds and overlaps the seeding below.
// Periodic informs are off so the incremental sync sees exactly what touch() changed.
const simProcess = spawn(
  process.execPath,
  [SIM_CLI, '--port', '0', '--devices', String(DEVICES), '--inform-interval-ms', '0'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const simReady = new Promise<{ url: string; devices: number }>((resolve, reject) => {
  const lines = createInterface({ input: simProcess.stdout });
  lines.once('line', (line) => resolve(JSON.parse(line) as { url: string; devices: number }));
  simProcess.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
});

const scratch = await createScratchDatabase();
const scratchUrl = scratch.url;

const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-acs-'));
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    APP_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    ...(scratchUrl ? { DATABASE_URL: scratchUrl } : {}),
  },
  process.cwd(),
);
const deps = await createDeps(config, { logger: createLogger('warn'), worker: false });

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rowsOf<{ n: number | string }>(deps.db.execute(query));
  return Number(row?.n ?? 0);
}

try {
  const t0 = performance.now();
  const routerPw = deps.secretBox.encrypt('bench-pw', 'routers.password');
  const password = deps.secretBox.encrypt('subscriber-pw', 'subscriptions.password');
  await deps.db
    .execute(sql`insert into routers (name, addresses, port, transport, username, password_enc)
    values ('bench-router', array['192.0.2.1'], 8728, 'api', 'bench', ${routerPw})`);
  await deps.db
    .execute(sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price)
    values ('Home 10', 'pppoe', 'jaring-home-10', 10000, 2000, 150000)`);
  await deps.db.execute(sql`insert into customers (number, name)
    select 'B' || lpad(g::text, 7, '0'), 'Pelanggan ' || g from generate_series(1, ${SUBSCRIPTIONS}) g`);
  // The simulator names the PPPoE user of its i-th device cust<i, 6 digits>.
  await deps.db
    .execute(sql`insert into subscriptions (customer_id, plan_id, router_id, type, username,
      password_enc, status)
    select c.id, (select id from plans limit 1), (select id from routers limit 1), 'pppoe',
      'cust' || lpad(substr(c.number, 2)::int::text, 6, '0'), ${password}, 'active'
    from customers c`);
  await deps.db.execute(sql`analyze`);
  log(`seeded ${SUBSCRIPTIONS} subscriptions in ${seconds(t0).toFixed(1)} s`);

  const sim = await simReady;
  log(`simulator: ${sim.devices} devices at ${sim.url} (child process ${simProcess.pid})`);
  const [server] = await deps.db
    .insert(acsServers)
    .values({ name: 'bench', baseUrl: sim.url, timeoutMs: 60_000 })
    .returning();
  if (!server) throw new Error('no ACS server');

  const t1 = performance.now();
  const full = await syncAcsServer(deps, server.id, 'full');
  const fullS = seconds(t1);
  if (!full) throw new Error('full sync did not run');
  const stored = await count(sql`select count(*) as n from devices`);
  const matched = await count(
    sql`select count(*) as n from devices where subscription_id is not null`,
  );
  log(
    `full sync: ${full.devices} devices (${stored} stored, ${matched} matched) in ${fullS.toFixed(2)} s`,
  );
  await deps.db.execute(sql`analyze devices`);

  const touched = await fetch(`${sim.url}/_sim/touch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fraction: TOUCH }),
  }).then(async (r) => ((await r.json()) as { ids: string[] }).ids);
  const before = await count(sql`select count(*) as n from devices
    where acs_device_id in (select json_array_elements_text(${JSON.stringify(touched)}::json))`);
  const snapshot = await rowsOf<{ id: string; up: string | number | null }>(
    deps.db.execute(sql`select acs_device_id as id, uptime_s as up from devices
      where acs_device_id in (select json_array_elements_text(${JSON.stringify(touched)}::json))`),
  );
  const t2 = performance.now();
  const inc = await syncAcsServer(deps, server.id, 'incremental');
  const incS = seconds(t2);
  if (!inc) throw new Error('incremental sync did not run');
  const after = new Map(
    (
      await rowsOf<{ id: string; up: string | number | null }>(
        deps.db.execute(sql`select acs_device_id as id, uptime_s as up from devices
          where acs_device_id in (select json_array_elements_text(${JSON.stringify(touched)}::json))`),
      )
    ).map((r) => [r.id, Number(r.up)]),
  );
  const changed = snapshot.filter((r) => after.get(r.id) !== Number(r.up)).length;
  log(
    `incremental sync: ${inc.devices} devices read (${touched.length} touched, ${before} known, ${changed} changed) in ${incS.toFixed(2)} s`,
  );

  const result = {
    devices: full.devices,
    full_s: Number(fullS.toFixed(2)),
    incremental_s: Number(incS.toFixed(2)),
    db: deps.database.kind,
    subscriptions: SUBSCRIPTIONS,
    matched,
    touched: touched.length,
    incremental_devices: inc.devices,
    changed,
    simulator: 'child process',
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  simProcess.kill('SIGTERM');
  await closeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
