import { describe, expect, test } from 'vitest';
import { isRupiah, percentText, reportColumns, reportRows } from './report-data';

describe('report data', () => {
  test('reads rows and totals from the usual shapes', () => {
    expect(reportRows({ rows: [{ a: 1 }], totals: { a: 1 } })).toEqual({
      rows: [{ a: 1 }],
      totals: { a: 1 },
    });
    expect(reportRows({ data: [{ a: 1 }], nextCursor: null }).rows).toEqual([{ a: 1 }]);
    expect(reportRows([{ a: 1 }]).rows).toEqual([{ a: 1 }]);
    expect(reportRows(null)).toEqual({ rows: [], totals: null });
  });

  test('columns keep first-seen order and leave ids out', () => {
    expect(reportColumns([{ key: 'k', planId: 'x', plan: 'A', total: '1' }, { extra: 2 }])).toEqual(
      ['plan', 'total', 'extra'],
    );
  });

  test('digit strings are rupiah, numbers are not', () => {
    expect(isRupiah('150000')).toBe(true);
    expect(isRupiah('-5')).toBe(true);
    expect(isRupiah(150000)).toBe(false);
    expect(isRupiah('2026-11')).toBe(false);
  });

  test('rates as basis points or fractions', () => {
    expect(percentText('collectionRateBp', 8750)).toBe('87,5%');
    expect(percentText('rate', 0.5)).toBe('50%');
    expect(percentText('count', 3)).toBeNull();
  });
});
