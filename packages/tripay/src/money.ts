import { validationError } from './errors.ts';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Tripay takes amounts as JSON numbers. Converting is exact only up to 2^53 - 1, so larger
 * values are refused instead of being sent rounded.
 */
export function toJsonNumber(value: bigint, field: string): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) throw validationError(`${field} is too large`);
  return Number(value);
}
