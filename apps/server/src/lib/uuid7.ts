import { randomBytes } from 'node:crypto';

let lastMs = -1;
let sequence = 0;

/**
 * A UUIDv7 (RFC 9562): the millisecond first, then a 12-bit sequence, then random bits. Rows
 * written in time order append to their primary key index instead of landing on random pages,
 * and ids made in one process sort in the order they were made, even within one millisecond
 * (the sequence starts at a random point below 2048 each millisecond and counts up; a clock
 * that stands still or steps back keeps counting from the last id).
 */
export function uuid7(at: Date = new Date()): string {
  let ms = at.getTime();
  const r = randomBytes(10);
  if (ms > lastMs) {
    lastMs = ms;
    sequence = r.readUInt16BE(8) & 0x7ff;
  } else {
    ms = lastMs;
    sequence += 1;
    if (sequence > 0xfff) {
      lastMs += 1;
      ms = lastMs;
      sequence = 0;
    }
  }
  const time = ms.toString(16).padStart(12, '0');
  const seq = sequence.toString(16).padStart(3, '0');
  const hex = r.toString('hex');
  const variant = (0x8 | ((r[0] ?? 0) & 0x3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${seq}-${variant}${hex.slice(2, 5)}-${hex.slice(5, 17)}`;
}
