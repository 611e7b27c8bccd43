import { useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { cx } from '../cx';
import { domainOf, labelStride, linearScale, linePath, niceTicks, slotAt } from './scale';
import { useElementWidth } from './use-element-width';

/**
 * Small, dependency-free SVG charts for monthly trends: a line chart and a grouped bar chart
 * sharing one frame (y grid with round ticks, x labels that thin out on narrow screens, a hover
 * and keyboard tooltip, a screen-reader table). Colours are Tailwind classes on `currentColor`,
 * so dark mode follows the theme like everything else.
 */

export type ChartTone = 'brand' | 'sky' | 'amber' | 'rose' | 'violet' | 'zinc';

const TONE: Record<ChartTone, string> = {
  brand: 'text-brand-600 dark:text-brand-400',
  sky: 'text-sky-600 dark:text-sky-400',
  amber: 'text-amber-500 dark:text-amber-400',
  rose: 'text-rose-600 dark:text-rose-400',
  violet: 'text-violet-600 dark:text-violet-400',
  zinc: 'text-zinc-400 dark:text-zinc-500',
};

export interface ChartSeries {
  key: string;
  label: string;
  tone: ChartTone;
  /** One value per category; null where there is none (drawn as a gap, never as zero). */
  values: readonly (number | null)[];
  /** Exact text per point for the tooltip (e.g. rupiah from the API's digit strings). */
  display?: readonly (string | null)[];
}

export interface ChartProps {
  /** The chart's accessible name. */
  label: string;
  /** Short x labels, one per slot (e.g. `Mar 26`). */
  categories: readonly string[];
  /** Longer slot names for the tooltip (e.g. `March 2026`); the short ones when absent. */
  categoryTitles?: readonly string[];
  series: readonly ChartSeries[];
  /** Y axis tick text. */
  formatTick: (value: number) => string;
  /** Tooltip text of a value when its series has no `display`. */
  formatValue?: (value: number) => string;
  /** Shown in the tooltip for a missing value. */
  missingText?: string;
  height?: number;
  /** Fixed ends of the y axis (e.g. 100 for a percentage). */
  yMin?: number;
  yMax?: number;
  /** Keep 0 on the y axis (default). Off for figures that live in a narrow band, like uptime. */
  zeroBased?: boolean;
}

const MARGIN = { top: 10, right: 12, bottom: 24, left: 60 };
const X_LABEL_WIDTH = 44;

export function LineChart(props: ChartProps): React.JSX.Element {
  return <XYChart kind="line" {...props} />;
}

export function BarChart(props: ChartProps): React.JSX.Element {
  return <XYChart kind="bar" {...props} />;
}

function XYChart({
  kind,
  label,
  categories,
  categoryTitles,
  series,
  formatTick,
  formatValue = formatTick,
  missingText = '—',
  height = 180,
  yMin,
  yMax,
  zeroBased = true,
}: ChartProps & { kind: 'line' | 'bar' }): React.JSX.Element {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [active, setActive] = useState<number | null>(null);
  const tableId = useId();
  const count = categories.length;
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = height - MARGIN.top - MARGIN.bottom;

  const fitted = domainOf(
    series.flatMap((s) => s.values),
    {
      include: kind === 'bar' || zeroBased ? [0] : [],
      ...(yMin === undefined ? {} : { min: yMin }),
      ...(yMax === undefined ? {} : { max: yMax }),
    },
  );
  const ticks = niceTicks(fitted, 4).filter(
    (t) => (yMin === undefined || t >= yMin) && (yMax === undefined || t <= yMax),
  );
  const domain = {
    min: Math.min(fitted.min, ticks[0] ?? fitted.min),
    max: Math.max(fitted.max, ticks.at(-1) ?? fitted.max),
  };
  const y = linearScale(domain, [plotHeight, 0]);
  const slot = count > 0 ? plotWidth / count : 0;
  const xCenter = (i: number): number => slot * (i + 0.5);
  const stride = labelStride(count, plotWidth, X_LABEL_WIDTH);
  const baseline = y(Math.max(domain.min, Math.min(0, domain.max)));

  const text = (s: ChartSeries, i: number): string => {
    const shown = s.display?.[i];
    if (shown !== undefined && shown !== null) return shown;
    const v = s.values[i];
    return v === null || v === undefined ? missingText : formatValue(v);
  };

  function onPointerMove(event: PointerEvent<SVGRectElement>): void {
    const box = event.currentTarget.getBoundingClientRect();
    setActive(slotAt(event.clientX - box.left, box.width, count));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (count === 0) return;
    const current = active ?? count - 1;
    const next =
      event.key === 'ArrowLeft'
        ? Math.max(0, current - 1)
        : event.key === 'ArrowRight'
          ? Math.min(count - 1, current + 1)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? count - 1
              : null;
    if (event.key === 'Escape') setActive(null);
    if (next === null) return;
    event.preventDefault();
    setActive(next);
  }

  const barGroup = slot * 0.7;
  const barWidth = series.length > 0 ? barGroup / series.length : 0;
  const tooltipLeft = active === null ? 0 : MARGIN.left + xCenter(active);
  const flip = tooltipLeft > width / 2;

  return (
    <div>
      {series.length > 1 && (
        <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-300">
          {series.map((s) => (
            <li key={s.key} className="inline-flex items-center gap-1.5">
              <span
                aria-hidden="true"
                className={cx('inline-block size-2.5 rounded-sm bg-current', TONE[s.tone])}
              />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <div
        ref={ref}
        role="group"
        aria-label={label}
        aria-describedby={tableId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setActive((a) => a ?? (count > 0 ? count - 1 : null))}
        onBlur={() => setActive(null)}
        className="relative rounded focus-visible:outline-2 focus-visible:outline-offset-2"
        style={{ height }}
        data-chart={kind}
      >
        {width > 0 && (
          // Out of the flow: a drawn width must never hold its container wide when it shrinks.
          <svg
            width={width}
            height={height}
            className="absolute inset-0 block overflow-visible"
            aria-hidden="true"
          >
            <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
              {ticks.map((t) => (
                <g key={t}>
                  <line
                    x1={0}
                    x2={plotWidth}
                    y1={y(t)}
                    y2={y(t)}
                    className="stroke-zinc-200 dark:stroke-zinc-800"
                    strokeDasharray={t === 0 ? undefined : '2 3'}
                  />
                  <text
                    x={-8}
                    y={y(t)}
                    dy="0.32em"
                    textAnchor="end"
                    className="fill-zinc-500 text-[10px] tabular-nums dark:fill-zinc-400"
                  >
                    {formatTick(t)}
                  </text>
                </g>
              ))}
              {active !== null && (
                <rect
                  x={slot * active}
                  y={0}
                  width={slot}
                  height={plotHeight}
                  className="fill-zinc-100 dark:fill-zinc-800/60"
                />
              )}
              {categories.map((c, i) =>
                i % stride === (count - 1) % stride ? (
                  <text
                    key={c}
                    x={xCenter(i)}
                    y={plotHeight + 16}
                    textAnchor="middle"
                    className="fill-zinc-500 text-[10px] dark:fill-zinc-400"
                  >
                    {c}
                  </text>
                ) : null,
              )}
              {kind === 'bar'
                ? series.map((s, k) => (
                    <g key={s.key} className={TONE[s.tone]}>
                      {s.values.map((v, i) => {
                        if (v === null) return null;
                        const top = Math.min(y(v), baseline);
                        return (
                          <rect
                            key={categories[i] ?? i}
                            x={slot * i + (slot - barGroup) / 2 + k * barWidth + 0.5}
                            y={top}
                            width={Math.max(1, barWidth - 1)}
                            height={Math.max(v === 0 ? 0 : 1, Math.abs(baseline - y(v)))}
                            rx={1.5}
                            className="fill-current"
                            opacity={active === null || active === i ? 1 : 0.55}
                          />
                        );
                      })}
                    </g>
                  ))
                : series.map((s) => (
                    <g key={s.key} className={TONE[s.tone]}>
                      <path
                        d={linePath(
                          s.values.map((v, i) => (v === null ? null : { x: xCenter(i), y: y(v) })),
                        )}
                        fill="none"
                        stroke="currentColor"
                        strokeWidth={2}
                        strokeLinejoin="round"
                        strokeLinecap="round"
                      />
                      {s.values.map((v, i) =>
                        v === null || (count > 24 && active !== i) ? null : (
                          <circle
                            key={categories[i] ?? i}
                            cx={xCenter(i)}
                            cy={y(v)}
                            r={active === i ? 4 : 2.5}
                            className="fill-white stroke-current dark:fill-zinc-900"
                            strokeWidth={2}
                          />
                        ),
                      )}
                    </g>
                  ))}
              <rect
                x={0}
                y={0}
                width={plotWidth}
                height={plotHeight}
                fill="transparent"
                onPointerMove={onPointerMove}
                onPointerDown={onPointerMove}
                onPointerLeave={() => setActive(null)}
              />
            </g>
          </svg>
        )}
        {active !== null && width > 0 && (
          <div
            role="status"
            className={cx(
              'pointer-events-none absolute top-1 z-10 min-w-36 rounded-md border border-zinc-200 bg-white px-2.5 py-2 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900',
              flip ? '-translate-x-full' : '',
            )}
            style={{ left: flip ? tooltipLeft - 10 : tooltipLeft + 10 }}
            data-chart-tooltip
          >
            <p className="mb-1 font-semibold">{categoryTitles?.[active] ?? categories[active]}</p>
            <ul className="space-y-0.5">
              {series.map((s) => (
                <li key={s.key} className="flex items-center gap-2">
                  <span
                    aria-hidden="true"
                    className={cx('inline-block size-2 rounded-sm bg-current', TONE[s.tone])}
                  />
                  <span className="whitespace-nowrap text-zinc-600 dark:text-zinc-300">
                    {s.label}
                  </span>
                  <span className="ml-auto pl-3 font-medium whitespace-nowrap tabular-nums">
                    {text(s, active)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <table id={tableId} className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c, i) => (
            <tr key={c}>
              <th scope="row">{categoryTitles?.[i] ?? c}</th>
              {series.map((s) => (
                <td key={s.key}>{text(s, i)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
