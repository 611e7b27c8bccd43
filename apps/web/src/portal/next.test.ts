import { describe, expect, it } from 'vitest';
import { safePortalNext } from './next';

describe('safePortalNext', () => {
  it('keeps portal pages', () => {
    expect(safePortalNext('/portal/invoices/abc')).toBe('/portal/invoices/abc');
    expect(safePortalNext('/portal/profile?x=1')).toBe('/portal/profile?x=1');
  });

  it('refuses other origins, staff pages, the login page and spent links', () => {
    for (const value of [
      null,
      '',
      'https://evil.example/portal/x',
      '//evil.example/portal/',
      '/dashboard',
      '/portalx',
      '/portal/login?next=/portal/x',
      '/portal/link/abc',
    ]) {
      expect(safePortalNext(value)).toBe('/portal');
    }
  });
});
