import { describe, expect, test } from 'vitest';
import { activeNavTarget } from './active-nav';

const TARGETS = ['/dashboard', '/payments', '/payments/online', '/settings/billing'];

describe('activeNavTarget', () => {
  test('the most specific entry wins', () => {
    expect(activeNavTarget('/payments/online', TARGETS)).toBe('/payments/online');
    expect(activeNavTarget('/payments/online/abc', TARGETS)).toBe('/payments/online');
  });

  test('a parent entry still covers its other children', () => {
    expect(activeNavTarget('/payments', TARGETS)).toBe('/payments');
    expect(activeNavTarget('/payments/0193-abc', TARGETS)).toBe('/payments');
  });

  test('a shared prefix that is not a parent does not count', () => {
    expect(activeNavTarget('/payments-export', TARGETS)).toBeNull();
    expect(activeNavTarget('/settings/billingx', TARGETS)).toBeNull();
  });
});
