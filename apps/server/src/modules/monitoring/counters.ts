/**
 * Turning cumulative byte counters into deltas and rates. Counters restart at zero when a router
 * reboots, an interface or queue is reset or re-created (a PPP session reconnecting gets a new
 * dynamic queue), and wrap at 2^32 on older counters. None of these may produce a negative or an
 * absurd figure: a gap of one interval is better than a spike that skews a month of usage.
 */

const TWO_32 = 2 ** 32;

/** Fastest plausible link (bit/s): anything above is a counter artefact, not traffic. */
export const MAX_PLAUSIBLE_BPS = 100e9;

export interface CounterDelta {
  /** Bytes counted in the interval; 0 when the interval cannot be trusted. */
  bytes: number;
  /** Bit/s over the interval. */
  bps: number;
  /** Why the raw difference was not used as is. */
  kind: 'normal' | 'wrap32' | 'reset' | 'first' | 'implausible';
}

export interface DeltaOptions {
  /** The counter is known to have restarted since `prev` (reboot, new session). */
  restarted?: boolean;
  /** Cap on the rate in bit/s (e.g. the link's capacity with headroom). */
  maxBps?: number;
}

function plausible(bytes: number, seconds: number, maxBps: number): boolean {
  return bytes >= 0 && (bytes * 8) / seconds <= maxBps;
}

/**
 * The bytes counted between two readings of a counter `elapsedMs` apart. `prev` undefined means
 * no earlier reading (first poll): the counter becomes the new baseline and counts nothing.
 */
export function counterDelta(
  prev: number | undefined,
  cur: number,
  elapsedMs: number,
  options: DeltaOptions = {},
): CounterDelta {
  const seconds = elapsedMs / 1000;
  const maxBps = options.maxBps ?? MAX_PLAUSIBLE_BPS;
  if (prev === undefined || seconds <= 0 || !Number.isFinite(cur) || cur < 0) {
    return { bytes: 0, bps: 0, kind: 'first' };
  }
  const rate = (bytes: number): number => Math.round((bytes * 8) / seconds);
  if (options.restarted) {
    // Everything on the counter was counted since the restart, inside this interval.
    return plausible(cur, seconds, maxBps)
      ? { bytes: cur, bps: rate(cur), kind: 'reset' }
      : { bytes: 0, bps: 0, kind: 'implausible' };
  }
  if (cur >= prev) {
    const bytes = cur - prev;
    return plausible(bytes, seconds, maxBps)
      ? { bytes, bps: rate(bytes), kind: 'normal' }
      : { bytes: 0, bps: 0, kind: 'implausible' };
  }
  // Went backwards: a 32-bit wrap if that explains it with a plausible rate, else a reset.
  if (prev < TWO_32) {
    const wrapped = TWO_32 - prev + cur;
    if (plausible(wrapped, seconds, maxBps)) {
      return { bytes: wrapped, bps: rate(wrapped), kind: 'wrap32' };
    }
  }
  return plausible(cur, seconds, maxBps)
    ? { bytes: cur, bps: rate(cur), kind: 'reset' }
    : { bytes: 0, bps: 0, kind: 'implausible' };
}
