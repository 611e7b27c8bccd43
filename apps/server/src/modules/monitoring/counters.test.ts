import { describe, expect, it } from 'vitest';
import { counterDelta } from './counters.ts';

const MIN = 60_000;

describe('counterDelta', () => {
  it('turns a growing counter into bytes and bit/s', () => {
    expect(counterDelta(1_000, 7_501_000, MIN)).toEqual({
      bytes: 7_500_000,
      bps: 1_000_000,
      kind: 'normal',
    });
  });

  it('has no rate on the first reading', () => {
    expect(counterDelta(undefined, 5_000, MIN)).toEqual({ bytes: 0, bps: 0, kind: 'first' });
  });

  it('follows a 32-bit wrap', () => {
    const prev = 2 ** 32 - 1_000;
    const d = counterDelta(prev, 4_000, MIN);
    expect(d).toEqual({ bytes: 5_000, bps: Math.round((5_000 * 8) / 60), kind: 'wrap32' });
  });

  it('treats a drop that a wrap cannot explain as a reset, counting from zero', () => {
    // 2^32 - 10 GB + 3 MB would be far more than any link moves in a minute on a 64-bit counter
    const d = counterDelta(50_000_000_000, 3_000_000, MIN);
    expect(d.kind).toBe('reset');
    expect(d.bytes).toBe(3_000_000);
  });

  it('counts everything after a known restart (reboot, new session)', () => {
    expect(counterDelta(9_000_000, 12_000, MIN, { restarted: true })).toMatchObject({
      bytes: 12_000,
      kind: 'reset',
    });
  });

  it('never reports a negative or absurd figure', () => {
    expect(counterDelta(0, 10 ** 15, MIN)).toEqual({ bytes: 0, bps: 0, kind: 'implausible' });
    expect(counterDelta(0, 1_000_000_000, MIN, { maxBps: 100_000_000 })).toMatchObject({
      kind: 'implausible',
      bytes: 0,
    });
    expect(counterDelta(10, -5, MIN).bytes).toBe(0);
    expect(counterDelta(10, 20, 0).kind).toBe('first');
  });

  it('prefers a reset over a wrap whose rate would be implausible', () => {
    // A 32-bit wrap would mean ~4 GB in one second on a 100 Mbit/s link: it was a reset.
    const d = counterDelta(1_000_000, 500, 1_000, { maxBps: 100_000_000 });
    expect(d).toMatchObject({ kind: 'reset', bytes: 500 });
  });
});
