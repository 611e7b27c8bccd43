import { expect, test } from 'vitest';
import { expiryFor } from './expiry';

test('expiry choices are days from now, or none', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  expect(expiryFor('never', now)).toBeNull();
  expect(expiryFor('30', now)).toBe('2026-12-24T10:00:00.000Z');
});
