import type { SeriesRange } from '@jaring/contracts';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { SERIES_RANGES, type ChartSeries, type ChartUnit } from './chart-data';
import { Segmented } from './segmented';
import { Spinner } from './spinner';

export type { ChartColor, ChartSeries, ChartUnit } from './chart-data';

export interface TimeChartProps {
  /** The chart's accessible name. */
  label: string;
  /** Unix seconds, ascending; one per value of every series. */
  times: readonly number[];
  series: readonly ChartSeries[];
  /** The unit of the left axis (and of series without `axis: 'right'`). */
  unit: ChartUnit;
  /** The unit of the right axis, when some series use it. */
  rightUnit?: ChartUnit;
  /** The width of one bucket, so the legend shows the time as precisely as the data has it. */
  bucketSeconds: number;
  /** Height of the plot in CSS pixels (the legend comes on top). */
  height?: number;
  /** `data-testid` of the chart's container, which also carries `data-points`. */
  testId?: string;
  /** Data points drawn (without gap markers); written to `data-points` for tests. */
  points?: number;
  /** Shown instead of the plot when there is nothing to draw. */
  emptyLabel?: string;
  /** The time range asked for (Unix seconds), shown whole even where there is no data. */
  domain?: readonly [number, number] | null;
}

// uPlot and its CSS load only when a chart is first shown, in their own chunk.
const ChartImpl = lazy(() => import('./time-chart-impl'));

function ChartPlaceholder({ height }: { height: number }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div
      role="status"
      aria-label={t('timeChart.loading')}
      className="flex items-center justify-center text-zinc-400"
      // The placeholder keeps the chart's height so the page does not jump when it loads.
      style={{ height: height + 28 }}
    >
      <Spinner />
    </div>
  );
}

/**
 * A time-series line chart (canvas, uPlot): resize-aware, themed from CSS variables, with unit
 * aware axes and a legend that follows the cursor. Loaded lazily.
 */
export function TimeChart(props: TimeChartProps): React.JSX.Element {
  const height = props.height ?? 220;
  return (
    <Suspense fallback={<ChartPlaceholder height={height} />}>
      <ChartImpl {...props} height={height} />
    </Suspense>
  );
}

/** The chart ranges as a segmented control: 1h, 24h, 7d, 30d, 12m. */
export function RangeSelector({
  value,
  onChange,
  ranges = SERIES_RANGES,
}: {
  value: SeriesRange;
  onChange: (next: SeriesRange) => void;
  ranges?: readonly SeriesRange[];
}): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Segmented
      label={t('timeChart.rangeLabel')}
      value={value}
      onChange={onChange}
      options={ranges.map((range) => ({
        value: range,
        label: t(`timeChart.ranges.long${range}`),
        content: t(`timeChart.ranges.short${range}`),
      }))}
    />
  );
}
