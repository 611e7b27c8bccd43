import type { Locale } from '@jaring/contracts';
import { INTL_LOCALE } from './format';

/*
 * Network quantities as operators read them: rates in bit/s with SI prefixes (what links and
 * plans are sold in), volumes in bytes with SI prefixes (what quotas and invoices say), short
 * durations for uptimes and session lengths.
 */

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let found = numberFormats.get(key);
  if (!found) {
    found = new Intl.NumberFormat(INTL_LOCALE[locale], {
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    numberFormats.set(key, found);
  }
  return found;
}

/** About three significant digits: 1.23, 12.3, 123. */
function significant(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return numberFormat(locale, digits).format(value);
}

function scaled(value: number, units: readonly string[], locale: Locale): string {
  let index = 0;
  let scaledValue = value;
  while (Math.abs(scaledValue) >= 999.5 && index < units.length - 1) {
    scaledValue /= 1000;
    index += 1;
  }
  // 999.7 kbps rounds to "1,000 kbps"; step up once more so it reads "1 Mbps".
  if (Math.abs(scaledValue) >= 999.5 && index < units.length - 1) {
    scaledValue /= 1000;
    index += 1;
  }
  return `${significant(scaledValue, locale)} ${units[index]}`;
}

const RATE_UNITS = ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps'] as const;
const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A rate in bit/s: `0 bps`, `512 kbps`, `12,5 Mbps` (id) / `12.5 Mbps` (en). */
export function formatBps(bps: number | null | undefined, locale: Locale): string {
  if (bps === null || bps === undefined || !Number.isFinite(bps)) return '—';
  return scaled(Math.max(0, bps), RATE_UNITS, locale);
}

/** A volume in bytes: `0 B`, `1,5 GB`. */
export function formatBytes(bytes: number | null | undefined, locale: Locale): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  return scaled(Math.max(0, bytes), BYTE_UNITS, locale);
}

/** A percentage with at most one decimal: `42%`, `99,9%` (id). */
export function formatPercent(
  value: number | null | undefined,
  locale: Locale,
  digits = 1,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${numberFormat(locale, digits).format(value)}%`;
}

/** A plain number in the UI language (`1.234` in id, `1,234` in en). */
export function formatNumber(value: number | null | undefined, locale: Locale, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return numberFormat(locale, digits).format(value);
}

/** Milliseconds of a round trip: `12 ms`. */
export function formatMs(value: number | null | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${numberFormat(locale, value < 10 ? 1 : 0).format(value)} ms`;
}

const DURATION_UNITS: Record<Locale, readonly [string, string, string, string]> = {
  en: ['d', 'h', 'm', 's'],
  id: ['hr', 'j', 'mnt', 'dtk'],
};

/** A duration at a glance, its two largest units: `3d 4h`, `2h 5m`, `45s` (id `3hr 4j`). */
export function formatDuration(seconds: number | null | undefined, locale: Locale): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const parts = [
    Math.floor(total / 86_400),
    Math.floor((total % 86_400) / 3600),
    Math.floor((total % 3600) / 60),
    total % 60,
  ];
  const units = DURATION_UNITS[locale];
  const first = parts.findIndex((part) => part > 0);
  if (first === -1) return `0${units[3]}`;
  return parts
    .slice(first, first + 2)
    .map((part, offset) => ({ part, unit: units[first + offset] }))
    .filter(({ part }, offset) => offset === 0 || part > 0)
    .map(({ part, unit }) => `${part}${unit}`)
    .join(' ');
}

/** Seconds between two instants (the second defaults to now); null when either is missing. */
export function secondsBetween(
  from: string | null | undefined,
  to: string | null | undefined,
  now: number = Date.now(),
): number | null {
  if (!from) return null;
  const start = Date.parse(from);
  const end = to ? Date.parse(to) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, (end - start) / 1000);
}

/** "5 minutes ago" / "5 menit yang lalu" for a past instant. */
export function formatAgo(
  iso: string | null | undefined,
  locale: Locale,
  now: number = Date.now(),
): string {
  const seconds = secondsBetween(iso, null, now);
  if (seconds === null) return '—';
  const format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto' });
  if (seconds < 60) return format.format(-Math.round(seconds), 'second');
  if (seconds < 3600) return format.format(-Math.floor(seconds / 60), 'minute');
  if (seconds < 86_400) return format.format(-Math.floor(seconds / 3600), 'hour');
  return format.format(-Math.floor(seconds / 86_400), 'day');
}
