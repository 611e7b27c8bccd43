/**
 * PPN on invoice lines. Per line: tax = amount × rate_bp / 10 000 rounded half away from zero
 * (half-up for the charges, mirrored for credits), in bigint. The invoice's tax is the sum of its
 * lines' taxes and total = subtotal + tax. The invoice run does the same arithmetic in SQL.
 */

/** a / b rounded half away from zero; b > 0. */
export function divRoundHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const sign = a < 0n ? -1n : 1n;
  const abs = a < 0n ? -a : a;
  return sign * ((abs * 2n + b) / (2n * b));
}

export function lineTax(amount: bigint, rateBp: number): bigint {
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new RangeError('tax rate must be 0..10000 basis points');
  }
  return divRoundHalfUp(amount * BigInt(rateBp), 10_000n);
}

export interface TaxedLine {
  amount: bigint;
  taxRateBp: number;
}

export interface InvoiceTotals {
  subtotal: bigint;
  tax: bigint;
  total: bigint;
}

export function invoiceTotals(lines: readonly TaxedLine[]): InvoiceTotals {
  let subtotal = 0n;
  let tax = 0n;
  for (const l of lines) {
    subtotal += l.amount;
    tax += lineTax(l.amount, l.taxRateBp);
  }
  return { subtotal, tax, total: subtotal + tax };
}
