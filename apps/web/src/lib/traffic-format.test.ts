import { describe, expect, test } from 'vitest';
import {
  formatAgo,
  formatBps,
  formatBytes,
  formatDuration,
  formatMs,
  formatNumber,
  formatPercent,
  secondsBetween,
} from './traffic-format';

describe('rates in bit/s', () => {
  test('pick an SI prefix and about three significant digits', () => {
    expect(formatBps(0, 'en')).toBe('0 bps');
    expect(formatBps(950, 'en')).toBe('950 bps');
    expect(formatBps(512_000, 'en')).toBe('512 kbps');
    expect(formatBps(12_500_000, 'en')).toBe('12.5 Mbps');
    expect(formatBps(1_234_000_000, 'en')).toBe('1.23 Gbps');
  });

  test('use the language decimal separator', () => {
    expect(formatBps(12_500_000, 'id')).toBe('12,5 Mbps');
  });

  test('step up instead of showing 1000 of a unit', () => {
    expect(formatBps(999_700, 'en')).toBe('1 Mbps');
    expect(formatBps(999_400, 'en')).toBe('999 kbps');
  });

  test('missing or negative values', () => {
    expect(formatBps(null, 'en')).toBe('—');
    expect(formatBps(Number.NaN, 'en')).toBe('—');
    expect(formatBps(-5, 'en')).toBe('0 bps');
  });
});

describe('volumes in bytes', () => {
  test('SI prefixes', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(1500, 'en')).toBe('1.5 kB');
    expect(formatBytes(42_000_000_000, 'en')).toBe('42 GB');
    expect(formatBytes(1_500_000_000_000, 'id')).toBe('1,5 TB');
    expect(formatBytes(undefined, 'id')).toBe('—');
  });
});

describe('numbers, percentages and latency', () => {
  test('formats by language', () => {
    expect(formatPercent(99.94, 'en')).toBe('99.9%');
    expect(formatPercent(99.94, 'id')).toBe('99,9%');
    expect(formatPercent(null, 'id')).toBe('—');
    expect(formatNumber(1234, 'id')).toBe('1.234');
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatMs(3.25, 'en')).toBe('3.3 ms');
    expect(formatMs(42.4, 'en')).toBe('42 ms');
  });
});

describe('durations', () => {
  test('two largest units', () => {
    expect(formatDuration(0, 'en')).toBe('0s');
    expect(formatDuration(45, 'en')).toBe('45s');
    expect(formatDuration(3600 * 2 + 300, 'en')).toBe('2h 5m');
    expect(formatDuration(86_400 * 3 + 3600 * 4 + 59, 'en')).toBe('3d 4h');
    expect(formatDuration(86_400 * 3 + 59, 'en')).toBe('3d');
    expect(formatDuration(86_400 * 3 + 3600 * 4, 'id')).toBe('3hr 4j');
    expect(formatDuration(null, 'en')).toBe('—');
  });

  test('seconds between instants', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(secondsBetween('2026-01-01T00:00:00Z', null, now)).toBe(600);
    expect(secondsBetween('2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z', now)).toBe(60);
    expect(secondsBetween(null, null, now)).toBeNull();
  });

  test('relative time', () => {
    const now = Date.parse('2026-01-01T00:10:00Z');
    expect(formatAgo('2026-01-01T00:05:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatAgo('2026-01-01T00:05:00Z', 'id', now)).toBe('5 menit yang lalu');
    expect(formatAgo(null, 'en', now)).toBe('—');
  });
});
