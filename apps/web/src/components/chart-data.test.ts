import { describe, expect, test } from 'vitest';
import {
  alignPoints,
  columnTotals,
  dateNames,
  formatBucket,
  formatUnit,
  lastValue,
  monthOf,
  unitRange,
  withAlpha,
  axisMax,
  timeExtent,
  seriesDomain,
} from './chart-data';

const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
const sec = (minute: number): number => Date.UTC(2026, 0, 1, 0, minute) / 1000;

describe('alignPoints', () => {
  test('sorts points and picks columns', () => {
    const aligned = alignPoints(
      [
        { t: at(5), a: 2, b: null },
        { t: at(0), a: 1, b: 10 },
      ],
      300,
      [(p) => p.a, (p) => p.b],
    );
    expect(aligned.times).toEqual([sec(0), sec(5)]);
    expect(aligned.columns).toEqual([
      [1, 2],
      [10, null],
    ]);
    expect(aligned.points).toBe(2);
  });

  test('breaks the line where buckets are missing', () => {
    const aligned = alignPoints(
      [
        { t: at(0), v: 1 },
        { t: at(5), v: 2 },
        { t: at(30), v: 3 },
      ],
      300,
      [(p) => p.v],
    );
    expect(aligned.times).toEqual([sec(0), sec(5), sec(10), sec(30)]);
    expect(aligned.columns[0]).toEqual([1, 2, null, 3]);
    expect(aligned.points).toBe(3);
  });

  test('skips unparseable times and non-finite values', () => {
    const aligned = alignPoints(
      [
        { t: 'nope', v: 1 },
        { t: at(0), v: Number.NaN },
      ],
      60,
      [(p) => p.v],
    );
    expect(aligned.times).toEqual([sec(0)]);
    expect(aligned.columns[0]).toEqual([null]);
  });

  test('empty series', () => {
    expect(alignPoints([], 60, [() => 1])).toEqual({ times: [], columns: [[]], points: 0 });
  });
});

describe('column helpers', () => {
  test('totals skip gaps and last value skips trailing gaps', () => {
    expect(
      columnTotals([
        [1, null, 2],
        [null, null],
      ]),
    ).toEqual([3, 0]);
    expect(lastValue([1, 2, null])).toBe(2);
    expect(lastValue([null])).toBeNull();
  });
});

describe('formatting', () => {
  test('units', () => {
    expect(formatUnit('bps', 2_000_000, 'en')).toBe('2 Mbps');
    expect(formatUnit('bytes', 2_000_000, 'en')).toBe('2 MB');
    expect(formatUnit('percent', 42.42, 'en')).toBe('42%');
    expect(formatUnit('percent', 4.25, 'id')).toBe('4,3%');
    expect(formatUnit('ms', 12, 'en')).toBe('12 ms');
    expect(formatUnit('count', 1234, 'id')).toBe('1.234');
    expect(formatUnit('bps', null, 'en')).toBe('—');
    expect(unitRange('percent')).toEqual([0, 100]);
    expect(unitRange('bps')).toBeNull();
  });

  test('bucket times in Jakarta, as precise as the bucket', () => {
    // 2026-01-01 00:00 UTC is 07:00 in Jakarta.
    expect(formatBucket(sec(0), 300, 'en')).toBe('1 Jan, 07:00');
    expect(formatBucket(sec(0), 86_400, 'en')).toBe('1 Jan 2026');
    expect(formatBucket(sec(0), 3600, 'id')).toMatch(/^1 Jan,? 07[.:]00$/);
  });

  test('date names per language', () => {
    const en = dateNames('en');
    expect(en.MMM[0]).toBe('Jan');
    expect(en.WWW[0]).toBe('Sun');
    const id = dateNames('id');
    expect(id.MMMM[7]).toBe('Agustus');
    expect(id.WWWW[0]).toBe('Minggu');
    expect(id.MMM).toHaveLength(12);
  });

  test('months in Jakarta', () => {
    // 17:30 UTC on 31 Jan is already 1 Feb in Jakarta.
    expect(monthOf(new Date('2026-01-31T17:30:00Z'))).toBe('2026-02');
    expect(monthOf(new Date('2026-01-15T00:00:00Z'), -1)).toBe('2025-12');
    expect(monthOf(new Date('2026-12-15T00:00:00Z'), 1)).toBe('2027-01');
  });
});

describe('colours and scales', () => {
  test('hex with alpha', () => {
    expect(withAlpha('#0d9488', 0.5)).toBe('rgba(13, 148, 136, 0.5)');
    expect(withAlpha(' #fff ', 1)).toBe('rgba(255, 255, 255, 1)');
    expect(withAlpha('red', 0.5)).toBe('red');
  });

  test('axis top', () => {
    expect(axisMax(null)).toBe(1);
    expect(axisMax(0, 'bps')).toBe(1000);
    expect(axisMax(10, 'bps')).toBe(1000);
    expect(axisMax(100)).toBeCloseTo(108);
    expect(axisMax(5_000_000, 'bps')).toBeCloseTo(5_400_000);
  });

  test('time extent covers the asked range and the data', () => {
    expect(timeExtent(150, 160, [100, 200])).toEqual([100, 200]);
    expect(timeExtent(50, 160, [100, 200])).toEqual([50, 200]);
    expect(timeExtent(150, 150, null)).toEqual([150 - 3600, 150 + 3600]);
    expect(timeExtent(100, 200, null)).toEqual([100, 200]);
    expect(timeExtent(null, null, [100, 200])).toEqual([100, 200]);
  });

  test('series domain', () => {
    expect(seriesDomain('2026-01-01T00:00:00Z', '2026-01-01T01:00:00Z')).toEqual([
      1_767_225_600, 1_767_229_200,
    ]);
    expect(seriesDomain('x', '2026-01-01T01:00:00Z')).toBeNull();
  });
});
