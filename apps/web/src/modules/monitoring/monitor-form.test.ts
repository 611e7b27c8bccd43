import { describe, expect, test } from 'vitest';
import { capacityFromMbps, capacityToMbps, monitorChanges, monitorDraft } from './monitor-form';

describe('capacity', () => {
  test('Mbit/s text to bit/s and back', () => {
    expect(capacityFromMbps('1000')).toBe(1_000_000_000);
    expect(capacityFromMbps(' 2,5 ')).toBe(2_500_000);
    expect(capacityFromMbps('')).toBeNull();
    expect(capacityFromMbps('fast')).toBeNaN();
    expect(capacityToMbps(2_500_000)).toBe('2.5');
    expect(capacityToMbps(null)).toBe('');
  });
});

describe('monitor settings', () => {
  const settings = { enabled: true, healthIntervalS: 30, usageIntervalS: 300 };

  test('sends only what changed', () => {
    const draft = monitorDraft(settings);
    expect(monitorChanges(settings, draft)).toEqual({});
    expect(monitorChanges(settings, { ...draft, enabled: false, usageIntervalS: '600' })).toEqual({
      enabled: false,
      usageIntervalS: 600,
    });
  });

  test('leaves malformed numbers for the schema to reject', () => {
    expect(
      monitorChanges(settings, { ...monitorDraft(settings), healthIntervalS: 'x' }).healthIntervalS,
    ).toBeNaN();
  });
});
