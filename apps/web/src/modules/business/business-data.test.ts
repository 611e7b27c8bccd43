import { describe, expect, test } from 'vitest';
import { changeOf, formatKpi, KPIS, monthLabel, plotBp, plotRupiah } from './business-data';

const rupiahUp = { format: 'rupiah', better: 'up' } as const;

describe('business dashboard data', () => {
  test('figures in their own format, a dash when there is none', () => {
    expect(formatKpi('count', 86913, 'id')).toBe('86.913');
    expect(formatKpi('count', 86913, 'en')).toBe('86,913');
    expect(formatKpi('rupiah', '27379350000', 'id')).toBe('Rp 27.379.350.000');
    expect(formatKpi('bp', 8909, 'id')).toBe('89,09%');
    expect(formatKpi('bp', 2857, 'en')).toBe('28.57%');
    expect(formatKpi('percent', 99.987, 'en')).toBe('99.99%');
    expect(formatKpi('percent', null, 'en')).toBe('—');
    expect(formatKpi('rupiah', null, 'id')).toBe('—');
  });

  test('money changes exactly, beyond what a double holds', () => {
    expect(changeOf(rupiahUp, '9007199254740993', '9007199254740992', 'id')).toEqual({
      direction: 'up',
      tone: 'good',
      delta: '+Rp 1',
      relative: null,
    });
    expect(changeOf(rupiahUp, '1000000', '1250000', 'id')).toEqual({
      direction: 'down',
      tone: 'bad',
      delta: '−Rp 250.000',
      relative: '−20%',
    });
  });

  test('less is better for churn and outstanding', () => {
    const outstanding = KPIS.find((k) => k.key === 'outstanding')!;
    expect(changeOf(outstanding, '900', '1000', 'en')).toMatchObject({
      direction: 'down',
      tone: 'good',
      relative: '−10%',
    });
    const churned = KPIS.find((k) => k.key === 'churnedSubscriptions')!;
    expect(changeOf(churned, 3, 2, 'en')).toMatchObject({
      direction: 'up',
      tone: 'bad',
      delta: '+1',
      relative: '+50%',
    });
  });

  test('rates move in percentage points; no relative change from zero', () => {
    const rate = KPIS.find((k) => k.key === 'collectionRate')!;
    expect(changeOf(rate, 8909, 8750, 'id')).toEqual({
      direction: 'up',
      tone: 'good',
      delta: '+1,59 pp',
      relative: null,
    });
    const uptime = KPIS.find((k) => k.key === 'networkUptime')!;
    expect(changeOf(uptime, 99.5, 99.9, 'en')).toMatchObject({ delta: '−0.4 pp', tone: 'bad' });
    expect(changeOf(rate, 5000, 5000, 'en')).toMatchObject({
      direction: 'flat',
      tone: 'neutral',
      delta: '0 pp',
    });
    const added = KPIS.find((k) => k.key === 'newSubscriptions')!;
    expect(changeOf(added, 4, 0, 'en')).toMatchObject({ delta: '+4', relative: null });
    expect(changeOf(rate, 5000, null, 'en')).toBeNull();
    expect(changeOf(rate, null, 5000, 'en')).toBeNull();
  });

  test('month labels and chart values', () => {
    expect(monthLabel('2026-03', 'en')).toBe('Mar 26');
    expect(monthLabel('2026-03', 'en', true)).toBe('March 2026');
    expect(monthLabel('2026-03', 'id', true)).toBe('Maret 2026');
    expect(plotRupiah(['150000', null])).toEqual([150000, null]);
    expect(plotBp([8750, null])).toEqual([87.5, null]);
  });

  test('every KPI reads a field of the month', () => {
    expect(new Set(KPIS.map((k) => k.key)).size).toBe(12);
  });
});
