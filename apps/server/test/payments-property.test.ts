import fc from 'fast-check';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, invoices } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { DomainError } from '../src/lib/errors.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { planAllocation } from '../src/modules/payments/allocation.ts';
import { recordPayment, reversePaymentTx } from '../src/modules/payments/service.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';

const clock = new ManualClock('2026-03-10T05:00:00Z');
const TODAY = '2026-03-10';
let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv({ clock });
}, 60_000);
afterAll(async () => {
  await env.close();
});

const money = fc.bigInt({ min: 1n, max: 2_000_000n });

describe('allocation plan (pure)', () => {
  it('allocations + credit = amount, each allocation within its balance, nothing negative', () => {
    fc.assert(
      fc.property(
        money,
        fc.array(fc.record({ total: money, paidShare: fc.integer({ min: 0, max: 99 }) }), {
          maxLength: 8,
        }),
        (amount, specs) => {
          const open = specs.map((s, i) => ({
            id: `i${i}`,
            number: null,
            status: 'issued',
            total: s.total,
            paid: (s.total * BigInt(s.paidShare)) / 100n,
          }));
          const plan = planAllocation(amount, open);
          if (!plan.ok) return false;
          const allocated = plan.allocations.reduce((s, a) => s + a.amount, 0n);
          expect(allocated + plan.credited).toBe(amount);
          expect(plan.credited >= 0n).toBe(true);
          for (const a of plan.allocations) {
            const inv = open.find((o) => o.id === a.invoiceId)!;
            expect(a.amount > 0n && a.amount <= inv.total - inv.paid).toBe(true);
          }
          // Credit is left only when every open invoice is settled.
          if (plan.credited > 0n) {
            const due = open.reduce((s, o) => s + o.total - o.paid, 0n);
            expect(allocated).toBe(due);
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

type Op =
  | { kind: 'pay'; amount: bigint; pick: number[]; shares: number[] }
  | { kind: 'reverse'; which: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('pay' as const),
      amount: fc.bigInt({ min: 1n, max: 400_000n }),
      pick: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }),
      shares: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 3, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('reverse' as const), which: fc.nat() }),
  },
);

let customerSeq = 0;
const outcomes = { paid: 0, reversed: 0, refused: 0 };
let invoiceSeq = 0;

describe('money invariants over random payments and reversals (database)', () => {
  it('received = allocated + credited; paid = live allocations; statuses by the rule; credit never negative', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            total: fc.bigInt({ min: 1n, max: 300_000n }),
            due: fc.integer({ min: -20, max: 20 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        async (specs, ops) => {
          customerSeq += 1;
          const [c] = await env.deps.db
            .insert(customers)
            .values({ number: `P${String(customerSeq).padStart(6, '0')}`, name: 'Prop' })
            .returning({ id: customers.id });
          const customerId = c!.id;
          const ids: string[] = [];
          for (const s of specs) {
            invoiceSeq += 1;
            const due = new Date(Date.parse(`${TODAY}T00:00:00Z`) + s.due * 86_400_000)
              .toISOString()
              .slice(0, 10);
            const [row] = await env.deps.db
              .insert(invoices)
              .values({
                number: `PRP-2026-${String(invoiceSeq).padStart(6, '0')}`,
                customerId,
                kind: 'manual',
                issueDate: '2026-02-01',
                dueDate: due,
                status: due < TODAY ? 'overdue' : 'issued',
                subtotal: s.total,
                tax: 0n,
                total: s.total,
              })
              .returning({ id: invoices.id });
            ids.push(row!.id);
          }
          const paymentIds: string[] = [];
          for (const op of ops) {
            try {
              await env.deps.db.transaction(async (tx) => {
                if (op.kind === 'pay') {
                  const chosen = [...new Set(op.pick.map((i) => ids[i % ids.length]!))];
                  const current = chosen.length
                    ? await tx
                        .select({ id: invoices.id, total: invoices.total, paid: invoices.paid })
                        .from(invoices)
                        .where(sql`${invoices.id} in ${chosen}`)
                    : [];
                  const allocations = current.map((inv, i) => ({
                    invoiceId: inv.id,
                    // Sometimes above the balance due, to exercise the refusal.
                    amount: ((inv.total - inv.paid) * BigInt(op.shares[i] ?? 50)) / 100n,
                  }));
                  const r = await recordPayment(env.deps, tx, {
                    ctx: systemContext(),
                    customerId,
                    method: 'cash',
                    amount: op.amount,
                    cashierId: null,
                    ...(allocations.length ? { allocations } : {}),
                  });
                  paymentIds.push(r.payment.id);
                  outcomes.paid += 1;
                } else if (paymentIds.length) {
                  const id = paymentIds[op.which % paymentIds.length]!;
                  await reversePaymentTx(env.deps, tx, systemContext(), id, 'property test');
                  outcomes.reversed += 1;
                }
              });
            } catch (err) {
              // Refusals are fine (they must change nothing, checked by the invariants below).
              if (!(err instanceof DomainError)) throw err;
              outcomes.refused += 1;
            }
          }
          await checkInvariants(customerId);
        },
      ),
      { numRuns: 40 },
    );
    // The runs exercised every path, not only refusals.
    expect(outcomes.paid).toBeGreaterThan(40);
    expect(outcomes.reversed).toBeGreaterThan(5);
    expect(outcomes.refused).toBeGreaterThan(5);
  }, 120_000);
});

async function checkInvariants(customerId: string): Promise<void> {
  const invs = await rowsOf<{
    id: string;
    status: string;
    total: string;
    paid: string;
    due_date: string;
    live: string;
  }>(
    env.deps.db.execute(sql`
      select i.id, i.status, i.total::text, i.paid::text, i.due_date::text,
        coalesce(sum(a.amount) filter (where a.reversed_at is null), 0)::text as live
      from invoices i left join invoice_allocations a on a.invoice_id = i.id
      where i.customer_id = ${customerId}
      group by i.id`),
  );
  for (const i of invs) {
    const paid = BigInt(i.paid);
    const total = BigInt(i.total);
    expect(paid).toBe(BigInt(i.live));
    expect(paid >= 0n && paid <= total).toBe(true);
    const expected =
      paid === total
        ? 'paid'
        : i.due_date < TODAY
          ? 'overdue'
          : paid > 0n
            ? 'partially_paid'
            : 'issued';
    expect(i.status).toBe(expected);
  }
  const [m] = await rowsOf<{
    received: string;
    allocated: string;
    credited: string;
    reversed_live: string;
    ledger: string;
  }>(
    env.deps.db.execute(sql`
      select
        (select coalesce(sum(amount), 0) from payments where customer_id = ${customerId} and status = 'completed')::text as received,
        (select coalesce(sum(a.amount), 0) from invoice_allocations a join payments p on p.id = a.payment_id
          where p.customer_id = ${customerId} and p.status = 'completed' and a.reversed_at is null)::text as allocated,
        (select coalesce(sum(credited), 0) from payments where customer_id = ${customerId} and status = 'completed')::text as credited,
        (select count(*) from invoice_allocations a join payments p on p.id = a.payment_id
          where p.customer_id = ${customerId} and p.status = 'reversed' and a.reversed_at is null)::text as reversed_live,
        (select coalesce(sum(amount), 0) from credit_ledger where customer_id = ${customerId})::text as ledger`),
  );
  expect(BigInt(m!.received)).toBe(BigInt(m!.allocated) + BigInt(m!.credited));
  expect(m!.reversed_live).toBe('0');
  const [c] = await env.deps.db
    .select({ balance: customers.creditBalance })
    .from(customers)
    .where(eq(customers.id, customerId));
  expect(c!.balance).toBe(BigInt(m!.ledger));
  expect(c!.balance >= 0n).toBe(true);
  // Without credit spent elsewhere, the balance is exactly what live payments credited.
  expect(c!.balance).toBe(BigInt(m!.credited));
}
