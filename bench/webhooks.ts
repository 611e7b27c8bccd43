// `npm run bench:webhooks`: a storm of Midtrans payment notifications against a running Jaring
// (`main.ts all` as a child process, configured through its API). 2,000 pending checkouts are
// seeded (one customer, one open invoice each); the settlement notification of each, signed as
// Midtrans signs it, is posted 5 times in a shuffled order over 50 keep-alive connections. On
// PostgreSQL when DATABASE_URL is set (a scratch database, dropped afterwards), else on the
// embedded PGlite in a temp DATA_DIR.
//   ack_per_s    notifications acknowledged (200) per second of the send phase
//   p50/p99_ms   acknowledge latency of one notification (request written to answer read; the
//                first 50 include opening their connection)
//   settle_s     from the first notification sent until every transaction has its payment
//   drain_s      same, until every stored notification is processed (the repeats included)
//   applied      gateway payments recorded, counted in the database: must equal transactions
//   duplicates   payments beyond one per gateway reference, counted in the database: must be 0
//   unpaid, invoices_wrong, unprocessed   must be 0 as well; errors: answers other than 200
// BENCH_TRANSACTIONS, BENCH_COPIES, BENCH_CONNECTIONS, BENCH_POOL_MAX (the server's
// DATABASE_POOL_MAX), BENCH_SETTLE_TIMEOUT_S and BENCH_SERVER_NODE_OPTIONS (e.g. `--cpu-prof
// --cpu-prof-dir=/tmp/prof` to profile the server) change the run. Prints one JSON object as its
// last line.
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './support/scratch-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { connectDatabase } from '../apps/server/src/db/connect.ts';
import type { Database } from '../apps/server/src/db/database.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import {
  startJaringNode,
  staffLogin,
  type JaringNode,
  type StaffSession,
} from '../apps/server/test/support/jaring-node.ts';
import {
  deliverNotifications,
  midtransStormSettings,
  quantile,
  seedPendingMidtrans,
  settlementNotification,
  stormOf,
  stormOutcome,
} from '../apps/server/test/support/midtrans-storm.ts';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 2000);
const COPIES = Number(process.env.BENCH_COPIES ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const POOL_MAX = process.env.BENCH_POOL_MAX;
const SERVER_NODE_OPTIONS = process.env.BENCH_SERVER_NODE_OPTIONS;
const SETTLE_TIMEOUT_MS = Number(process.env.BENCH_SETTLE_TIMEOUT_S ?? 180) * 1000;
const OWNER = { email: 'owner@bench.test', password: `bench-${randomBytes(9).toString('hex')}` };
const SERVER_KEY = `SB-Mid-server-bench-${randomBytes(12).toString('hex')}`;
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);
const round = (n: number, digits = 1): number => Number(n.toFixed(digits));

const scratch = await createScratchDatabase();
const scratchUrl = scratch.url;
const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-webhooks-'));
const openDatabase = (): Promise<Database> =>
  connectDatabase({ url: scratchUrl, dataDir, poolMax: 2 });

/** How far processing has come, read while the server runs. */
interface Progress {
  /** Transactions with their payment. */
  applied(): Promise<number>;
  /** Stored notifications still waiting for their job. */
  unprocessed(): Promise<number>;
  close(): Promise<void>;
}

/** PostgreSQL: straight from the database, beside the server. */
async function sqlProgress(url: string): Promise<Progress> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const count = async (text: string): Promise<number> =>
    Number((await client.query<{ n: number }>(text)).rows[0]?.n ?? 0);
  return {
    applied: () =>
      count(`select count(*)::int as n from gateway_transactions where payment_id is not null`),
    unprocessed: () =>
      count(
        `select count(*)::int as n from gateway_events where kind = 'notification' and processed_at is null`,
      ),
    close: () => client.end(),
  };
}

/**
 * PGlite: the database lives inside the server process, so progress is read through the staff
 * API (which reads the same rows): paid transactions from the stats, and unprocessed
 * notifications ("received") from the event list, newest first, scanning all pages only once the
 * newest are done. The final figures are counted in the database after the server stops.
 */
function apiProgress(staff: StaffSession): Progress {
  return {
    async applied(): Promise<number> {
      const stats = await staff.json<{ rows: { gateway: string; paid: number }[] }>(
        'GET',
        '/api/v1/gateway-transactions/stats?days=1',
      );
      return stats.rows.filter((r) => r.gateway === 'midtrans').reduce((s, r) => s + r.paid, 0);
    },
    async unprocessed(): Promise<number> {
      let cursor: string | null = null;
      let waiting = 0;
      do {
        const page: { data: { outcome: string }[]; nextCursor: string | null } = await staff.json(
          'GET',
          `/api/v1/gateway-events?gateway=midtrans&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        waiting += page.data.filter((e) => e.outcome === 'received').length;
        cursor = page.nextCursor;
      } while (cursor && waiting === 0);
      return waiting;
    },
    close: async () => undefined,
  };
}

let server: JaringNode | undefined;
try {
  // Seed before the server starts: the embedded database is one process's files.
  const t0 = performance.now();
  const seedDb = await openDatabase();
  const orders = await (async () => {
    try {
      await migrate(seedDb);
      const seeded = await seedPendingMidtrans(seedDb.db, { count: TRANSACTIONS, prefix: 'B' });
      await seedDb.db.execute(sql`analyze`);
      return seeded;
    } finally {
      await seedDb.close();
    }
  })();
  log(
    `seeded ${orders.length} pending checkouts in ${round((performance.now() - t0) / 1000, 2)} s`,
  );

  server = await startJaringNode({
    mode: 'all',
    env: {
      ...(scratchUrl ? { DATABASE_URL: scratchUrl } : { DATA_DIR: dataDir }),
      ...(POOL_MAX ? { DATABASE_POOL_MAX: POOL_MAX } : {}),
      ...(SERVER_NODE_OPTIONS ? { NODE_OPTIONS: SERVER_NODE_OPTIONS } : {}),
      APP_KEY: randomBytes(32).toString('base64'),
      ADMIN_EMAIL: OWNER.email,
      ADMIN_PASSWORD: OWNER.password,
      LOG_LEVEL: 'warn',
    },
    echo: process.stderr,
  });
  const baseUrl = server.url ?? '';
  log(`jaring all (pid ${server.pid}) ready at ${baseUrl}`);
  // The keys go through the API: the server encrypts them with its APP_KEY.
  const staff = await staffLogin(baseUrl, OWNER.email, OWNER.password);
  await staff.json('PUT', '/api/v1/payment-gateways/midtrans', midtransStormSettings(SERVER_KEY));

  const storm = stormOf(
    orders.map((o) => settlementNotification(o, SERVER_KEY)),
    COPIES,
  );
  const progress = scratchUrl ? await sqlProgress(scratchUrl) : apiProgress(staff);
  const pollMs = scratchUrl ? 100 : 250;
  let settledAt: number | undefined;
  let drainedAt: number | undefined;
  const send: { doneAt?: number } = {};
  // Watches from the first request on, so a storm applied before its last answer is seen; gives
  // up SETTLE_TIMEOUT_MS after the last answer.
  const watch = (async (): Promise<void> => {
    while (send.doneAt === undefined || performance.now() < send.doneAt + SETTLE_TIMEOUT_MS) {
      if (settledAt === undefined && (await progress.applied()) >= TRANSACTIONS) {
        settledAt = performance.now();
      }
      if (settledAt !== undefined && send.doneAt && (await progress.unprocessed()) === 0) {
        drainedAt = performance.now();
        return;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  })();
  const sent = await deliverNotifications([baseUrl], storm, CONNECTIONS);
  send.doneAt = performance.now();
  const sendStartedAt = sent.startedAt;
  const acked = sent.deliveries.filter((d) => d.status === 200).length;
  const latencies = sent.deliveries.map((d) => d.ms).sort((a, b) => a - b);
  log(
    `sent ${storm.length} in ${round(sent.wallMs / 1000, 2)} s: ${acked} acknowledged, ` +
      `p50 ${round(quantile(latencies, 0.5))} ms, p99 ${round(quantile(latencies, 0.99))} ms`,
  );
  await watch;
  await progress.close();
  if (settledAt === undefined) log(`not every transaction was paid within the timeout`);
  if (drainedAt === undefined) log(`not every notification was processed within the timeout`);
  const serverRssMb = server.peakRssMb();
  await server.stop();
  server = undefined;

  // The figures that matter, counted from the rows themselves.
  const db = await openDatabase();
  const outcome = await (async () => {
    try {
      return await stormOutcome(db.db);
    } finally {
      await db.close();
    }
  })();
  log(`outcomes: ${JSON.stringify(outcome.outcomes)}`);
  const result = {
    db: scratchUrl ? 'postgres' : 'pglite',
    transactions: TRANSACTIONS,
    copies: COPIES,
    connections: CONNECTIONS,
    notifications: storm.length,
    acknowledged: acked,
    errors: storm.length - acked,
    ack_per_s: Math.round((acked / sent.wallMs) * 1000),
    p50_ms: round(quantile(latencies, 0.5)),
    p99_ms: round(quantile(latencies, 0.99)),
    max_ms: round(latencies.at(-1) ?? 0),
    applied: outcome.applied,
    duplicates: outcome.duplicates,
    unpaid: outcome.unpaid,
    invoices_wrong: outcome.invoicesWrong,
    stored: outcome.stored,
    unprocessed: outcome.unprocessed,
    settle_s: settledAt === undefined ? null : round((settledAt - sendStartedAt) / 1000, 2),
    drain_s: drainedAt === undefined ? null : round((drainedAt - sendStartedAt) / 1000, 2),
    server_rss_mb: serverRssMb,
    ...(POOL_MAX ? { pool_max: Number(POOL_MAX) } : {}),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
