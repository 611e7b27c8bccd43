/**
 * Length prefix of an API word: 1 to 5 bytes, big-endian, with the high bits of the first byte
 * telling how many bytes follow.
 */

/** Largest word length the protocol can express (the 5-byte form carries a full uint32). */
export const MAX_WORD_LENGTH = 0xffffffff;

/** Thrown for a byte stream that cannot be a RouterOS API stream. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** Number of bytes the prefix for `length` takes. */
export function lengthPrefixSize(length: number): number {
  if (length < 0x80) return 1;
  if (length < 0x4000) return 2;
  if (length < 0x200000) return 3;
  if (length < 0x10000000) return 4;
  return 5;
}

/** Writes the prefix for `length` into `target` at `offset`; returns the offset after it. */
export function writeLength(length: number, target: Uint8Array, offset: number): number {
  if (!Number.isInteger(length) || length < 0 || length > MAX_WORD_LENGTH) {
    throw new RangeError(`word length out of range: ${length}`);
  }
  if (length < 0x80) {
    target[offset] = length;
    return offset + 1;
  }
  if (length < 0x4000) {
    target[offset] = (length >>> 8) | 0x80;
    target[offset + 1] = length & 0xff;
    return offset + 2;
  }
  if (length < 0x200000) {
    target[offset] = (length >>> 16) | 0xc0;
    target[offset + 1] = (length >>> 8) & 0xff;
    target[offset + 2] = length & 0xff;
    return offset + 3;
  }
  if (length < 0x10000000) {
    target[offset] = (length >>> 24) | 0xe0;
    target[offset + 1] = (length >>> 16) & 0xff;
    target[offset + 2] = (length >>> 8) & 0xff;
    target[offset + 3] = length & 0xff;
    return offset + 4;
  }
  target[offset] = 0xf0;
  target[offset + 1] = (length >>> 24) & 0xff;
  target[offset + 2] = (length >>> 16) & 0xff;
  target[offset + 3] = (length >>> 8) & 0xff;
  target[offset + 4] = length & 0xff;
  return offset + 5;
}

/** The prefix for `length` as a fresh buffer. */
export function encodeLength(length: number): Buffer {
  const out = Buffer.allocUnsafe(lengthPrefixSize(length));
  writeLength(length, out, 0);
  return out;
}

/** Result of {@link readLength}: `undefined` means more bytes are needed. */
export interface DecodedLength {
  readonly length: number;
  /** Bytes taken by the prefix. */
  readonly size: number;
}

/**
 * Reads a length prefix at `offset`. Returns `undefined` when the buffer ends inside the prefix.
 * Throws {@link ProtocolError} on a reserved control byte (>= 0xF8), which a client cannot parse
 * past.
 */
export function readLength(buf: Uint8Array, offset: number): DecodedLength | undefined {
  const available = buf.length - offset;
  if (available < 1) return undefined;
  const b0 = buf[offset] as number;
  if (b0 < 0x80) return { length: b0, size: 1 };
  if (b0 < 0xc0) {
    if (available < 2) return undefined;
    return { length: ((b0 & 0x3f) << 8) | (buf[offset + 1] as number), size: 2 };
  }
  if (b0 < 0xe0) {
    if (available < 3) return undefined;
    return {
      length:
        ((b0 & 0x1f) << 16) | ((buf[offset + 1] as number) << 8) | (buf[offset + 2] as number),
      size: 3,
    };
  }
  if (b0 < 0xf0) {
    if (available < 4) return undefined;
    return {
      length:
        (b0 & 0x0f) * 0x1000000 +
        (((buf[offset + 1] as number) << 16) |
          ((buf[offset + 2] as number) << 8) |
          (buf[offset + 3] as number)),
      size: 4,
    };
  }
  if (b0 >= 0xf8) {
    throw new ProtocolError(`reserved control byte 0x${b0.toString(16)} in length prefix`);
  }
  if (available < 5) return undefined;
  return {
    length:
      (buf[offset + 1] as number) * 0x1000000 +
      (((buf[offset + 2] as number) << 16) |
        ((buf[offset + 3] as number) << 8) |
        (buf[offset + 4] as number)),
    size: 5,
  };
}
