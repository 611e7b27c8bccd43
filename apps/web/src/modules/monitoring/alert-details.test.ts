import { describe, expect, test } from 'vitest';
import { detailEntries, filtersFromParams, paramsFromFilters } from './alert-details';

describe('alert details', () => {
  test('flattens nested objects and stringifies the rest', () => {
    expect(
      detailEntries({
        cpuLoad: 95,
        router: { name: 'core', address: { ip: '10.0.0.1' } },
        samples: [1, 2],
        ok: false,
        missing: null,
        skipped: undefined,
      }),
    ).toEqual([
      ['cpuLoad', 95],
      ['router.name', 'core'],
      ['router.address.ip', '10.0.0.1'],
      ['samples', '[1,2]'],
      ['ok', false],
      ['missing', null],
    ]);
  });

  test('stops flattening deep structures', () => {
    expect(detailEntries({ a: { b: { c: { d: 1 } } } })).toEqual([['a.b.c', '{"d":1}']]);
  });
});

describe('alert filters in the address bar', () => {
  test('reads known values only', () => {
    expect(
      filtersFromParams(
        new URLSearchParams('status=resolved&severity=critical&rule=router_down&routerId=r1'),
      ),
    ).toEqual({
      status: 'resolved',
      severity: 'critical',
      rule: 'router_down',
      routerId: 'r1',
      entityId: '',
    });
    expect(filtersFromParams(new URLSearchParams('status=nope&severity=loud&rule=x'))).toEqual({
      status: 'active',
      severity: '',
      rule: '',
      routerId: '',
      entityId: '',
    });
  });

  test('writes only what differs from the defaults', () => {
    expect(
      paramsFromFilters(
        { status: 'active', severity: 'info', rule: '', routerId: '', entityId: '' },
        'a1',
      ),
    ).toEqual({
      severity: 'info',
      id: 'a1',
    });
  });
});
