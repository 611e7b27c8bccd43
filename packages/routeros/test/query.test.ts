import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Query } from '../src/query.ts';
import { compileQuery, q } from '../src/query.ts';
import { compileQuery as evaluator } from '../src/sim/query.ts';

const KEYS = ['a', 'b', 'c'] as const;
const VALUES = ['1', '2', '3'] as const;

const leaf: fc.Arbitrary<Query> = fc.oneof(
  fc.record({
    op: fc.constant('eq' as const),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({ op: fc.constant('has' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({ op: fc.constant('missing' as const), key: fc.constantFrom(...KEYS) }),
  fc.record({
    op: fc.constant('lt' as const),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...VALUES),
  }),
  fc.record({
    op: fc.constant('gt' as const),
    key: fc.constantFrom(...KEYS),
    value: fc.constantFrom(...VALUES),
  }),
);

const tree: fc.Arbitrary<Query> = fc.letrec<{ node: Query }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => q.and(...items)),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((items) => q.or(...items)),
    tie('node').map((item) => q.not(item)),
  ),
})).node;

const rowArb = fc.record(
  { a: fc.constantFrom(...VALUES), b: fc.constantFrom(...VALUES), c: fc.constantFrom(...VALUES) },
  { requiredKeys: [] },
);

function truth(query: Query, row: Record<string, string>): boolean {
  switch (query.op) {
    case 'eq':
      return (row[query.key] ?? '') === String(query.value);
    case 'has':
      return row[query.key] !== undefined;
    case 'missing':
      return row[query.key] === undefined;
    case 'lt':
      return row[query.key] !== undefined && Number(row[query.key]) < Number(query.value);
    case 'gt':
      return row[query.key] !== undefined && Number(row[query.key]) > Number(query.value);
    case 'and':
      return query.items.every((i) => truth(i, row));
    case 'or':
      return query.items.some((i) => truth(i, row));
    case 'not':
      return !truth(query.item, row);
  }
}

describe('query builder', () => {
  it('compiles leaves and stack operations', () => {
    expect(compileQuery({ name: 'x', disabled: false })).toEqual(['?name=x', '?disabled=no']);
    expect(compileQuery(q.or(q.eq('type', 'ether'), q.eq('type', 'vlan')))).toEqual([
      '?type=ether',
      '?type=vlan',
      '?#|',
    ]);
    expect(compileQuery(q.not(q.in('type', ['ether', 'vlan'])))).toEqual([
      '?type=ether',
      '?type=vlan',
      '?#|',
      '?#!',
    ]);
    expect(
      compileQuery(q.and(q.has('comment'), q.missing('x'), q.lt('n', 5), q.gt('n', 1))),
    ).toEqual(['?comment', '?-x', '?<n=5', '?>n=1']);
    expect(() => compileQuery(q.or())).toThrow(RangeError);
    // v7 prints booleans as true/false, so queries for it are written that way.
    expect(compileQuery({ disabled: false }, 'true-false')).toEqual(['?disabled=false']);
  });

  it('the simulator evaluates compiled queries exactly as the tree means', () => {
    fc.assert(
      fc.property(tree, fc.array(rowArb, { maxLength: 8 }), (query, rows) => {
        const match = evaluator(compileQuery(query));
        for (const row of rows) expect(match(row)).toBe(truth(query, row));
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates the raw stack operators', () => {
    const row = { type: 'ether' };
    expect(evaluator(['?type=ether', '?type=vlan', '?#|!'])(row)).toBe(false);
    expect(evaluator(['?type=vlan', '?#!'])(row)).toBe(true);
    expect(evaluator(['?type=ether', '?type=vlan', '?#0&'])(row)).toBe(false);
    expect(evaluator(['?type=ether', '?#.&'])(row)).toBe(true);
    expect(evaluator([])(row)).toBe(true);
  });
});
