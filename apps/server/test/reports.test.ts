import type { Simulator } from '@jaring/routeros/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  customers,
  invoiceAllocations,
  invoices,
  payments,
  sites,
  subscriptions,
  users,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertPlan, insertRouter } from './support/network-fixtures.ts';

/*
 * Hand-computed fixture (APP_TIMEZONE Asia/Jakarta, UTC+7):
 *
 * invoice  customer  plan  issued      due         subtotal  tax    total   paid    status
 * I1       c1 (A)    P1    2026-01-01  2026-01-08  100000    11000  111000  111000  paid      payment received 01-05
 * I2       c2 (-)    P2    2026-01-01  2026-01-08  200000    22000  222000  100000  partial   payment received 2026-01-31T18:00Z = 02-01 local
 * I3       c2 (-)    -     2026-02-10  2026-02-17   50000     5500   55500       0  overdue   payment 02-20, reversed 02-21
 * I4       c3 (A)    P1    2026-02-01  2026-02-08  100000    11000  111000       0  void      voided 2026-02-05
 * I5       c1 (A)    P1    2026-02-01  2026-02-08  100000    11000  111000  111000  paid      credit applied 2026-02-01T03:00Z
 * I6       c1 (A)    -     2026-02-15  2026-02-22   70000        0   70000       0  draft
 * I7       c3 (A)    P1    2026-03-01  2026-03-15  100000    11000  111000       0  issued
 * I8       c1 (A)    -     2025-11-01  2025-11-08   10000        0   10000       0  overdue
 */

const clock = new ManualClock('2026-03-10T02:00:00Z');
let env: TestEnv;
let finance: Agent;
let f1 = '';
let f2 = '';
const ids: Record<string, string> = {};

function at(iso: string): Date {
  return new Date(iso);
}

beforeAll(async () => {
  env = await createTestEnv({ clock });
  finance = await env.agentFor('finance');
  f1 = (await env.createUser('finance')).id;
  f2 = (await env.createUser('admin')).id;
  const db = env.deps.db;
  const router = await insertRouter(env.deps, {
    host: '127.0.0.1',
    port: 1,
    user: 'x',
    password: 'x',
  } as unknown as Simulator);
  ids.P1 = await insertPlan(env.deps, [router], { name: 'Home 10' });
  ids.P2 = await insertPlan(env.deps, [router], { name: 'Biz 50' });
  const [site] = await db
    .insert(sites)
    .values({ name: 'Cimahi', kind: 'area' })
    .returning({ id: sites.id });
  ids.A = site!.id;
  const customer = async (
    key: string,
    createdAt: string,
    siteId: string | null = null,
  ): Promise<void> => {
    const [c] = await db
      .insert(customers)
      .values({
        number: key.toUpperCase(),
        name: `Customer ${key}`,
        siteId,
        createdAt: at(createdAt),
      })
      .returning({ id: customers.id });
    ids[key] = c!.id;
  };
  await customer('c1', '2025-12-01T03:00:00Z', ids.A);
  await customer('c2', '2026-01-09T03:00:00Z');
  await customer('c3', '2026-02-02T03:00:00Z', ids.A);
  await customer('c4', '2026-02-09T03:00:00Z');
  // 00:30 on 1 March in Jakarta.
  await customer('c5', '2026-02-28T17:30:00Z');
  let n = 0;
  const subscription = async (
    key: string,
    customerKey: string,
    planKey: string,
    startDate: string,
    status = 'active',
    updatedAt?: string,
  ): Promise<void> => {
    n += 1;
    const [s] = await db
      .insert(subscriptions)
      .values({
        customerId: ids[customerKey]!,
        planId: ids[planKey]!,
        routerId: router,
        type: 'pppoe',
        username: `user${n}`,
        status,
        startDate,
        ...(updatedAt ? { updatedAt: at(updatedAt) } : {}),
      })
      .returning({ id: subscriptions.id });
    ids[key] = s!.id;
  };
  await subscription('s1', 'c1', 'P1', '2025-12-15');
  await subscription('s2', 'c2', 'P2', '2026-01-10');
  await subscription('s3', 'c3', 'P1', '2026-02-03');
  await subscription('s4', 'c4', 'P1', '2026-02-10', 'terminated', '2026-03-05T02:00:00Z');
  await subscription('s5', 'c2', 'P1', '2026-03-01', 'pending');
  // Terminated at 01:00 on 1 April in Jakarta: outside a range ending in March.
  await subscription('s6', 'c5', 'P1', '2026-03-02', 'terminated', '2026-03-31T18:00:00Z');

  let number = 0;
  const invoice = async (
    key: string,
    v: {
      customer: string;
      sub?: string;
      issue: string;
      due: string;
      subtotal: bigint;
      tax: bigint;
      paid?: bigint;
      status: string;
      voidedAt?: string;
    },
  ): Promise<void> => {
    number += 1;
    const [row] = await db
      .insert(invoices)
      .values({
        number: v.status === 'draft' ? null : `INV-R-${number}`,
        customerId: ids[v.customer]!,
        subscriptionId: v.sub ? ids[v.sub]! : null,
        kind: v.sub ? 'subscription' : 'manual',
        periodStart: v.sub ? v.issue : null,
        periodEnd: v.sub ? v.due : null,
        issueDate: v.issue,
        dueDate: v.due,
        status: v.status,
        subtotal: v.subtotal,
        tax: v.tax,
        total: v.subtotal + v.tax,
        paid: v.paid ?? 0n,
        ...(v.voidedAt ? { voidedAt: at(v.voidedAt), voidReason: 'wrong' } : {}),
      })
      .returning({ id: invoices.id });
    ids[key] = row!.id;
  };
  await invoice('I1', {
    customer: 'c1',
    sub: 's1',
    issue: '2026-01-01',
    due: '2026-01-08',
    subtotal: 100_000n,
    tax: 11_000n,
    paid: 111_000n,
    status: 'paid',
  });
  await invoice('I2', {
    customer: 'c2',
    sub: 's2',
    issue: '2026-01-01',
    due: '2026-01-08',
    subtotal: 200_000n,
    tax: 22_000n,
    paid: 100_000n,
    status: 'partially_paid',
  });
  await invoice('I3', {
    customer: 'c2',
    issue: '2026-02-10',
    due: '2026-02-17',
    subtotal: 50_000n,
    tax: 5_500n,
    status: 'overdue',
  });
  await invoice('I4', {
    customer: 'c3',
    sub: 's3',
    issue: '2026-02-01',
    due: '2026-02-08',
    subtotal: 100_000n,
    tax: 11_000n,
    status: 'void',
    voidedAt: '2026-02-05T03:00:00Z',
  });
  await invoice('I5', {
    customer: 'c1',
    sub: 's1',
    issue: '2026-02-01',
    due: '2026-02-08',
    subtotal: 100_000n,
    tax: 11_000n,
    paid: 111_000n,
    status: 'paid',
  });
  await invoice('I6', {
    customer: 'c1',
    issue: '2026-02-15',
    due: '2026-02-22',
    subtotal: 70_000n,
    tax: 0n,
    status: 'draft',
  });
  await invoice('I7', {
    customer: 'c3',
    sub: 's3',
    issue: '2026-03-01',
    due: '2026-03-15',
    subtotal: 100_000n,
    tax: 11_000n,
    status: 'issued',
  });
  await invoice('I8', {
    customer: 'c1',
    issue: '2025-11-01',
    due: '2025-11-08',
    subtotal: 10_000n,
    tax: 0n,
    status: 'overdue',
  });

  let receipt = 0;
  const payment = async (v: {
    customer: string;
    amount: bigint;
    received: string;
    cashier: string | null;
    allocate?: string;
    reversedAt?: string;
  }): Promise<void> => {
    receipt += 1;
    const [p] = await db
      .insert(payments)
      .values({
        number: `RCP-R-${receipt}`,
        customerId: ids[v.customer]!,
        method: v.cashier ? 'cash' : 'gateway',
        reference: v.cashier ? null : `gw-${receipt}`,
        amount: v.amount,
        credited: v.allocate ? 0n : v.amount,
        receivedAt: at(v.received),
        cashierId: v.cashier,
        status: v.reversedAt ? 'reversed' : 'completed',
        reversedAt: v.reversedAt ? at(v.reversedAt) : null,
        // Recorded a day after it was received: reports date money by its receipt.
        createdAt: new Date(at(v.received).getTime() + 86_400_000),
      })
      .returning({ id: payments.id });
    if (v.allocate) {
      await db.insert(invoiceAllocations).values({
        invoiceId: ids[v.allocate]!,
        paymentId: p!.id,
        source: 'payment',
        amount: v.amount,
        createdAt: new Date(at(v.received).getTime() + 86_400_000),
        reversedAt: v.reversedAt ? at(v.reversedAt) : null,
      });
    }
  };
  await payment({
    customer: 'c1',
    amount: 111_000n,
    received: '2026-01-05T03:00:00Z',
    cashier: f1,
    allocate: 'I1',
  });
  await payment({
    customer: 'c2',
    amount: 100_000n,
    received: '2026-01-31T18:00:00Z',
    cashier: f1,
    allocate: 'I2',
  });
  await payment({
    customer: 'c2',
    amount: 55_500n,
    received: '2026-02-20T03:00:00Z',
    cashier: f1,
    allocate: 'I3',
    reversedAt: '2026-02-21T03:00:00Z',
  });
  await payment({
    customer: 'c4',
    amount: 100_000n,
    received: '2026-02-20T10:00:00Z',
    cashier: f1,
  });
  await payment({ customer: 'c4', amount: 30_000n, received: '2026-02-20T17:30:00Z', cashier: f2 });
  await payment({
    customer: 'c5',
    amount: 45_000n,
    received: '2026-02-21T05:00:00Z',
    cashier: null,
  });
  await db.insert(invoiceAllocations).values({
    invoiceId: ids.I5!,
    source: 'credit',
    amount: 111_000n,
    createdAt: at('2026-02-01T03:00:00Z'),
  });
}, 60_000);

afterAll(async () => {
  await env.close();
});

async function get<T>(url: string, agent: Agent = finance): Promise<T> {
  const res = await agent.request({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
}

interface RevenueJson {
  rows: {
    key: string | null;
    label: string;
    invoiceCount: number;
    subtotal: string;
    tax: string;
    total: string;
    collected: string;
  }[];
  totals: { invoiceCount: number; subtotal: string; tax: string; total: string; collected: string };
}

describe('revenue', () => {
  it('by month: invoiced on issue date, collected on the day money arrived', async () => {
    const r = await get<RevenueJson>(
      '/api/v1/reports/revenue?from=2025-12&to=2026-03&groupBy=month',
    );
    expect(r.rows).toEqual([
      {
        key: '2025-12',
        label: '2025-12',
        invoiceCount: 0,
        subtotal: '0',
        tax: '0',
        total: '0',
        collected: '0',
      },
      {
        key: '2026-01',
        label: '2026-01',
        invoiceCount: 2,
        subtotal: '300000',
        tax: '33000',
        total: '333000',
        collected: '111000',
      },
      {
        key: '2026-02',
        label: '2026-02',
        invoiceCount: 2,
        subtotal: '150000',
        tax: '16500',
        total: '166500',
        collected: '211000',
      },
      {
        key: '2026-03',
        label: '2026-03',
        invoiceCount: 1,
        subtotal: '100000',
        tax: '11000',
        total: '111000',
        collected: '0',
      },
    ]);
    expect(r.totals).toEqual({
      invoiceCount: 5,
      subtotal: '550000',
      tax: '60500',
      total: '610500',
      collected: '322000',
    });
  });

  it('by plan and by area', async () => {
    const byPlan = await get<RevenueJson>(
      '/api/v1/reports/revenue?from=2026-01&to=2026-03&groupBy=plan',
    );
    expect(byPlan.rows).toEqual([
      {
        key: ids.P1,
        label: 'Home 10',
        invoiceCount: 3,
        subtotal: '300000',
        tax: '33000',
        total: '333000',
        collected: '222000',
      },
      {
        key: ids.P2,
        label: 'Biz 50',
        invoiceCount: 1,
        subtotal: '200000',
        tax: '22000',
        total: '222000',
        collected: '100000',
      },
      {
        key: null,
        label: 'Manual invoices (no plan)',
        invoiceCount: 1,
        subtotal: '50000',
        tax: '5500',
        total: '55500',
        collected: '0',
      },
    ]);
    const byArea = await get<RevenueJson>(
      '/api/v1/reports/revenue?from=2026-01&to=2026-03&groupBy=area',
    );
    expect(byArea.rows).toEqual([
      {
        key: ids.A,
        label: 'Cimahi',
        invoiceCount: 3,
        subtotal: '300000',
        tax: '33000',
        total: '333000',
        collected: '222000',
      },
      {
        key: null,
        label: 'No area',
        invoiceCount: 2,
        subtotal: '250000',
        tax: '27500',
        total: '277500',
        collected: '100000',
      },
    ]);
  });

  it('answers CSV with a BOM and a totals row', async () => {
    const res = await finance.request({
      method: 'GET',
      url: '/api/v1/reports/revenue?from=2026-01&to=2026-02&format=csv',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="revenue-month-2026-01-2026-02.csv"',
    );
    expect(res.body).toBe(
      '\uFEFFmonth,label,invoice_count,subtotal,tax,total,collected\r\n' +
        '2026-01,2026-01,2,300000,33000,333000,111000\r\n' +
        '2026-02,2026-02,2,150000,16500,166500,211000\r\n' +
        'total,,4,450000,49500,499500,322000\r\n',
    );
  });
});

interface OutstandingJson {
  asOf: string;
  buckets: { bucket: string; invoiceCount: number; amount: string }[];
  total: { invoiceCount: number; amount: string };
  topCustomers: {
    customerId: string;
    customerNumber: string;
    invoiceCount: number;
    amount: string;
    oldestDaysPastDue: number;
  }[];
}

describe('outstanding', () => {
  const buckets = (r: OutstandingJson): Record<string, [number, string]> =>
    Object.fromEntries(r.buckets.map((b) => [b.bucket, [b.invoiceCount, b.amount]]));

  it('ages today’s open balances and lists the customers owing most', async () => {
    const r = await get<OutstandingJson>('/api/v1/reports/outstanding');
    expect(r.asOf).toBe('2026-03-10');
    expect(buckets(r)).toEqual({
      current: [1, '111000'],
      '1-30': [1, '55500'],
      '31-60': [0, '0'],
      '61-90': [1, '122000'],
      '90+': [1, '10000'],
    });
    expect(r.total).toEqual({ invoiceCount: 4, amount: '298500' });
    expect(
      r.topCustomers.map((c) => [c.customerNumber, c.invoiceCount, c.amount, c.oldestDaysPastDue]),
    ).toEqual([
      ['C2', 2, '177500', 61],
      ['C3', 1, '111000', -5],
      ['C1', 1, '10000', 122],
    ]);
    const top1 = await get<OutstandingJson>('/api/v1/reports/outstanding?top=1');
    expect(top1.topCustomers).toHaveLength(1);
  });

  it('rebuilds balances as they stood on an earlier day', async () => {
    // End of 20 Feb: the I3 payment had not been reversed yet; I7 was not issued.
    const feb20 = await get<OutstandingJson>('/api/v1/reports/outstanding?asOf=2026-02-20');
    expect(buckets(feb20)).toEqual({
      current: [0, '0'],
      '1-30': [0, '0'],
      '31-60': [1, '122000'],
      '61-90': [0, '0'],
      '90+': [1, '10000'],
    });
    // 4 Feb: I4 was not voided yet; I2's payment (1 Feb local) had arrived.
    const feb4 = await get<OutstandingJson>('/api/v1/reports/outstanding?asOf=2026-02-04');
    expect(buckets(feb4)).toEqual({
      current: [1, '111000'],
      '1-30': [1, '122000'],
      '31-60': [0, '0'],
      '61-90': [1, '10000'],
      '90+': [0, '0'],
    });
    // 31 Jan local: the payment received at 01:00 on 1 Feb (Jakarta) had not arrived.
    const jan31 = await get<OutstandingJson>('/api/v1/reports/outstanding?asOf=2026-01-31');
    expect(buckets(jan31)['1-30']).toEqual([1, '222000']);
  });

  it('answers CSV', async () => {
    const res = await finance.request({
      method: 'GET',
      url: '/api/v1/reports/outstanding?format=csv&top=2',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(
      '\uFEFFbucket (as of 2026-03-10),invoice_count,amount\r\n' +
        'current,1,111000\r\n1-30,1,55500\r\n31-60,0,0\r\n61-90,1,122000\r\n90+,1,10000\r\n' +
        'total,4,298500\r\n\r\n' +
        'customer_number,customer_name,invoice_count,amount,oldest_days_past_due\r\n' +
        'C2,Customer c2,2,177500,61\r\nC3,Customer c3,1,111000,-5\r\n',
    );
  });
});

describe('collection, customers and cashiers', () => {
  it('collection rate per issue month', async () => {
    const r = await get<{ rows: unknown[] }>('/api/v1/reports/collection?from=2025-12&to=2026-03');
    expect(r.rows).toEqual([
      { month: '2025-12', invoiceCount: 0, invoiced: '0', collected: '0', rateBp: null },
      { month: '2026-01', invoiceCount: 2, invoiced: '333000', collected: '211000', rateBp: 6336 },
      { month: '2026-02', invoiceCount: 2, invoiced: '166500', collected: '111000', rateBp: 6666 },
      { month: '2026-03', invoiceCount: 1, invoiced: '111000', collected: '0', rateBp: 0 },
    ]);
    const csv = await finance.request({
      method: 'GET',
      url: '/api/v1/reports/collection?from=2026-01&to=2026-01&format=csv',
    });
    expect(csv.body).toBe(
      '\uFEFFmonth,invoice_count,invoiced,collected,rate_bp\r\n2026-01,2,333000,211000,6336\r\n',
    );
  });

  it('new and churned subscriptions and customers per month', async () => {
    const r = await get<{ rows: unknown[] }>('/api/v1/reports/customers?from=2026-01&to=2026-03');
    expect(r.rows).toEqual([
      {
        month: '2026-01',
        newSubscriptions: 1,
        churnedSubscriptions: 0,
        newCustomers: 1,
        churnedCustomers: 0,
      },
      {
        month: '2026-02',
        newSubscriptions: 2,
        churnedSubscriptions: 0,
        newCustomers: 2,
        churnedCustomers: 0,
      },
      {
        month: '2026-03',
        newSubscriptions: 1,
        churnedSubscriptions: 1,
        newCustomers: 1,
        churnedCustomers: 1,
      },
    ]);
    const april = await get<{ rows: unknown[] }>(
      '/api/v1/reports/customers?from=2026-04&to=2026-04',
    );
    expect(april.rows).toEqual([
      {
        month: '2026-04',
        newSubscriptions: 0,
        churnedSubscriptions: 1,
        newCustomers: 0,
        churnedCustomers: 1,
      },
    ]);
  });

  it('per cashier per day, in local days, with reversals', async () => {
    const r = await get<{ rows: Record<string, unknown>[]; totals: unknown; timezone: string }>(
      '/api/v1/reports/cashiers?from=2026-02-20&to=2026-02-21',
    );
    expect(r.timezone).toBe('Asia/Jakarta');
    const names = new Map(
      (await env.deps.db.select({ id: users.id, name: users.name }).from(users)).map((u) => [
        u.id,
        u.name,
      ]),
    );
    expect(r.rows).toEqual([
      {
        date: '2026-02-20',
        cashierId: f1,
        cashierName: names.get(f1),
        count: 2,
        total: '155500',
        reversedCount: 1,
        reversedTotal: '55500',
        net: '100000',
      },
      {
        date: '2026-02-21',
        cashierId: f2,
        cashierName: names.get(f2),
        count: 1,
        total: '30000',
        reversedCount: 0,
        reversedTotal: '0',
        net: '30000',
      },
      {
        date: '2026-02-21',
        cashierId: null,
        cashierName: null,
        count: 1,
        total: '45000',
        reversedCount: 0,
        reversedTotal: '0',
        net: '45000',
      },
    ]);
    expect(r.totals).toEqual({
      count: 4,
      total: '230500',
      reversedCount: 1,
      reversedTotal: '55500',
      net: '175000',
    });
    const csv = await finance.request({
      method: 'GET',
      url: '/api/v1/reports/cashiers?from=2026-02-21&to=2026-02-21&format=csv',
    });
    expect(csv.body).toMatch(
      /^\uFEFFdate,cashier,count,total,reversed_count,reversed_total,net\r\n2026-02-21,admin [^,]+,1,30000,0,0,30000\r\n2026-02-21,\(no cashier\),1,45000,0,0,45000\r\ntotal,,2,75000,0,0,75000\r\n$/,
    );
  });
});

describe('access and bad input', () => {
  it('needs reports:read', async () => {
    for (const role of ['reseller', 'technician', 'support'] as const) {
      const agent = await env.agentFor(role);
      const res = await agent.request({
        method: 'GET',
        url: '/api/v1/reports/revenue?from=2026-01&to=2026-01',
      });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('refuses bad query parameters with 400', async () => {
    for (const url of [
      '/api/v1/reports/revenue',
      '/api/v1/reports/revenue?from=2026-01',
      '/api/v1/reports/revenue?from=2026-13&to=2026-12',
      '/api/v1/reports/revenue?from=2026-03&to=2026-01',
      '/api/v1/reports/revenue?from=2020-01&to=2026-01',
      '/api/v1/reports/revenue?from=2026-01&to=2026-02&groupBy=site',
      '/api/v1/reports/revenue?from=2026-01&to=2026-02&format=xml',
      '/api/v1/reports/revenue?from=2026-01&to=2026-02&extra=1',
      '/api/v1/reports/outstanding?asOf=2026-02-30',
      '/api/v1/reports/outstanding?top=0',
      '/api/v1/reports/outstanding?top=abc',
      '/api/v1/reports/collection?from=2026-1&to=2026-02',
      '/api/v1/reports/customers?from=2026-02&to=2026-01',
      '/api/v1/reports/cashiers?from=2026-01-01',
      '/api/v1/reports/cashiers?from=2026-01-02&to=2026-01-01',
      '/api/v1/reports/cashiers?from=2025-01-01&to=2026-06-01',
    ]) {
      const res = await finance.request({ method: 'GET', url });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
