import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arpuOf, churnRateBp, monthSpans, mrrOf, rateBp, uptimePercent } from './metrics.ts';

describe('monthSpans', () => {
  it('ends with the partial month of asOf and walks back across years', () => {
    expect(monthSpans('2026-03-10', 4)).toEqual([
      { month: '2025-12', from: '2025-12-01', to: '2025-12-31', partial: false },
      { month: '2026-01', from: '2026-01-01', to: '2026-01-31', partial: false },
      { month: '2026-02', from: '2026-02-01', to: '2026-02-28', partial: false },
      { month: '2026-03', from: '2026-03-01', to: '2026-03-10', partial: true },
    ]);
    expect(monthSpans('2024-02-29', 1)).toEqual([
      { month: '2024-02', from: '2024-02-01', to: '2024-02-29', partial: false },
    ]);
  });

  it('always gives consecutive whole months, the last one ending on asOf', () => {
    const day = fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2999, 11, 31) })
      .map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 36 }), (asOf, count) => {
        const spans = monthSpans(asOf, count);
        expect(spans).toHaveLength(count);
        expect(spans.at(-1)!.to).toBe(asOf);
        for (let i = 1; i < spans.length; i++) {
          const prevEnd = new Date(`${spans[i - 1]!.to}T00:00:00Z`).getTime();
          expect(new Date(`${spans[i]!.from}T00:00:00Z`).getTime() - prevEnd).toBe(86_400_000);
          expect(spans[i - 1]!.partial).toBe(false);
        }
      }),
    );
  });
});

describe('derived figures', () => {
  it('rates are basis points rounded down, null over nothing', () => {
    expect(rateBp(2, 3)).toBe(6666);
    expect(rateBp(241_500n, 499_500n)).toBe(4834);
    expect(rateBp(5n, 4n)).toBe(12_500);
    expect(rateBp(0, 0)).toBeNull();
    expect(rateBp(3, 0)).toBeNull();
  });

  it('MRR and ARPU round half-up from the annual run rate', () => {
    // 150k monthly + 400k quarterly + 1,000k yearly = 150,000 + 133,333.33 + 83,333.33.
    const annual = 150_000n * 12n + 400_000n * 4n + 1_000_000n;
    expect(mrrOf(annual)).toBe(366_667n);
    expect(arpuOf(annual, 3)).toBe(122_222n);
    expect(mrrOf(6n)).toBe(1n);
    expect(mrrOf(5n)).toBe(0n);
    expect(arpuOf(annual, 0)).toBeNull();
  });

  it('churn is measured against the opening count', () => {
    // Closed at 6 after 1 new and 2 churned: opened at 7.
    expect(churnRateBp(6, 1, 2)).toBe(2857);
    expect(churnRateBp(0, 0, 0)).toBeNull();
    // Started and ended within the month with nothing before: no base to churn from.
    expect(churnRateBp(0, 1, 1)).toBeNull();
    expect(churnRateBp(0, 2, 0)).toBeNull();
  });

  it('uptime is clamped and rounded, null without data', () => {
    expect(uptimePercent(undefined)).toBeNull();
    expect(uptimePercent(Number.NaN)).toBeNull();
    expect(uptimePercent(99.98765)).toBe(99.988);
    expect(uptimePercent(100.2)).toBe(100);
    expect(uptimePercent(-1)).toBe(0);
  });
});
