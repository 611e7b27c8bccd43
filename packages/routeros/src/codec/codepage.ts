/**
 * Text <-> bytes for API values. RouterOS stores values as bytes in the router's codepage and
 * counts lengths in bytes, so the codepage must be applied before framing, never after.
 */

/** Converts between JS strings and the bytes a router stores. */
export interface Codepage {
  readonly name: string;
  encode(text: string): Buffer;
  decode(bytes: Uint8Array): string;
}

/** Codepage names accepted by {@link getCodepage}. */
export type CodepageName = 'windows-1252' | 'utf-8' | 'latin1';

const utf8: Codepage = {
  name: 'utf-8',
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: (bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
};

const latin1: Codepage = {
  name: 'latin1',
  encode: (text) => Buffer.from(text, 'latin1'),
  decode: (bytes) =>
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'),
};

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const C1 = /[\x80-\x9f]/;

function buildWindows1252(): Codepage {
  const decoder = new TextDecoder('windows-1252');
  // Only 0x80..0x9F differ from Latin-1; derive that table from the platform decoder.
  const high = new Map<number, number>();
  for (let b = 0x80; b <= 0x9f; b++) {
    high.set(decoder.decode(Uint8Array.of(b)).charCodeAt(0), b);
  }
  const QUESTION = 0x3f;
  return {
    name: 'windows-1252',
    encode(text: string): Buffer {
      // ASCII fast path: command words, keys and most values.
      if (!NON_ASCII.test(text)) return Buffer.from(text, 'latin1');
      const out = Buffer.allocUnsafe(text.length);
      let n = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0) as number;
        if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff)) out[n++] = cp;
        else out[n++] = high.get(cp) ?? QUESTION;
      }
      return out.subarray(0, n);
    },
    decode(bytes: Uint8Array): string {
      // Latin-1 decoding is native; only 0x80..0x9F differ in Windows-1252, so patch those.
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      return C1.test(text) ? decoder.decode(bytes) : text;
    },
  };
}

const windows1252 = buildWindows1252();

/** Returns the codepage for a name, or a custom one passed through unchanged. */
export function getCodepage(codepage: CodepageName | Codepage = 'windows-1252'): Codepage {
  if (typeof codepage !== 'string') return codepage;
  switch (codepage) {
    case 'windows-1252':
      return windows1252;
    case 'utf-8':
      return utf8;
    case 'latin1':
      return latin1;
    default:
      throw new RangeError(`unknown codepage: ${String(codepage)}`);
  }
}
