import { describe, expect, it } from 'vitest';
import { makeGrid } from './series.ts';
import { addDays, monthStart, zonedDay, zonedMidnight } from './zoned.ts';

describe('local calendar helpers', () => {
  it('finds local midnight in Jakarta (UTC+7)', () => {
    expect(zonedMidnight('2026-12-06', 'Asia/Jakarta').toISOString()).toBe(
      '2026-12-05T17:00:00.000Z',
    );
    expect(zonedDay(new Date('2026-12-05T17:00:00Z'), 'Asia/Jakarta')).toBe('2026-12-06');
    expect(zonedDay(new Date('2026-12-05T16:59:59Z'), 'Asia/Jakarta')).toBe('2026-12-05');
  });

  it('shifts days and months across year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthStart('2026-01-15', -1)).toBe('2025-12-01');
  });
});

describe('series grids', () => {
  const now = new Date('2026-12-06T05:12:00Z');
  it('lays 24 hours in 5-minute buckets ending after now', () => {
    const g = makeGrid('24h', now, 'Asia/Jakarta');
    expect(g.starts).toHaveLength(288);
    expect(g.to.getTime()).toBeGreaterThan(now.getTime());
    expect(g.index(now.getTime())).toBe(287);
    expect(g.index(g.from.getTime() - 1)).toBe(-1);
  });

  it('lays a year in local days', () => {
    const g = makeGrid('12m', now, 'Asia/Jakarta');
    expect(g.starts).toHaveLength(365);
    expect(g.days[364]).toBe('2026-12-06');
    expect(new Date(g.starts[364] ?? 0).toISOString()).toBe('2026-12-05T17:00:00.000Z');
    expect(g.index(now.getTime())).toBe(364);
  });

  it('uses 30-minute buckets for 7 days and hourly for 30', () => {
    expect(makeGrid('7d', now, 'Asia/Jakarta').starts).toHaveLength(336);
    expect(makeGrid('30d', now, 'Asia/Jakarta').starts).toHaveLength(720);
  });
});
