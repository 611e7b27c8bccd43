import { describe, expect, it } from 'vitest';
import { decide, type Observed, type TransactionState } from './state-machine.ts';

const base: TransactionState = {
  status: 'pending',
  total: 100_000n,
  currency: 'IDR',
  hasPayment: false,
  review: null,
};

function seen(status: Observed['status'], over: Partial<Observed> = {}): Observed {
  return {
    orderId: 'INV-1',
    reference: 'T-1',
    gatewayStatus: status,
    status,
    total: 100_000n,
    currency: 'IDR',
    channel: 'bca_va',
    paidAt: null,
    ...over,
  };
}

describe('decide', () => {
  it('applies a payment only on the step into paid with the amount and currency asked', () => {
    expect(decide(base, seen('paid'))).toEqual({ kind: 'apply' });
    expect(decide({ ...base, status: 'creating' }, seen('paid'))).toEqual({ kind: 'apply' });
    expect(decide(base, seen('paid', { total: 99_999n }))).toEqual({
      kind: 'quarantine',
      reason: 'amount_mismatch',
    });
    expect(decide(base, seen('paid', { total: null }))).toMatchObject({ kind: 'quarantine' });
    expect(decide(base, seen('paid', { currency: 'USD' }))).toMatchObject({ kind: 'quarantine' });
    expect(decide(base, seen('paid', { currency: 'idr' }))).toEqual({ kind: 'apply' });
  });

  it('ignores repeats and anything older than what is known', () => {
    const paid = { ...base, status: 'paid' as const, hasPayment: true };
    expect(decide(paid, seen('paid'))).toEqual({ kind: 'duplicate' });
    expect(decide(paid, seen('pending'))).toEqual({ kind: 'stale' });
    expect(decide(paid, seen('expired'))).toEqual({ kind: 'stale' });
    expect(decide(paid, seen('failed'))).toEqual({ kind: 'stale' });
    expect(decide({ ...base, status: 'expired' }, seen('failed'))).toEqual({ kind: 'stale' });
    expect(decide({ ...base, status: 'refunded' }, seen('paid'))).toEqual({ kind: 'stale' });
  });

  it('takes money reported after an expiry: verified money wins over a lapsed attempt', () => {
    expect(decide({ ...base, status: 'expired' }, seen('paid'))).toEqual({ kind: 'apply' });
    expect(decide({ ...base, status: 'failed' }, seen('paid'))).toEqual({ kind: 'apply' });
  });

  it('reverses a refund of an applied payment and flags partial refunds and challenges', () => {
    const paid = { ...base, status: 'paid' as const, hasPayment: true };
    expect(decide(paid, seen('refunded'))).toEqual({ kind: 'reverse' });
    expect(decide({ ...paid, status: 'partially_refunded' }, seen('refunded'))).toEqual({
      kind: 'reverse',
    });
    expect(decide(paid, seen('partially_refunded'))).toEqual({
      kind: 'update',
      review: 'partial_refund',
    });
    const held = { ...base, status: 'paid' as const, review: 'amount_mismatch' as const };
    expect(decide(held, seen('refunded'))).toEqual({ kind: 'update', review: 'amount_mismatch' });
    expect(decide(base, seen('challenge'))).toEqual({ kind: 'update', review: 'challenge' });
    expect(decide({ ...base, status: 'challenge', review: 'challenge' }, seen('failed'))).toEqual({
      kind: 'update',
      review: null,
    });
  });

  it('moves forward through pending, failed and expired without touching money', () => {
    expect(decide({ ...base, status: 'creating' }, seen('pending'))).toEqual({
      kind: 'update',
      review: null,
    });
    expect(decide(base, seen('expired'))).toEqual({ kind: 'update', review: null });
    expect(decide(base, seen('failed'))).toEqual({ kind: 'update', review: null });
  });
});
