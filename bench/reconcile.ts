// `npm run bench:reconcile`: 100 simulated routers (20 ms per reply) with 200 subscriptions each.
// Measures, through the real job queue and reconciler on the embedded database:
//   initial_s  empty routers -> fully converged
//   noop_s     a reconcile pass over every router when nothing changed
//   delta_s    1% of subscriptions change plan -> converged again
import { RouterOSClient } from '@jaring/routeros';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { inArray, sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config/env.ts';
import {
  customers,
  planRouters,
  plans,
  routers,
  subscriptions,
} from '../apps/server/src/db/schema/index.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { reconcileRouterJob } from '../apps/server/src/modules/reconcile/jobs.ts';
import { markRouterChanged } from '../apps/server/src/modules/reconcile/sync-request.ts';
import { closeDeps, createDeps } from '../apps/server/src/runtime/create-deps.ts';

const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 100);
const PER_ROUTER = Number(process.env.BENCH_SUBS_PER_ROUTER ?? 200);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);

async function startFleet(): Promise<{ ports: number[]; host: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      fileURLToPath(new URL('./support/sim-fleet.ts', import.meta.url)),
      '--count',
      String(ROUTERS),
      '--latency-ms',
      String(LATENCY_MS),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator fleet exited with ${code}`)));
  });
  const { ports, host } = JSON.parse(line) as { ports: number[]; host: string };
  return {
    ports,
    host,
    stop: async () => {
      child.stdin.end();
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const fleet = await startFleet();
log(`${ROUTERS} simulated routers up (${LATENCY_MS} ms latency)`);
const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-reconcile-'));
const config = loadConfig(
  { DATA_DIR: dataDir, APP_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' },
  process.cwd(),
);
const deps = await createDeps(config, {
  logger: createLogger('warn'),
  worker: true,
  pollingIntervalSeconds: 0.5,
});

try {
  // Seed: two plans on every router, PER_ROUTER customers with a subscription each.
  const routerRows = await deps.db
    .insert(routers)
    .values(
      fleet.ports.map((port, i) => ({
        name: `bench-router-${i + 1}`,
        addresses: [fleet.host],
        port,
        transport: 'api',
        username: 'bench',
        passwordEnc: deps.secretBox.encrypt('bench-pw', 'routers.password'),
      })),
    )
    .returning({ id: routers.id });
  const planRows = await deps.db
    .insert(plans)
    .values([
      {
        name: 'Home 10',
        type: 'pppoe',
        profileName: 'jaring-home-10',
        downloadKbps: 10_000,
        uploadKbps: 2_000,
        price: 150_000n,
      },
      {
        name: 'Home 20',
        type: 'pppoe',
        profileName: 'jaring-home-20',
        downloadKbps: 20_000,
        uploadKbps: 5_000,
        price: 250_000n,
      },
    ])
    .returning({ id: plans.id });
  const [planA, planB] = planRows.map((p) => p.id) as [string, string];
  await deps.db.insert(planRouters).values(
    routerRows.flatMap((r) => [
      { planId: planA, routerId: r.id },
      { planId: planB, routerId: r.id },
    ]),
  );
  const password = deps.secretBox.encrypt('subscriber-pw', 'subscriptions.password');
  let n = 0;
  for (const r of routerRows) {
    const custRows = await deps.db
      .insert(customers)
      .values(
        Array.from({ length: PER_ROUTER }, () => ({
          number: `B${String(++n).padStart(6, '0')}`,
          name: `Pelanggan ${n}`,
        })),
      )
      .returning({ id: customers.id, number: customers.number });
    await deps.db.insert(subscriptions).values(
      custRows.map((c) => ({
        customerId: c.id,
        planId: planA,
        routerId: r.id,
        type: 'pppoe',
        username: `u${c.number.toLowerCase()}`,
        passwordEnc: password,
        status: 'active',
      })),
    );
  }
  log(`seeded ${n} subscriptions`);
  await deps.jobs.start(deps);

  const converged = async (): Promise<void> => {
    for (;;) {
      const [row] = await deps.db
        .select({ pending: sql<number>`count(*)::int` })
        .from(routers)
        .where(sql`${routers.syncedRevision} < ${routers.desiredRevision}`);
      if ((row?.pending ?? 1) === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const markAll = async (ids: string[]): Promise<void> => {
    await deps.db.transaction(async (tx) => {
      for (const id of ids) await markRouterChanged(deps, tx, id);
    });
  };

  let t = performance.now();
  await markAll(routerRows.map((r) => r.id));
  await converged();
  const initial = (performance.now() - t) / 1000;
  log(`initial: ${initial.toFixed(2)} s`);

  t = performance.now();
  await markAll(routerRows.map((r) => r.id));
  log(`  enqueue: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  await converged();
  const noop = (performance.now() - t) / 1000;
  log(`no-op pass: ${noop.toFixed(2)} s`);

  const changeCount = Math.round((ROUTERS * PER_ROUTER) / 100);
  const picked = await deps.db
    .select({ id: subscriptions.id, routerId: subscriptions.routerId })
    .from(subscriptions)
    .orderBy(sql`md5(${subscriptions.id}::text)`)
    .limit(changeCount);
  t = performance.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(subscriptions)
      .set({ planId: planB })
      .where(
        inArray(
          subscriptions.id,
          picked.map((p) => p.id),
        ),
      );
    for (const routerId of new Set(picked.map((p) => p.routerId)))
      await markRouterChanged(deps, tx, routerId);
  });
  await converged();
  const delta = (performance.now() - t) / 1000;
  log(`1% plan change (${changeCount} subscriptions): ${delta.toFixed(2)} s`);

  // Verify every router against the database.
  const expectedB = new Set(
    (
      await deps.db
        .select({ u: subscriptions.username })
        .from(subscriptions)
        .where(
          inArray(
            subscriptions.id,
            picked.map((p) => p.id),
          ),
        )
    ).map((r) => r.u),
  );
  let secretsTotal = 0;
  let stateOk = true;
  await Promise.all(
    fleet.ports.map(async (port) => {
      const client = new RouterOSClient({
        addresses: [{ host: fleet.host, port }],
        user: 'bench',
        password: 'bench-pw',
      });
      try {
        const rows = (
          await client.exec({
            command: '/ppp/secret/print',
            proplist: ['name', 'profile', 'comment'],
          })
        ).rows;
        const ours = rows.filter((r) => r.comment?.startsWith('jaring:'));
        secretsTotal += ours.length;
        if (ours.length !== PER_ROUTER) stateOk = false;
        for (const s of ours) {
          const want = expectedB.has(s.name ?? '') ? 'jaring-home-20' : 'jaring-home-10';
          if (s.profile !== want) stateOk = false;
        }
      } finally {
        await client.close();
      }
    }),
  );
  const result = {
    routers: ROUTERS,
    subscriptions_per_router: PER_ROUTER,
    latency_ms: LATENCY_MS,
    // Runs with different queue settings are not comparable.
    job_concurrency: reconcileRouterJob.concurrency,
    job_batch_size: reconcileRouterJob.batchSize,
    initial_s: Number(initial.toFixed(2)),
    noop_s: Number(noop.toFixed(2)),
    delta_s: Number(delta.toFixed(2)),
    secrets_total: secretsTotal,
    state_ok: stateOk && secretsTotal === ROUTERS * PER_ROUTER,
    rss_mb: Math.round(process.memoryUsage().rss / 1e6),
    database: deps.database.kind,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await closeDeps(deps);
  await fleet.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
