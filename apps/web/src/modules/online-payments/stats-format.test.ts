import { describe, expect, test } from 'vitest';
import {
  formatApplySeconds,
  formatSuccessRate,
  sortStatsRows,
  type StatsRow,
} from './stats-format';

describe('formatSuccessRate', () => {
  test('a share as a percentage, one decimal at most', () => {
    expect(formatSuccessRate(0.973, 'en')).toBe('97.3%');
    expect(formatSuccessRate(1, 'en')).toBe('100%');
    expect(formatSuccessRate(0.5, 'id')).toMatch(/^50\s?%$/);
  });

  test('nothing finished yet reads as a dash', () => {
    expect(formatSuccessRate(null, 'id')).toBe('—');
  });
});

describe('formatApplySeconds', () => {
  // The unit words come from the runtime's CLDR data ("sec" or "secs"): only their stem is fixed.
  test('seconds under a minute, with a decimal under ten', () => {
    expect(formatApplySeconds(0.84, 'en')).toMatch(/^0\.8 sec/);
    expect(formatApplySeconds(42.4, 'en')).toMatch(/^42 sec/);
  });

  test('minutes and hours above that', () => {
    expect(formatApplySeconds(90, 'en')).toMatch(/^1\.5 min/);
    expect(formatApplySeconds(5400, 'en')).toMatch(/^1\.5 hr/);
  });

  test('the Indonesian words and decimal comma', () => {
    expect(formatApplySeconds(90, 'id')).toMatch(/^1,5 mnt/);
  });

  test('no time yet reads as a dash', () => {
    expect(formatApplySeconds(null, 'en')).toBe('—');
  });
});

describe('sortStatsRows', () => {
  const row = (gateway: StatsRow['gateway'], channel: string, transactions: number): StatsRow => ({
    gateway,
    channel,
    transactions,
    paid: 0,
    failed: 0,
    expired: 0,
    pending: 0,
    successRate: null,
    applySecondsP50: null,
    applySecondsP95: null,
    paidTotal: '0',
  });

  test('by gateway, then the busiest channel first', () => {
    const sorted = sortStatsRows([
      row('tripay', 'BRIVA', 5),
      row('midtrans', 'gopay', 2),
      row('midtrans', 'bca_va', 9),
    ]);
    expect(sorted.map((r) => `${r.gateway}:${r.channel}`)).toEqual([
      'midtrans:bca_va',
      'midtrans:gopay',
      'tripay:BRIVA',
    ]);
  });
});
