import type { GatewayStats, Locale } from '@jaring/contracts';
import { INTL_LOCALE } from '../../lib/format';

export type StatsRow = GatewayStats['rows'][number];

/** `0.973` -> `97,3%` (id) / `97.3%` (en); '—' before anything finished. */
export function formatSuccessRate(rate: number | null, locale: Locale): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);
}

/**
 * A time to apply in the unit that reads best: seconds under a minute (one decimal under ten),
 * then minutes, then hours, with one decimal.
 */
export function formatApplySeconds(seconds: number | null, locale: Locale): string {
  if (seconds === null) return '—';
  const [value, unit, digits] =
    seconds < 60
      ? [seconds, 'second', seconds < 10 ? 1 : 0]
      : seconds < 3600
        ? [seconds / 60, 'minute', 1]
        : [seconds / 3600, 'hour', 1];
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

/** By gateway, then the busiest channel first. */
export function sortStatsRows(rows: readonly StatsRow[]): StatsRow[] {
  return [...rows].sort(
    (a, b) => a.gateway.localeCompare(b.gateway) || b.transactions - a.transactions,
  );
}
