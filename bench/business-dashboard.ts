// `node bench/business-dashboard.ts`: the business dashboard over a realistic history. Seeds by
// SQL BENCH_SUBSCRIPTIONS subscriptions (default 100,000) started over the last three years
// (15% terminated since, 3% pending), a monthly invoice for every subscription month of the
// last BENCH_HISTORY_MONTHS (default 24), most paid by a payment (some by online checkout, 1%
// reversed), and failed/expired checkouts. On PostgreSQL when DATABASE_URL is set (in a fresh
// scratch database, dropped afterwards), else on the embedded PGlite in a temp dir.
//   seed_s          seeding, ANALYZE included
//   first_ms        the first dashboard (12 months), cold plans and caches
//   median_ms       median of 5 more (12 months)
//   months36_ms     median of 3 with 36 months
// Prints one JSON object as its last line.
import { randomBytes } from 'node:crypto';
import { createScratchDatabase } from './support/scratch-database.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config/env.ts';
import { ManualClock } from '../apps/server/src/lib/clock.ts';
import { createLogger } from '../apps/server/src/lib/logger.ts';
import { rowsOf } from '../apps/server/src/lib/sql-helpers.ts';
import { businessDashboard } from '../apps/server/src/modules/business-dashboard/service.ts';
import { closeDeps, createDeps } from '../apps/server/src/runtime/create-deps.ts';

const SUBSCRIPTIONS = Number(process.env.BENCH_SUBSCRIPTIONS ?? 100_000);
const HISTORY_MONTHS = Number(process.env.BENCH_HISTORY_MONTHS ?? 24);
const NOW = '2026-03-15T03:00:00Z';
const log = (msg: string): boolean => process.stderr.write(`${msg}\n`);
const ms = (t0: number): number => Math.round(performance.now() - t0);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const scratch = await createScratchDatabase();
const scratchUrl = scratch.url;

const dataDir = mkdtempSync(join(tmpdir(), 'jaring-bench-business-'));
const config = loadConfig(
  {
    DATA_DIR: dataDir,
    APP_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
    ...(scratchUrl ? { DATABASE_URL: scratchUrl } : {}),
  },
  process.cwd(),
);
const clock = new ManualClock(NOW);
const deps = await createDeps(config, { logger: createLogger('warn'), worker: false, clock });

try {
  const t0 = performance.now();
  const db = deps.db;
  const pw = deps.secretBox.encrypt('bench-pw', 'routers.password');
  await db.execute(sql`insert into routers (name, addresses, port, transport, username, password_enc)
    select 'bench-router-' || g, array['192.0.2.1'], 8728, 'api', 'bench', ${pw}
    from generate_series(1, 50) g`);
  await db.execute(sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price, billing_period)
    select 'Bench ' || g, 'pppoe', 'bench-' || g, 10000 * g, 2000 * g,
      case when g = 9 then 900000 when g = 10 then 3000000 else 100000 + 50000 * g end,
      case when g = 9 then 'quarterly' when g = 10 then 'yearly' else 'monthly' end
    from generate_series(1, 10) g`);
  await db.execute(sql`insert into customers (number, name, created_at)
    select 'BC' || lpad(g::text, 7, '0'), 'Bench customer ' || g,
      ${NOW}::timestamptz - ((g * 7919) % 1095) * interval '1 day'
    from generate_series(1, ${SUBSCRIPTIONS}) g`);
  // Start dates spread over three years; every 7th terminated some days after it started.
  await db.execute(sql`
    with c as (select id, row_number() over (order by number) as g, created_at from customers),
    r as (select id, row_number() over (order by name) as k from routers),
    p as (select id, row_number() over (order by name) as k, type from plans)
    insert into subscriptions (customer_id, plan_id, router_id, type, username, status, start_date,
      created_at, updated_at)
    select c.id, p.id, r.id, 'pppoe', 'bench' || c.g,
      case when c.g % 7 = 0 and (c.created_at + ((c.g * 31) % 600) * interval '1 day') < ${NOW}::timestamptz
             then 'terminated'
           when c.g % 33 = 0 then 'pending'
           when c.g % 50 = 0 then 'isolated'
           else 'active' end,
      (c.created_at at time zone 'Asia/Jakarta')::date,
      c.created_at,
      case when c.g % 7 = 0 and (c.created_at + ((c.g * 31) % 600) * interval '1 day') < ${NOW}::timestamptz
             then c.created_at + ((c.g * 31) % 600) * interval '1 day'
           else c.created_at end
    from c
    join r on r.k = 1 + c.g % 50
    join p on p.k = 1 + c.g % 10`);
  log(`subscriptions seeded in ${ms(t0)} ms`);
  // One invoice per subscription month it was live, over the history.
  await db.execute(sql`
    insert into invoices (number, customer_id, subscription_id, kind, period_start, period_end,
      issue_date, due_date, status, subtotal, tax, total, paid, created_at)
    select 'BI-' || s.id || '-' || to_char(m, 'YYYYMM'), s.customer_id, s.id, 'subscription',
      m::date, (m + interval '1 month' - interval '1 day')::date, m::date, (m + interval '7 days')::date,
      'issued', pl.price, pl.price * 11 / 100, pl.price + pl.price * 11 / 100, 0, m
    from subscriptions s
    join plans pl on pl.id = s.plan_id
    cross join generate_series(date_trunc('month', ${NOW}::timestamptz at time zone 'Asia/Jakarta')
      - ${HISTORY_MONTHS - 1} * interval '1 month',
      date_trunc('month', ${NOW}::timestamptz at time zone 'Asia/Jakarta'), interval '1 month') m
    where s.status <> 'pending' and s.start_date <= m::date
      and (s.status <> 'terminated' or (s.updated_at at time zone 'Asia/Jakarta')::date > m::date)`);
  log(`invoices seeded in ${ms(t0)} ms`);
  // 9 in 10 invoices paid, 0-20 days after issue; every 4th payment online; 1 in 100 reversed.
  await db.execute(sql`
    with paid as (
      select i.id as invoice_id, i.customer_id, i.total,
        (i.issue_date::timestamp at time zone 'Asia/Jakarta')
          + (abs(hashtext(i.id::text)) % 20) * interval '1 day' + interval '10 hours' as received_at,
        abs(hashtext(i.id::text)) as h
      from invoices i
      where abs(hashtext(i.id::text || 'p')) % 10 <> 0
    ), ins as (
      insert into payments (number, customer_id, method, reference, amount, received_at, status,
        reversed_at, created_at)
      select 'BP-' || invoice_id, customer_id,
        case when h % 4 = 0 then 'gateway' else 'cash' end,
        case when h % 4 = 0 then 'ref-' || invoice_id end,
        total, least(received_at, ${NOW}::timestamptz - interval '1 hour'),
        case when h % 100 = 1 then 'reversed' else 'completed' end,
        case when h % 100 = 1 then least(received_at, ${NOW}::timestamptz - interval '1 hour') + interval '2 days' end,
        least(received_at, ${NOW}::timestamptz - interval '1 hour')
      from paid
      returning id, number, amount, received_at, reversed_at
    )
    insert into invoice_allocations (invoice_id, payment_id, source, amount, created_at, reversed_at)
    select substr(ins.number, 4)::uuid, ins.id, 'payment', ins.amount, ins.received_at, ins.reversed_at
    from ins`);
  await db.execute(sql`
    update invoices i set paid = a.paid,
      status = case when a.paid >= i.total then 'paid' else 'partially_paid' end
    from (select invoice_id, sum(amount) as paid from invoice_allocations where reversed_at is null
          group by invoice_id) a
    where a.invoice_id = i.id`);
  log(`payments seeded in ${ms(t0)} ms`);
  await db.execute(sql`
    insert into gateway_transactions (id, gateway, order_id, invoice_ids, invoice_key, attempt,
      customer_id, status, amount, fee, total, created_at, updated_at, payment_id)
    select gen_random_uuid(), 'midtrans', 'BO-' || p.id, array[a.invoice_id], a.invoice_id::text, 1,
      p.customer_id, 'paid', p.amount, 0, p.amount, p.received_at - interval '5 minutes',
      p.received_at, p.id
    from payments p join invoice_allocations a on a.payment_id = p.id
    where p.method = 'gateway'`);
  await db.execute(sql`
    insert into gateway_transactions (id, gateway, order_id, invoice_ids, invoice_key, attempt,
      customer_id, status, amount, fee, total, created_at, updated_at)
    select gen_random_uuid(), 'midtrans', 'BF-' || g.id, g.invoice_ids, g.invoice_key, 0,
      g.customer_id, case when abs(hashtext(g.id::text)) % 2 = 0 then 'failed' else 'expired' end,
      g.amount, 0, g.amount, g.created_at - interval '1 day', g.created_at - interval '1 day'
    from gateway_transactions g
    where abs(hashtext(g.id::text)) % 5 = 0`);
  // What autovacuum would have done by now: the seed rewrote most invoices (paid, status).
  await db.execute(sql`vacuum analyze`);
  const counts = (
    await rowsOf<Record<string, number>>(
      db.execute(sql`select
        (select count(*)::int from subscriptions) as subscriptions,
        (select count(*)::int from invoices) as invoices,
        (select count(*)::int from payments) as payments,
        (select count(*)::int from invoice_allocations) as allocations,
        (select count(*)::int from gateway_transactions) as gateway_transactions`),
    )
  )[0]!;
  const seedS = Math.round((performance.now() - t0) / 100) / 10;
  log(`seeded in ${seedS} s: ${JSON.stringify(counts)}`);

  let t = performance.now();
  const first = await businessDashboard(deps, { months: 12 });
  const firstMs = ms(t);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    await businessDashboard(deps, { months: 12 });
    runs.push(ms(t));
  }
  const runs36: number[] = [];
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    await businessDashboard(deps, { months: 36 });
    runs36.push(ms(t));
  }
  log(`current month: ${JSON.stringify(first.current)}`);
  console.log(
    JSON.stringify({
      bench: 'business-dashboard',
      database: deps.database.kind,
      ...counts,
      seed_s: seedS,
      first_ms: firstMs,
      median_ms: median(runs),
      months36_ms: median(runs36),
    }),
  );
} finally {
  await closeDeps(deps);
  // BENCH_KEEP=1 keeps the PGlite data dir too; BENCH_KEEP_DB=1 only the scratch database.
  if (process.env.BENCH_KEEP) log(`kept ${scratchUrl ? `database ${scratch.name}` : dataDir}`);
  else {
    rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}
