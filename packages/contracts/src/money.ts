import { z } from 'zod';

/**
 * Rupiah amounts travel as strings of digits so no JSON parser turns them into floats. Inputs
 * also accept a safe integer number for convenience.
 */
export const rupiahSchema = z
  .union([
    z.string().regex(/^\d{1,15}$/, { message: 'must be a whole number of rupiah' }),
    z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  ])
  .transform((v) => String(v));

/** A rupiah amount as sent by the server. */
export const rupiahOutSchema = z.string().regex(/^-?\d+$/);
