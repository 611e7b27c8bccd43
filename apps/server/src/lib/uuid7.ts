import { randomBytes } from 'node:crypto';

/**
 * A UUIDv7 (RFC 9562): the millisecond first, then random bits. Rows written in time order
 * append to their primary key index instead of landing on random pages.
 */
export function uuid7(at: Date = new Date()): string {
  const ms = at.getTime().toString(16).padStart(12, '0');
  const r = randomBytes(10);
  const hex = r.toString('hex');
  const variant = (0x8 | ((r[2] ?? 0) & 0x3)).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex.slice(0, 3)}-${variant}${hex.slice(5, 8)}-${hex.slice(8, 20)}`;
}
