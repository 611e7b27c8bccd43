import { describe, expect, it } from 'vitest';
import { QueryError, convertTaskQuery, expandDeviceQuery } from './expand.ts';
import { compileQuery, documentGetter } from './match.ts';

const device = {
  _id: '00259E-HG8245H-SN1',
  _lastInform: new Date('2025-03-01T10:00:00Z'),
  _tags: ['vip', 'jakarta'],
  A: { B: { _value: 'cust001' }, N: { _value: 42 }, S: { _value: '-19.50' } },
};

/** Whether the NBI (expansion + MongoDB) would return `device` for `query`. */
const hits = (query: Record<string, unknown>): boolean =>
  compileQuery(expandDeviceQuery(query))(documentGetter(device));

describe('device query expansion and matching', () => {
  it('compares parameters by value, appending ._value', () => {
    expect(expandDeviceQuery({ 'A.B': 'x' })).toEqual({ 'A.B._value': 'x' });
    expect(hits({ 'A.B': 'cust001' })).toBe(true);
    expect(hits({ 'A.B': { $ne: 'cust001' } })).toBe(false);
    expect(hits({ 'A.B': { $in: ['cust002', 'cust001'] } })).toBe(true);
    expect(hits({ 'A.Missing': { $exists: false } })).toBe(true);
    expect(hits({ 'A.B': { $exists: true } })).toBe(true);
  });

  it('tries numbers for numeric strings, so "42" matches 42 and "-20" compares as a number', () => {
    expect(hits({ 'A.N': '42' })).toBe(true);
    expect(hits({ 'A.N': { $gt: '40' } })).toBe(true);
    // A string value compares as a string: '-19.50' < '-2' lexically, never as a number.
    expect(hits({ 'A.S': { $lt: '-20' } })).toBe(true);
    expect(hits({ 'A.S': { $lt: -20 } })).toBe(false);
  });

  it('compares dates as dates for _lastInform; numbers never match a date', () => {
    expect(hits({ _lastInform: { $gt: '2025-03-01T09:59:59Z' } })).toBe(true);
    expect(hits({ _lastInform: { $gt: '2025-03-01T10:00:00Z' } })).toBe(false);
    expect(hits({ _lastInform: { $gte: '2025-03-01T10:00:00.000Z' } })).toBe(true);
    expect(hits({ _lastInform: { $gt: Date.parse('2025-01-01') } })).toBe(false);
    expect(
      hits({
        $and: [{ _lastInform: { $lt: '2026-01-01' } }, { _id: { $gt: '00259E-HG8245H-SN0' } }],
      }),
    ).toBe(true);
  });

  it('supports wildcards, /regex/, tags, $or, $nor and $not', () => {
    expect(hits({ 'A.B': 'cust*' })).toBe(true);
    expect(hits({ 'A.B': '*001' })).toBe(true);
    expect(hits({ 'A.B': '/^CUST/i' })).toBe(true);
    expect(hits({ _tags: 'vip' })).toBe(true);
    expect(hits({ _tags: { $ne: 'vip' } })).toBe(false);
    expect(hits({ $or: [{ _tags: 'x' }, { 'A.N': 42 }] })).toBe(true);
    expect(hits({ $nor: [{ _tags: 'x' }] })).toBe(true);
    expect(hits({ 'A.N': { $not: { $gt: 50 } } })).toBe(true);
  });

  it('refuses what the NBI refuses', () => {
    expect(() => expandDeviceQuery({ 'A.N': { $ne: '1', $gt: '0' } })).toThrow(QueryError);
    expect(() => compileQuery({ x: { $where: 'true' } })).toThrow(QueryError);
    expect(() => convertTaskQuery({ _id: 'not-an-object-id' })).toThrow(QueryError);
    expect(convertTaskQuery({ timestamp: { $gt: 0 } })).toEqual({
      timestamp: { $gt: new Date(0) },
    });
  });
});
