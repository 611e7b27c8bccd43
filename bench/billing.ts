// `npm run bench:billing`: 100,000 active subscriptions; issue the month's invoices, then the
// dunning pass that isolates 10,000 overdue subscriptions. On PostgreSQL when DATABASE_URL is set
// (in a fresh scratch database, dropped afterwards), else on the embedded PGlite in a temp dir.
//   run_s           runInvoices for the month (set-based, numbered, with lines)
//   floor_s         a plain INSERT ... SELECT of the same number of rows into the invoices table
//                   (its indexes, checks and foreign keys), rolled back: what the database needs
//                   just to write the rows
//   ratio_to_floor  run_s / floor_s
//   dunning_s       runDunning: 10,000 invoices turn overdue and their subscriptions are isolated
//                   (one revision bump and one reconcile per router, isolation notices queued)
//   duplicates      (subscription, period) pairs invoiced twice after a second run: must be 0
// Prints one JSON object as its last line.
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './support/scratch-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { rowsOf } from '../apps/server/src/lib/sql-helpers.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { systemContext } from '../apps/server/src/modules/auth/principal.ts';
import { runInvoices } from '../apps/server/src/modules/billing/invoice-run.ts';
import { runDunning } from '../apps/server/src/modules/dunning/service.ts';
import {
  DEFAULT_NOTIFICATION_SETTINGS,
  writeStoredSettings,
} from '../apps/server/src/modules/notifications/settings.ts';
import { closeDeps, createDeps } from '../apps/server/src/runtime/create-deps.ts';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const OVERDUE = Number(process.env.BENCH_OVERDUE ?? 10_000);
const ROUTERS = Number(process.env.BENCH_ROUTERS ?? 100);
const ASOF = '2026-03-01';
const DUNNING_ASOF = '2026-03-12';
class FloorDone extends Error {}
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

const scratch = await createScratchDatabase();
const scratchUrl = scratch.url;

const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-billing-'));
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

try {
  // The queue only records jobs here (no worker): isolation enqueues one reconcile per router.
  await deps.jobs.start(deps);
  const t0 = performance.now();
  const password = deps.secretBox.encrypt('subscriber-pw', 'subscriptions.password');
  const routerPw = deps.secretBox.encrypt('bench-pw', 'routers.password');
  await deps.db
    .execute(sql`insert into routers (name, addresses, port, transport, username, password_enc)
    select 'bench-router-' || g, array['192.0.2.1'], 8728, 'api', 'bench', ${routerPw}
    from generate_series(1, ${ROUTERS}) g`);
  await deps.db
    .execute(sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price)
    values ('Home 10', 'pppoe', 'jaring-home-10', 10000, 2000, 150000)`);
  await deps.db.execute(sql`insert into customers (number, name, phone)
    select 'B' || lpad(g::text, 7, '0'), 'Pelanggan ' || g, '0812' || lpad(g::text, 8, '0')
    from generate_series(1, ${SUBSCRIPTIONS}) g`);
  await deps.db
    .execute(sql`with r as (select id, row_number() over (order by name) - 1 as i from routers),
      c as (select id, number, row_number() over (order by number) as g from customers)
    insert into subscriptions (customer_id, plan_id, router_id, type, username, password_enc,
      status, start_date, billing_day, billing_mode)
    select c.id, (select id from plans limit 1), r.id, 'pppoe', 'u' || c.g, ${password},
      'active', ${ASOF}::date, 1, 'prepaid'
    from c join r on r.i = c.g % ${ROUTERS}`);
  await deps.db.execute(sql`analyze`);
  log(`seeded ${SUBSCRIPTIONS} subscriptions on ${ROUTERS} routers in ${seconds(t0).toFixed(1)} s`);

  const t1 = performance.now();
  const run = await runInvoices(deps, systemContext(), { asOf: ASOF, dryRun: false });
  const runS = seconds(t1);
  log(`invoice run: ${run.count} invoices in ${runS.toFixed(2)} s`);

  // The floor writes the same number of plain rows into the invoices table itself (its indexes,
  // checks and foreign keys, as the run must), one INSERT ... SELECT with nothing computed, and
  // rolls back.
  const t2 = performance.now();
  let floorS = 0;
  await deps.db
    .transaction(async (tx) => {
      await tx.execute(sql`insert into invoices (number, customer_id, subscription_id, kind,
          period_start, period_end, issue_date, due_date, status, currency, subtotal, tax, total, paid)
        select 'FLOOR-2026-' || lpad(row_number() over ()::text, 6, '0'), s.customer_id, s.id,
          'subscription', '2027-01-01'::date, '2027-01-31'::date, ${ASOF}::date,
          ${ASOF}::date + 7, 'issued', 'IDR', 150000, 16500, 166500, 0
        from subscriptions s limit ${run.count}`);
      floorS = seconds(t2);
      throw new FloorDone();
    })
    .catch((e: unknown) => {
      if (!(e instanceof FloorDone)) throw e;
    });
  log(`floor: ${floorS.toFixed(2)} s`);

  const tAgain = performance.now();
  const again = await runInvoices(deps, systemContext(), { asOf: ASOF, dryRun: false });
  log(
    `second run (nothing left to issue): ${again.count} invoices in ${seconds(tAgain).toFixed(2)} s`,
  );
  const [dup] = await rowsOf<{ n: number | string }>(
    deps.db.execute(sql`select count(*) as n from (
      select subscription_id, period_start from invoices where kind = 'subscription'
      group by 1, 2 having count(*) > 1) d`),
  );
  const duplicates = Number(dup?.n ?? 0) + again.count;

  // All but OVERDUE customers pay; the rest are past due + grace on DUNNING_ASOF.
  await deps.db.execute(sql`update invoices i set status = 'paid', paid = total
    from customers c where c.id = i.customer_id and c.number > ${`B${String(OVERDUE).padStart(7, '0')}`}`);
  // WhatsApp enabled now (the invoice run above measured issuing alone, as on an install without
  // channels): the dunning pass queues an isolation notice per customer, as in production.
  await writeStoredSettings(
    deps.db,
    {
      ...DEFAULT_NOTIFICATION_SETTINGS,
      whatsapp: {
        ...DEFAULT_NOTIFICATION_SETTINGS.whatsapp,
        enabled: true,
        url: 'http://192.0.2.1/send',
      },
    },
    deps.clock.now(),
  );
  await deps.db.execute(sql`analyze`);
  const t3 = performance.now();
  const dunning = await runDunning(deps, systemContext(), { asOf: DUNNING_ASOF, dryRun: false });
  const dunningS = seconds(t3);
  log(
    `dunning: ${dunning.overdue} overdue, ${dunning.isolated} isolated on ${dunning.routers} routers, ${dunning.notifications} notices in ${dunningS.toFixed(2)} s`,
  );
  const [iso] = await rowsOf<{ n: number | string }>(
    deps.db.execute(
      sql`select count(*) as n from subscriptions where status = 'isolated' and isolated_by = 'dunning'`,
    ),
  );

  const result = {
    db: deps.database.kind,
    subscriptions: SUBSCRIPTIONS,
    invoices: run.count,
    run_s: Number(runS.toFixed(2)),
    floor_s: Number(floorS.toFixed(2)),
    ratio_to_floor: Number((runS / floorS).toFixed(2)),
    dunning_s: Number(dunningS.toFixed(2)),
    isolated: Number(iso?.n ?? 0),
    dunning_routers: dunning.routers,
    dunning_notifications: dunning.notifications,
    duplicates,
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await closeDeps(deps);
  rmSync(dataDir, { recursive: true, force: true });
  await scratch.drop();
}
