import { addDays } from '../billing/periods.ts';
import { divRoundHalfUp } from '../billing/tax.ts';

/**
 * Pure arithmetic of the business dashboard: month windows on calendar strings and the derived
 * figures. Money stays bigint; rates are whole basis points.
 */

/** The first day of the month `n` months after `day`'s month (n may be negative). */
export function addMonths(day: string, n: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

export interface MonthSpan {
  month: string;
  from: string;
  /** Inclusive last day counted. */
  to: string;
  partial: boolean;
}

/** The `count` months ending with `asOf`'s month, oldest first; the last one stops at `asOf`. */
export function monthSpans(asOf: string, count: number): MonthSpan[] {
  const spans: MonthSpan[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const from = addMonths(asOf, -i);
    const lastDay = addDays(addMonths(from, 1), -1);
    const to = i === 0 ? asOf : lastDay;
    spans.push({ month: from.slice(0, 7), from, to, partial: to < lastDay });
  }
  return spans;
}

/** part / whole in basis points, rounded down like the reports; null when whole is zero. */
export function rateBp(part: bigint | number, whole: bigint | number): number | null {
  const w = BigInt(whole);
  if (w <= 0n) return null;
  return Number((BigInt(part) * 10_000n) / w);
}

/** MRR from twelve times its value (exact for monthly, quarterly and yearly prices). */
export function mrrOf(annualRunRate: bigint): bigint {
  return divRoundHalfUp(annualRunRate, 12n);
}

/** Revenue per active subscription per month, before tax; null without subscriptions. */
export function arpuOf(annualRunRate: bigint, active: number): bigint | null {
  if (active <= 0) return null;
  return divRoundHalfUp(annualRunRate, 12n * BigInt(active));
}

/**
 * Churned over the subscriptions the month started with. The opening count is the closing one
 * undone (closing - new + churned), which is the previous month's closing count by construction.
 */
export function churnRateBp(active: number, added: number, churned: number): number | null {
  return rateBp(churned, active - added + churned);
}

/** Monitoring's figure as the API shows it: 0–100, three decimals; null without data. */
export function uptimePercent(value: number | undefined): number | null {
  if (value === undefined || !Number.isFinite(value)) return null;
  return Math.round(Math.min(100, Math.max(0, value)) * 1000) / 1000;
}
