/** A fee rule as stored: `flat` rupiah plus `percentBp` hundredths of a percent of the amount. */
export interface FeeRule {
  flat: bigint;
  percentBp: number;
}

/** Pure: `flat + ceil(amount × percentBp / 10000)`, in whole rupiah, never a float. */
export function feeFor(rule: FeeRule, amount: bigint): bigint {
  if (amount <= 0n) return 0n;
  const bp = BigInt(rule.percentBp);
  const percent = (amount * bp + 9_999n) / 10_000n;
  return rule.flat + percent;
}

/** Tripay reports percentages as decimals (`0.7` for 0.7 %): to hundredths of a percent. */
export function percentToBp(percent: number): number {
  return Math.round(percent * 100);
}
