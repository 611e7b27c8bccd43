/**
 * The arithmetic behind the SVG charts, free of React and the DOM: value domains, "nice" axis
 * ticks, linear scales, and which x labels fit.
 */

export interface Domain {
  min: number;
  max: number;
}

/** The smallest and largest value shown, widened to hold `include` (0 for bars) and never empty. */
export function domainOf(
  values: readonly (number | null)[],
  options: { include?: readonly number[]; min?: number; max?: number } = {},
): Domain {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of [...values, ...(options.include ?? [])]) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (options.min !== undefined) min = options.min;
  if (options.max !== undefined) max = options.max;
  if (!Number.isFinite(min) || !Number.isFinite(max)) return { min: 0, max: 1 };
  // A flat line still needs some height: centre it in a band around its value.
  if (min === max)
    return max === 0 ? { min: 0, max: 1 } : { min: Math.min(0, min), max: max * 1.1 };
  return { min, max };
}

/** 1, 2 or 5 times a power of ten, close to `rough`. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/**
 * About `count` evenly spaced round values covering the domain; the first is at or below its
 * min and the last at or above its max, so the axis frames every point.
 */
export function niceTicks(domain: Domain, count = 4): number[] {
  const span = domain.max - domain.min;
  if (!(span > 0)) return [domain.min];
  const step = niceStep(span / Math.max(1, count));
  const first = Math.floor(domain.min / step) * step;
  const last = Math.ceil(domain.max / step) * step;
  const ticks: number[] = [];
  // Rounded to the step's precision so 0.1 + 0.2 never prints as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  for (let v = first; v <= last + step / 2; v += step) ticks.push(Number(v.toFixed(digits)));
  return ticks;
}

/** A linear map from a domain onto a pixel range (which may run backwards, as y does). */
export function linearScale(domain: Domain, range: [number, number]): (value: number) => number {
  const [r0, r1] = range;
  const span = domain.max - domain.min || 1;
  return (value) => r0 + ((value - domain.min) / span) * (r1 - r0);
}

/** Show every n-th x label so that labels of `labelWidth` pixels never overlap. */
export function labelStride(count: number, width: number, labelWidth: number): number {
  if (count <= 1 || width <= 0) return 1;
  const fits = Math.max(1, Math.floor(width / labelWidth));
  return Math.max(1, Math.ceil(count / fits));
}

/** The index of the x slot under a pointer at `x`, for `count` slots spread over `width`. */
export function slotAt(x: number, width: number, count: number): number {
  if (count <= 0 || width <= 0) return 0;
  return Math.min(count - 1, Math.max(0, Math.floor((x / width) * count)));
}

/**
 * SVG path data for a line through the points, broken where a value is missing (null) rather
 * than bridging the gap as if the value were known.
 */
export function linePath(points: readonly ({ x: number; y: number } | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!p) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(p.x)},${round(p.y)}`;
    pen = true;
  }
  return d;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
