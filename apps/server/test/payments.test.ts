import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogs,
  creditLedger,
  customers,
  dunningEvents,
  invoiceAllocations,
  invoices,
  payments,
  subscriptions,
} from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { recordPayment } from '../src/modules/payments/service.ts';
import { snapshotTables } from './support/db-snapshot.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { expectProblem, fixtures, ok, unique, type Fixtures } from './support/network.ts';

// 05:00 UTC is noon in Jakarta: the calendar day is the same in both.
const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let admin: Agent;
let finance: Agent;
let make: Fixtures;
let routerId = '';
let planId = '';

interface AllocationJson {
  invoiceId: string;
  invoiceNumber: string | null;
  amount: string;
  reversedAt: string | null;
}
interface PaymentJson {
  id: string;
  number: string;
  customerId: string;
  method: string;
  amount: string;
  allocated: string;
  credited: string;
  status: string;
  cashierId: string | null;
  cashierName: string | null;
  receivedAt: string;
  reversalReason: string | null;
  allocations: AllocationJson[];
}

const MONEY_TABLES = [
  'payments',
  'payment_counters',
  'invoice_allocations',
  'credit_ledger',
  'invoices',
  'customers',
  'subscriptions',
  'dunning_events',
  'audit_logs',
] as const;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  finance = await env.agentFor('finance');
  make = fixtures(admin);
  routerId = (await make.router()).id;
  planId = (await make.plan([routerId])).id;
}, 60_000);
afterAll(async () => {
  await env.close();
});

let invoiceSeq = 0;
async function invoice(
  customerId: string,
  total: bigint,
  opts: { dueDate?: string; status?: string; paid?: bigint; subscriptionId?: string } = {},
): Promise<{ id: string; number: string | null }> {
  invoiceSeq += 1;
  const status = opts.status ?? 'issued';
  const [row] = await env.deps.db
    .insert(invoices)
    .values({
      number: status === 'draft' ? null : `TST-2026-${String(invoiceSeq).padStart(6, '0')}`,
      customerId,
      kind: 'manual',
      issueDate: '2026-03-01',
      dueDate: opts.dueDate ?? '2026-03-20',
      status,
      subtotal: total,
      tax: 0n,
      total,
      paid: opts.paid ?? 0n,
      ...(status === 'void' ? { voidReason: 'test', voidedAt: clock.now() } : {}),
    })
    .returning({ id: invoices.id, number: invoices.number });
  if (!row) throw new Error('invoice insert failed');
  return row;
}

async function invoiceRow(id: string): Promise<typeof invoices.$inferSelect> {
  const [row] = await env.deps.db.select().from(invoices).where(eq(invoices.id, id));
  if (!row) throw new Error('no invoice');
  return row;
}

async function creditBalance(customerId: string): Promise<bigint> {
  const [row] = await env.deps.db
    .select({ b: customers.creditBalance })
    .from(customers)
    .where(eq(customers.id, customerId));
  return row?.b ?? -1n;
}

async function pay(body: Record<string, unknown>, as: Agent = finance): Promise<PaymentJson> {
  const res = await as.request({ method: 'POST', url: '/api/v1/payments', payload: body });
  return ok<PaymentJson>(res, 201);
}

async function newCustomer(): Promise<string> {
  return (await make.customer({ name: unique('Payer') })).id;
}

describe('recording cashier payments', () => {
  it('pays one invoice in full: receipt number, invoice paid, audited', async () => {
    const customerId = await newCustomer();
    const inv = await invoice(customerId, 166_500n);
    const p = await pay({
      customerId,
      method: 'cash',
      amount: '166500',
      allocations: [{ invoiceId: inv.id, amount: '166500' }],
    });
    expect(p).toMatchObject({
      number: 'RCP-2026-000001',
      method: 'cash',
      amount: '166500',
      allocated: '166500',
      credited: '0',
      status: 'completed',
      cashierId: finance.userId,
    });
    expect(p.allocations).toEqual([
      expect.objectContaining({ invoiceId: inv.id, invoiceNumber: inv.number, amount: '166500' }),
    ]);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'paid', paid: 166_500n });
    const audit = await env.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, p.id));
    expect(audit.map((a) => a.action)).toEqual(['payment.recorded']);
    expect(audit[0]?.actorId).toBe(finance.userId);

    // GET returns the same, with invoice numbers.
    const got = ok<PaymentJson>(
      await admin.request({ method: 'GET', url: `/api/v1/payments/${p.id}` }),
    );
    expect(got.allocations[0]?.invoiceNumber).toBe(inv.number);
  });

  it('without allocations pays the open invoices oldest due date first, the last one partly', async () => {
    const customerId = await newCustomer();
    const later = await invoice(customerId, 100_000n, { dueDate: '2026-04-20' });
    const oldest = await invoice(customerId, 100_000n, {
      dueDate: '2026-02-20',
      status: 'overdue',
    });
    const middle = await invoice(customerId, 100_000n, { dueDate: '2026-03-20' });
    const p = await pay({ customerId, method: 'transfer', amount: 250_000, reference: 'BCA-1' });
    expect(p.allocations.map((a) => [a.invoiceId, a.amount])).toEqual([
      [oldest.id, '100000'],
      [middle.id, '100000'],
      [later.id, '50000'],
    ]);
    expect(p.credited).toBe('0');
    expect(await invoiceRow(oldest.id)).toMatchObject({ status: 'paid', paid: 100_000n });
    expect(await invoiceRow(middle.id)).toMatchObject({ status: 'paid' });
    expect(await invoiceRow(later.id)).toMatchObject({ status: 'partially_paid', paid: 50_000n });

    // The rest of the last invoice, then more: the excess becomes credit.
    const p2 = await pay({ customerId, method: 'cash', amount: '80000' });
    expect(p2.allocations.map((a) => [a.invoiceId, a.amount])).toEqual([[later.id, '50000']]);
    expect(p2.credited).toBe('30000');
    expect(await invoiceRow(later.id)).toMatchObject({ status: 'paid', paid: 100_000n });
    expect(await creditBalance(customerId)).toBe(30_000n);
  });

  it('explicit partial allocations across several invoices; the unallocated rest is credit', async () => {
    const customerId = await newCustomer();
    const a = await invoice(customerId, 100_000n);
    const b = await invoice(customerId, 200_000n, { dueDate: '2026-03-01', status: 'overdue' });
    const p = await pay({
      customerId,
      method: 'cash',
      amount: '150000',
      allocations: [
        { invoiceId: a.id, amount: '40000' },
        { invoiceId: b.id, amount: 60_000 },
      ],
    });
    expect(p.allocated).toBe('100000');
    expect(p.credited).toBe('50000');
    expect(await invoiceRow(a.id)).toMatchObject({ status: 'partially_paid', paid: 40_000n });
    // Past its due date, still unpaid: stays overdue by the shared rule.
    expect(await invoiceRow(b.id)).toMatchObject({ status: 'overdue', paid: 60_000n });

    const credit = ok<{
      balance: string;
      entries: { amount: string; reason: string; paymentNumber: string | null }[];
    }>(await finance.request({ method: 'GET', url: `/api/v1/customers/${customerId}/credit` }));
    expect(credit.balance).toBe('50000');
    expect(credit.entries).toEqual([
      expect.objectContaining({ amount: '50000', reason: 'overpayment', paymentNumber: p.number }),
    ]);
  });

  it('a customer with nothing open: the whole amount is credit', async () => {
    const customerId = await newCustomer();
    const p = await pay({ customerId, method: 'cash', amount: '75000' });
    expect(p.allocations).toEqual([]);
    expect(p.credited).toBe('75000');
    expect(await creditBalance(customerId)).toBe(75_000n);
    const ledger = await env.deps.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.customerId, customerId));
    expect(ledger).toEqual([
      expect.objectContaining({ amount: 75_000n, reason: 'overpayment', paymentId: p.id }),
    ]);
  });

  it('receipt numbers are gapless per year, whatever failed in between', async () => {
    const customerId = await newCustomer();
    const before = await env.deps.db.select({ n: payments.number }).from(payments);
    const last = Math.max(...before.map((r) => Number(r.n.slice(-6))));
    const voided = await invoice(customerId, 10_000n, { status: 'void' });
    const bad = await finance.request({
      method: 'POST',
      url: '/api/v1/payments',
      payload: {
        customerId,
        method: 'cash',
        amount: '10000',
        allocations: [{ invoiceId: voided.id, amount: '10000' }],
      },
    });
    expectProblem(bad, 409, 'conflict');
    const p = await pay({ customerId, method: 'cash', amount: '1000' });
    expect(p.number).toBe(`RCP-2026-${String(last + 1).padStart(6, '0')}`);

    // A new year (in Jakarta) starts again at 1.
    const saved = clock.now();
    clock.set('2026-12-31T17:30:00Z');
    const ny = await env.deps.db.transaction((tx) =>
      recordPayment(env.deps, tx, {
        ctx: systemContext(),
        customerId,
        method: 'gateway',
        channel: 'midtrans:bca_va',
        reference: 'order-1',
        amount: 5000n,
        cashierId: null,
      }),
    );
    expect(ny.payment.number).toBe('RCP-2027-000001');
    expect(ny.duplicate).toBe(false);

    // A gateway repeating its notification records nothing new.
    const gatewayInput = {
      ctx: systemContext(),
      customerId,
      method: 'gateway' as const,
      channel: 'midtrans:bca_va',
      reference: 'order-1',
      amount: 5000n,
      cashierId: null,
    };
    const again = await env.deps.db.transaction((tx) => recordPayment(env.deps, tx, gatewayInput));
    expect(again).toMatchObject({ duplicate: true, payment: { id: ny.payment.id } });
    await expect(
      env.deps.db.transaction((tx) =>
        recordPayment(env.deps, tx, { ...gatewayInput, amount: 6000n }),
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(
      await env.deps.db.select().from(payments).where(eq(payments.reference, 'order-1')),
    ).toHaveLength(1);
    clock.set(saved);
  });
});

describe('bad input changes nothing', () => {
  it('refuses every bad payment with a clear 4xx and leaves the database as it was', async () => {
    const customerId = await newCustomer();
    const other = await newCustomer();
    const open = await invoice(customerId, 100_000n);
    const voided = await invoice(customerId, 100_000n, { status: 'void' });
    const draft = await invoice(customerId, 100_000n, { status: 'draft' });
    const paid = await invoice(customerId, 100_000n, { status: 'paid', paid: 100_000n });
    const foreign = await invoice(other, 100_000n);
    const support = await env.agentFor('support');
    const reseller = await env.agentFor('reseller');
    const technician = await env.agentFor('technician');

    const before = await snapshotTables(env.deps.db, MONEY_TABLES);
    const base = { customerId, method: 'cash', amount: '50000' };
    const cases: [string, Agent, Record<string, unknown>, number, string][] = [
      ['negative amount', finance, { ...base, amount: -5000 }, 400, 'validation_failed'],
      ['negative amount string', finance, { ...base, amount: '-5000' }, 400, 'validation_failed'],
      ['zero amount', finance, { ...base, amount: '0' }, 400, 'validation_failed'],
      ['fractional amount', finance, { ...base, amount: 1000.5 }, 400, 'validation_failed'],
      ['text amount', finance, { ...base, amount: 'lots' }, 400, 'validation_failed'],
      ['gateway by hand', finance, { ...base, method: 'gateway' }, 400, 'validation_failed'],
      ['unknown field', finance, { ...base, discount: 1 }, 400, 'validation_failed'],
      [
        'receivedAt in the future',
        finance,
        { ...base, receivedAt: '2026-03-11T05:00:00Z' },
        400,
        'validation_failed',
      ],
      [
        'allocations above the amount',
        finance,
        { ...base, allocations: [{ invoiceId: open.id, amount: '60000' }] },
        400,
        'validation_failed',
      ],
      [
        'the same invoice twice',
        finance,
        {
          ...base,
          allocations: [
            { invoiceId: open.id, amount: '10000' },
            { invoiceId: open.id, amount: '10000' },
          ],
        },
        400,
        'validation_failed',
      ],
      [
        'a zero allocation',
        finance,
        { ...base, allocations: [{ invoiceId: open.id, amount: '0' }] },
        400,
        'validation_failed',
      ],
      ['unknown customer', finance, { ...base, customerId: randomUUID() }, 404, 'not_found'],
      [
        'unknown invoice',
        finance,
        { ...base, allocations: [{ invoiceId: randomUUID(), amount: '1000' }] },
        404,
        'not_found',
      ],
      [
        'a void invoice',
        finance,
        { ...base, allocations: [{ invoiceId: voided.id, amount: '1000' }] },
        409,
        'conflict',
      ],
      [
        'a draft invoice',
        finance,
        { ...base, allocations: [{ invoiceId: draft.id, amount: '1000' }] },
        409,
        'conflict',
      ],
      [
        'a paid invoice',
        finance,
        { ...base, allocations: [{ invoiceId: paid.id, amount: '1000' }] },
        409,
        'conflict',
      ],
      [
        "another customer's invoice",
        finance,
        { ...base, allocations: [{ invoiceId: foreign.id, amount: '1000' }] },
        409,
        'conflict',
      ],
      [
        'an allocation above the balance due',
        finance,
        { ...base, amount: '150000', allocations: [{ invoiceId: open.id, amount: '100001' }] },
        409,
        'conflict',
      ],
      ['a support user', support, base, 403, 'forbidden'],
      ['a reseller', reseller, base, 403, 'forbidden'],
      ['a technician', technician, base, 403, 'forbidden'],
    ];
    for (const [name, as, payload, status, code] of cases) {
      const res = await as.request({ method: 'POST', url: '/api/v1/payments', payload });
      const problem = expectProblem(res, status, code);
      expect(typeof problem.detail === 'string' || typeof problem.title === 'string', name).toBe(
        true,
      );
    }
    expect(await snapshotTables(env.deps.db, MONEY_TABLES)).toEqual(before);

    // The messages say what is wrong.
    const voidRes = await finance.request({
      method: 'POST',
      url: '/api/v1/payments',
      payload: { ...base, allocations: [{ invoiceId: voided.id, amount: '1000' }] },
    });
    expect(voidRes.json<{ detail: string }>().detail).toMatch(/is void and cannot take a payment/);
    const over = await finance.request({
      method: 'POST',
      url: '/api/v1/payments',
      payload: {
        ...base,
        amount: '150000',
        allocations: [{ invoiceId: open.id, amount: '100001' }],
      },
    });
    const overBody = over.json<{ detail: string; errors: { path: string; code: string }[] }>();
    expect(overBody.detail).toMatch(/more than its balance due of 100000/);
    expect(overBody.errors).toEqual([
      expect.objectContaining({ path: 'allocations.0.amount', code: 'exceeds_balance_due' }),
    ]);

    // Reversals: support and resellers may not; unknown payment 404; reason required.
    const p = await pay({ customerId, method: 'cash', amount: '1000' });
    const mid = await snapshotTables(env.deps.db, MONEY_TABLES);
    for (const as of [support, reseller]) {
      expectProblem(
        await as.request({
          method: 'POST',
          url: `/api/v1/payments/${p.id}/reverse`,
          payload: { reason: 'wrong customer' },
        }),
        403,
      );
    }
    expectProblem(
      await finance.request({
        method: 'POST',
        url: `/api/v1/payments/${randomUUID()}/reverse`,
        payload: { reason: 'wrong customer' },
      }),
      404,
    );
    expectProblem(
      await finance.request({
        method: 'POST',
        url: `/api/v1/payments/${p.id}/reverse`,
        payload: {},
      }),
      400,
    );
    expect(await snapshotTables(env.deps.db, MONEY_TABLES)).toEqual(mid);
  });
});

describe('reversal', () => {
  it('takes back the allocations and the credit; invoices recompute; nothing is deleted', async () => {
    const customerId = await newCustomer();
    const a = await invoice(customerId, 100_000n, { dueDate: '2026-03-01' });
    const b = await invoice(customerId, 100_000n, { dueDate: '2026-03-25' });
    const earlier = await pay({
      customerId,
      method: 'cash',
      amount: '30000',
      allocations: [{ invoiceId: b.id, amount: '30000' }],
    });
    const p = await pay({ customerId, method: 'transfer', amount: '190000' });
    expect(p.allocations.map((x) => [x.invoiceId, x.amount])).toEqual([
      [a.id, '100000'],
      [b.id, '70000'],
    ]);
    expect(p.credited).toBe('20000');
    expect(await creditBalance(customerId)).toBe(20_000n);

    const reversed = ok<PaymentJson>(
      await finance.request({
        method: 'POST',
        url: `/api/v1/payments/${p.id}/reverse`,
        payload: { reason: 'transfer bounced' },
      }),
    );
    expect(reversed).toMatchObject({ status: 'reversed', reversalReason: 'transfer bounced' });
    expect(reversed.allocations.every((x) => x.reversedAt !== null)).toBe(true);
    // a was due 2026-03-01: overdue again. b keeps the earlier payment.
    expect(await invoiceRow(a.id)).toMatchObject({ status: 'overdue', paid: 0n });
    expect(await invoiceRow(b.id)).toMatchObject({ status: 'partially_paid', paid: 30_000n });
    expect(await creditBalance(customerId)).toBe(0n);
    const ledger = await env.deps.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.customerId, customerId))
      .orderBy(creditLedger.createdAt, creditLedger.amount);
    expect(ledger.map((l) => [l.reason, l.amount])).toEqual(
      expect.arrayContaining([
        ['overpayment', 20_000n],
        ['payment_reversed', -20_000n],
      ]),
    );
    const allocs = await env.deps.db
      .select()
      .from(invoiceAllocations)
      .where(eq(invoiceAllocations.paymentId, p.id));
    expect(allocs).toHaveLength(2);
    const actions = await env.deps.db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(eq(auditLogs.entityId, p.id));
    expect(actions.map((x) => x.action).sort()).toEqual(['payment.recorded', 'payment.reversed']);

    // Twice is refused; the earlier payment is untouched.
    expectProblem(
      await finance.request({
        method: 'POST',
        url: `/api/v1/payments/${p.id}/reverse`,
        payload: { reason: 'again' },
      }),
      409,
      'invalid_transition',
    );
    const e = ok<PaymentJson>(
      await finance.request({ method: 'GET', url: `/api/v1/payments/${earlier.id}` }),
    );
    expect(e.status).toBe('completed');
  });

  it('refuses when the credit it created has already been spent, and says so', async () => {
    const customerId = await newCustomer();
    const p = await pay({ customerId, method: 'cash', amount: '50000' });
    expect(p.credited).toBe('50000');
    // The invoice run applies credit to the next invoice (another slice): the same rows here.
    const next = await invoice(customerId, 120_000n);
    await env.deps.db.transaction(async (tx) => {
      await tx.insert(invoiceAllocations).values({
        invoiceId: next.id,
        source: 'credit',
        amount: 40_000n,
      });
      await tx.insert(creditLedger).values({
        customerId,
        amount: -40_000n,
        reason: 'applied',
        invoiceId: next.id,
      });
      await tx
        .update(customers)
        .set({ creditBalance: sql`${customers.creditBalance} - 40000` })
        .where(eq(customers.id, customerId));
      await tx
        .update(invoices)
        .set({ paid: 40_000n, status: 'partially_paid' })
        .where(eq(invoices.id, next.id));
    });
    const before = await snapshotTables(env.deps.db, MONEY_TABLES);
    const res = await finance.request({
      method: 'POST',
      url: `/api/v1/payments/${p.id}/reverse`,
      payload: { reason: 'counterfeit notes' },
    });
    const problem = expectProblem(res, 409, 'conflict');
    expect(problem.detail).toMatch(/40000 of it has already been applied/);
    expect(await snapshotTables(env.deps.db, MONEY_TABLES)).toEqual(before);
  });
});

describe('concurrency', () => {
  it('two simultaneous payments of the same invoice never over-allocate', async () => {
    const customerId = await newCustomer();
    const inv = await invoice(customerId, 100_000n);
    const other = await env.agentFor('finance');
    const body = {
      customerId,
      method: 'cash',
      amount: '100000',
      allocations: [{ invoiceId: inv.id, amount: '100000' }],
    };
    const [r1, r2] = await Promise.all([
      finance.request({ method: 'POST', url: '/api/v1/payments', payload: body }),
      other.request({ method: 'POST', url: '/api/v1/payments', payload: body }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([201, 409]);
    expect(await invoiceRow(inv.id)).toMatchObject({ status: 'paid', paid: 100_000n });

    // Without allocations, both go through: the second finds nothing open and becomes credit.
    const inv2 = await invoice(customerId, 100_000n);
    const auto = { customerId, method: 'cash', amount: '100000' };
    const [a1, a2] = await Promise.all([
      finance.request({ method: 'POST', url: '/api/v1/payments', payload: auto }),
      other.request({ method: 'POST', url: '/api/v1/payments', payload: auto }),
    ]);
    const both = [ok<PaymentJson>(a1, 201), ok<PaymentJson>(a2, 201)];
    expect(both.map((p) => p.credited).sort()).toEqual(['0', '100000']);
    expect(await invoiceRow(inv2.id)).toMatchObject({ status: 'paid', paid: 100_000n });
    expect(await creditBalance(customerId)).toBe(100_000n);
    const [sum] = await env.deps.db
      .select({ s: sql<string>`sum(amount)::text` })
      .from(invoiceAllocations)
      .where(eq(invoiceAllocations.invoiceId, inv.id));
    expect(sum?.s).toBe('100000');
  });
});

describe('lists and the cash report', () => {
  it('reports per cashier and method, with reversals, for one Jakarta day', async () => {
    const cashierB = await env.agentFor('finance');
    const customerId = await newCustomer();
    // 2026-03-10 in Jakarta: 2026-03-09T17:00Z .. 2026-03-10T17:00Z.
    await pay({ customerId, method: 'cash', amount: '10000', receivedAt: '2026-03-09T17:00:00Z' });
    await pay({ customerId, method: 'cash', amount: '20000', receivedAt: '2026-03-10T04:00:00Z' });
    const rev = await pay({ customerId, method: 'cash', amount: '5000' });
    await pay({ customerId, method: 'transfer', amount: '40000' });
    await pay({ customerId, method: 'cash', amount: '7000' }, cashierB);
    // The previous Jakarta day: not in the report.
    await pay({ customerId, method: 'cash', amount: '99000', receivedAt: '2026-03-09T16:59:59Z' });
    ok(
      await finance.request({
        method: 'POST',
        url: `/api/v1/payments/${rev.id}/reverse`,
        payload: { reason: 'wrong customer' },
      }),
    );
    // Only this test's customer's payments: everything else in this file was paid earlier but on
    // the same day, so compare only these cashiers' rows after subtracting the earlier figures.
    const report = ok<{
      date: string;
      rows: {
        cashierId: string | null;
        method: string;
        count: number;
        total: string;
        reversedCount: number;
        reversedTotal: string;
        net: string;
      }[];
      totals: { count: number; total: string; net: string };
    }>(
      await finance.request({ method: 'GET', url: '/api/v1/payments/cash-report?date=2026-03-10' }),
    );
    expect(report.date).toBe('2026-03-10');
    const rowB = report.rows.filter((r) => r.cashierId === cashierB.userId);
    expect(rowB).toEqual([
      {
        cashierId: cashierB.userId,
        cashierName: expect.any(String) as string,
        method: 'cash',
        count: 1,
        total: '7000',
        reversedCount: 0,
        reversedTotal: '0',
        net: '7000',
      },
    ]);
    // Cross-check finance's figures against the database, computed independently.
    const mine = await env.deps.db
      .select()
      .from(payments)
      .where(eq(payments.cashierId, finance.userId));
    const inDay = mine.filter(
      (p) =>
        p.receivedAt >= new Date('2026-03-09T17:00:00Z') &&
        p.receivedAt < new Date('2026-03-10T17:00:00Z'),
    );
    for (const method of ['cash', 'transfer']) {
      const ps = inDay.filter((p) => p.method === method);
      const total = ps.reduce((s, p) => s + p.amount, 0n);
      const rev = ps.filter((p) => p.status === 'reversed').reduce((s, p) => s + p.amount, 0n);
      expect(
        report.rows.find((r) => r.cashierId === finance.userId && r.method === method),
      ).toMatchObject({
        count: ps.length,
        total: total.toString(),
        reversedTotal: rev.toString(),
        net: (total - rev).toString(),
      });
    }
    const financeCash = report.rows.find(
      (r) => r.cashierId === finance.userId && r.method === 'cash',
    );
    expect(financeCash?.reversedCount).toBe(1);
    expect(report.totals.count).toBe(report.rows.reduce((s, r) => s + r.count, 0));

    // The previous day holds the 99000.
    const prev = ok<{ rows: { total: string }[] }>(
      await finance.request({ method: 'GET', url: '/api/v1/payments/cash-report?date=2026-03-09' }),
    );
    expect(prev.rows.map((r) => r.total)).toEqual(['99000']);
    expectProblem(
      await finance.request({ method: 'GET', url: '/api/v1/payments/cash-report?date=2026-02-30' }),
      400,
    );
    const support = await env.agentFor('support');
    expectProblem(
      await support.request({ method: 'GET', url: '/api/v1/payments/cash-report' }),
      403,
    );

    // The list: filters and keyset pages.
    const page1 = ok<{ data: PaymentJson[]; nextCursor: string | null }>(
      await finance.request({
        method: 'GET',
        url: `/api/v1/payments?customerId=${customerId}&limit=4`,
      }),
    );
    expect(page1.data).toHaveLength(4);
    const page2 = ok<{ data: PaymentJson[]; nextCursor: string | null }>(
      await finance.request({
        method: 'GET',
        url: `/api/v1/payments?customerId=${customerId}&limit=4&cursor=${page1.nextCursor ?? ''}`,
      }),
    );
    expect(page2.data).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.data, ...page2.data].map((p) => p.id)).size).toBe(6);
    const reversedOnly = ok<{ data: PaymentJson[] }>(
      await finance.request({
        method: 'GET',
        url: `/api/v1/payments?customerId=${customerId}&status=reversed`,
      }),
    );
    expect(reversedOnly.data.map((p) => p.id)).toEqual([rev.id]);
    const byCashier = ok<{ data: PaymentJson[] }>(
      await finance.request({
        method: 'GET',
        url: `/api/v1/payments?cashierId=${cashierB.userId}`,
      }),
    );
    expect(byCashier.data.map((p) => p.amount)).toEqual(['7000']);
    const onDay = ok<{ data: PaymentJson[] }>(
      await finance.request({
        method: 'GET',
        url: `/api/v1/payments?customerId=${customerId}&from=2026-03-09&to=2026-03-09`,
      }),
    );
    expect(onDay.data.map((p) => p.amount)).toEqual(['99000']);

    // A reseller sees only its own customers' payments.
    const reseller = await env.agentFor('reseller');
    const list = ok<{ data: PaymentJson[] }>(
      await reseller.request({ method: 'GET', url: '/api/v1/payments' }),
    );
    expect(list.data).toEqual([]);
    expectProblem(
      await reseller.request({ method: 'GET', url: `/api/v1/payments/${rev.id}` }),
      404,
    );
    expectProblem(
      await reseller.request({ method: 'GET', url: `/api/v1/customers/${customerId}/credit` }),
      404,
    );
  });
});

describe('restoration after payment', () => {
  it('lifts a dunning isolation once nothing is overdue, never a staff isolation', async () => {
    const customerId = await newCustomer();
    const sub = await make.subscription({
      customerId,
      planId,
      routerId,
      username: unique('dun'),
      activate: true,
    });
    const staffSub = await make.subscription({
      customerId,
      planId,
      routerId,
      username: unique('staff'),
      activate: true,
    });
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'isolated', isolatedBy: 'dunning' })
      .where(eq(subscriptions.id, sub.id));
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'isolated', isolatedBy: 'staff' })
      .where(eq(subscriptions.id, staffSub.id));
    const old = await invoice(customerId, 100_000n, { dueDate: '2026-02-10', status: 'overdue' });
    const older = await invoice(customerId, 100_000n, { dueDate: '2026-01-10', status: 'overdue' });

    // Paying one of two overdue invoices restores nothing.
    await pay({
      customerId,
      method: 'cash',
      amount: '100000',
      allocations: [{ invoiceId: old.id, amount: '100000' }],
    });
    const sub1 = await subRow(sub.id);
    expect(sub1).toMatchObject({ status: 'isolated', isolatedBy: 'dunning' });

    const revBefore = sub1.routerRevision;
    const p = await pay({ customerId, method: 'transfer', amount: '100000' });
    expect(p.allocations.map((a) => a.invoiceId)).toEqual([older.id]);
    const after = await subRow(sub.id);
    expect(after).toMatchObject({ status: 'active', isolatedBy: null });
    expect(after.routerRevision > revBefore).toBe(true);
    expect(await subRow(staffSub.id)).toMatchObject({ status: 'isolated', isolatedBy: 'staff' });
    const events = await env.deps.db
      .select()
      .from(dunningEvents)
      .where(eq(dunningEvents.subscriptionId, sub.id));
    expect(events).toEqual([
      expect.objectContaining({ kind: 'restore', key: `restore:${sub.id}:${p.id}`, customerId }),
    ]);
    const audit = await env.deps.db.select().from(auditLogs).where(eq(auditLogs.entityId, sub.id));
    expect(audit.map((a) => a.action)).toContain('subscription.restore');
  });
});

async function subRow(id: string): Promise<typeof subscriptions.$inferSelect> {
  const [row] = await env.deps.db.select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new Error('no subscription');
  return row;
}

describe('customers with billing history', () => {
  it('cannot be deleted once they have an invoice: 409 in_use, nothing removed', async () => {
    const customerId = await newCustomer();
    await invoice(customerId, 10_000n);
    const res = await admin.request({ method: 'DELETE', url: `/api/v1/customers/${customerId}` });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('in_use');
    const [still] = await env.deps.db.select().from(customers).where(eq(customers.id, customerId));
    expect(still?.id).toBe(customerId);
  });

  it('shows the credit balance and dunning fields on the customer', async () => {
    const customerId = await newCustomer();
    await pay({ customerId, method: 'cash', amount: '25000' });
    const res = await admin.request({ method: 'GET', url: `/api/v1/customers/${customerId}` });
    expect(res.json()).toMatchObject({
      creditBalance: '25000',
      dunningExempt: false,
      promiseToPayUntil: null,
      locale: 'id',
    });
  });
});

describe('invoice views for staff', () => {
  it('list rows name the customer; the detail lists what paid it', async () => {
    const customerId = await newCustomer();
    const inv = await invoice(customerId, 80_000n);
    const p = await pay({
      customerId,
      method: 'cash',
      amount: '30000',
      allocations: [{ invoiceId: inv.id, amount: '30000' }],
    });
    const list = ok<{ data: { id: string; customerName: string; customerNumber: string }[] }>(
      await admin.request({ method: 'GET', url: `/api/v1/invoices?customerId=${customerId}` }),
    );
    const [customer] = await env.deps.db
      .select()
      .from(customers)
      .where(eq(customers.id, customerId));
    expect(list.data).toEqual([
      expect.objectContaining({
        id: inv.id,
        customerName: customer?.name,
        customerNumber: customer?.number,
      }),
    ]);
    const detail = ok<{ allocations: unknown[] }>(
      await admin.request({ method: 'GET', url: `/api/v1/invoices/${inv.id}` }),
    );
    expect(detail.allocations).toEqual([
      expect.objectContaining({
        source: 'payment',
        paymentId: p.id,
        paymentNumber: p.number,
        amount: '30000',
        reversedAt: null,
      }),
    ]);
  });
});

describe('restoration of a dunning suspension', () => {
  it('a payment that clears the balance brings a suspended-by-dunning service back', async () => {
    const customerId = await newCustomer();
    const sub = await make.subscription({
      customerId,
      planId,
      routerId,
      username: unique('susp'),
      activate: true,
    });
    await env.deps.db
      .update(subscriptions)
      .set({ status: 'suspended', isolatedBy: 'dunning' })
      .where(eq(subscriptions.id, sub.id));
    await invoice(customerId, 40_000n, { dueDate: '2026-01-10', status: 'overdue' });
    await pay({ customerId, method: 'cash', amount: '40000' });
    const [after] = await env.deps.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, sub.id));
    expect(after).toMatchObject({ status: 'active', isolatedBy: null });
  });
});
