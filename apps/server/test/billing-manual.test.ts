import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogs, customers, invoices } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';

// 2026-04-10 09:00 in Jakarta.
const clock = new ManualClock('2026-04-10T02:00:00Z');
let env: TestEnv;
let admin: Agent;
let viewer: Agent;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  viewer = await env.agentFor('finance');
}, 60_000);
afterAll(async () => {
  await env.close();
});

async function call<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  status = 200,
  agent: Agent = admin,
): Promise<T> {
  const res = await agent.request({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return (res.body ? res.json<T>() : undefined) as T;
}

interface Inv {
  id: string;
  number: string | null;
  status: string;
  kind: string;
  subtotal: string;
  tax: string;
  total: string;
  paid: string;
  balanceDue: string;
  dueDate: string;
  issueDate: string;
  notes?: string | null;
  subscriptionId: string | null;
  periodStart: string | null;
  replacesInvoiceId: string | null;
  lines: { kind: string; amount: string; tax: string; quantity: number }[];
}

async function snapshot(): Promise<string> {
  const rows = await rowsOf<unknown>(
    env.deps.db.execute(
      sql`select (select json_agg(i order by i.id) from invoices i) as i,
        (select json_agg(l order by l.invoice_id, l.position) from invoice_lines l) as l,
        (select json_agg(c order by c.year) from invoice_counters c) as c,
        (select json_agg(a order by a.id) from billing_adjustments a) as a`,
    ),
  );
  return JSON.stringify(rows);
}

describe('manual invoices, reissue and plan-change proration', () => {
  it('drafts, edits, deletes, issues with the run counter, reissues', async () => {
    const router = await call<{ id: string }>(
      'POST',
      '/api/v1/routers',
      { name: 'R man', addresses: ['127.0.0.1'], port: 1, username: 'u', password: 'p' },
      201,
    );
    const slow = await call<{ id: string }>(
      'POST',
      '/api/v1/plans',
      {
        name: 'Slow',
        type: 'pppoe',
        downloadKbps: 5000,
        uploadKbps: 1000,
        price: '100000',
        routerIds: [router.id],
      },
      201,
    );
    const fast = await call<{ id: string }>(
      'POST',
      '/api/v1/plans',
      {
        name: 'Fast',
        type: 'pppoe',
        downloadKbps: 20_000,
        uploadKbps: 5000,
        price: '220000',
        routerIds: [router.id],
      },
      201,
    );
    const customer = await call<{ id: string }>('POST', '/api/v1/customers', { name: 'Budi' }, 201);
    const sub = await call<{ id: string }>(
      'POST',
      '/api/v1/subscriptions',
      {
        customerId: customer.id,
        planId: slow.id,
        routerId: router.id,
        username: 'budi',
        startDate: '2026-04-01',
        billingDay: 1,
      },
      201,
    );

    // A plan change before the period is invoiced adds nothing: the run bills the new plan.
    await call('POST', `/api/v1/subscriptions/${sub.id}/change-plan`, {
      planId: fast.id,
      effective: 'now',
    });
    expect(await call<unknown[]>('GET', `/api/v1/customers/${customer.id}/charges`)).toEqual([]);
    const run1 = await runInvoices(env.deps, systemContext(), { dryRun: false });
    expect(run1).toMatchObject({ count: 1, subtotal: 220_000n, firstNumber: 'INV-2026-000001' });

    // Back to Slow on 10 April, mid-period, after April was billed at 220 000: 21 of 30 days.
    await call('POST', `/api/v1/subscriptions/${sub.id}/change-plan`, {
      planId: slow.id,
      effective: 'now',
    });
    const adj = await call<{ kind: string; amount: string; status: string }[]>(
      'GET',
      `/api/v1/customers/${customer.id}/charges`,
    );
    expect(adj.map((a) => [a.kind, a.amount, a.status]).sort()).toEqual([
      ['credit', '-154000', 'pending'], // 220 000 × 21 / 30
      ['proration', '70000', 'pending'], // 100 000 × 21 / 30
    ]);
    await call(
      'DELETE',
      `/api/v1/customers/${customer.id}/charges/${(adj[0] as unknown as { id: string }).id}`,
      undefined,
      409,
    );

    // Scheduled changes follow the billing terms: day 15 moves the next period start.
    const sched = await call<{ nextPlanFrom: string }>(
      'POST',
      `/api/v1/subscriptions/${sub.id}/change-plan`,
      { planId: fast.id, effective: 'next_period' },
    );
    expect(sched.nextPlanFrom).toBe('2026-05-01');
    const moved = await call<{ nextPlanFrom: string; billingDay: number }>(
      'PATCH',
      `/api/v1/subscriptions/${sub.id}/billing`,
      { billingDay: 15 },
    );
    expect(moved).toMatchObject({ billingDay: 15, nextPlanFrom: '2026-04-15' });
    const audit = await env.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'subscription.billing_updated'));
    expect(audit).toHaveLength(1);
    await call('PATCH', `/api/v1/subscriptions/${sub.id}/billing`, { billingDay: 15 }, 403, viewer);

    // Bad manual invoices: 400/404, nothing written.
    const before = await snapshot();
    for (const body of [
      {},
      { customerId: customer.id, lines: [], dueDate: '2026-04-20' },
      {
        customerId: customer.id,
        lines: [{ description: 'x', unitAmount: '-1' }],
        dueDate: '2026-04-20',
      },
      {
        customerId: customer.id,
        lines: [{ description: 'x', unitAmount: '1', taxRateBp: 10_001 }],
        dueDate: '2026-04-20',
      },
      {
        customerId: customer.id,
        lines: [{ description: 'x', unitAmount: '1' }],
        dueDate: '2026-02-30',
      },
      {
        customerId: '00000000-0000-4000-8000-000000000000',
        lines: [{ description: 'x', unitAmount: '1' }],
        dueDate: '2026-04-20',
      },
    ]) {
      const res = await admin.request({ method: 'POST', url: '/api/v1/invoices', payload: body });
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(body)).toBeLessThan(500);
    }
    expect(await snapshot()).toBe(before);

    const draft = await call<Inv>(
      'POST',
      '/api/v1/invoices',
      {
        customerId: customer.id,
        lines: [
          { description: 'Cable 30 m', quantity: 3, unitAmount: '15050' }, // 45 150, tax 4 966.5 -> 4 967
          { description: 'Visit', unitAmount: 50_000, taxRateBp: 0 },
        ],
        dueDate: '2026-04-20',
        notes: 'Paid at the office',
      },
      201,
    );
    expect(draft).toMatchObject({
      number: null,
      status: 'draft',
      kind: 'manual',
      subtotal: '95150',
      tax: '4967',
      total: '100117',
      notes: 'Paid at the office',
    });
    const edited = await call<Inv>('PATCH', `/api/v1/invoices/${draft.id}`, {
      lines: [{ description: 'Cable 10 m', unitAmount: '15050' }],
      dueDate: '2026-04-25',
    });
    expect(edited).toMatchObject({
      subtotal: '15050',
      tax: '1656',
      total: '16706',
      dueDate: '2026-04-25',
    });
    expect(edited.lines).toHaveLength(1);
    const doomed = await call<Inv>(
      'POST',
      '/api/v1/invoices',
      {
        customerId: customer.id,
        lines: [{ description: 'Oops', unitAmount: '5' }],
        dueDate: '2026-04-25',
      },
      201,
    );
    await call('DELETE', `/api/v1/invoices/${doomed.id}`, undefined, 204);
    await call('GET', `/api/v1/invoices/${doomed.id}`, undefined, 404);

    // A subscription invoice reissued with a reason: the new one keeps the period and points back.
    const [april] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.number, 'INV-2026-000001'));
    await call('POST', `/api/v1/invoices/${april?.id}/reissue`, { reason: 'x' }, 400);
    const re = await call<Inv>('POST', `/api/v1/invoices/${april?.id}/reissue`, {
      reason: 'wrong plan billed',
      dueDate: '2026-04-30',
    });
    expect(re).toMatchObject({
      number: 'INV-2026-000002',
      kind: 'subscription',
      subscriptionId: sub.id,
      periodStart: '2026-04-01',
      replacesInvoiceId: april?.id,
      total: '244200',
      dueDate: '2026-04-30',
      status: 'issued',
    });
    expect(await call<Inv>('GET', `/api/v1/invoices/${april?.id}`)).toMatchObject({
      status: 'void',
      voidReason: 'wrong plan billed',
    });
    // The run does not bill the period again.
    expect(
      (await runInvoices(env.deps, systemContext(), { dryRun: true })).preview.map(
        (p) => p.periodStart,
      ),
    ).not.toContain('2026-04-01');

    // Credit is spent on issue, oldest invoice first: the reissued April invoice, then this one.
    // The manual invoice takes the next number of the counter the run uses.
    await env.deps.db.execute(
      sql`insert into credit_ledger (customer_id, amount, reason) values (${customer.id}, 250000, 'overpayment')`,
    );
    await env.deps.db
      .update(customers)
      .set({ creditBalance: 250_000n })
      .where(eq(customers.id, customer.id));
    const issued = await call<Inv>('POST', `/api/v1/invoices/${draft.id}/issue`);
    expect(issued).toMatchObject({
      number: 'INV-2026-000003',
      status: 'partially_paid',
      paid: '5800',
      balanceDue: '10906',
      issueDate: '2026-04-10',
    });
    expect(await call<Inv>('GET', `/api/v1/invoices/${re.id}`)).toMatchObject({
      status: 'paid',
      paid: '244200',
      balanceDue: '0',
    });
    const [bal] = await env.deps.db
      .select({ b: customers.creditBalance })
      .from(customers)
      .where(eq(customers.id, customer.id));
    expect(bal?.b).toBe(0n);
    await call('POST', `/api/v1/invoices/${draft.id}/issue`, undefined, 409);
    await call('PATCH', `/api/v1/invoices/${draft.id}`, { notes: 'x' }, 409);
    await call('DELETE', `/api/v1/invoices/${draft.id}`, undefined, 409);
    // Partly paid: it cannot be voided or reissued until the money is moved.
    await call('POST', `/api/v1/invoices/${draft.id}/reissue`, { reason: 'wrong cable' }, 409);

    // After the change to day 15 the periods are 15th to 14th. April (1st to 30th) is billed, so
    // the period from 15 April is charged from 1 May only (14 of 30 days, at the plan scheduled
    // for it), issued 7 days before 1 May, with the pending proration lines.
    clock.set('2026-04-20T02:00:00Z');
    admin = await env.agentFor('admin');
    expect((await runInvoices(env.deps, systemContext(), { dryRun: false })).count).toBe(0);
    clock.set('2026-04-24T02:00:00Z');
    admin = await env.agentFor('admin');
    const run2 = await runInvoices(env.deps, systemContext(), { dryRun: false });
    expect(run2.count).toBe(1);
    const [next] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.number, 'INV-2026-000004'));
    const detail = await call<Inv>('GET', `/api/v1/invoices/${next?.id}`);
    expect(detail).toMatchObject({
      periodStart: '2026-04-15',
      issueDate: '2026-04-24',
      dueDate: '2026-05-08',
    });
    expect(detail.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['proration', '102667'], // 220 000 × 14 / 30 = 102 666.67
      ['proration', '70000'],
      ['credit', '-154000'],
    ]);
    const all = await env.deps.db.select({ n: invoices.number }).from(invoices);
    expect(all.map((r) => r.n).sort()).toEqual([
      'INV-2026-000001',
      'INV-2026-000002',
      'INV-2026-000003',
      'INV-2026-000004',
    ]);
  }, 60_000);
});
