import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { usingPostgres } from './support/database.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';

const clock = new ManualClock('2027-02-10T03:00:00Z');
let env: TestEnv;
const N = 300;

beforeAll(async () => {
  env = await createTestEnv({ clock });
}, 60_000);
afterAll(async () => {
  await env.close();
});

interface ChildResult {
  count: number;
  first: string | null;
  last: string | null;
  total: string;
  startedAt: number;
  finishedAt: number;
}

const CHILD = fileURLToPath(new URL('./support/invoice-run-child.ts', import.meta.url));

interface Child {
  /** Resolves once the process has loaded and connected; rejects if it exits first. */
  ready: Promise<void>;
  /** Starts its run. */
  go(): void;
  result: Promise<ChildResult>;
}

/** One invoice run in its own Node process: it loads, connects, says so, and runs on "go". */
function startChild(url: string, asOf: string): Child {
  const child = spawn(process.execPath, [CHILD, url, asOf], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady = (): void => undefined;
  let notReady = (_e: Error): void => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    notReady = reject;
  });
  child.stdin.on('error', () => undefined);
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const result = new Promise<ChildResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      notReady(new Error(`child exited ${code} before it was ready: ${err}`));
      if (code !== 0) reject(new Error(`child exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
  return { ready, go: () => child.stdin.end('go\n'), result };
}

async function concurrentRuns(asOf: string): Promise<number[]> {
  if (usingPostgres) {
    const url = env.deps.database.url ?? '';
    // Both processes load and connect first (however long a busy machine takes), then both are
    // told to start at the same instant.
    const children = [startChild(url, asOf), startChild(url, asOf)];
    await Promise.allSettled(children.map((c) => c.ready));
    for (const c of children) c.go();
    const results = await Promise.all(children.map((c) => c.result));
    // The barrier worked: both processes began their run at (nearly) the same moment.
    const [a, b] = results;
    expect(Math.abs((a?.startedAt ?? 0) - (b?.startedAt ?? 0))).toBeLessThan(500);
    return results.map((r) => r.count);
  }
  const results = await Promise.all([
    runInvoices(env.deps, systemContext(), { asOf, dryRun: false }),
    runInvoices(env.deps, systemContext(), { asOf, dryRun: false }),
  ]);
  return results.map((r) => r.count);
}

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await rowsOf<T>(env.deps.db.execute(query));
  return row as T;
}

describe('concurrent invoice runs', () => {
  it('never issue a duplicate nor leave a gap, in two processes on PostgreSQL', async () => {
    const [router] = await rowsOf<{ id: string }>(
      env.deps.db.execute(
        sql`insert into routers (name, addresses, port, transport, username, password_enc)
            values ('R conc', '{127.0.0.1}', 1, 'api', 'u', ${env.deps.secretBox.encrypt('p', 'routers.password')})
            returning id`,
      ),
    );
    const [plan] = await rowsOf<{ id: string }>(
      env.deps.db.execute(
        sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price, tax_rate_bp)
            values ('Conc', 'pppoe', 'jaring-conc', 10000, 2000, 123457, 1100) returning id`,
      ),
    );
    await env.deps.db.execute(
      sql`insert into customers (number, name) select 'K' || lpad(g::text, 6, '0'), 'Conc ' || g from generate_series(1, ${N}) g`,
    );
    await env.deps.db.execute(
      sql`insert into subscriptions (customer_id, plan_id, router_id, type, username, status, start_date, billing_day)
          select c.id, ${plan?.id}, ${router?.id}, 'pppoe', 'conc-' || c.number, 'active',
            '2027-02-01'::date + (right(c.number, 2)::int % 20),
            1 + (right(c.number, 3)::int % 31)
          from customers c where c.number like 'K%'`,
    );
    // Some pending charges and credits, so the whole statement family runs concurrently.
    await env.deps.db.execute(
      sql`insert into billing_adjustments (customer_id, kind, description, quantity, unit_amount, tax_rate_bp)
          select c.id, 'one_off', 'Installation', 1, 99999, 1100 from customers c
          where c.number like 'K%' and right(c.number, 1) in ('3', '7')`,
    );
    await env.deps.db.execute(
      sql`with c as (select id from customers where number like 'K%' and right(number, 1) = '5')
          , l as (insert into credit_ledger (customer_id, amount, reason) select id, 50000, 'overpayment' from c)
          update customers set credit_balance = 50000 where id in (select id from c)`,
    );

    for (const asOf of ['2027-02-10', '2027-02-25', '2027-03-20']) {
      const dry = await runInvoices(env.deps, systemContext(), { asOf, dryRun: true });
      expect(dry.count, asOf).toBeGreaterThan(0);
      const counts = await concurrentRuns(asOf);
      // One run issued everything; the other, queued behind the counter lock, found nothing left.
      expect(
        counts.reduce((a, b) => a + b, 0),
        asOf,
      ).toBe(dry.count);
      expect(counts, asOf).toContain(0);
      // And again, one after the other: nothing more.
      expect(
        (await concurrentRuns(asOf)).every((c) => c === 0),
        asOf,
      ).toBe(true);
    }

    const dup = await one<{ n: string }>(
      sql`select count(*)::text as n from (select subscription_id, period_start from invoices
          where status <> 'void' group by 1, 2 having count(*) > 1) d`,
    );
    expect(dup.n).toBe('0');
    const numbers = await rowsOf<{ number: string }>(
      env.deps.db.execute(sql`select number from invoices order by number`),
    );
    const byYear = new Map<string, number[]>();
    for (const { number } of numbers) {
      const [, y, n] = /^INV-(\d{4})-(\d{6})$/.exec(number) ?? [];
      byYear.set(y ?? '?', [...(byYear.get(y ?? '?') ?? []), Number(n)]);
    }
    expect([...byYear.keys()]).toEqual(['2027']);
    const list = byYear.get('2027') ?? [];
    expect(list).toEqual(list.map((_, i) => i + 1));
    const counter = await one<{ last: string }>(
      sql`select last_number::text as last from invoice_counters where year = 2027`,
    );
    expect(Number(counter.last)).toBe(list.length);
    // Every charge billed exactly once, and credit spent at most once.
    const charges = await one<{ pending: string; lines: string; stamped: string }>(
      sql`select (select count(*) from billing_adjustments where invoice_id is null)::text as pending,
          (select count(*) from invoice_lines where kind = 'one_off')::text as lines,
          (select count(*) from billing_adjustments where invoice_id is not null)::text as stamped`,
    );
    expect(charges.pending).toBe('0');
    expect(charges.lines).toBe(charges.stamped);
    const credit = await one<{ bad: string; applied: string }>(
      sql`select count(*) filter (where c.credit_balance <> coalesce(l.s, 0) or c.credit_balance < 0)::text as bad,
          (select coalesce(sum(amount), 0) from invoice_allocations where source = 'credit')::text as applied
          from customers c left join (select customer_id, sum(amount) as s from credit_ledger group by 1) l
          on l.customer_id = c.id`,
    );
    expect(credit.bad).toBe('0');
    expect(credit.applied).toBe(String(50_000 * (N / 10)));
  }, 120_000);
});
