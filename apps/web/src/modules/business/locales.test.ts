import { describe, expect, test } from 'vitest';
import billingEn from '../../locales/billing.en.json';
import billingId from '../../locales/billing.id.json';
import en from '../../locales/en.json';
import id from '../../locales/id.json';
import { KPIS } from './business-data';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('business dashboard strings', () => {
  test('Indonesian and English have the same keys, a label and a definition per KPI', () => {
    expect(keys(billingId.business).sort()).toEqual(keys(billingEn.business).sort());
    for (const kpi of KPIS) {
      expect(billingEn.business.kpi[kpi.key].label).toBeTruthy();
      expect(billingId.business.kpi[kpi.key].hint).toBeTruthy();
    }
    expect(en.nav.business).toBe('Business');
    expect(id.nav.business).toBe('Bisnis');
  });
});
