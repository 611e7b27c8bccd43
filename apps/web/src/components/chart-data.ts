import type { Locale, SeriesRange } from '@jaring/contracts';
import { INTL_LOCALE, TIME_ZONE } from '../lib/format';
import {
  formatBps,
  formatBytes,
  formatMs,
  formatNumber,
  formatPercent,
} from '../lib/traffic-format';

/*
 * Pure helpers behind the time-series chart: turning API series into the column arrays the chart
 * draws, the unit formatters of its axes and legend, and localised date names. Kept apart from the
 * chart itself so they load with the app, are tested without a browser, and the charting library
 * stays in its own lazily loaded chunk.
 */

export const SERIES_RANGES: readonly SeriesRange[] = ['1h', '24h', '7d', '30d', '12m'];

export type ChartUnit = 'bps' | 'bytes' | 'percent' | 'ms' | 'count';

/** Semantic colours; the chart reads each from a CSS variable, so dark mode just works. */
export type ChartColor =
  'download' | 'upload' | 'cpu' | 'peak' | 'memory' | 'latency' | 'uptime' | 'neutral';

export interface ChartSeries {
  label: string;
  color: ChartColor;
  /** One value per entry of the chart's `times`; null is a gap. */
  values: readonly (number | null)[];
  /** The right-hand axis, for a second unit on one chart. */
  axis?: 'left' | 'right';
  /** Shade the area under the line. */
  fill?: boolean;
  dashed?: boolean;
}

/** Column arrays sharing one time axis (Unix seconds) and how many real points they hold. */
export interface Aligned {
  times: number[];
  columns: (number | null)[][];
  /** Points from the API; the gap markers added between them do not count. */
  points: number;
}

/**
 * Points `{ t, ... }` to columns picked by `pick`, sorted by time. Where the time between two
 * points is more than twice the bucket, a row of nulls goes in between so the line breaks
 * instead of drawing a straight line across an outage.
 */
export function alignPoints<P extends { t: string }>(
  points: readonly P[],
  bucketSeconds: number,
  pick: readonly ((point: P) => number | null)[],
): Aligned {
  const rows = points
    .map((point) => ({ point, time: Math.floor(Date.parse(point.t) / 1000) }))
    .filter((row) => Number.isFinite(row.time))
    .sort((a, b) => a.time - b.time);
  const times: number[] = [];
  const columns: (number | null)[][] = pick.map(() => []);
  let previous: number | null = null;
  for (const { point, time } of rows) {
    if (previous !== null && bucketSeconds > 0 && time - previous > bucketSeconds * 2) {
      times.push(previous + bucketSeconds);
      for (const column of columns) column.push(null);
    }
    times.push(time);
    pick.forEach((fn, index) => {
      const value = fn(point);
      columns[index]?.push(value === null || !Number.isFinite(value) ? null : value);
    });
    previous = time;
  }
  return { times, columns, points: rows.length };
}

/** The sum of each column, skipping gaps. */
export function columnTotals(columns: readonly (readonly (number | null)[])[]): number[] {
  return columns.map((column) => column.reduce<number>((sum, value) => sum + (value ?? 0), 0));
}

/** The last non-null value of a column, e.g. the current reading under a chart. */
export function lastValue(column: readonly (number | null)[]): number | null {
  for (let index = column.length - 1; index >= 0; index -= 1) {
    const value = column[index];
    if (value !== null && value !== undefined) return value;
  }
  return null;
}

/** Formats one value of a unit for an axis label or the legend. */
export function formatUnit(unit: ChartUnit, value: number | null, locale: Locale): string {
  switch (unit) {
    case 'bps':
      return formatBps(value, locale);
    case 'bytes':
      return formatBytes(value, locale);
    case 'percent':
      return formatPercent(value, locale, value !== null && Math.abs(value) >= 10 ? 0 : 1);
    case 'ms':
      return formatMs(value, locale);
    default:
      return formatNumber(value, locale, value !== null && Math.abs(value) < 10 ? 1 : 0);
  }
}

/** The fixed extent of a unit's axis, if it has one (percentages are always 0..100). */
export function unitRange(unit: ChartUnit): [number, number] | null {
  return unit === 'percent' ? [0, 100] : null;
}

const cursorFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The time of a bucket under the cursor, as precise as the bucket: a day or longer shows the
 * date, shorter buckets add the time of day (Jakarta).
 */
export function formatBucket(unixSeconds: number, bucketSeconds: number, locale: Locale): string {
  const withTime = bucketSeconds < 86_400;
  const key = `${locale}:${withTime}`;
  let format = cursorFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone: TIME_ZONE,
      day: 'numeric',
      month: 'short',
      year: withTime ? undefined : 'numeric',
      hour: withTime ? '2-digit' : undefined,
      minute: withTime ? '2-digit' : undefined,
      hourCycle: 'h23',
    });
    cursorFormats.set(key, format);
  }
  return format.format(new Date(unixSeconds * 1000));
}

export interface DateNames {
  MMMM: string[];
  MMM: string[];
  WWWW: string[];
  WWW: string[];
}

/** Month and weekday names in the UI language, for the chart's time axis. */
export function dateNames(locale: Locale): DateNames {
  const intl = INTL_LOCALE[locale];
  const month = (style: 'long' | 'short'): string[] =>
    Array.from({ length: 12 }, (_, index) =>
      new Intl.DateTimeFormat(intl, { month: style, timeZone: 'UTC' }).format(
        new Date(Date.UTC(2021, index, 15)),
      ),
    );
  // 2021-01-03 was a Sunday; the chart library counts weekdays from Sunday.
  const weekday = (style: 'long' | 'short'): string[] =>
    Array.from({ length: 7 }, (_, index) =>
      new Intl.DateTimeFormat(intl, { weekday: style, timeZone: 'UTC' }).format(
        new Date(Date.UTC(2021, 0, 3 + index, 12)),
      ),
    );
  return {
    MMMM: month('long'),
    MMM: month('short').map((name) => name.replace(/\.$/, '')),
    WWWW: weekday('long'),
    WWW: weekday('short').map((name) => name.replace(/\.$/, '')),
  };
}

/** The `YYYY-MM` of a date in the operator's time zone, shifted by whole months. */
export function monthOf(date: Date, shift = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(date);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  const index = year * 12 + (month - 1) + shift;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** `#rrggbb` (or `#rgb`) with an alpha, as `rgba()`; anything else is returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = color.trim().replace(/^#/, '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return color;
  const [r, g, b] = [0, 2, 4].map((start) => Number.parseInt(full.slice(start, start + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** The least top of a unit's axis, so an idle chart reads `1 kbps`, not `0.2 bps` steps. */
const UNIT_FLOOR: Record<ChartUnit, number> = {
  bps: 1000,
  bytes: 1000,
  percent: 1,
  ms: 10,
  count: 1,
};

/** A y-axis top a little above the highest value, never below the unit's floor. */
export function axisMax(max: number | null | undefined, unit: ChartUnit = 'count'): number {
  const floor = UNIT_FLOOR[unit];
  if (max === null || max === undefined || !Number.isFinite(max) || max <= 0) return floor;
  return Math.max(floor, max * 1.08);
}

/**
 * The time axis: the whole range asked for (`domain`, e.g. the last 7 days) even where there is
 * no data yet, widened to the data if it reaches beyond; a single instant gets an hour each side.
 */
export function timeExtent(
  min: number | null,
  max: number | null,
  domain: readonly [number, number] | null,
): [number, number] {
  let low = min ?? domain?.[0] ?? 0;
  let high = max ?? domain?.[1] ?? 0;
  if (domain) {
    low = Math.min(low, domain[0]);
    high = Math.max(high, domain[1]);
  }
  if (high - low < 1) return [low - 3600, high + 3600];
  return [low, high];
}

/** An API series' `from`/`to` as a time domain in Unix seconds; null when unparseable. */
export function seriesDomain(from: string, to: string): [number, number] | null {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return null;
  return [Math.floor(start / 1000), Math.ceil(end / 1000)];
}
