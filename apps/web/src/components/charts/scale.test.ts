import { describe, expect, test } from 'vitest';
import { domainOf, labelStride, linearScale, linePath, niceTicks, slotAt } from './scale';

describe('chart scale', () => {
  test('domain covers the values, the included ones and ignores gaps', () => {
    expect(domainOf([3, null, 7])).toEqual({ min: 3, max: 7 });
    expect(domainOf([3, 7], { include: [0] })).toEqual({ min: 0, max: 7 });
    expect(domainOf([-2, 5], { include: [0] })).toEqual({ min: -2, max: 5 });
    expect(domainOf([99.5], { max: 100 })).toEqual({ min: 99.5, max: 100 });
    expect(domainOf([null, null])).toEqual({ min: 0, max: 1 });
    expect(domainOf([0, 0])).toEqual({ min: 0, max: 1 });
    expect(domainOf([5, 5])).toEqual({ min: 0, max: 5.5 });
  });

  test('ticks are round and frame the domain', () => {
    expect(niceTicks({ min: 0, max: 7 })).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks({ min: 0, max: 1_234_567 }, 4)).toEqual([0, 500_000, 1_000_000, 1_500_000]);
    expect(niceTicks({ min: 0.1, max: 0.7 }, 3)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks({ min: -3, max: 3 }, 3)).toEqual([-4, -2, 0, 2, 4]);
    expect(niceTicks({ min: 5, max: 5 })).toEqual([5]);
    for (const domain of [
      { min: 0, max: 27_379_350_000 },
      { min: 17, max: 86_913 },
      { min: 99.1, max: 100 },
    ]) {
      const ticks = niceTicks(domain);
      expect(ticks[0]).toBeLessThanOrEqual(domain.min);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(domain.max);
      expect(ticks.length).toBeLessThanOrEqual(9);
    }
  });

  test('linear scale maps both ways, y upside down', () => {
    const y = linearScale({ min: 0, max: 100 }, [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
  });

  test('x labels thin out on narrow charts; the pointer finds its slot', () => {
    expect(labelStride(12, 600, 40)).toBe(1);
    expect(labelStride(12, 240, 40)).toBe(2);
    expect(labelStride(36, 300, 40)).toBe(6);
    expect(slotAt(0, 600, 12)).toBe(0);
    expect(slotAt(599, 600, 12)).toBe(11);
    expect(slotAt(-5, 600, 12)).toBe(0);
    expect(slotAt(700, 600, 12)).toBe(11);
    expect(slotAt(120, 600, 12)).toBe(2);
  });

  test('a line breaks where a value is missing', () => {
    expect(
      linePath([{ x: 0, y: 10 }, { x: 10, y: 5 }, null, { x: 30, y: 1 }, { x: 40, y: 2 }]),
    ).toBe('M0,10L10,5M30,1L40,2');
    expect(linePath([null, null])).toBe('');
  });
});
