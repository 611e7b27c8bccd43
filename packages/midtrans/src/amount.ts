const GROSS = /^(\d+)(?:\.(\d+))?$/;

/**
 * Whole rupiah from a Midtrans amount string (`"100000.00"` or `"100000"`). Rupiah have no
 * minor unit in practice, so a non-zero fraction means the amount is not what we charged and
 * must not be rounded away.
 */
export function grossAmountToRupiah(gross: string): bigint {
  const m = GROSS.exec(gross);
  if (!m) throw new RangeError(`malformed Midtrans amount: ${JSON.stringify(gross)}`);
  const fraction = m[2];
  if (fraction !== undefined && /[1-9]/.test(fraction))
    throw new RangeError(`Midtrans amount has a fraction of a rupiah: ${gross}`);
  return BigInt(m[1] as string);
}

/** The `"N.00"` form Midtrans uses in notifications and status answers. */
export function rupiahToGrossAmount(rupiah: bigint): string {
  if (rupiah < 0n) throw new RangeError('amount must not be negative');
  return `${rupiah}.00`;
}
