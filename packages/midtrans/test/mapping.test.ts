import { describe, expect, it } from 'vitest';
import { grossAmountToRupiah, rupiahToGrossAmount } from '../src/amount.ts';
import { MIDTRANS_CHANNELS, channelOf } from '../src/channels.ts';
import { mapStatus } from '../src/status.ts';
import type { GatewayStatus } from '../src/types.ts';

describe('mapStatus', () => {
  const table: [string, string | null | undefined, GatewayStatus][] = [
    ['settlement', undefined, 'paid'],
    ['settlement', 'accept', 'paid'],
    ['SETTLEMENT', null, 'paid'],
    ['capture', 'accept', 'paid'],
    ['capture', 'ACCEPT', 'paid'],
    ['capture', undefined, 'paid'],
    ['capture', null, 'paid'],
    ['capture', '', 'paid'],
    ['capture', 'challenge', 'challenge'],
    ['Capture', 'Challenge', 'challenge'],
    ['capture', 'deny', 'failed'],
    ['capture', 'something-new', 'pending'],
    ['pending', undefined, 'pending'],
    ['authorize', undefined, 'pending'],
    ['deny', 'accept', 'failed'],
    ['cancel', undefined, 'failed'],
    ['failure', undefined, 'failed'],
    ['expire', undefined, 'expired'],
    ['EXPIRE', undefined, 'expired'],
    ['refund', undefined, 'refunded'],
    ['chargeback', undefined, 'refunded'],
    ['partial_refund', undefined, 'partially_refunded'],
    ['partial_chargeback', undefined, 'partially_refunded'],
    ['toString', undefined, 'pending'],
    ['', undefined, 'pending'],
    ['brand_new_status', 'accept', 'pending'],
  ];
  it.each(table)('%s + %s -> %s', (status, fraud, expected) => {
    expect(mapStatus(status, fraud)).toBe(expected);
  });
});

describe('grossAmountToRupiah', () => {
  it.each([
    ['100000.00', 100000n],
    ['100000', 100000n],
    ['100000.0', 100000n],
    ['0.00', 0n],
    ['0', 0n],
    ['007', 7n],
    ['9007199254740993.00', 9007199254740993n],
    ['123456789012345678901234567890.00', 123456789012345678901234567890n],
  ])('%s -> %s', (input, expected) => {
    expect(grossAmountToRupiah(input)).toBe(expected);
  });

  it.each([
    '100000.50',
    '100000.01',
    '-100000.00',
    '-0',
    '',
    '.00',
    '100000.',
    '1e5',
    '100,000.00',
    '100.000,00',
    ' 100000.00',
    '100000.00 ',
    '+100000',
    '0x10',
    'NaN',
    'Rp100000',
  ])('rejects %j', (input) => {
    expect(() => grossAmountToRupiah(input)).toThrow(RangeError);
  });

  it('formats back to the Midtrans form', () => {
    expect(rupiahToGrossAmount(150000n)).toBe('150000.00');
    expect(grossAmountToRupiah(rupiahToGrossAmount(99n))).toBe(99n);
    expect(() => rupiahToGrossAmount(-1n)).toThrow(RangeError);
  });
});

describe('channelOf', () => {
  it.each([
    [{ payment_type: 'bank_transfer', va_numbers: [{ bank: 'bca', va_number: '1' }] }, 'bca_va'],
    [{ payment_type: 'bank_transfer', va_numbers: [{ bank: 'BNI', va_number: '1' }] }, 'bni_va'],
    [{ payment_type: 'bank_transfer', va_numbers: [{ bank: 'bri', va_number: '1' }] }, 'bri_va'],
    [{ payment_type: 'bank_transfer', va_numbers: [{ bank: 'cimb', va_number: '1' }] }, 'cimb_va'],
    [{ payment_type: 'bank_transfer', permata_va_number: '8562' }, 'permata_va'],
    [{ payment_type: 'permata' }, 'permata_va'],
    [{ payment_type: 'bank_transfer' }, 'bank_transfer'],
    [{ payment_type: 'echannel', bill_key: '1', biller_code: '70012' }, 'mandiri_bill'],
    [{ payment_type: 'qris' }, 'qris'],
    [{ payment_type: 'gopay' }, 'gopay'],
    [{ payment_type: 'shopeepay' }, 'shopeepay'],
    [{ payment_type: 'credit_card' }, 'credit_card'],
    [{ payment_type: 'cstore', store: 'indomaret' }, 'indomaret'],
    [{ payment_type: 'cstore', store: 'Alfamart' }, 'alfamart'],
    [{ payment_type: 'cstore' }, 'cstore'],
    [{ payment_type: 'akulaku' }, 'akulaku'],
    [{}, 'unknown'],
  ])('%j -> %s', (t, expected) => {
    expect(channelOf(t)).toBe(expected);
  });

  it('lists the Snap channel codes once each', () => {
    const codes = MIDTRANS_CHANNELS.map((c) => c.code);
    expect(codes).toEqual([
      'bca_va',
      'bni_va',
      'bri_va',
      'cimb_va',
      'permata_va',
      'echannel',
      'other_qris',
      'gopay',
      'shopeepay',
      'credit_card',
      'indomaret',
      'alfamart',
    ]);
    expect(MIDTRANS_CHANNELS.find((c) => c.code === 'other_qris')?.group).toBe('qris');
    expect(MIDTRANS_CHANNELS.find((c) => c.code === 'echannel')?.name).toMatch(/Mandiri/);
  });
});
