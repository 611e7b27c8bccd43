import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCodepage } from '../src/codec/codepage.ts';
import { encodeLength, ProtocolError, readLength } from '../src/codec/length.ts';
import { SentenceParser } from '../src/codec/parser.ts';
import { encodeSentence } from '../src/codec/sentence.ts';

const VECTORS: [number, string][] = [
  [0, '00'],
  [127, '7f'],
  [130, '8082'],
  [0x100, '8100'],
  [0x3fff, 'bfff'],
  [0x4000, 'c04000'],
  [2097140, 'dffff4'],
  [0x200000, 'e0200000'],
  [268435440, 'effffff0'],
  [0x10000000, 'f010000000'],
];

const cp = getCodepage('windows-1252');

describe('length prefix', () => {
  it.each(VECTORS)('encodes %i as %s and decodes it back', (n, hex) => {
    expect(encodeLength(n).toString('hex')).toBe(hex);
    expect(readLength(Buffer.from(hex, 'hex'), 0)).toEqual({ length: n, size: hex.length / 2 });
  });

  it('round-trips every length form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const enc = encodeLength(n);
        expect(readLength(enc, 0)).toEqual({ length: n, size: enc.length });
        // A truncated prefix asks for more bytes instead of guessing.
        expect(readLength(enc.subarray(0, enc.length - 1), 0)).toBeUndefined();
      }),
    );
  });

  it('rejects reserved control bytes', () => {
    for (let b = 0xf8; b <= 0xff; b++) {
      expect(() => readLength(Uint8Array.of(b, 0, 0, 0, 0), 0)).toThrow(ProtocolError);
    }
  });
});

const wordArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.uint8Array({ minLength: 1, maxLength: 300 }).map((b) => Buffer.from(b)),
  // Values long enough to need the 2- and 3-byte prefixes, with NUL bytes inside.
  fc.integer({ min: 0x80, max: 0x4100 }).map((n) => Buffer.alloc(n, 0)),
);
const sentenceArb = fc.array(wordArb, { minLength: 1, maxLength: 6 });

function toBytes(w: string | Buffer): Buffer {
  return typeof w === 'string' ? cp.encode(w) : w;
}

describe('sentence parser', () => {
  it('parses a stream fed byte by byte', () => {
    const sentences = [
      ['!re', '.tag=1', '=name=a\u0000b', '=comment='],
      ['!done', '=ret=*1'],
    ];
    const bytes = Buffer.concat(sentences.map((s) => encodeSentence(s, cp)));
    const p = new SentenceParser();
    const out: string[][] = [];
    for (const b of bytes)
      out.push(...p.push(Uint8Array.of(b)).map((s) => s.map((w) => cp.decode(w))));
    expect(out).toEqual(sentences);
    expect(p.idle).toBe(true);
  });

  it('yields the same sentences under any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(sentenceArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 40 }),
        (sentences, cuts) => {
          const stream = Buffer.concat(sentences.map((s) => encodeSentence(s, cp)));
          const p = new SentenceParser();
          const got: Buffer[][] = [];
          let off = 0;
          let i = 0;
          while (off < stream.length) {
            const n = cuts[i++ % cuts.length] as number;
            got.push(...p.push(stream.subarray(off, off + n)));
            off += n;
          }
          expect(got.map((s) => s.map((w) => w.toString('hex')))).toEqual(
            sentences.map((s) => s.map((w) => toBytes(w).toString('hex'))),
          );
          expect(p.idle).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ignores empty sentences', () => {
    const p = new SentenceParser();
    expect(p.push(Buffer.from([0, 0, 3, 0x21, 0x72, 0x65, 0]))).toEqual([[Buffer.from('!re')]]);
  });

  it('rejects a reserved byte and stays failed', () => {
    const p = new SentenceParser();
    expect(() => p.push(Buffer.from([3, 0x61, 0x62, 0x63, 0xf8]))).toThrow(ProtocolError);
    expect(() => p.push(Buffer.from([0]))).toThrow(ProtocolError);
    expect(p.bufferedBytes).toBe(0);
  });

  it('rejects oversized words before buffering them', () => {
    const p = new SentenceParser({ maxWordBytes: 1024 });
    expect(() => p.push(encodeLength(2048))).toThrow(/exceeds limit/);
    const q = new SentenceParser();
    // 0xF0 prefix announcing ~4 GiB: refused immediately, nothing retained.
    expect(() => q.push(Buffer.from([0xf0, 0xff, 0xff, 0xff, 0xff, 1, 2, 3]))).toThrow(
      ProtocolError,
    );
    expect(q.bufferedBytes).toBe(0);
  });

  it('bounds sentences by total size and word count', () => {
    const p = new SentenceParser({ maxSentenceBytes: 100 });
    const word = Buffer.concat([encodeLength(60), Buffer.alloc(60, 0x61)]);
    expect(() => p.push(Buffer.concat([word, word]))).toThrow(/sentence exceeds/);
    const q = new SentenceParser({ maxWords: 3 });
    expect(() => q.push(Buffer.from([1, 0x61, 1, 0x61, 1, 0x61, 1, 0x61]))).toThrow(/words/);
  });

  it('reports a stream truncated inside a word', () => {
    const p = new SentenceParser();
    p.push(Buffer.from([5, 0x61, 0x62]));
    expect(() => p.end()).toThrow(/truncated/);
  });

  it('never throws anything but ProtocolError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const p = new SentenceParser({ maxWordBytes: 4096 });
        try {
          p.push(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(ProtocolError);
        }
        expect(p.bufferedBytes).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });
});

describe('codepage', () => {
  it('counts encoded bytes, not characters', () => {
    const s = encodeSentence(['=comment=café €'], cp);
    // 'é' and '€' are one byte each in Windows-1252.
    expect(s[0]).toBe('=comment=café €'.length);
    expect(cp.decode(s.subarray(1, s.length - 1))).toBe('=comment=café €');
    const utf8 = getCodepage('utf-8');
    const u = encodeSentence(['=comment=café €'], utf8);
    expect(u[0]).toBe(Buffer.byteLength('=comment=café €'));
  });

  it('replaces characters outside Windows-1252', () => {
    expect(cp.decode(cp.encode('a😀b'))).toBe('a?b');
  });
});
