import { describe, expect, test } from 'vitest';
import { diffSnapshots } from './diff';

describe('diffSnapshots', () => {
  test('marks changed, added, removed and unchanged fields by dotted path', () => {
    const rows = diffSnapshots(
      { name: 'Siti', role: 'finance', meta: { a: 1, gone: true } },
      { name: 'Siti R', role: 'finance', meta: { a: 1, b: [1, 2] } },
    );
    expect(rows).toEqual([
      { path: 'meta.a', before: '1', after: '1', change: 'same' },
      { path: 'meta.b', before: undefined, after: '[1,2]', change: 'added' },
      { path: 'meta.gone', before: 'true', after: undefined, change: 'removed' },
      { path: 'name', before: '"Siti"', after: '"Siti R"', change: 'changed' },
      { path: 'role', before: '"finance"', after: '"finance"', change: 'same' },
    ]);
  });

  test('a created entity has only added rows; no snapshots give no rows', () => {
    expect(diffSnapshots(null, { id: 'x' })).toEqual([
      { path: 'id', before: undefined, after: '"x"', change: 'added' },
    ]);
    expect(diffSnapshots(null, null)).toEqual([]);
  });

  test('keeps null field values, which differ from a missing field', () => {
    expect(diffSnapshots({ lockedUntil: 'x' }, { lockedUntil: null })).toEqual([
      { path: 'lockedUntil', before: '"x"', after: 'null', change: 'changed' },
    ]);
  });
});
