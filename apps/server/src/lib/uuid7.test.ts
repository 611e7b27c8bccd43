import { describe, expect, it } from 'vitest';
import { uuid7 } from './uuid7.ts';

describe('uuid7', () => {
  it('is a version 7, variant 1 UUID carrying the millisecond', () => {
    const at = new Date('2026-12-06T12:00:00.123Z');
    const id = uuid7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at.getTime());
  });

  it('sorts in the order made, within one millisecond and when the clock stands still', () => {
    const at = new Date('2027-01-01T00:00:00Z');
    const ids = Array.from({ length: 5000 }, () => uuid7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
