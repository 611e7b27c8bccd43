import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, invoiceLines, invoices } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { invoiceRunJob } from '../src/modules/billing/jobs.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { applyScheduledPlanChanges } from '../src/modules/subscriptions/jobs.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

/*
 * Thirteen months of daily billing with a manual clock. Every expected value below is computed
 * here from the rules as written in the issue (calendar arithmetic, half-up rounding), never by
 * calling the billing code.
 */

const SIM_START = '2026-01-01';
const SIM_END = '2027-01-31';
const clock = new ManualClock('2026-01-01T01:00:00Z');
let env: TestEnv;
let admin: Agent;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
}, 60_000);
afterAll(async () => {
  await env.close();
});

// --- independent arithmetic -------------------------------------------------------------------

const DAY = 86_400_000;
const dn = (d: string): number => Date.parse(`${d}T00:00:00Z`) / DAY;
const iso = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);
const plus = (d: string, n: number): string => iso(dn(d) + n);
const maxDate = (a: string, b: string): string => (a > b ? a : b);
const pad = (n: number): string => String(n).padStart(2, '0');
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** a / b rounded half away from zero. */
function hu(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = abs / b;
  const r = abs % b;
  const out = r * 2n >= b ? q + 1n : q;
  return neg ? -out : out;
}
const ppn = (amount: bigint): bigint => hu(amount * 1100n, 10_000n);

/** Monthly period starts on day `anchor` (clamped to the month's end), from Nov 2025 on. */
function monthStarts(anchor: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    const y = 2025 + Math.floor((10 + i) / 12);
    const m = ((10 + i) % 12) + 1;
    out.push(`${y}-${pad(m)}-${pad(Math.min(anchor, lastDay(y, m)))}`);
  }
  return out;
}

interface Line {
  kind: string;
  quantity: number;
  unitAmount: bigint;
  amount: bigint;
  tax: bigint;
}
const line = (kind: string, amount: bigint, quantity = 1): Line => ({
  kind,
  quantity,
  unitAmount: amount / BigInt(quantity),
  amount,
  tax: ppn(amount),
});

interface Expected {
  periodStart: string;
  periodEnd: string;
  issueDate: string;
  dueDate: string;
  lines: Line[];
  subtotal: bigint;
  tax: bigint;
  total: bigint;
  paid: bigint;
  status: string;
}

interface Spec {
  key: string;
  start: string;
  mode: 'prepaid' | 'postpaid';
  anchorDay: number;
  price: (periodStart: string) => bigint;
  extra?: (periodStart: string, planAmount: bigint) => Line[];
  /** Credit on the customer's balance before the first run. */
  credit?: bigint;
}

function model(spec: Spec): Expected[] {
  const starts = monthStarts(spec.anchorDay);
  const out: Expected[] = [];
  let credit = spec.credit ?? 0n;
  for (let i = 0; i + 1 < starts.length; i++) {
    const start = starts[i] ?? '';
    const end = plus(starts[i + 1] ?? '', -1);
    if (end < spec.start) continue;
    const charged = maxDate(start, spec.start);
    const issueDate =
      spec.mode === 'prepaid' ? maxDate(plus(charged, -7), SIM_START) : plus(end, 1);
    if (issueDate > SIM_END) break;
    const dueDate =
      spec.mode === 'prepaid' ? plus(maxDate(charged, issueDate), 7) : plus(issueDate, 7);
    const price = spec.price(start);
    const days = BigInt(dn(end) - dn(start) + 1);
    const used = BigInt(dn(end) - dn(charged) + 1);
    const amount = used === days ? price : hu(price * used, days);
    const lines = [
      line(charged > start ? 'proration' : 'plan', amount),
      ...(spec.extra?.(start, amount) ?? []),
    ];
    const subtotal = lines.reduce((s, l) => s + l.amount, 0n);
    const tax = lines.reduce((s, l) => s + l.tax, 0n);
    const total = subtotal + tax;
    const paid = credit < total ? credit : total;
    credit -= paid;
    out.push({
      periodStart: start,
      periodEnd: end,
      issueDate,
      dueDate,
      lines,
      subtotal,
      tax,
      total,
      paid,
      status: paid === total ? 'paid' : paid > 0n ? 'partially_paid' : 'issued',
    });
  }
  return out;
}

// --- the scenario -------------------------------------------------------------------------------

const HOME20 = 150_000n;
const HOME50 = 250_000n;
/** 100 050 × 11% = 11 005.5: PPN rounds half-up to 11 006. */
const LITE = 100_050n;

const specs: Spec[] = [
  {
    // Prepaid, day 1; 10% off the plan for the periods starting March to May; upgraded on
    // 10 June, after June was invoiced at the old price.
    key: 'A',
    start: '2026-01-01',
    mode: 'prepaid',
    anchorDay: 1,
    price: (p) => (p >= '2026-07-01' ? HOME50 : HOME20),
    extra: (p, plan) => {
      const out: Line[] = [];
      if (p >= '2026-03-01' && p <= '2026-05-31')
        out.push(line('discount', -hu(plan * 1000n, 10_000n)));
      if (p === '2026-07-01') {
        // 10..30 June: 21 of 30 days.
        out.push(line('proration', hu(HOME50 * 21n, 30n)));
        out.push(line('credit', -hu(HOME20 * 21n, 30n)));
      }
      return out;
    },
  },
  // Prepaid, day 15, PPN half-up; 200 000 of credit pays the first invoice and part of the second.
  {
    key: 'B',
    start: '2026-01-15',
    mode: 'prepaid',
    anchorDay: 15,
    price: () => LITE,
    credit: 200_000n,
  },
  // Postpaid, day 31 (Feb 28, Apr 30, ...), activated mid-period on 10 January.
  { key: 'C', start: '2026-01-10', mode: 'postpaid', anchorDay: 31, price: () => HOME20 },
  // Prepaid anniversary of 30 March (28 February 2027); next-period change scheduled on 5 August.
  {
    key: 'D',
    start: '2026-03-30',
    mode: 'prepaid',
    anchorDay: 30,
    price: (p) => (p >= '2026-08-30' ? HOME50 : HOME20),
  },
  {
    // Prepaid, day 1, activated on 20 January with an installation charge and a customer-level
    // rental; a fixed 200 000 discount for the March period only, capped at the plan line.
    key: 'E',
    start: '2026-01-20',
    mode: 'prepaid',
    anchorDay: 1,
    price: () => HOME20,
    extra: (p, plan) => {
      if (p === '2026-01-01') return [line('one_off', 250_000n), line('one_off', 100_000n, 2)];
      if (p === '2026-03-01') return [line('discount', -(plan < 200_000n ? plan : 200_000n))];
      return [];
    },
  },
  {
    // Prepaid, day 1, downgraded on 1 February (February billed at 250 000): the credit is larger
    // than the March invoice, so what fits goes on March and the rest on April.
    key: 'F',
    start: '2026-01-01',
    mode: 'prepaid',
    anchorDay: 1,
    price: (p) => (p >= '2026-03-01' ? LITE : HOME50),
    extra: (p) => {
      if (p === '2026-03-01') {
        const room = 2n * (LITE + ppn(LITE));
        const applied = (room * 10_000n) / 11_100n;
        return [line('proration', LITE), line('credit', -applied)];
      }
      if (p === '2026-04-01') {
        const room = 2n * (LITE + ppn(LITE));
        return [line('credit', -(HOME50 - (room * 10_000n) / 11_100n))];
      }
      return [];
    },
  },
  // Prepaid, day 31: periods start 31 Jan, 28 Feb, 31 Mar, 30 Apr, ...
  { key: 'G', start: '2026-01-31', mode: 'prepaid', anchorDay: 31, price: () => HOME20 },
];

async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  status = 200,
): Promise<T> {
  const res = await admin.request({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return (res.body ? res.json<T>() : undefined) as T;
}

describe('billing over 13 months', () => {
  const ids: Record<string, { sub: string; customer: string }> = {};
  const plans: Record<string, string> = {};

  it('bills every subscription exactly as the rules say', async () => {
    const router = await call<{ id: string }>(
      'POST',
      '/api/v1/routers',
      { name: 'R scen', addresses: ['127.0.0.1'], port: 1, username: 'u', password: 'p' },
      201,
    );
    for (const [name, price] of [
      ['Home 20', HOME20],
      ['Home 50', HOME50],
      ['Lite', LITE],
    ] as const) {
      const plan = await call<{ id: string }>(
        'POST',
        '/api/v1/plans',
        {
          name,
          type: 'pppoe',
          downloadKbps: 10_000,
          uploadKbps: 2000,
          price: price.toString(),
          taxRateBp: 1100,
          routerIds: [router.id],
        },
        201,
      );
      plans[name] = plan.id;
    }
    const planOf: Record<string, string> = {
      A: 'Home 20',
      B: 'Lite',
      C: 'Home 20',
      D: 'Home 20',
      E: 'Home 20',
      F: 'Home 50',
      G: 'Home 20',
    };
    for (const spec of specs) {
      const customer = await call<{ id: string }>(
        'POST',
        '/api/v1/customers',
        { name: `Scenario ${spec.key}` },
        201,
      );
      const sub = await call<{
        id: string;
        billingAnchor: string;
        billingMode: string;
        billingDay: number | null;
      }>(
        'POST',
        '/api/v1/subscriptions',
        {
          customerId: customer.id,
          planId: plans[planOf[spec.key] ?? ''],
          routerId: router.id,
          username: `scen-${spec.key.toLowerCase()}`,
          startDate: spec.start,
          billingMode: spec.mode,
          ...(spec.key === 'D' ? { billingAnchor: 'anniversary' } : { billingDay: spec.anchorDay }),
        },
        201,
      );
      expect(sub).toMatchObject({
        billingMode: spec.mode,
        billingAnchor: spec.key === 'D' ? 'anniversary' : 'fixed',
        invoiceLeadDays: 7,
        dueOffsetDays: 7,
      });
      ids[spec.key] = { sub: sub.id, customer: customer.id };
    }
    const A = ids.A ?? { sub: '', customer: '' };
    const B = ids.B ?? { sub: '', customer: '' };
    const E = ids.E ?? { sub: '', customer: '' };

    // Billing terms: changed through their own endpoint, audited; bad input changes nothing.
    const patched = await call<{ graceDays: number; autoIsolate: boolean }>(
      'PATCH',
      `/api/v1/subscriptions/${A.sub}/billing`,
      { graceDays: 5, autoIsolate: false },
    );
    expect(patched).toMatchObject({ graceDays: 5, autoIsolate: false, billingDay: 1 });
    await call('PATCH', `/api/v1/subscriptions/${A.sub}/billing`, { billingDay: 32 }, 400);
    await call('PATCH', `/api/v1/subscriptions/${A.sub}/billing`, { dueOffsetDays: -1 }, 400);
    expect(
      await call<{ graceDays: number; billingDay: number }>(
        'GET',
        `/api/v1/subscriptions/${A.sub}`,
      ),
    ).toMatchObject({ graceDays: 5, billingDay: 1 });

    await call(
      'POST',
      `/api/v1/subscriptions/${A.sub}/discounts`,
      {
        description: 'Promo 10%',
        kind: 'percent',
        percentBp: 1000,
        startsOn: '2026-03-01',
        endsOn: '2026-05-31',
      },
      201,
    );
    await call(
      'POST',
      `/api/v1/subscriptions/${E.sub}/discounts`,
      {
        description: 'Welcome',
        kind: 'fixed',
        amount: '200000',
        startsOn: '2026-03-01',
        endsOn: '2026-03-01',
      },
      201,
    );
    // Bad discounts and charges: 400, nothing written.
    await call(
      'POST',
      `/api/v1/subscriptions/${E.sub}/discounts`,
      { description: 'x', kind: 'fixed', percentBp: 100, startsOn: '2026-03-01' },
      400,
    );
    await call(
      'POST',
      `/api/v1/subscriptions/${E.sub}/discounts`,
      {
        description: 'x',
        kind: 'percent',
        percentBp: 100,
        startsOn: '2026-03-01',
        endsOn: '2026-02-01',
      },
      400,
    );
    await call(
      'POST',
      `/api/v1/customers/${E.customer}/charges`,
      { description: 'neg', unitAmount: '-5' },
      400,
    );
    await call(
      'POST',
      `/api/v1/customers/${E.customer}/charges`,
      { description: 'other', unitAmount: '5', subscriptionId: A.sub },
      400,
    );
    expect(await call<unknown[]>('GET', `/api/v1/subscriptions/${E.sub}/discounts`)).toHaveLength(
      1,
    );

    await call(
      'POST',
      `/api/v1/customers/${E.customer}/charges`,
      { description: 'Installation', unitAmount: '250000', subscriptionId: E.sub },
      201,
    );
    clock.advance(1000);
    const rental = await call<{ id: string; amount: string; status: string }>(
      'POST',
      `/api/v1/customers/${E.customer}/charges`,
      { description: 'Router rental', quantity: 2, unitAmount: 50_000 },
      201,
    );
    expect(rental).toMatchObject({ amount: '100000', status: 'pending' });
    const mistake = await call<{ id: string }>(
      'POST',
      `/api/v1/customers/${E.customer}/charges`,
      { description: 'Mistake', unitAmount: '1' },
      201,
    );
    await call('DELETE', `/api/v1/customers/${E.customer}/charges/${mistake.id}`, undefined, 204);
    expect(await call<unknown[]>('GET', `/api/v1/customers/${E.customer}/charges`)).toHaveLength(2);

    // B's customer starts with 200 000 of credit (an earlier overpayment).
    await env.deps.db.execute(
      sql`insert into credit_ledger (customer_id, amount, reason, note) values (${B.customer}, 200000, 'overpayment', 'opening balance')`,
    );
    await env.deps.db
      .update(customers)
      .set({ creditBalance: 200_000n })
      .where(eq(customers.id, B.customer));

    for (let d = SIM_START; d <= SIM_END; d = plus(d, 1)) {
      clock.set(`${plus(d, -1)}T23:00:00Z`); // 06:00 in Jakarta
      if (['2026-02-01', '2026-06-10', '2026-08-05', SIM_END].includes(d)) {
        // Sessions expire over the months; the operator logs in again.
        admin = await env.agentFor('admin');
      }
      if (d === '2026-02-01') {
        await call('POST', `/api/v1/subscriptions/${ids.F?.sub}/change-plan`, {
          planId: plans.Lite,
          effective: 'now',
        });
      }
      if (d === '2026-06-10') {
        await call('POST', `/api/v1/subscriptions/${A.sub}/change-plan`, {
          planId: plans['Home 50'],
          effective: 'now',
        });
      }
      if (d === '2026-08-05') {
        const s = await call<{ nextPlanFrom: string }>(
          'POST',
          `/api/v1/subscriptions/${ids.D?.sub}/change-plan`,
          { planId: plans['Home 50'], effective: 'next_period' },
        );
        expect(s.nextPlanFrom).toBe('2026-08-30');
      }
      await applyScheduledPlanChanges(env.deps);
      const dry = await runInvoices(env.deps, systemContext(), { dryRun: true });
      const before = await issuedTotals();
      await invoiceRunJob.handler({}, env.deps, {
        id: `run-${d}`,
        retryCount: 0,
        signal: new AbortController().signal,
      });
      const after = await issuedTotals();
      expect(
        {
          n: after.n - before.n,
          subtotal: after.subtotal - before.subtotal,
          tax: after.tax - before.tax,
        },
        d,
      ).toEqual({
        n: dry.count,
        subtotal: dry.subtotal,
        tax: dry.tax,
      });
    }
    // A second run the same day issues nothing.
    expect((await runInvoices(env.deps, systemContext(), { dryRun: false })).count).toBe(0);

    for (const spec of specs) {
      const id = ids[spec.key]?.sub ?? '';
      const rows = await env.deps.db
        .select()
        .from(invoices)
        .where(eq(invoices.subscriptionId, id))
        .orderBy(asc(invoices.periodStart));
      const actual = [];
      for (const r of rows) {
        const lines = await env.deps.db
          .select()
          .from(invoiceLines)
          .where(eq(invoiceLines.invoiceId, r.id))
          .orderBy(asc(invoiceLines.position));
        actual.push({
          periodStart: r.periodStart,
          periodEnd: r.periodEnd,
          issueDate: r.issueDate,
          dueDate: r.dueDate,
          lines: lines.map((l) => ({
            kind: l.kind,
            quantity: l.quantity,
            unitAmount: l.unitAmount,
            amount: l.amount,
            tax: l.tax,
          })),
          subtotal: r.subtotal,
          tax: r.tax,
          total: r.total,
          paid: r.paid,
          status: r.status,
        });
      }
      expect(actual, spec.key).toEqual(model(spec));
    }

    // Spot checks of the rules in plain numbers.
    const c = model(specs[2] as Spec);
    expect(c[0]).toMatchObject({
      periodStart: '2025-12-31',
      periodEnd: '2026-01-30',
      issueDate: '2026-01-31',
      subtotal: 101_613n,
    });
    expect(c[1]).toMatchObject({ periodStart: '2026-01-31', periodEnd: '2026-02-27' });
    expect(model(specs[1] as Spec)[0]).toMatchObject({
      tax: 11_006n,
      total: 111_056n,
      status: 'paid',
    });

    // B's credit is spent: ledger and balance agree, allocations came from credit.
    const [bal] = await env.deps.db
      .select({ b: customers.creditBalance })
      .from(customers)
      .where(eq(customers.id, B.customer));
    expect(bal?.b).toBe(0n);
    const ledger = await rowsOf<{ s: string; n: string }>(
      env.deps.db.execute(
        sql`select sum(amount)::text as s, count(*) filter (where reason = 'applied')::text as n from credit_ledger where customer_id = ${B.customer}`,
      ),
    );
    expect(ledger[0]).toEqual({ s: '0', n: '2' });
    const allocs = await rowsOf<{ s: string }>(
      env.deps.db.execute(
        sql`select sum(amount)::text as s from invoice_allocations where source = 'credit'`,
      ),
    );
    expect(allocs[0]?.s).toBe('200000');
    // The charges were billed once and say where.
    const charges = await call<{ status: string; invoiceId: string | null }[]>(
      'GET',
      `/api/v1/customers/${E.customer}/charges`,
    );
    expect(charges.map((x) => x.status)).toEqual(['invoiced', 'invoiced']);
    // Plan-change adjustments: billed, nothing pending but nothing lost.
    const pending = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*)::text as n from billing_adjustments where invoice_id is null`,
      ),
    );
    expect(pending[0]?.n).toBe('0');
    await expectGapless();
  }, 300_000);

  async function issuedTotals(): Promise<{ n: number; subtotal: bigint; tax: bigint }> {
    const [r] = await rowsOf<{ n: string; s: string | null; t: string | null }>(
      env.deps.db.execute(
        sql`select count(*)::text as n, sum(subtotal)::text as s, sum(tax)::text as t from invoices`,
      ),
    );
    return { n: Number(r?.n ?? 0), subtotal: BigInt(r?.s ?? 0), tax: BigInt(r?.t ?? 0) };
  }

  async function expectGapless(): Promise<void> {
    const rows = await env.deps.db.select({ number: invoices.number }).from(invoices);
    const byYear = new Map<string, number[]>();
    for (const { number } of rows) {
      const [, year, n] = /^INV-(\d{4})-(\d{6})$/.exec(number ?? '') ?? [];
      byYear.set(year ?? '?', [...(byYear.get(year ?? '?') ?? []), Number(n)]);
    }
    for (const [year, list] of byYear) {
      list.sort((a, b) => a - b);
      expect(list, year).toEqual(list.map((_, i) => i + 1));
    }
  }
});
