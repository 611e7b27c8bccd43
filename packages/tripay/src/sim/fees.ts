import type { TripayFeeRule } from '../models.ts';

/**
 * A percent with at most two decimals as an integer count of hundredths (0.7 -> 70), so that
 * fee arithmetic stays in integers. More precision than Tripay's two decimals is refused.
 */
export function percentHundredths(percent: number): bigint {
  const hundredths = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || Math.abs(percent * 100 - hundredths) > 1e-6) {
    throw new RangeError(`fee percent ${percent} needs at most two decimals and must be >= 0`);
  }
  return BigInt(hundredths);
}

/** Percent as Tripay prints it in `total_fee` and the fee calculator: a string like `"0.70"`. */
export function formatPercent(hundredths: bigint): string {
  const whole = hundredths / 100n;
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  return `${whole.toString()}.${frac}`;
}

export interface FeeBounds {
  minimumFee: number | null;
  maximumFee: number | null;
}

/**
 * `flat + ceil(amount * percent / 100)`, clamped to the channel's bounds. A side without a rule
 * (zero flat and percent) pays nothing, whatever the minimum: bounds shape a fee, never create one.
 */
export function computeFee(amount: bigint, rule: TripayFeeRule, bounds: FeeBounds): bigint {
  const hundredths = percentHundredths(rule.percent);
  const flat = BigInt(rule.flat);
  if (flat === 0n && hundredths === 0n) return 0n;
  const scaled = amount * hundredths;
  // Ceiling division of non-negative integers.
  let fee = flat + (scaled + 9999n) / 10000n;
  if (bounds.minimumFee !== null && fee < BigInt(bounds.minimumFee)) {
    fee = BigInt(bounds.minimumFee);
  }
  if (bounds.maximumFee !== null && fee > BigInt(bounds.maximumFee)) {
    fee = BigInt(bounds.maximumFee);
  }
  return fee;
}
