import { describe, expect, test } from 'vitest';
import { formatDateTime, isFuture } from './format';

describe('formatDateTime', () => {
  test('shows Jakarta time (UTC+7) whatever the machine zone', () => {
    expect(formatDateTime('2026-11-24T20:30:00Z', 'en')).toContain('25 Nov 2026');
    expect(formatDateTime('2026-11-24T20:30:00Z', 'en')).toContain('03:30:00');
    expect(formatDateTime('2026-11-24T10:00:00Z', 'id')).toMatch(/24 Nov 2026.*17\.00\.00/);
  });

  test('handles missing and bad values', () => {
    expect(formatDateTime(null, 'id')).toBe('—');
    expect(formatDateTime('not a date', 'id')).toBe('not a date');
  });
});

test('isFuture', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  expect(isFuture('2026-11-24T10:00:01Z', now)).toBe(true);
  expect(isFuture('2026-11-24T09:59:59Z', now)).toBe(false);
  expect(isFuture(null, now)).toBe(false);
});
