import { describe, expect, test } from 'vitest';
import en from '../../locales/devices.en.json';
import id from '../../locales/devices.id.json';

/** Every leaf key, with i18next's plural suffixes folded into the base key. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix.replace(/_(one|other)$/, '')];
  return Object.entries(value).flatMap(([key, child]) =>
    keys(child, prefix ? `${prefix}.${key}` : key),
  );
}

describe('device strings', () => {
  test('Indonesian and English have the same keys', () => {
    expect([...new Set(keys(id))].sort()).toEqual([...new Set(keys(en))].sort());
  });

  test('claim no top-level key of the shared files', async () => {
    const shared = await Promise.all([
      import('../../locales/en.json'),
      import('../../locales/billing.en.json'),
      import('../../locales/gateways.en.json'),
      import('../../locales/monitoring.en.json'),
    ]);
    const taken = new Set(shared.flatMap((file) => Object.keys(file.default)));
    expect(Object.keys(en).filter((key) => taken.has(key))).toEqual([]);
  });
});
