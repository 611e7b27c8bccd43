import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  downUp,
  formatRate,
  formatRateLimit,
  parseRate,
  parseRateLimit,
} from '../src/ratelimit.ts';

describe('rate-limit strings', () => {
  it('reads rx as the client upload', () => {
    const rl = parseRateLimit('512k/2M');
    expect(rl).toEqual({ rx: 512_000, tx: 2_000_000 });
    expect(downUp(rl)).toEqual({ download: 2_000_000, upload: 512_000 });
  });

  it('parses the full form', () => {
    expect(parseRateLimit('1M/2M 2M/4M 768k/1536k 8/8 5 256k/512k')).toEqual({
      rx: 1e6,
      tx: 2e6,
      burstRx: 2e6,
      burstTx: 4e6,
      thresholdRx: 768e3,
      thresholdTx: 1536e3,
      burstTimeRx: 8,
      burstTimeTx: 8,
      priority: 5,
      minRx: 256e3,
      minTx: 512e3,
    });
    expect(parseRateLimit('10M')).toEqual({ rx: 10e6, tx: 10e6 });
    expect(formatRateLimit(parseRateLimit('1M/2M 2M/4M 768k/1536k 8/8 5 256k/512k'))).toBe(
      '1M/2M 2M/4M 768k/1536k 8/8 5 256k/512k',
    );
  });

  it.each(['', 'abc', '1M/2M/3M', '1M/ 2M', '1M/2M 1 1 1 9', '1M 1M 1M 1M 1M 1M 1M'])(
    'rejects %j',
    (bad) => {
      expect(() => parseRateLimit(bad)).toThrow(RangeError);
    },
  );

  it('formats with the largest exact unit', () => {
    expect(formatRate(2_000_000)).toBe('2M');
    expect(formatRate(1_500_000)).toBe('1500k');
    expect(formatRate(1234)).toBe('1234');
    expect(parseRate('1.5M')).toBe(1_500_000);
  });

  it('round-trips', () => {
    const rate = fc.integer({ min: 0, max: 10_000 }).map((n) => n * 1000);
    fc.assert(
      fc.property(
        rate,
        rate,
        fc.option(
          fc.tuple(
            rate,
            rate,
            rate,
            rate,
            fc.integer({ min: 1, max: 60 }),
            fc.integer({ min: 1, max: 8 }),
          ),
        ),
        (rx, tx, extra) => {
          const rl = extra
            ? {
                rx,
                tx,
                burstRx: extra[0],
                burstTx: extra[1],
                thresholdRx: extra[2],
                thresholdTx: extra[3],
                burstTimeRx: extra[4],
                burstTimeTx: extra[4],
                priority: extra[5],
              }
            : { rx, tx };
          expect(parseRateLimit(formatRateLimit(rl))).toEqual(rl);
        },
      ),
    );
  });
});
