import type { Scalar } from './query.ts';
import { formatScalar } from './query.ts';

/** Attribute names whose values must never reach logs. */
export const SECRET_KEYS = /pass|secret|response|key|token/i;

/**
 * Copy of command attributes safe for an integration log: values of password-like keys
 * become `***`.
 */
export function redactAttributes(
  attributes: Readonly<Record<string, Scalar | undefined>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!attributes) return out;
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined) continue;
    out[k] = SECRET_KEYS.test(k) ? '***' : formatScalar(v);
  }
  return out;
}
