import type { BusinessMonth, Locale } from '@jaring/contracts';
import { INTL_LOCALE } from '../../lib/format';
import { formatRupiah } from '../../lib/network-format';

/**
 * The business dashboard's figures as the page shows them: which KPI reads which field, how it
 * is written, and how it moved since the month before. Money stays a digit string (bigint for
 * arithmetic) until it is drawn; only chart geometry uses numbers.
 */

export type KpiFormat = 'count' | 'rupiah' | 'bp' | 'percent';

export type KpiKey =
  | 'activeSubscribers'
  | 'newSubscriptions'
  | 'churnedSubscriptions'
  | 'churnRate'
  | 'mrr'
  | 'arpu'
  | 'invoiced'
  | 'collected'
  | 'collectionRate'
  | 'outstanding'
  | 'paymentSuccessRate'
  | 'networkUptime';

export interface KpiDef {
  key: KpiKey;
  format: KpiFormat;
  /** Which way is good news: up (more subscribers), down (less churn). */
  better: 'up' | 'down';
  /** Counted over the month (month to date in the current one), not a month-end stock. */
  flow: boolean;
  read: (m: BusinessMonth) => string | number | null;
}

export const KPIS: readonly KpiDef[] = [
  {
    key: 'activeSubscribers',
    format: 'count',
    better: 'up',
    flow: false,
    read: (m) => m.activeSubscribers,
  },
  {
    key: 'newSubscriptions',
    format: 'count',
    better: 'up',
    flow: true,
    read: (m) => m.newSubscriptions,
  },
  {
    key: 'churnedSubscriptions',
    format: 'count',
    better: 'down',
    flow: true,
    read: (m) => m.churnedSubscriptions,
  },
  { key: 'churnRate', format: 'bp', better: 'down', flow: true, read: (m) => m.churnRateBp },
  { key: 'mrr', format: 'rupiah', better: 'up', flow: false, read: (m) => m.mrr },
  { key: 'arpu', format: 'rupiah', better: 'up', flow: false, read: (m) => m.arpu },
  { key: 'invoiced', format: 'rupiah', better: 'up', flow: true, read: (m) => m.invoiced },
  { key: 'collected', format: 'rupiah', better: 'up', flow: true, read: (m) => m.collected },
  {
    key: 'collectionRate',
    format: 'bp',
    better: 'up',
    flow: true,
    read: (m) => m.collectionRateBp,
  },
  { key: 'outstanding', format: 'rupiah', better: 'down', flow: false, read: (m) => m.outstanding },
  {
    key: 'paymentSuccessRate',
    format: 'bp',
    better: 'up',
    flow: true,
    read: (m) => m.paymentSuccessRateBp,
  },
  {
    key: 'networkUptime',
    format: 'percent',
    better: 'up',
    flow: false,
    read: (m) => m.networkUptimePercent,
  },
];

function intl(locale: Locale): string {
  return INTL_LOCALE[locale];
}

/** Basis points as a percentage: 8750 -> `87,5%`. */
export function formatBp(bp: number, locale: Locale): string {
  return `${(bp / 100).toLocaleString(intl(locale), { maximumFractionDigits: 2 })}%`;
}

export function formatPercent(value: number, locale: Locale): string {
  return `${value.toLocaleString(intl(locale), { maximumFractionDigits: 2 })}%`;
}

export function formatCount(value: number, locale: Locale): string {
  return value.toLocaleString(intl(locale));
}

/** A figure in its format; `—` when there is none (no subscribers, no monitoring data). */
export function formatKpi(
  format: KpiFormat,
  value: string | number | null,
  locale: Locale,
): string {
  if (value === null) return '—';
  switch (format) {
    case 'count':
      return formatCount(Number(value), locale);
    case 'rupiah':
      return formatRupiah(String(value));
    case 'bp':
      return formatBp(Number(value), locale);
    case 'percent':
      return formatPercent(Number(value), locale);
  }
}

/** Axis ticks: short, `1,2 jt` / `1.2M`, the card's title says what they count. */
export function formatCompact(value: number, locale: Locale): string {
  return value.toLocaleString(intl(locale), { notation: 'compact', maximumFractionDigits: 1 });
}

export interface Change {
  direction: 'up' | 'down' | 'flat';
  /** Good or bad news, by the figure's `better` side. */
  tone: 'good' | 'bad' | 'neutral';
  /** Signed difference in the figure's own unit (`+12`, `-Rp 50.000`, `+1,5 pp`). */
  delta: string;
  /** Signed relative change (`+3,4%`); null for rates and when the month before was zero. */
  relative: string | null;
}

function signed(text: string, negative: boolean, zero: boolean): string {
  if (zero) return text;
  return negative ? `−${text}` : `+${text}`;
}

/** How a figure moved from the month before; null when either month has no figure. */
export function changeOf(
  def: Pick<KpiDef, 'format' | 'better'>,
  current: string | number | null,
  previous: string | number | null,
  locale: Locale,
): Change | null {
  if (current === null || previous === null) return null;
  let sign: number;
  let delta: string;
  let relative: string | null = null;
  const tenths = (part: bigint, whole: bigint): string | null => {
    // Tenths of a percent, truncated toward zero: exact on bigint rupiah. Below a tenth the
    // absolute change says enough; "(+0%)" next to it would only puzzle.
    const t = (part * 1000n) / whole;
    const abs = t < 0n ? -t : t;
    if (abs === 0n) return null;
    return `${(Number(abs) / 10).toLocaleString(intl(locale), { maximumFractionDigits: 1 })}%`;
  };
  if (def.format === 'rupiah' || def.format === 'count') {
    const cur = BigInt(current);
    const prev = BigInt(previous);
    const diff = cur - prev;
    sign = diff > 0n ? 1 : diff < 0n ? -1 : 0;
    const abs = diff < 0n ? -diff : diff;
    delta =
      def.format === 'rupiah' ? formatRupiah(abs.toString()) : formatCount(Number(abs), locale);
    const share = prev > 0n ? tenths(diff, prev) : null;
    if (share !== null) relative = signed(share, sign < 0, sign === 0);
  } else {
    // Rates move in percentage points, not in percent of themselves.
    const diff =
      def.format === 'bp'
        ? (Number(current) - Number(previous)) / 100
        : Number(current) - Number(previous);
    const rounded = Math.round(diff * 100) / 100;
    sign = Math.sign(rounded);
    delta = `${Math.abs(rounded).toLocaleString(intl(locale), { maximumFractionDigits: 2 })} pp`;
  }
  return {
    direction: sign > 0 ? 'up' : sign < 0 ? 'down' : 'flat',
    tone: sign === 0 ? 'neutral' : sign > 0 === (def.better === 'up') ? 'good' : 'bad',
    delta: signed(delta, sign < 0, sign === 0),
    relative,
  };
}

/** `2026-03` as `Mar 26` (axis) or `March 2026` (tooltip), in the UI language. */
export function monthLabel(month: string, locale: Locale, long = false): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(intl(locale), {
    timeZone: 'UTC',
    month: long ? 'long' : 'short',
    year: long ? 'numeric' : '2-digit',
  }).format(date);
}

/** A trend's money as chart numbers: rupiah up to 9 quadrillion are exact in a double. */
export function plotRupiah(values: readonly (string | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : Number(v)));
}

/** Basis points as percentages for the chart's axis. */
export function plotBp(values: readonly (number | null)[]): (number | null)[] {
  return values.map((v) => (v === null ? null : v / 100));
}
