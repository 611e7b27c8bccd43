import { describe, expect, it } from 'vitest';
import { CALLBACK_EVENT, parseCallback } from '../src/callback.ts';
import { TripayCallbackError } from '../src/errors.ts';
import { mapStatus } from '../src/status.ts';

const paid = {
  reference: 'DEV-T0001123456ABCDE',
  merchant_ref: 'INV-2025-0001',
  payment_method: 'BRI Virtual Account',
  payment_method_code: 'BRIVA',
  total_amount: 154250,
  fee_merchant: 0,
  fee_customer: 4250,
  total_fee: 4250,
  amount_received: 150000,
  is_closed_payment: 1,
  status: 'PAID',
  paid_at: 1748736000,
  note: null,
};

function body(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...paid, ...overrides });
}

describe('parseCallback', () => {
  it('reads every field, amounts as bigint', () => {
    const cb = parseCallback(body());
    expect(cb).toEqual({
      reference: 'DEV-T0001123456ABCDE',
      merchantRef: 'INV-2025-0001',
      paymentMethod: 'BRI Virtual Account',
      paymentMethodCode: 'BRIVA',
      totalAmount: 154_250n,
      feeMerchant: 0n,
      feeCustomer: 4250n,
      totalFee: 4250n,
      amountReceived: 150_000n,
      isClosedPayment: true,
      status: 'PAID',
      paidAt: 1748736000,
      note: null,
      raw: paid,
    });
    expect(CALLBACK_EVENT).toBe('payment_status');
  });

  it('accepts bytes, a null paid_at and a note', () => {
    const cb = parseCallback(
      new TextEncoder().encode(body({ status: 'EXPIRED', paid_at: null, note: 'late' })),
    );
    expect(cb.paidAt).toBeNull();
    expect(cb.note).toBe('late');
    expect(cb.status).toBe('EXPIRED');
  });

  it('throws TripayCallbackError for bad JSON and non-objects', () => {
    for (const raw of ['', '{', 'null', '[]', '"PAID"']) {
      expect(() => parseCallback(raw)).toThrow(TripayCallbackError);
    }
  });

  it('throws for missing fields', () => {
    for (const field of [
      'reference',
      'merchant_ref',
      'payment_method_code',
      'total_amount',
      'amount_received',
      'is_closed_payment',
      'status',
    ]) {
      const partial: Record<string, unknown> = { ...paid };
      delete partial[field];
      expect(() => parseCallback(JSON.stringify(partial)), field).toThrow(
        new RegExp(`callback\\.${field}`),
      );
    }
  });

  it('refuses fractional and non-numeric amounts', () => {
    expect(() => parseCallback(body({ total_amount: 154250.5 }))).toThrow(TripayCallbackError);
    expect(() => parseCallback(body({ fee_customer: '4250.00' }))).toThrow(TripayCallbackError);
    expect(() => parseCallback(body({ amount_received: 'lots' }))).toThrow(TripayCallbackError);
    expect(() => parseCallback(body({ total_amount: 2 ** 60 }))).toThrow(TripayCallbackError);
    expect(parseCallback(body({ total_amount: '154250' })).totalAmount).toBe(154_250n);
  });
});

describe('mapStatus', () => {
  it('maps Tripay statuses case-insensitively', () => {
    expect(mapStatus('UNPAID')).toBe('pending');
    expect(mapStatus('PAID')).toBe('paid');
    expect(mapStatus('paid')).toBe('paid');
    expect(mapStatus('Expired')).toBe('expired');
    expect(mapStatus('FAILED')).toBe('failed');
    expect(mapStatus('REFUND')).toBe('refunded');
  });

  it('treats an unknown status as pending', () => {
    expect(mapStatus('SETTLED')).toBe('pending');
    expect(mapStatus('')).toBe('pending');
  });
});
