import { runIdPrefix } from './invoice-run.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysInclusive,
  fromDayNumber,
  periodAt,
  periodContaining,
  periodIndexOf,
  type BillingTerms,
} from './periods.ts';
import { planChangeLines, prorate } from './proration.ts';
import { divRoundHalfUp, invoiceTotals, lineTax } from './tax.ts';

const isoDate = fc
  .integer({ min: 18_000, max: 25_000 }) // 2019 .. 2038
  .map(fromDayNumber);

const terms: fc.Arbitrary<BillingTerms> = fc.record({
  startDate: isoDate,
  anchor: fc.constantFrom('fixed' as const, 'anniversary' as const),
  billingDay: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
  period: fc.constantFrom('monthly' as const, 'quarterly' as const, 'yearly' as const),
});

const t = (over: Partial<BillingTerms>): BillingTerms => ({
  startDate: '2026-01-01',
  anchor: 'fixed',
  billingDay: null,
  period: 'monthly',
  ...over,
});

describe('billing periods', () => {
  it('fixed day 1 and 15, monthly', () => {
    expect(periodContaining(t({}), '2026-02-10')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodContaining(t({ billingDay: 15 }), '2026-02-10')).toEqual({
      start: '2026-01-15',
      end: '2026-02-14',
    });
    expect(periodContaining(t({ billingDay: 15 }), '2026-02-15')).toEqual({
      start: '2026-02-15',
      end: '2026-03-14',
    });
  });

  it('anniversary on the 31st clamps to short months without drifting', () => {
    const a = t({ startDate: '2026-01-31', anchor: 'anniversary' });
    const starts = [0, 1, 2, 3, 4].map((k) => periodAt(a, k).start);
    expect(starts).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']);
    expect(periodAt(a, 1).end).toBe('2026-03-30');
    expect(periodAt(t({ startDate: '2028-01-31', anchor: 'anniversary' }), 1).start).toBe(
      '2028-02-29',
    );
  });

  it('quarterly and yearly', () => {
    expect(periodContaining(t({ period: 'quarterly' }), '2026-05-20')).toEqual({
      start: '2026-04-01',
      end: '2026-06-30',
    });
    expect(
      periodContaining(
        t({ period: 'yearly', startDate: '2026-03-09', anchor: 'anniversary' }),
        '2027-03-08',
      ),
    ).toEqual({
      start: '2026-03-09',
      end: '2027-03-08',
    });
  });

  it('every date lies in exactly one period and periods tile the calendar', () => {
    fc.assert(
      fc.property(terms, fc.integer({ min: 0, max: 800 }), (tt, offset) => {
        const date = addDays(tt.startDate, offset);
        const k = periodIndexOf(tt, date);
        const p = periodAt(tt, k);
        expect(p.start <= date && date <= p.end).toBe(true);
        expect(periodAt(tt, k + 1).start).toBe(addDays(p.end, 1));
        // The start is the anchor day, clamped to the month's end.
        const anchor =
          tt.anchor === 'anniversary' ? Number(tt.startDate.slice(8)) : (tt.billingDay ?? 1);
        const day = Number(p.start.slice(8));
        expect(day === anchor || (day < anchor && addDays(p.start, 1).slice(8) === '01')).toBe(
          true,
        );
      }),
    );
  });
});

describe('proration and tax', () => {
  it('prorates half-up in bigint', () => {
    const feb = { start: '2026-02-01', end: '2026-02-28' };
    expect(prorate(150_000n, feb, '2026-02-15')).toBe(75_000n);
    expect(prorate(100_000n, { start: '2026-01-01', end: '2026-01-31' }, '2026-01-21')).toBe(
      35_484n,
    ); // 35483.87
    expect(prorate(100_000n, feb)).toBe(100_000n);
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(lineTax(150_000n, 1100)).toBe(16_500n);
    expect(lineTax(35_484n, 1100)).toBe(3_903n); // 3903.24
    expect(lineTax(45n, 1100)).toBe(5n); // 4.95
  });

  it('prorated amounts stay within 0..price and add up over a split period', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        terms,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 400 }),
        (price, tt, o1, o2) => {
          const p = periodContaining(tt, addDays(tt.startDate, o1));
          const len = daysInclusive(p.start, p.end);
          const from = addDays(p.start, o2 % len);
          const part = prorate(price, p, from);
          expect(part >= 0n && part <= price).toBe(true);
          if (from > p.start) {
            const before = prorate(price, p, p.start, addDays(from, -1));
            // Two halves round independently: off by at most one rupiah.
            const diff = before + part - price;
            expect(diff >= -1n && diff <= 1n).toBe(true);
          }
        },
      ),
    );
  });

  it('plan change: credit for the unused old plan, charge for the new one', () => {
    const jan = { start: '2026-01-01', end: '2026-01-31' };
    const lines = planChangeLines(
      jan,
      '2026-01-17',
      { name: 'Slow', price: 155_000n },
      { name: 'Fast', price: 310_000n },
    );
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([
      ['credit', -75_000n],
      ['proration', 150_000n],
    ]);
  });

  it('sum of lines + tax = total, and rounding never makes anything negative', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.bigInt({ min: 0n, max: 10n ** 13n }),
            taxRateBp: fc.integer({ min: 0, max: 10_000 }),
          }),
          { maxLength: 20 },
        ),
        (lines) => {
          const totals = invoiceTotals(lines);
          const sumLines = lines.reduce((s, l) => s + l.amount, 0n);
          const sumTax = lines.reduce((s, l) => s + lineTax(l.amount, l.taxRateBp), 0n);
          expect(totals.subtotal).toBe(sumLines);
          expect(totals.tax).toBe(sumTax);
          expect(totals.total).toBe(sumLines + sumTax);
          expect(totals.tax >= 0n && totals.total >= totals.subtotal).toBe(true);
          for (const l of lines) {
            const tax = lineTax(l.amount, l.taxRateBp);
            // Within half a rupiah of the exact value.
            const exact2 = l.amount * BigInt(l.taxRateBp) * 2n;
            expect(tax * 20_000n - exact2 <= 10_000n && exact2 - tax * 20_000n < 10_000n).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});

describe('invoice ids of a run', () => {
  it('are UUIDv7 carrying the run time, ordered by their place in the run', () => {
    const at = new Date('2026-03-01T01:00:00.123Z');
    const prefix = runIdPrefix(at);
    const ids = [1, 2, 255, 100_000].map((n) => `${prefix}${n.toString(16).padStart(12, '0')}`);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at.getTime());
    }
    expect([...ids].sort()).toEqual(ids);
    expect(runIdPrefix(at)).not.toBe(prefix);
  });
});
