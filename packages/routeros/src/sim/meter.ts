import { hash32 } from './random.ts';

/**
 * Byte counters as a router keeps them, computed instead of ticked: a counter's value is the
 * integral of its traffic rate from the moment it started (creation, session start, boot or
 * the last reset). The integral has a closed form, so reading 500 counters costs a few cosines
 * each, any clock value gives the same answer however often it is asked, and the value can only
 * grow while the clock moves forward.
 */

/** Mean rates in bit/s, `rx` = received by the router (a client's upload). */
export interface Rates {
  readonly rx: number;
  readonly tx: number;
}

export const NO_TRAFFIC: Rates = { rx: 0, tx: 0 };

// Two waves: a fast one so consecutive polls differ, a slow one so graphs over minutes move.
// Their amplitudes add up to less than 1, so the rate never reaches zero and counters keep
// growing.
const FAST_PERIOD_MS = 7_000;
const FAST_AMPLITUDE = 0.3;
const SLOW_PERIOD_MS = 120_000;
const SLOW_AMPLITUDE = 0.15;
/** Highest factor the waves reach; shares of a limit stay below `1 / PEAK`. */
export const PEAK = 1 + FAST_AMPLITUDE + SLOW_AMPLITUDE;

// Angles are taken from an epoch near today so `t / period` stays small enough for doubles to
// keep sub-byte precision in the integral.
const EPOCH_MS = Date.UTC(2024, 0, 1);
const TAU = 2 * Math.PI;

/** Phases of the two waves for a counter key, so counters do not move in lockstep. */
export interface Phase {
  readonly fast: number;
  readonly slow: number;
}

export function phaseOf(key: string): Phase {
  return {
    fast: (hash32(key) / 0x100000000) * TAU,
    slow: (hash32(`${key}~slow`) / 0x100000000) * TAU,
  };
}

/** Rate factor (around 1) at time `t`. */
export function waveFactor(phase: Phase, t: number): number {
  const x = t - EPOCH_MS;
  return (
    1 +
    FAST_AMPLITUDE * Math.sin(x / FAST_PERIOD_MS + phase.fast) +
    SLOW_AMPLITUDE * Math.sin(x / SLOW_PERIOD_MS + phase.slow)
  );
}

/** Antiderivative of {@link waveFactor} over milliseconds. */
function waveIntegral(phase: Phase, t: number): number {
  const x = t - EPOCH_MS;
  return (
    x -
    FAST_AMPLITUDE * FAST_PERIOD_MS * Math.cos(x / FAST_PERIOD_MS + phase.fast) -
    SLOW_AMPLITUDE * SLOW_PERIOD_MS * Math.cos(x / SLOW_PERIOD_MS + phase.slow)
  );
}

function toBig(n: number | bigint): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`invalid byte count: ${n}`);
  return BigInt(Math.floor(n));
}

/** One rx/tx pair of byte counters following a rate over time. */
export class Meter {
  readonly #phase: Phase;
  #base: Rates;
  #origin: number;
  /** Integral of the wave at the origin, so a read needs only the value at `now`. */
  #originIntegral: number;
  /** Bytes counted before the origin: earlier rates, and test pushes. */
  #carryRx = 0n;
  #carryTx = 0n;

  constructor(origin: number, base: Rates, phase: Phase) {
    this.#phase = phase;
    this.#base = base;
    this.#origin = origin;
    this.#originIntegral = waveIntegral(phase, origin);
  }

  /** Unwrapped byte totals at `now`. */
  bytes(now: number): { rx: bigint; tx: bigint } {
    // A clock moved behind the origin reads as the origin, never as negative traffic.
    const ms = now > this.#origin ? waveIntegral(this.#phase, now) - this.#originIntegral : 0;
    // Bytes = bits/s / 8 * seconds; ms / 1000.
    const scale = Math.max(0, ms) / 8000;
    return {
      rx: this.#carryRx + BigInt(Math.floor(this.#base.rx * scale)),
      tx: this.#carryTx + BigInt(Math.floor(this.#base.tx * scale)),
    };
  }

  /** Instantaneous rate in bit/s. */
  rate(now: number): Rates {
    const f = waveFactor(this.#phase, now);
    return { rx: this.#base.rx * f, tx: this.#base.tx * f };
  }

  /** Changes the mean rate from `now` on, keeping what was counted so far. */
  retune(now: number, base: Rates): void {
    if (base.rx === this.#base.rx && base.tx === this.#base.tx) return;
    this.#restart(now, this.bytes(now));
    this.#base = base;
  }

  /** Counts from zero again at `now`, as `reset-counters` does. */
  reset(now: number): void {
    this.#restart(now, { rx: 0n, tx: 0n });
  }

  /** Adds bytes at once, for tests that need a counter near its wrap point. */
  add(rx: number | bigint, tx: number | bigint): void {
    this.#carryRx += toBig(rx);
    this.#carryTx += toBig(tx);
  }

  #restart(now: number, carry: { rx: bigint; tx: bigint }): void {
    this.#origin = now;
    this.#originIntegral = waveIntegral(this.#phase, now);
    this.#carryRx = carry.rx;
    this.#carryTx = carry.tx;
  }
}
