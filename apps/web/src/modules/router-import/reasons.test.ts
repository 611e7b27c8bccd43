import type { TFunction } from 'i18next';
import { describe, expect, test } from 'vitest';
import { importReason } from './reasons';

const t = ((key: string, options: Record<string, string>) =>
  `${key}${options['profile'] ? `:${options['profile']}` : ''}${options['type'] ? `:${options['type']}` : ''}`) as unknown as TFunction;

describe('importReason', () => {
  test('maps the known reasons to translation keys with their values', () => {
    expect(importReason('profile home-10M cannot be imported', t)).toBe(
      'routerImport.reasons.profileBlocked:home-10M',
    );
    expect(importReason('a hotspot plan already uses the name biz', t)).toBe(
      'routerImport.reasons.planTypeClash:biz:hotspot',
    );
    expect(importReason('a Jaring subscription already uses this user name', t)).toBe(
      'routerImport.reasons.usernameTaken',
    );
    expect(
      importReason('no rate limit on the router: set one, or create a plan for it first', t),
    ).toBe('routerImport.reasons.noRateLimit');
  });

  test('keeps an unknown reason as the server wrote it, and null as null', () => {
    expect(importReason('something new', t)).toBe('something new');
    expect(importReason(null, t)).toBeNull();
  });
});
