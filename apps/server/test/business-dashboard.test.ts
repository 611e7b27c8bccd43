import type { Simulator } from '@jaring/routeros/sim';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customers,
  gatewayTransactions,
  invoiceAllocations,
  invoices,
  payments,
  subscriptions,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertPlan, insertRouter } from './support/network-fixtures.ts';

/*
 * A small ISP over six months, written in Jakarta local time (UTC+7), with the edges that
 * matter: events a few minutes either side of midnight at a month boundary, a pending
 * subscription, one starting after "today", one terminated before it ever started, quarterly
 * and yearly plans, a voided and reissued invoice, a reversed payment, credit applied, drafts,
 * and online checkouts in every state. The expected figures are computed below by brute force
 * from these same fixture rows (one month at a time, one row at a time: no running sums), and
 * the headline ones are also written out by hand.
 */

const TZ_OFFSET = '+07:00';
/** A Jakarta wall-clock time. */
function jkt(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00${TZ_OFFSET}`);
}
/** The instant a Jakarta calendar day starts. */
function dayStart(day: string): Date {
  return jkt(`${day} 00:00`);
}
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function localDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

// "Now": 09:00 on 10 March 2026 in Jakarta.
const clock = new ManualClock(jkt('2026-03-10 09:00'));

type PlanKey = 'home' | 'biz' | 'quarter' | 'year';
const PLANS: Record<PlanKey, { price: bigint; period: 'monthly' | 'quarterly' | 'yearly' }> = {
  home: { price: 150_000n, period: 'monthly' },
  biz: { price: 300_000n, period: 'monthly' },
  quarter: { price: 400_000n, period: 'quarterly' },
  year: { price: 1_000_000n, period: 'yearly' },
};

interface SubFixture {
  key: string;
  plan: PlanKey;
  start: string;
  status: 'active' | 'isolated' | 'suspended' | 'pending' | 'terminated';
  terminatedAt?: Date;
}
const SUBS: SubFixture[] = [
  // Before the window, terminated before it too.
  {
    key: 'old',
    plan: 'home',
    start: '2025-09-01',
    status: 'terminated',
    terminatedAt: jkt('2025-11-15 10:00'),
  },
  { key: 's1', plan: 'home', start: '2025-10-05', status: 'active' },
  { key: 's2', plan: 'biz', start: '2025-11-20', status: 'isolated' },
  { key: 's3', plan: 'quarter', start: '2025-12-01', status: 'suspended' },
  // Started on the last day of December; terminated 00:30 on 1 February local (still 31 Jan UTC).
  {
    key: 's4',
    plan: 'home',
    start: '2025-12-31',
    status: 'terminated',
    terminatedAt: jkt('2026-02-01 00:30'),
  },
  {
    key: 's13',
    plan: 'home',
    start: '2025-12-10',
    status: 'terminated',
    terminatedAt: jkt('2026-03-10 08:00'),
  },
  {
    key: 's10',
    plan: 'home',
    start: '2026-01-10',
    status: 'terminated',
    terminatedAt: jkt('2026-03-05 10:00'),
  },
  { key: 's5', plan: 'year', start: '2026-01-15', status: 'active' },
  // Terminated 23:59 on 28 February local.
  {
    key: 's6',
    plan: 'home',
    start: '2026-02-01',
    status: 'terminated',
    terminatedAt: jkt('2026-02-28 23:59'),
  },
  { key: 's7', plan: 'biz', start: '2026-02-10', status: 'pending' },
  { key: 's8', plan: 'home', start: '2026-03-02', status: 'active' },
  // Starts after today: not yet a subscriber.
  { key: 's9', plan: 'home', start: '2026-03-20', status: 'active' },
  // Signed up for April, cancelled on 1 March: never started, neither new nor churned.
  {
    key: 's12',
    plan: 'biz',
    start: '2026-04-01',
    status: 'terminated',
    terminatedAt: jkt('2026-03-01 10:00'),
  },
];

interface InvoiceFixture {
  key: string;
  sub: string;
  issue: string;
  subtotal: bigint;
  status: 'issued' | 'partially_paid' | 'paid' | 'overdue' | 'void' | 'draft';
  voidedAt?: Date;
}
const INVOICES: InvoiceFixture[] = [
  { key: 'I11', sub: 's4', issue: '2025-11-01', subtotal: 150_000n, status: 'overdue' },
  { key: 'I1', sub: 's1', issue: '2025-12-01', subtotal: 150_000n, status: 'paid' },
  { key: 'I2', sub: 's2', issue: '2025-12-01', subtotal: 300_000n, status: 'partially_paid' },
  { key: 'I3', sub: 's3', issue: '2026-01-01', subtotal: 400_000n, status: 'overdue' },
  {
    key: 'I4',
    sub: 's1',
    issue: '2026-01-01',
    subtotal: 150_000n,
    status: 'void',
    voidedAt: jkt('2026-01-05 10:00'),
  },
  { key: 'I5', sub: 's1', issue: '2026-01-05', subtotal: 150_000n, status: 'paid' },
  { key: 'I6', sub: 's5', issue: '2026-01-15', subtotal: 1_000_000n, status: 'overdue' },
  { key: 'I7', sub: 's2', issue: '2026-02-01', subtotal: 300_000n, status: 'overdue' },
  { key: 'I8', sub: 's1', issue: '2026-02-01', subtotal: 150_000n, status: 'paid' },
  { key: 'I9', sub: 's6', issue: '2026-02-01', subtotal: 150_000n, status: 'draft' },
  // Paid in cash at 23:00 on 31 January, the day before it was issued.
  { key: 'I13', sub: 's3', issue: '2026-02-01', subtotal: 100_000n, status: 'paid' },
  { key: 'I10', sub: 's8', issue: '2026-03-02', subtotal: 150_000n, status: 'partially_paid' },
  { key: 'I12', sub: 's10', issue: '2026-03-10', subtotal: 150_000n, status: 'issued' },
];
const totalOf = (inv: InvoiceFixture): bigint => inv.subtotal + (inv.subtotal * 11n) / 100n;

interface PaymentFixture {
  sub: string;
  amount: bigint;
  received: Date;
  /** Invoice it settles (all of the amount); none: it went to credit. */
  invoice?: string;
  reversedAt?: Date;
}
const PAYMENTS: PaymentFixture[] = [
  { sub: 's1', amount: 166_500n, received: jkt('2025-12-03 10:00'), invoice: 'I1' },
  // 01:00 on 1 January local: January's money, though still 31 December in UTC.
  { sub: 's2', amount: 100_000n, received: jkt('2026-01-01 01:00'), invoice: 'I2' },
  {
    sub: 's5',
    amount: 1_110_000n,
    received: jkt('2026-01-16 10:00'),
    invoice: 'I6',
    reversedAt: jkt('2026-02-10 10:00'),
  },
  { sub: 's1', amount: 166_500n, received: jkt('2026-02-02 10:00'), invoice: 'I5' },
  { sub: 's9', amount: 25_000n, received: jkt('2026-02-14 10:00') },
  // 23:30 on 28 February local.
  { sub: 's8', amount: 50_000n, received: jkt('2026-02-28 23:30') },
  { sub: 's8', amount: 50_000n, received: jkt('2026-03-03 10:00'), invoice: 'I10' },
  { sub: 's3', amount: 111_000n, received: jkt('2026-01-31 23:00'), invoice: 'I13' },
  {
    sub: 's2',
    amount: 40_000n,
    received: jkt('2026-03-01 10:00'),
    reversedAt: jkt('2026-03-02 10:00'),
  },
];
/** Credit applied to an invoice (no payment): settles it, but is no money received. */
const CREDITS = [{ invoice: 'I8', amount: 166_500n, at: jkt('2026-02-01 10:00') }];

type GatewayStatus =
  | 'creating'
  | 'pending'
  | 'challenge'
  | 'paid'
  | 'failed'
  | 'expired'
  | 'refunded'
  | 'partially_refunded';
const CHECKOUTS: { at: Date; status: GatewayStatus }[] = [
  { at: jkt('2025-12-02 10:00'), status: 'paid' },
  { at: jkt('2025-12-05 10:00'), status: 'paid' },
  { at: jkt('2025-12-06 10:00'), status: 'failed' },
  { at: jkt('2026-01-03 10:00'), status: 'paid' },
  { at: jkt('2026-01-04 10:00'), status: 'expired' },
  { at: jkt('2026-01-05 10:00'), status: 'refunded' },
  { at: jkt('2026-01-06 10:00'), status: 'expired' },
  // 00:10 on 1 February local.
  { at: jkt('2026-02-01 00:10'), status: 'paid' },
  { at: jkt('2026-03-01 10:00'), status: 'paid' },
  { at: jkt('2026-03-02 10:00'), status: 'failed' },
  { at: jkt('2026-03-03 10:00'), status: 'pending' },
  { at: jkt('2026-03-04 10:00'), status: 'challenge' },
  { at: jkt('2026-03-05 10:00'), status: 'creating' },
  { at: jkt('2026-03-06 10:00'), status: 'partially_refunded' },
];

let env: TestEnv;
let finance: Agent;
const ids = new Map<string, string>();

beforeAll(async () => {
  env = await createTestEnv({ clock });
  finance = await env.agentFor('finance');
  const db = env.deps.db;
  const router = await insertRouter(env.deps, {
    host: '127.0.0.1',
    port: 1,
    user: 'x',
    password: 'x',
  } as unknown as Simulator);
  for (const [key, plan] of Object.entries(PLANS)) {
    ids.set(
      key,
      await insertPlan(env.deps, [router], {
        name: `Plan ${key}`,
        price: plan.price,
        billingPeriod: plan.period,
      }),
    );
  }
  let n = 0;
  for (const s of SUBS) {
    n += 1;
    const [c] = await db
      .insert(customers)
      .values({ number: `B${n}`, name: `Customer ${s.key}`, createdAt: dayStart(s.start) })
      .returning({ id: customers.id });
    ids.set(`customer:${s.key}`, c!.id);
    const [row] = await db
      .insert(subscriptions)
      .values({
        customerId: c!.id,
        planId: ids.get(s.plan)!,
        routerId: router,
        type: 'pppoe',
        username: `biz-${s.key}`,
        status: s.status,
        startDate: s.start,
        createdAt: dayStart(s.start),
        updatedAt: s.terminatedAt ?? dayStart(s.start),
      })
      .returning({ id: subscriptions.id });
    ids.set(s.key, row!.id);
  }
  const paidBy = new Map<string, bigint>();
  for (const p of PAYMENTS) {
    if (p.invoice && !p.reversedAt) paidBy.set(p.invoice, (paidBy.get(p.invoice) ?? 0n) + p.amount);
  }
  for (const c of CREDITS) paidBy.set(c.invoice, (paidBy.get(c.invoice) ?? 0n) + c.amount);
  n = 0;
  for (const inv of INVOICES) {
    n += 1;
    const tax = totalOf(inv) - inv.subtotal;
    const [row] = await db
      .insert(invoices)
      .values({
        number: inv.status === 'draft' ? null : `INV-B-${n}`,
        customerId: ids.get(`customer:${inv.sub}`)!,
        subscriptionId: inv.status === 'draft' ? null : ids.get(inv.sub)!,
        kind: inv.status === 'draft' ? 'manual' : 'subscription',
        periodStart: inv.status === 'draft' ? null : inv.issue,
        periodEnd: inv.status === 'draft' ? null : inv.issue,
        issueDate: inv.issue,
        dueDate: nextDay(inv.issue),
        status: inv.status,
        subtotal: inv.subtotal,
        tax,
        total: inv.subtotal + tax,
        paid: paidBy.get(inv.key) ?? 0n,
        ...(inv.voidedAt ? { voidedAt: inv.voidedAt, voidReason: 'wrong amount' } : {}),
      })
      .returning({ id: invoices.id });
    ids.set(inv.key, row!.id);
  }
  n = 0;
  for (const p of PAYMENTS) {
    n += 1;
    const [row] = await db
      .insert(payments)
      .values({
        number: `RCP-B-${n}`,
        customerId: ids.get(`customer:${p.sub}`)!,
        method: 'cash',
        amount: p.amount,
        credited: p.invoice ? 0n : p.amount,
        receivedAt: p.received,
        status: p.reversedAt ? 'reversed' : 'completed',
        reversedAt: p.reversedAt ?? null,
        // Recorded the next day: money is dated by when it arrived.
        createdAt: new Date(p.received.getTime() + 86_400_000),
      })
      .returning({ id: payments.id });
    if (p.invoice) {
      await db.insert(invoiceAllocations).values({
        invoiceId: ids.get(p.invoice)!,
        paymentId: row!.id,
        source: 'payment',
        amount: p.amount,
        createdAt: new Date(p.received.getTime() + 86_400_000),
        reversedAt: p.reversedAt ?? null,
      });
    }
  }
  for (const c of CREDITS) {
    await db.insert(invoiceAllocations).values({
      invoiceId: ids.get(c.invoice)!,
      source: 'credit',
      amount: c.amount,
      createdAt: c.at,
    });
  }
  n = 0;
  for (const g of CHECKOUTS) {
    n += 1;
    const invoiceId = ids.get('I7')!;
    await db.insert(gatewayTransactions).values({
      id: randomUUID(),
      gateway: 'midtrans',
      orderId: `ORDER-B-${n}`,
      invoiceIds: [invoiceId],
      invoiceKey: invoiceId,
      attempt: n,
      customerId: ids.get('customer:s2')!,
      status: g.status,
      amount: 333_000n,
      fee: 0n,
      total: 333_000n,
      createdAt: g.at,
      updatedAt: g.at,
    });
  }
}, 60_000);

afterAll(async () => {
  await env.close();
});

interface MonthJson {
  month: string;
  from: string;
  to: string;
  partial: boolean;
  activeSubscribers: number;
  newSubscriptions: number;
  churnedSubscriptions: number;
  churnRateBp: number | null;
  mrr: string;
  arpu: string | null;
  invoiceCount: number;
  invoiced: string;
  collected: string;
  collectionRateBp: number | null;
  outstanding: string;
  gatewayTransactions: { paid: number; failed: number; expired: number; pending: number };
  paymentSuccessRateBp: number | null;
  networkUptimePercent: number | null;
}
interface DashboardJson {
  asOf: string;
  timezone: string;
  currency: string;
  current: MonthJson;
  previous: MonthJson | null;
  trend: MonthJson[];
}

async function dashboard(query: string, agent: Agent = finance): Promise<DashboardJson> {
  const res = await agent.request({ method: 'GET', url: `/api/v1/reports/business${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DashboardJson>();
}

// --- The expected figures, by brute force over the fixture ---------------------------------

function halfUp(a: bigint, b: bigint): bigint {
  return (a * 2n + b) / (2n * b);
}
function bp(part: bigint, whole: bigint): number | null {
  return whole === 0n ? null : Number((part * 10_000n) / whole);
}
const MONTHS_PER_PERIOD = { monthly: 1n, quarterly: 3n, yearly: 12n } as const;

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
function monthsBack(asOf: string, count: number): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** Every figure of one month, straight from the definitions in the contract. */
function expectedMonth(month: string, asOf: string): MonthJson {
  const from = `${month}-01`;
  const to = lastDayOf(month) < asOf ? lastDayOf(month) : asOf;
  const end = dayStart(nextDay(to));
  const asOfEnd = dayStart(nextDay(asOf));
  const inMonth = (day: string): boolean => day >= from && day <= to;

  const started = SUBS.filter(
    (s) => s.status !== 'pending' && !(s.terminatedAt && localDay(s.terminatedAt) < s.start),
  );
  const active = started.filter((s) => s.start <= to && !(s.terminatedAt && s.terminatedAt < end));
  const opening = started.filter(
    (s) => s.start < from && !(s.terminatedAt && s.terminatedAt < dayStart(from)),
  );
  const added = started.filter((s) => inMonth(s.start)).length;
  const churned = started.filter((s) => s.terminatedAt && inMonth(localDay(s.terminatedAt))).length;
  // MRR by the long road: every subscription's exact monthly share in 1/12 rupiah.
  let twelfths = 0n;
  for (const s of active) {
    const plan = PLANS[s.plan];
    twelfths += (plan.price * 12n) / MONTHS_PER_PERIOD[plan.period];
  }

  const live = (inv: InvoiceFixture): boolean =>
    inv.status !== 'draft' && !(inv.status === 'void' && inv.voidedAt! < asOfEnd);
  const invoicedRows = INVOICES.filter((inv) => live(inv) && inMonth(inv.issue));
  const invoiced = invoicedRows.reduce((sum, inv) => sum + totalOf(inv), 0n);

  let outstanding = 0n;
  for (const inv of INVOICES) {
    if (inv.status === 'draft' || inv.issue > to) continue;
    if (inv.status === 'void' && inv.voidedAt! < end) continue;
    let paid = 0n;
    for (const p of PAYMENTS) {
      if (p.invoice === inv.key && p.received < end && !(p.reversedAt && p.reversedAt < end))
        paid += p.amount;
    }
    for (const c of CREDITS) if (c.invoice === inv.key && c.at < end) paid += c.amount;
    outstanding += totalOf(inv) - paid;
  }

  const collected = PAYMENTS.filter(
    (p) =>
      p.received >= dayStart(from) && p.received < end && !(p.reversedAt && p.reversedAt < asOfEnd),
  ).reduce((sum, p) => sum + p.amount, 0n);

  const checkouts = CHECKOUTS.filter((g) => g.at >= dayStart(from) && g.at < end);
  const count = (...statuses: GatewayStatus[]): number =>
    checkouts.filter((g) => statuses.includes(g.status)).length;
  const gateway = {
    paid: count('paid', 'refunded', 'partially_refunded'),
    failed: count('failed'),
    expired: count('expired'),
    pending: count('pending', 'challenge'),
  };

  return {
    month,
    from,
    to,
    partial: to < lastDayOf(month),
    activeSubscribers: active.length,
    newSubscriptions: added,
    churnedSubscriptions: churned,
    churnRateBp: bp(BigInt(churned), BigInt(opening.length)),
    mrr: halfUp(twelfths, 12n).toString(),
    arpu: active.length ? halfUp(twelfths, 12n * BigInt(active.length)).toString() : null,
    invoiceCount: invoicedRows.length,
    invoiced: invoiced.toString(),
    collected: collected.toString(),
    collectionRateBp: bp(collected, invoiced),
    outstanding: outstanding.toString(),
    gatewayTransactions: gateway,
    paymentSuccessRateBp: bp(
      BigInt(gateway.paid),
      BigInt(gateway.paid + gateway.failed + gateway.expired),
    ),
    networkUptimePercent: null,
  };
}

function expectedTrend(asOf: string, count: number): MonthJson[] {
  return monthsBack(asOf, count).map((month) => expectedMonth(month, asOf));
}

describe('business dashboard figures', () => {
  it('today, 12 months by default: every figure matches the definitions', async () => {
    const d = await dashboard('');
    expect(d.asOf).toBe('2026-03-10');
    expect(d.timezone).toBe('Asia/Jakarta');
    expect(d.currency).toBe('IDR');
    expect(d.trend).toHaveLength(12);
    expect(d.trend[0]!.month).toBe('2025-04');
    expect(d.trend).toEqual(expectedTrend('2026-03-10', 12));
    expect(d.current).toEqual(d.trend[11]);
    expect(d.previous).toEqual(d.trend[10]);
  });

  it('the headline figures, by hand', async () => {
    const d = await dashboard('?months=4');
    const [dec, jan, feb, mar] = d.trend as [MonthJson, MonthJson, MonthJson, MonthJson];
    // Month ends: Dec s1 s2 s3 s4 s13; Jan + s10 s5; Feb + s6 - s4 (1 Feb 00:30) - s6 (28 Feb
    // 23:59); Mar (to the 10th) + s8 - s10 - s13, s9 not started, s12 never started.
    expect([dec, jan, feb, mar].map((m) => m.activeSubscribers)).toEqual([5, 7, 6, 5]);
    expect([dec, jan, feb, mar].map((m) => m.newSubscriptions)).toEqual([3, 2, 1, 1]);
    expect([dec, jan, feb, mar].map((m) => m.churnedSubscriptions)).toEqual([0, 0, 2, 2]);
    // February: 2 of the 7 January ended with; March: 2 of 6.
    expect(feb.churnRateBp).toBe(2857);
    expect(mar.churnRateBp).toBe(3333);
    // 10 March: s1 150k + s2 300k + s3 400k/3 + s5 1,000k/12 + s8 150k = 816,666.67.
    expect(mar.mrr).toBe('816667');
    expect(mar.arpu).toBe('163333');
    // January: I3 444,000 + I5 166,500 + I6 1,110,000 (I4 voided, excluded).
    expect(jan.invoiced).toBe('1720500');
    expect(jan.invoiceCount).toBe(3);
    // January's cash: 100,000 (01:00 on 1 Jan) + 111,000 (23:00 on 31 Jan); the 1,110,000 of
    // 16 Jan was reversed since.
    expect(jan.collected).toBe('211000');
    // February: 166,500 + 25,000 + 50,000 (23:30 on 28 Feb); credit applied is no cash.
    expect(feb.collected).toBe('241500');
    // I7 333,000 + I8 166,500 + I13 111,000 (the draft does not count).
    expect(feb.invoiced).toBe('610500');
    expect(feb.collectionRateBp).toBe(3955);
    // 31 January: I11 166,500 + I2 233,000 + I3 444,000 + I5 166,500; I6 was paid then. I13,
    // issued on 1 February, is not owed yet, and the cash that paid it the night before does
    // not count against anything yet either.
    expect(jan.outstanding).toBe('1010000');
    // 10 March: I11 166,500 + I2 233,000 + I3 444,000 + I6 1,110,000 + I7 333,000
    // + I10 116,500 + I12 166,500.
    expect(mar.outstanding).toBe('2569500');
    expect(jan.gatewayTransactions).toEqual({ paid: 2, failed: 0, expired: 2, pending: 0 });
    expect(jan.paymentSuccessRateBp).toBe(5000);
    expect(feb.gatewayTransactions.paid).toBe(1);
    expect(mar.gatewayTransactions).toEqual({ paid: 2, failed: 1, expired: 0, pending: 2 });
    expect(mar.paymentSuccessRateBp).toBe(6666);
    expect(mar).toMatchObject({ from: '2026-03-01', to: '2026-03-10', partial: true });
    expect(feb).toMatchObject({ from: '2026-02-01', to: '2026-02-28', partial: false });
    expect(d.trend.every((m) => m.networkUptimePercent === null)).toBe(true);
  });

  it('rebuilds earlier days: as it stood at the end of asOf', async () => {
    for (const [asOf, months] of [
      ['2026-02-28', 3],
      ['2026-02-09', 6],
      ['2026-01-31', 12],
      ['2026-01-04', 2],
      ['2025-12-31', 1],
    ] as const) {
      const d = await dashboard(`?asOf=${asOf}&months=${months}`);
      expect(d.asOf).toBe(asOf);
      expect(d.trend, asOf).toEqual(expectedTrend(asOf, months));
      expect(d.previous, asOf).toEqual(months > 1 ? d.trend[months - 2] : null);
    }
    // On 9 February the 1,110,000 of 16 January had not been reversed yet: it still counts.
    const feb9 = await dashboard('?asOf=2026-02-09&months=2');
    expect(feb9.previous!.collected).toBe('1321000');
    // On 4 January I4 (voided on the 5th) still counted.
    const jan4 = await dashboard('?asOf=2026-01-04&months=1');
    expect(jan4.current.invoiced).toBe('610500');
    // 28 February: s6 (terminated 23:59 that day) is gone, s13 (10 March) still counted.
    const feb28 = await dashboard('?asOf=2026-02-28&months=1');
    expect(feb28.current.activeSubscribers).toBe(6);
    expect(feb28.current.partial).toBe(false);
  });

  it('month ends agree with the outstanding report, new subscriptions with the movement report', async () => {
    const d = await dashboard('?months=6');
    const movement = await finance.request({
      method: 'GET',
      url: '/api/v1/reports/customers?from=2025-10&to=2026-03',
    });
    const rows = movement.json<{ rows: { month: string; newSubscriptions: number }[] }>().rows;
    for (const m of d.trend) {
      const aging = await finance.request({
        method: 'GET',
        url: `/api/v1/reports/outstanding?asOf=${m.to}`,
      });
      expect(aging.json<{ total: { amount: string } }>().total.amount, m.month).toBe(m.outstanding);
      // The movement report counts whole months: March there includes s9, starting on the 20th.
      if (!m.partial) {
        expect(rows.find((r) => r.month === m.month)!.newSubscriptions, m.month).toBe(
          m.newSubscriptions,
        );
      }
    }
  });
});

describe('access and bad input', () => {
  it('owner, admin and finance may read it; support, technician and reseller may not', async () => {
    for (const role of ['owner', 'admin'] as const) {
      await dashboard('?months=1', await env.agentFor(role));
    }
    for (const role of ['support', 'technician', 'reseller'] as const) {
      const agent = await env.agentFor(role);
      const res = await agent.request({ method: 'GET', url: '/api/v1/reports/business' });
      expect(res.statusCode, role).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const anonymous = await env.app.inject({ method: 'GET', url: '/api/v1/reports/business' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses bad query parameters with a 400 problem', async () => {
    for (const query of [
      'months=0',
      'months=100',
      'months=37',
      'months=-1',
      'months=1.5',
      'months=abc',
      'asOf=garbage',
      'asOf=2026-02-30',
      'asOf=2026-3-1',
      // Tomorrow (Jakarta): the future has no figures yet.
      'asOf=2026-03-11',
      'extra=1',
    ]) {
      const res = await finance.request({
        method: 'GET',
        url: `/api/v1/reports/business?${query}`,
      });
      expect(res.statusCode, `${query}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code, query).toBe('validation_failed');
    }
    expect((await dashboard('?months=36')).trend).toHaveLength(36);
  });
});
