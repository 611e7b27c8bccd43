import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';

/*
 * Money invariants of the invoice run, for random plans, prices, tax rates, billing terms,
 * discounts, charges, credits and dates: every invoice's lines add up to its subtotal and tax,
 * total = subtotal + tax, each line's tax is amount × rate rounded half-up (mirrored for credits),
 * nothing ends negative, credit is spent at most once and never lost.
 */

const clock = new ManualClock('2026-01-01T03:00:00Z');
let env: TestEnv;
let routerId = '';

beforeAll(async () => {
  env = await createTestEnv({ clock });
  const [r] = await rowsOf<{ id: string }>(
    env.deps.db.execute(
      sql`insert into routers (name, addresses, port, transport, username, password_enc)
          values ('R prop', '{127.0.0.1}', 1, 'api', 'u', ${env.deps.secretBox.encrypt('p', 'routers.password')})
          returning id`,
    ),
  );
  routerId = r?.id ?? '';
}, 60_000);
afterAll(async () => {
  await env.close();
});

function hu(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = abs / b;
  const out = (abs % b) * 2n >= b ? q + 1n : q;
  return neg ? -out : out;
}

const DAY = 86_400_000;
const dateArb = (from: string, days: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: 0, max: days })
    .map((n) => new Date(Date.parse(`${from}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10));
const taxArb = fc.oneof(fc.constantFrom(0, 1000, 1100, 1200), fc.integer({ min: 0, max: 10_000 }));

const caseArb = fc.record({
  price: fc.oneof(fc.constantFrom(0, 1, 100_050, 150_000), fc.integer({ min: 0, max: 5_000_000 })),
  planTax: taxArb,
  period: fc.constantFrom('monthly', 'monthly', 'quarterly', 'yearly'),
  anchor: fc.constantFrom('fixed', 'anniversary'),
  billingDay: fc.integer({ min: 1, max: 31 }),
  mode: fc.constantFrom('prepaid', 'postpaid'),
  lead: fc.integer({ min: 0, max: 20 }),
  start: dateArb('2026-01-01', 400),
  runAfter: fc.integer({ min: 0, max: 120 }),
  discounts: fc.array(
    fc.record({
      fixed: fc.boolean(),
      amount: fc.integer({ min: 1, max: 6_000_000 }),
      bp: fc.integer({ min: 1, max: 10_000 }),
      startsOn: dateArb('2025-12-01', 500),
      length: fc.option(fc.integer({ min: 0, max: 200 })),
    }),
    { maxLength: 3 },
  ),
  adjustments: fc.array(
    fc.record({
      credit: fc.boolean(),
      quantity: fc.integer({ min: 1, max: 5 }),
      unit: fc.integer({ min: 1, max: 3_000_000 }),
      tax: taxArb,
      customerLevel: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  balance: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8_000_000 })),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

let serial = 0;

async function setUp(c: Case): Promise<{ customerId: string; subscriptionId: string }> {
  serial += 1;
  const db = env.deps.db;
  const [plan] = await rowsOf<{ id: string }>(
    db.execute(sql`insert into plans (name, type, profile_name, download_kbps, upload_kbps, price, tax_rate_bp, billing_period)
      values (${`P${serial}`}, 'pppoe', ${`jaring-p${serial}`}, 1000, 1000, ${c.price}, ${c.planTax}, ${c.period}) returning id`),
  );
  const [cust] = await rowsOf<{ id: string }>(
    db.execute(
      sql`insert into customers (number, name, credit_balance) values (${`Q${String(serial).padStart(6, '0')}`}, 'Prop', ${c.balance}) returning id`,
    ),
  );
  const customerId = cust?.id ?? '';
  if (c.balance > 0) {
    await db.execute(
      sql`insert into credit_ledger (customer_id, amount, reason) values (${customerId}, ${c.balance}, 'overpayment')`,
    );
  }
  const [sub] = await rowsOf<{ id: string }>(
    db.execute(sql`insert into subscriptions (customer_id, plan_id, router_id, type, username, status, start_date,
        billing_day, billing_anchor, billing_mode, invoice_lead_days)
      values (${customerId}, ${plan?.id}, ${routerId}, 'pppoe', ${`prop-${serial}`}, 'active', ${c.start},
        ${c.billingDay}, ${c.anchor}, ${c.mode}, ${c.lead}) returning id`),
  );
  const subscriptionId = sub?.id ?? '';
  for (const d of c.discounts) {
    const endsOn =
      d.length === null
        ? null
        : new Date(Date.parse(`${d.startsOn}T00:00:00Z`) + d.length * DAY)
            .toISOString()
            .slice(0, 10);
    await db.execute(sql`insert into discounts (subscription_id, description, kind, amount, percent_bp, starts_on, ends_on)
      values (${subscriptionId}, 'D', ${d.fixed ? 'fixed' : 'percent'}, ${d.fixed ? d.amount : null},
        ${d.fixed ? null : d.bp}, ${d.startsOn}, ${endsOn})`);
  }
  for (const [i, a] of c.adjustments.entries()) {
    await db.execute(sql`insert into billing_adjustments (customer_id, subscription_id, kind, description, quantity,
        unit_amount, tax_rate_bp, created_at)
      values (${customerId}, ${a.customerLevel ? null : subscriptionId}, ${a.credit ? 'credit' : 'one_off'}, 'A',
        ${a.credit ? 1 : a.quantity}, ${a.credit ? -a.unit : a.unit}, ${a.tax},
        ${new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString()}::timestamptz)`);
  }
  return { customerId, subscriptionId };
}

interface LineRow {
  invoice_id: string;
  kind: string;
  quantity: number;
  unit_amount: bigint | string;
  amount: bigint | string;
  tax_rate_bp: number;
  tax: bigint | string;
}
interface InvoiceRow {
  id: string;
  subtotal: bigint | string;
  tax: bigint | string;
  total: bigint | string;
  paid: bigint | string;
  status: string;
}

async function sumOf(q: ReturnType<typeof sql>): Promise<bigint> {
  const [r] = await rowsOf<{ s: string | null }>(env.deps.db.execute(q));
  return BigInt(r?.s ?? 0);
}

describe('invoice run money invariants', () => {
  it('hold for random plans, taxes, terms, discounts, charges, credits and dates', async () => {
    let issued = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const { customerId, subscriptionId } = await setUp(c);
        const creditAdjBefore = await sumOf(
          sql`select sum(quantity * unit_amount)::text as s from billing_adjustments where customer_id = ${customerId} and kind = 'credit'`,
        );
        const asOf = new Date(Date.parse(`${c.start}T00:00:00Z`) + c.runAfter * DAY)
          .toISOString()
          .slice(0, 10);
        const dry = await runInvoices(env.deps, systemContext(), { asOf, dryRun: true });
        const r = await runInvoices(env.deps, systemContext(), { asOf, dryRun: false });
        expect({ n: r.count, s: r.subtotal, t: r.tax }).toEqual({
          n: dry.count,
          s: dry.subtotal,
          t: dry.tax,
        });
        issued += r.count;

        const invs = await rowsOf<InvoiceRow>(
          env.deps.db.execute(
            sql`select id, subtotal, tax, total, paid, status from invoices where customer_id = ${customerId}`,
          ),
        );
        let totals = 0n;
        let paidSum = 0n;
        for (const inv of invs) {
          const lines = await rowsOf<LineRow>(
            env.deps.db.execute(
              sql`select * from invoice_lines where invoice_id = ${inv.id} order by position`,
            ),
          );
          expect(lines.length).toBeGreaterThan(0);
          let sub = 0n;
          let tax = 0n;
          let plan = 0n;
          let discount = 0n;
          for (const l of lines) {
            const amount = BigInt(l.amount);
            expect(amount).toBe(BigInt(l.unit_amount) * BigInt(l.quantity));
            expect(BigInt(l.tax)).toBe(hu(amount * BigInt(l.tax_rate_bp), 10_000n));
            if (l.kind === 'plan' || l.kind === 'proration' || l.kind === 'one_off') {
              expect(amount >= 0n).toBe(true);
            } else {
              expect(amount < 0n).toBe(true);
            }
            if (l.kind === 'plan' || (l.kind === 'proration' && plan === 0n && l === lines[0]))
              plan = amount;
            if (l.kind === 'discount') discount -= amount;
            sub += amount;
            tax += BigInt(l.tax);
          }
          expect(discount <= plan).toBe(true);
          expect(BigInt(inv.subtotal)).toBe(sub);
          expect(BigInt(inv.tax)).toBe(tax);
          expect(BigInt(inv.total)).toBe(sub + tax);
          expect(BigInt(inv.total) >= 0n).toBe(true);
          expect(BigInt(inv.paid) >= 0n && BigInt(inv.paid) <= BigInt(inv.total)).toBe(true);
          const p = BigInt(inv.paid);
          const t = BigInt(inv.total);
          expect(inv.status).toBe(p === t ? 'paid' : p > 0n ? 'partially_paid' : 'issued');
          totals += t;
          paidSum += p;
        }
        // Credit: spent on the new invoices up to their totals, never below zero, ledger agrees.
        const balance = await sumOf(
          sql`select credit_balance::text as s from customers where id = ${customerId}`,
        );
        const ledger = await sumOf(
          sql`select sum(amount)::text as s from credit_ledger where customer_id = ${customerId}`,
        );
        expect(balance).toBe(ledger);
        expect(balance >= 0n).toBe(true);
        const spent = BigInt(c.balance) < totals ? BigInt(c.balance) : totals;
        expect(paidSum).toBe(spent);
        expect(balance).toBe(BigInt(c.balance) - spent);
        // Credit adjustments are billed or carried, never lost or doubled.
        const creditAdjAfter = await sumOf(
          sql`select sum(quantity * unit_amount)::text as s from billing_adjustments where customer_id = ${customerId} and kind = 'credit'`,
        );
        expect(creditAdjAfter).toBe(creditAdjBefore);
        const billedCredit = await sumOf(
          sql`select sum(l.amount)::text as s from invoice_lines l join invoices i on i.id = l.invoice_id
              where i.customer_id = ${customerId} and l.kind = 'credit'`,
        );
        const stampedCredit = await sumOf(
          sql`select sum(quantity * unit_amount)::text as s from billing_adjustments
              where customer_id = ${customerId} and kind = 'credit' and invoice_id is not null`,
        );
        expect(billedCredit).toBe(stampedCredit);
        // Later samples must not bill this one again.
        await env.deps.db.execute(
          sql`update subscriptions set status = 'terminated' where id = ${subscriptionId}`,
        );
      }),
      { numRuns: 80, seed: 20261124 },
    );
    expect(issued).toBeGreaterThan(40);
    // The samples reached the interesting paths: credits cut and carried, discounts capped.
    const carried = await sumOf(
      sql`select count(*)::text as s from billing_adjustments where description like '%(carried over)'`,
    );
    expect(carried > 0n).toBe(true);
    const zeroTotals = await sumOf(sql`select count(*)::text as s from invoices where total = 0`);
    expect(zeroTotals > 0n).toBe(true);
  }, 240_000);
});
