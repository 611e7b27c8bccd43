import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoiceLines, invoices } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { divRoundHalfUpSql, runInvoices } from '../src/modules/billing/invoice-run.ts';
import {
  addDays,
  periodAt,
  type BillingTerms,
  type Period,
} from '../src/modules/billing/periods.ts';
import { prorate } from '../src/modules/billing/proration.ts';
import { divRoundHalfUp, lineTax } from '../src/modules/billing/tax.ts';
import { usingPostgres } from './support/database.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertSubscription, setSubscription } from './support/network-fixtures.ts';

// 2026-01-01 08:00 in Jakarta.
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

async function post<T>(url: string, payload: unknown, status = 201): Promise<T> {
  const res = await admin.request({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

interface InvoiceJson {
  id: string;
  number: string;
  subscriptionId: string;
  periodStart: string;
  periodEnd: string;
  issueDate: string;
  dueDate: string;
  status: string;
  subtotal: string;
  tax: string;
  total: string;
  balanceDue: string;
  lines: { kind: string; amount: string; tax: string; description: string }[];
}

async function invoicesOf(subscriptionId: string): Promise<(typeof invoices.$inferSelect)[]> {
  return env.deps.db
    .select()
    .from(invoices)
    .where(eq(invoices.subscriptionId, subscriptionId))
    .orderBy(invoices.periodStart);
}

/** Jakarta midnight + 2 h of a calendar date, as the clock's instant. */
function at(date: string): string {
  return `${addDays(date, -1)}T19:00:00Z`;
}

const PRICE = 150_000n;

describe('invoice run over 13 months', () => {
  const subs: Record<string, { id: string; terms: BillingTerms; mode: 'prepaid' | 'postpaid' }> =
    {};
  let planId = '';

  it('issues every period exactly once, prorates, numbers gaplessly per year', async () => {
    const router = await post<{ id: string }>('/api/v1/routers', {
      name: 'R billing',
      addresses: ['127.0.0.1'],
      port: 1,
      username: 'u',
      password: 'p',
    });
    const plan = await post<{ id: string }>('/api/v1/plans', {
      name: 'Home 20',
      type: 'pppoe',
      downloadKbps: 20_000,
      uploadKbps: 5000,
      price: PRICE.toString(),
      routerIds: [router.id],
    });
    planId = plan.id;
    const make = async (
      key: string,
      startDate: string,
      opts: {
        billingDay?: number;
        anchor?: 'fixed' | 'anniversary';
        mode?: 'prepaid' | 'postpaid';
      },
    ): Promise<void> => {
      const customer = await post<{ id: string }>('/api/v1/customers', { name: `Cust ${key}` });
      const sub = await post<{ id: string }>('/api/v1/subscriptions', {
        customerId: customer.id,
        planId: plan.id,
        routerId: router.id,
        username: `bill-${key}`,
        startDate,
        activate: true,
        ...(opts.billingDay ? { billingDay: opts.billingDay } : {}),
      });
      const mode = opts.mode ?? 'prepaid';
      const anchor = opts.anchor ?? 'fixed';
      await setSubscription(env.deps, sub.id, { billingMode: mode, billingAnchor: anchor });
      subs[key] = {
        id: sub.id,
        mode,
        terms: { startDate, anchor, billingDay: opts.billingDay ?? null, period: 'monthly' },
      };
    };
    await make('day1', '2026-01-01', {});
    await make('day15', '2026-01-15', { billingDay: 15 });
    await make('anniv31', '2026-01-31', { anchor: 'anniversary' });
    await make('postpaid', '2026-01-01', { mode: 'postpaid' });
    await make('mid', '2026-01-20', {});

    // A dry run through the API shows what the first day issues and writes nothing.
    const first = expectedOn('2026-01-01');
    const preview = await post<{
      count: number;
      total: string;
      preview: { customerName: string; periodStart: string; total: string; prorated: boolean }[];
    }>('/api/v1/invoices/run', { dryRun: true }, 200);
    expect(preview.count).toBe(first.length);
    expect(preview.preview[0]).toMatchObject({
      customerName: 'Cust day1',
      periodStart: '2026-01-01',
      total: '166500',
      prorated: false,
    });
    expect(await env.deps.db.select().from(invoices)).toHaveLength(0);

    // Every day for 13 months, as the daily job would.
    const issued: string[] = [];
    for (let d = '2026-01-01'; d <= '2027-01-31'; d = addDays(d, 1)) {
      clock.set(at(d));
      const expected = expectedOn(d);
      if (d.endsWith('-25') || d === '2026-01-01') {
        const dry = await runInvoices(env.deps, systemContext(), { dryRun: true });
        expect(dry.count, d).toBe(expected.length);
      }
      const r = await runInvoices(env.deps, systemContext(), { dryRun: false });
      expect(r.asOf).toBe(d);
      expect(r.count, d).toBe(expected.length);
      for (const e of expected) {
        issued.push(`${e.key} ${e.period.start}`);
        done.add(`${e.key} ${e.period.start}`);
      }
    }
    expect(new Set(issued).size).toBe(issued.length);

    // The same day again issues nothing.
    expect((await runInvoices(env.deps, systemContext(), { dryRun: false })).count).toBe(0);

    for (const [key, s] of Object.entries(subs)) {
      const rows = await invoicesOf(s.id);
      const model = modelPeriods(key, '2027-01-31');
      expect(
        rows.map((r) => `${r.periodStart}..${r.periodEnd}`),
        key,
      ).toEqual(model.map((p) => `${p.start}..${p.end}`));
      for (const row of rows) {
        const period = { start: row.periodStart ?? '', end: row.periodEnd ?? '' };
        const from = s.terms.startDate > period.start ? s.terms.startDate : period.start;
        const amount = prorate(PRICE, period, from);
        expect(row.subtotal).toBe(amount);
        expect(row.tax).toBe(lineTax(amount, 1100));
        expect(row.total).toBe(amount + lineTax(amount, 1100));
        expect(row.status).toBe('issued');
        const lines = await env.deps.db
          .select()
          .from(invoiceLines)
          .where(eq(invoiceLines.invoiceId, row.id));
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({
          kind: from > period.start ? 'proration' : 'plan',
          amount,
          tax: row.tax,
        });
      }
    }

    // Spot checks of the rules.
    const mid = await invoicesOf(subs.mid?.id ?? '');
    expect(mid[0]).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      subtotal: 58_065n, // 150 000 × 12/31 = 58 064.5 -> half-up
      issueDate: '2026-01-13',
      dueDate: '2026-01-27',
    });
    expect(mid[1]).toMatchObject({ periodStart: '2026-02-01', subtotal: PRICE });
    const anniv = await invoicesOf(subs.anniv31?.id ?? '');
    expect(anniv.slice(0, 5).map((r) => r.periodStart)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
    ]);
    expect(anniv[1]?.periodEnd).toBe('2026-03-30');
    const day15 = await invoicesOf(subs.day15?.id ?? '');
    expect(day15[0]).toMatchObject({
      periodStart: '2026-01-15',
      periodEnd: '2026-02-14',
      issueDate: '2026-01-08',
      dueDate: '2026-01-22',
    });
    const post1 = await invoicesOf(subs.postpaid?.id ?? '');
    expect(post1[0]).toMatchObject({
      periodStart: '2026-01-01',
      periodEnd: '2026-01-31',
      issueDate: '2026-02-01',
      dueDate: '2026-02-08',
    });
    expect(post1.at(-1)?.periodStart).toBe('2026-12-01');
    const day1 = await invoicesOf(subs.day1?.id ?? '');
    expect(day1.at(-1)).toMatchObject({ periodStart: '2027-02-01', issueDate: '2027-01-25' });

    await expectGapless();
    const years = await rowsOf<{ y: string; n: string }>(
      env.deps.db.execute(
        sql`select extract(year from issue_date)::text as y, count(*)::text as n from invoices group by 1 order by 1`,
      ),
    );
    expect(years.map((r) => r.y)).toEqual(['2026', '2027']);
    const firstOf2027 = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.number, 'INV-2027-000001'));
    expect(firstOf2027[0]?.issueDate.startsWith('2027-')).toBe(true);
  }, 120_000);

  it('runs twice (concurrently on PostgreSQL) without a duplicate or a gap', async () => {
    const batch: string[] = [];
    for (let i = 0; i < 30; i++) {
      const s = await insertSubscription(env.deps, {
        routerId: (await firstRouterId()) ?? '',
        planId,
        username: `batch-${i}`,
      });
      await setSubscription(env.deps, s.id, {
        startDate: '2027-02-01',
        billingDay: i % 2 === 0 ? 1 : 15,
      });
      batch.push(s.id);
    }
    const asOf = '2027-02-10';
    const dry = await runInvoices(env.deps, systemContext(), { asOf, dryRun: true });
    expect(dry.count).toBeGreaterThanOrEqual(30);
    let counts: number[];
    if (usingPostgres) {
      const runs = await Promise.all([
        runInvoices(env.deps, systemContext(), { asOf, dryRun: false }),
        runInvoices(env.deps, systemContext(), { asOf, dryRun: false }),
      ]);
      counts = runs.map((r) => r.count);
    } else {
      counts = [];
      for (let i = 0; i < 2; i++) {
        counts.push((await runInvoices(env.deps, systemContext(), { asOf, dryRun: false })).count);
      }
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(dry.count);
    expect(counts).toContain(0);
    const dup = await rowsOf<{ n: string }>(
      env.deps.db.execute(
        sql`select count(*)::text as n from (select subscription_id, period_start from invoices group by 1, 2 having count(*) > 1) d`,
      ),
    );
    expect(dup[0]?.n).toBe('0');
    // Day 1: February. Day 15: 1-14 February prorated, and the period from the 15th.
    for (const [i, id] of batch.entries()) {
      expect((await invoicesOf(id)).map((r) => r.periodStart)).toEqual(
        i % 2 === 0 ? ['2027-02-01'] : ['2027-01-15', '2027-02-15'],
      );
    }
    await expectGapless();
  });

  it('computes proration and tax in SQL exactly as in TypeScript', async () => {
    const cases: [bigint, bigint, bigint][] = [];
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const b = BigInt(1 + rnd(366));
      cases.push([BigInt(rnd(2_000_000_000)), BigInt(rnd(Number(b) + 1)), b]);
      cases.push([BigInt(rnd(10_000_000)), BigInt(rnd(10_001)), 10_000n]);
    }
    const values = sql.join(
      cases.map(
        ([a, u, b]) =>
          sql`(${a.toString()}::bigint, ${u.toString()}::bigint, ${b.toString()}::bigint)`,
      ),
      sql`, `,
    );
    const rows = await rowsOf<{ r: bigint | string }>(
      env.deps.db.execute(
        sql`select ${sql.raw(divRoundHalfUpSql('v.a * v.u', 'v.b'))} as r from (values ${values}) as v(a, u, b)`,
      ),
    );
    expect(rows.map((r) => BigInt(r.r))).toEqual(
      cases.map(([a, u, b]) => divRoundHalfUp(a * u, b)),
    );
  });

  /** Each year's numbers are PREFIX-YYYY-000001 .. n with no hole. */
  async function expectGapless(): Promise<void> {
    const rows = await env.deps.db.select({ number: invoices.number }).from(invoices);
    const byYear = new Map<string, number[]>();
    for (const { number } of rows) {
      const [, year, n] = /^INV-(\d{4})-(\d{6})$/.exec(number ?? '') ?? [];
      const list = byYear.get(year ?? '?') ?? [];
      list.push(Number(n));
      byYear.set(year ?? '?', list);
    }
    for (const [year, list] of byYear) {
      list.sort((a, b) => a - b);
      expect(list, year).toEqual(list.map((_, i) => i + 1));
    }
    const counters = await rowsOf<{ year: number; last_number: bigint | string }>(
      env.deps.db.execute(sql`select year, last_number from invoice_counters`),
    );
    for (const c of counters) {
      expect(Number(c.last_number)).toBe(byYear.get(String(c.year))?.length ?? 0);
    }
  }

  async function firstRouterId(): Promise<string | undefined> {
    const rows = await rowsOf<{ id: string }>(
      env.deps.db.execute(sql`select id from routers limit 1`),
    );
    return rows[0]?.id;
  }

  /** The run's rule, restated over periods.ts: what a run on `d` must issue. */
  function dueOn(key: string, d: string): Period[] {
    const s = subs[key];
    if (!s) return [];
    const lead = 7;
    if (s.terms.startDate > addDays(d, lead)) return [];
    let k = 0;
    while (periodAt(s.terms, k + 1).start <= d) k++;
    while (periodAt(s.terms, k).start > d) k--;
    const ks = s.mode === 'prepaid' ? [k, k + 1] : [k - 1];
    return ks
      .map((i) => periodAt(s.terms, i))
      .filter((p) => p.end >= s.terms.startDate)
      .filter(
        (p) =>
          s.mode === 'postpaid' ||
          (s.terms.startDate > p.start ? s.terms.startDate : p.start) <= addDays(d, lead),
      );
  }

  function modelPeriods(key: string, last: string): Period[] {
    const seen = new Map<string, Period>();
    for (let d = '2026-01-01'; d <= last; d = addDays(d, 1)) {
      for (const p of dueOn(key, d)) seen.set(p.start, p);
    }
    return [...seen.values()].sort((a, b) => a.start.localeCompare(b.start));
  }

  const done = new Set<string>();
  function expectedOn(d: string): { key: string; period: Period }[] {
    const out: { key: string; period: Period }[] = [];
    for (const key of Object.keys(subs)) {
      for (const p of dueOn(key, d)) {
        if (done.has(`${key} ${p.start}`)) continue;
        out.push({ key, period: p });
      }
    }
    return out;
  }
});

describe('invoices API', () => {
  // Thirteen months later the first session has long expired.
  beforeAll(async () => {
    admin = await env.agentFor('admin');
  });
  async function get<T>(url: string, agent: Agent = admin, status = 200): Promise<T> {
    const res = await agent.request({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(status);
    return res.json<T>();
  }
  async function snapshot(): Promise<string> {
    const rows = await rowsOf<{ s: string }>(
      env.deps.db.execute(
        sql`select coalesce(string_agg(number || status || total || paid || coalesce(void_reason, ''), ',' order by number), '') as s from invoices`,
      ),
    );
    return rows[0]?.s ?? '';
  }

  it('lists with filters and cursor, shows lines, and a reseller sees only its customers', async () => {
    const all: InvoiceJson[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: InvoiceJson[]; nextCursor: string | null } = await get(
        `/api/v1/invoices?limit=17${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    const [{ n } = { n: '0' }] = await rowsOf<{ n: string }>(
      env.deps.db.execute(sql`select count(*)::text as n from invoices`),
    );
    expect(all).toHaveLength(Number(n));
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);

    const march = await get<{ data: InvoiceJson[] }>('/api/v1/invoices?period=2026-03&limit=200');
    expect(march.data.length).toBeGreaterThan(0);
    for (const i of march.data) expect(i.periodStart?.startsWith('2026-03')).toBe(true);

    const one = all[0];
    if (!one) throw new Error('no invoices');
    const bySub = await get<{ data: InvoiceJson[] }>(
      `/api/v1/invoices?subscriptionId=${one.subscriptionId}&status=issued&limit=200`,
    );
    for (const i of bySub.data) expect(i.subscriptionId).toBe(one.subscriptionId);

    const detail = await get<InvoiceJson>(`/api/v1/invoices/${one.id}`);
    expect(detail.lines).toHaveLength(1);
    expect(BigInt(detail.subtotal) + BigInt(detail.tax)).toBe(BigInt(detail.total));
    expect(detail.balanceDue).toBe(detail.total);

    const reseller = await env.agentFor('reseller');
    expect((await get<{ data: unknown[] }>('/api/v1/invoices', reseller)).data).toHaveLength(0);
    await get(`/api/v1/invoices/${one.id}`, reseller, 404);
    const dry = await reseller.request({
      method: 'POST',
      url: '/api/v1/invoices/run',
      payload: { dryRun: true },
    });
    expect(dry.statusCode).toBe(403);
  });

  it('voids an unpaid issued invoice with a reason; paid, void and unknown ones are refused', async () => {
    const [target, paid] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.status, 'issued'))
      .orderBy(invoices.number)
      .limit(2);
    if (!target || !paid) throw new Error('no invoices');
    await env.deps.db
      .update(invoices)
      .set({ status: 'paid', paid: paid.total })
      .where(eq(invoices.id, paid.id));

    const voided = await post<InvoiceJson & { voidReason: string }>(
      `/api/v1/invoices/${target.id}/void`,
      { reason: 'wrong plan price' },
      200,
    );
    expect(voided).toMatchObject({
      status: 'void',
      voidReason: 'wrong plan price',
      balanceDue: '0',
    });
    const audit = await get<{ data: unknown[] }>(
      `/api/v1/audit-logs?entityType=invoice&entityId=${target.id}&action=invoice.voided`,
    );
    expect(audit.data).toHaveLength(1);

    const before = await snapshot();
    const bad: [string, unknown, number][] = [
      [`/api/v1/invoices/${target.id}/void`, { reason: 'again' }, 409],
      [`/api/v1/invoices/${paid.id}/void`, { reason: 'paid already' }, 409],
      [`/api/v1/invoices/${crypto.randomUUID()}/void`, { reason: 'who?' }, 404],
      [`/api/v1/invoices/${paid.id}/void`, {}, 400],
      [`/api/v1/invoices/${paid.id}/void`, { reason: 'x' }, 400],
      ['/api/v1/invoices/run', {}, 400],
      ['/api/v1/invoices/run', { dryRun: false, asOf: '2027-02-30' }, 400],
      ['/api/v1/invoices/run', { dryRun: 'yes' }, 400],
      ['/api/v1/invoices/run', { dryRun: false, total: '-5' }, 400],
    ];
    for (const [url, payload, status] of bad) {
      const res = await admin.request({
        method: 'POST',
        url,
        payload: payload as Record<string, unknown>,
      });
      expect(res.statusCode, `${url} ${JSON.stringify(payload)}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const url of [
      '/api/v1/invoices?period=2026-13',
      '/api/v1/invoices?status=unpaid',
      '/api/v1/invoices?customerId=nope',
      '/api/v1/invoices/not-a-uuid',
    ]) {
      expect((await admin.request({ method: 'GET', url })).statusCode, url).toBe(400);
    }
    // Issued invoices cannot be edited: totals are not a field, and only drafts take changes.
    const patch = await admin.request({
      method: 'PATCH',
      url: `/api/v1/invoices/${paid.id}`,
      payload: { total: '1' },
    });
    expect(patch.statusCode).toBe(400);
    const edit = await admin.request({
      method: 'PATCH',
      url: `/api/v1/invoices/${paid.id}`,
      payload: { notes: 'changed' },
    });
    expect(edit.statusCode).toBe(409);
    expect(await snapshot()).toBe(before);

    // The run does not reissue a voided period by itself: reissuing is deliberate.
    const again = await runInvoices(env.deps, systemContext(), {
      asOf: target.issueDate,
      dryRun: true,
    });
    expect(again.count).toBe(0);
  });

  it('issues through the API (audited)', async () => {
    clock.set(at('2027-02-20'));
    admin = await env.agentFor('admin');
    const dry = await post<{ count: number; total: string }>(
      '/api/v1/invoices/run',
      { dryRun: true },
      200,
    );
    const real = await post<{ count: number; total: string; firstNumber: string | null }>(
      '/api/v1/invoices/run',
      { dryRun: false },
      200,
    );
    expect(real.count).toBe(dry.count);
    expect(real.total).toBe(dry.total);
    const audit = await get<{ data: { after: { count: number } }[] }>(
      '/api/v1/audit-logs?entityType=invoice_run&action=invoice.run',
    );
    expect(audit.data[0]?.after.count).toBe(real.count);
  });
});
