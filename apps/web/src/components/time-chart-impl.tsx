import type { Locale } from '@jaring/contracts';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TIME_ZONE } from '../lib/format';
import { DEFAULT_LOCALE, isLocale } from '../lib/i18n';
import {
  axisMax,
  dateNames,
  formatBucket,
  formatUnit,
  lastValue,
  timeExtent,
  unitRange,
  withAlpha,
  type ChartColor,
  type ChartUnit,
} from './chart-data';
import { cx } from './cx';
import type { TimeChartProps } from './time-chart';
import './time-chart.css';

const FONT_FAMILY = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const FONT = `11px ${FONT_FAMILY}`;

// The time axis as operators read it: 24-hour clock, day before month, in Jakarta time.
// Columns: tick step, label, then the label of the first tick of a new year/month/day/hour/
// minute/second, and 1 = only when that boundary is crossed.
const DAY = 86_400;
const TIME_VALUES: (string | number | null)[][] = [
  [DAY * 365, '{YYYY}', null, null, null, null, null, null, 1],
  [DAY * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [DAY, '{D} {MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{D} {MMM} {YYYY}', null, '\n{D} {MMM}', null, null, null, 1],
  [
    1,
    ':{ss}',
    '\n{D} {MMM} {YYYY} {HH}:{mm}',
    null,
    '\n{D} {MMM} {HH}:{mm}',
    null,
    '\n{HH}:{mm}',
    null,
    1,
  ],
];

/** Whether the page is in dark mode, following the `dark` class the theme toggle sets. */
function subscribeTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
const isDark = (): boolean => document.documentElement.classList.contains('dark');

interface Meta {
  series: { label: string; color: ChartColor; right: boolean; fill: boolean; dashed: boolean }[];
  unit: ChartUnit;
  rightUnit: ChartUnit | null;
}

/** The width a y axis needs for its longest label. */
function axisSize(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx] as uPlot.Axis & { _size?: number };
  if (cycleNum > 1 && axis._size) return axis._size;
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  let size = 14;
  if (longest) {
    self.ctx.font = `${11 * devicePixelRatio}px ${FONT_FAMILY}`;
    size += self.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

function buildOptions(
  meta: Meta,
  locale: Locale,
  colors: (color: ChartColor | 'grid' | 'axis') => string,
  width: number,
  height: number,
  hidden: ReadonlySet<number>,
  onCursor: (index: number | null) => void,
  domain: { current: readonly [number, number] | null },
): uPlot.Options {
  const names = dateNames(locale);
  const grid = colors('grid');
  const axisColor = colors('axis');
  const scale = (unit: ChartUnit): uPlot.Scale => {
    const fixed = unitRange(unit);
    return fixed
      ? { range: fixed }
      : { range: (_self, _min, max): uPlot.Range.MinMax => [0, axisMax(max, unit)] };
  };
  const yAxis = (unit: ChartUnit, right: boolean): uPlot.Axis => ({
    scale: right ? 'y2' : 'y',
    side: right ? 1 : 3,
    stroke: axisColor,
    font: FONT,
    grid: right ? { show: false } : { stroke: grid, width: 1 },
    ticks: { show: false },
    size: axisSize,
    values: (_self, splits) => splits.map((v) => formatUnit(unit, v, locale)),
  });
  const scales: uPlot.Scales = {
    x: { time: true, range: (_self, min, max) => timeExtent(min, max, domain.current) },
    y: scale(meta.unit),
  };
  const axes: uPlot.Axis[] = [
    {
      stroke: axisColor,
      font: FONT,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1, size: 4 },
      values: TIME_VALUES,
      space: 64,
    },
    yAxis(meta.unit, false),
  ];
  if (meta.rightUnit) {
    scales['y2'] = scale(meta.rightUnit);
    axes.push(yAxis(meta.rightUnit, true));
  }
  return {
    width,
    height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
    fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
    legend: { show: false },
    cursor: { points: { size: 6 }, drag: { x: true, y: false } },
    padding: [8, 8, 0, 0],
    scales,
    axes,
    series: [
      {},
      ...meta.series.map((s, index): uPlot.Series => ({
        label: s.label,
        scale: s.right ? 'y2' : 'y',
        show: !hidden.has(index),
        stroke: colors(s.color),
        width: 1.5,
        fill: s.fill ? withAlpha(colors(s.color), 0.14) : undefined,
        dash: s.dashed ? [5, 4] : undefined,
        spanGaps: false,
      })),
    ],
    hooks: {
      setLegend: [(self) => onCursor(self.cursor.idx ?? null)],
    },
  };
}

export default function TimeChartImpl({
  label,
  times,
  series,
  unit,
  rightUnit,
  bucketSeconds,
  height = 220,
  testId,
  points,
  emptyLabel,
  domain = null,
}: TimeChartProps): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const locale: Locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const dark = useSyncExternalStore(subscribeTheme, isDark, () => false);
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const hiddenRef = useRef(hidden);

  // Rebuild the chart only when its shape changes, not when a parent passes equal new arrays.
  const metaKey = JSON.stringify({
    series: series.map((s) => ({
      label: s.label,
      color: s.color,
      right: s.axis === 'right',
      fill: s.fill ?? false,
      dashed: s.dashed ?? false,
    })),
    unit,
    rightUnit: rightUnit ?? null,
  } satisfies Meta);
  const meta = useMemo(() => JSON.parse(metaKey) as Meta, [metaKey]);
  const data = useMemo(
    () =>
      [times as number[], ...series.map((s) => s.values as (number | null)[])] as uPlot.AlignedData,
    [times, series],
  );
  const latest = useRef(data);
  const latestDomain = useRef(domain);
  const empty = times.length === 0;

  useEffect(() => {
    const element = host.current;
    if (!element || empty) return undefined;
    const style = getComputedStyle(element);
    const colors = (name: string): string =>
      style.getPropertyValue(`--chart-${name}`).trim() || '#71717a';
    const width = Math.max(element.clientWidth, 200);
    const chart = new uPlot(
      buildOptions(meta, locale, colors, width, height, hiddenRef.current, setCursor, latestDomain),
      latest.current,
      element,
    );
    plot.current = chart;
    let lastWidth = width;
    const observer = new ResizeObserver(() => {
      const next = Math.max(element.clientWidth, 200);
      if (next !== lastWidth) {
        lastWidth = next;
        chart.setSize({ width: next, height });
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [meta, locale, dark, height, empty]);

  useEffect(() => {
    latest.current = data;
    latestDomain.current = domain;
    plot.current?.setData(data);
  }, [data, domain]);

  const toggle = (index: number): void => {
    const next = new Set(hiddenRef.current);
    if (next.has(index)) next.delete(index);
    else if (next.size < series.length - 1) next.add(index);
    hiddenRef.current = next;
    setHidden(next);
    plot.current?.setSeries(index + 1, { show: !next.has(index) });
  };

  const index = cursor !== null && cursor < times.length ? cursor : null;
  const shownTime = index !== null ? times[index] : times[times.length - 1];

  return (
    <figure
      className="jr-chart m-0 min-w-0"
      data-testid={testId}
      data-points={points ?? times.length}
      aria-label={label}
    >
      <figcaption className="flex min-h-6 flex-wrap items-center gap-x-4 gap-y-1 px-1 pb-1 text-xs">
        <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
          {shownTime !== undefined ? formatBucket(shownTime, bucketSeconds, locale) : ''}
        </span>
        {series.map((s, i) => {
          const value = index !== null ? (s.values[index] ?? null) : lastValue(s.values);
          const off = hidden.has(i);
          return (
            <button
              key={`${s.label}-${i}`}
              type="button"
              aria-pressed={!off}
              onClick={() => toggle(i)}
              className={cx(
                'inline-flex items-center gap-1.5 rounded px-1 hover:bg-zinc-100 dark:hover:bg-zinc-800',
                off && 'opacity-40',
              )}
            >
              <span
                aria-hidden="true"
                className={cx('inline-block h-0.5 w-3 rounded', `jr-swatch-${s.color}`)}
              />
              <span className="text-zinc-600 dark:text-zinc-300">{s.label}</span>
              <span className="font-medium tabular-nums">
                {formatUnit(s.axis === 'right' && rightUnit ? rightUnit : unit, value, locale)}
              </span>
            </button>
          );
        })}
      </figcaption>
      {empty ? (
        <div
          className="flex items-center justify-center rounded-md border border-dashed border-zinc-200 text-sm text-zinc-500 dark:border-zinc-800 dark:text-zinc-400"
          style={{ height }}
        >
          {emptyLabel ?? t('timeChart.empty')}
        </div>
      ) : (
        <div ref={host} role="img" aria-label={label} className="w-full overflow-hidden" />
      )}
    </figure>
  );
}
