import { describe, expect, it } from 'vitest';
import { feeFor, percentToBp } from './fees.ts';
import { FIRST_CHECK_MS, nextCheckAfter } from './schedule.ts';

const t0 = new Date('2026-05-01T00:00:00Z');
const at = (ms: number): Date => new Date(t0.getTime() + ms);
const MIN = 60_000;

describe('nextCheckAfter', () => {
  it('backs off from three minutes to an hour', () => {
    const row = { createdAt: t0, expiresAt: null };
    expect(nextCheckAfter({ ...row, checkCount: 0 }, t0)).toEqual(at(FIRST_CHECK_MS));
    expect(nextCheckAfter({ ...row, checkCount: 1 }, t0)).toEqual(at(6 * MIN));
    expect(nextCheckAfter({ ...row, checkCount: 4 }, t0)).toEqual(at(48 * MIN));
    expect(nextCheckAfter({ ...row, checkCount: 9 }, t0)).toEqual(at(60 * MIN));
  });

  it('looks once just after the expiry, then gives up a day later', () => {
    const row = { createdAt: t0, expiresAt: at(20 * MIN), checkCount: 5 };
    expect(nextCheckAfter(row, at(10 * MIN))).toEqual(at(21 * MIN));
    expect(nextCheckAfter(row, at(22 * MIN))).toEqual(at(82 * MIN));
    expect(nextCheckAfter(row, at(25 * 60 * MIN))).toBeNull();
  });
});

describe('feeFor', () => {
  it('adds a flat part and rounds the percentage up to a whole rupiah', () => {
    expect(feeFor({ flat: 4_000n, percentBp: 0 }, 150_000n)).toBe(4_000n);
    expect(feeFor({ flat: 0n, percentBp: 70 }, 100_000n)).toBe(700n);
    expect(feeFor({ flat: 0n, percentBp: 70 }, 100_001n)).toBe(701n);
    expect(feeFor({ flat: 750n, percentBp: 70 }, 1n)).toBe(751n);
    expect(feeFor({ flat: 750n, percentBp: 70 }, 0n)).toBe(0n);
    expect(percentToBp(0.7)).toBe(70);
    expect(percentToBp(2.5)).toBe(250);
  });
});
