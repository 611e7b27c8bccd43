/**
 * Billing periods, pure date arithmetic on ISO calendar dates (YYYY-MM-DD, no time zone).
 *
 * Rule: a subscription has an anchor day A (fixed: `billing_day`, 1 when unset; anniversary: the
 * day of `start_date`). Period k starts in month `base + k × n` (base: the month of start_date;
 * n: 1, 3 or 12 months for monthly, quarterly, yearly) on day min(A, last day of that month), and
 * ends the day before the next period starts. So an anniversary on the 31st bills on Jan 31,
 * Feb 28 (29), Mar 31, Apr 30, ... and never drifts; a fixed day 15 is the 15th every month.
 * The invoice run computes the same thing in SQL (invoice-run.ts); a test keeps them in step.
 */

export type BillingPeriodKind = 'monthly' | 'quarterly' | 'yearly';
export type BillingAnchor = 'fixed' | 'anniversary';

export interface BillingTerms {
  startDate: string;
  anchor: BillingAnchor;
  billingDay: number | null;
  period: BillingPeriodKind;
}

export interface Period {
  /** First day. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

const DAY_MS = 86_400_000;

export const MONTHS_PER_PERIOD: Readonly<Record<BillingPeriodKind, number>> = {
  monthly: 1,
  quarterly: 3,
  yearly: 12,
};

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Days since 1970-01-01. */
export function toDayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(toDayNumber(iso) + days);
}

/** Days from `a` to `b` inclusive (1 when equal). */
export function daysInclusive(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a) + 1;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Month index (year × 12 + month − 1) of a date. */
function monthIndex(iso: string): number {
  const [y, m] = parts(iso);
  return y * 12 + m - 1;
}

/** The anchor day in the month with the given index, clamped to the month's last day. */
function anchorDate(index: number, anchorDay: number): string {
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(anchorDay, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function anchorDayOf(t: BillingTerms): number {
  return t.anchor === 'anniversary' ? parts(t.startDate)[2] : (t.billingDay ?? 1);
}

/** Period number k (0 = the one starting in start_date's month; may be −1 for a fixed day). */
export function periodAt(t: BillingTerms, k: number): Period {
  const n = MONTHS_PER_PERIOD[t.period];
  const base = monthIndex(t.startDate);
  const a = anchorDayOf(t);
  return {
    start: anchorDate(base + k * n, a),
    end: addDays(anchorDate(base + (k + 1) * n, a), -1),
  };
}

/** The number of the period containing `date`. */
export function periodIndexOf(t: BillingTerms, date: string): number {
  const n = MONTHS_PER_PERIOD[t.period];
  let k = Math.floor((monthIndex(date) - monthIndex(t.startDate)) / n);
  if (periodAt(t, k).start > date) k -= 1;
  return k;
}

export function periodContaining(t: BillingTerms, date: string): Period {
  return periodAt(t, periodIndexOf(t, date));
}
