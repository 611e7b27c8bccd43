import type { PortalCheckout } from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import { POLL_MS, checkoutPollMs, checkoutView, countdownParts } from './checkout-status';

type Polled = Pick<PortalCheckout, 'status' | 'expiresAt' | 'paidAt' | 'paymentNumber'>;

const NOW = Date.parse('2026-11-24T10:00:00Z');
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
const pending: Polled = {
  status: 'pending',
  expiresAt: at(60 * 60_000),
  paidAt: null,
  paymentNumber: null,
};

describe('checkoutPollMs', () => {
  test('every 3 s while the customer can pay', () => {
    expect(checkoutPollMs(pending, NOW)).toBe(POLL_MS);
    expect(checkoutPollMs({ ...pending, status: 'creating', expiresAt: null }, NOW)).toBe(POLL_MS);
  });

  test('less often once well past the expiry the gateway has not confirmed yet', () => {
    expect(checkoutPollMs({ ...pending, expiresAt: at(-5 * 60_000) }, NOW)).toBe(30_000);
    expect(checkoutPollMs({ ...pending, expiresAt: at(-30_000) }, NOW)).toBe(POLL_MS);
  });

  test('stops when paid with a receipt, failed or expired', () => {
    expect(checkoutPollMs({ ...pending, status: 'paid', paymentNumber: 'RCP-1' }, NOW)).toBe(false);
    expect(checkoutPollMs({ ...pending, status: 'failed' }, NOW)).toBe(false);
    expect(checkoutPollMs({ ...pending, status: 'expired' }, NOW)).toBe(false);
    expect(checkoutPollMs(undefined, NOW)).toBe(false);
  });

  test('paid without a receipt: waits a little for it, then stops', () => {
    const paid: Polled = { ...pending, status: 'paid', paidAt: at(-30_000) };
    expect(checkoutPollMs(paid, NOW)).toBe(POLL_MS);
    expect(checkoutPollMs({ ...paid, paidAt: at(-10 * 60_000) }, NOW)).toBe(false);
  });
});

describe('checkoutView', () => {
  test('one view per outcome', () => {
    expect(checkoutView({ status: 'challenge', paymentNumber: null })).toBe('waiting');
    expect(checkoutView({ status: 'paid', paymentNumber: 'RCP-2026-000001' })).toBe('paid');
    expect(checkoutView({ status: 'paid', paymentNumber: null })).toBe('processing');
    expect(checkoutView({ status: 'failed', paymentNumber: null })).toBe('failed');
    expect(checkoutView({ status: 'expired', paymentNumber: null })).toBe('expired');
    expect(checkoutView({ status: 'partially_refunded', paymentNumber: 'R' })).toBe('refunded');
  });
});

describe('countdownParts', () => {
  test('minutes and seconds under an hour', () => {
    expect(countdownParts(5 * 60_000 + 9_000)).toEqual({ days: 0, clock: '05:09' });
    expect(countdownParts(400)).toEqual({ days: 0, clock: '00:01' });
  });

  test('hours, and whole days apart', () => {
    expect(countdownParts((4 * 3600 + 5 * 60 + 9) * 1000)).toEqual({ days: 0, clock: '4:05:09' });
    expect(countdownParts((2 * 86_400 + 3 * 3600) * 1000)).toEqual({ days: 2, clock: '3:00:00' });
  });

  test('null once the time has run out', () => {
    expect(countdownParts(0)).toBeNull();
    expect(countdownParts(-1000)).toBeNull();
    expect(countdownParts(Number.NaN)).toBeNull();
  });
});
