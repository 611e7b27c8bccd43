import type { MidtransTransaction } from './types.ts';

export type ChannelGroup = 'virtual_account' | 'ewallet' | 'qris' | 'card' | 'retail';

export interface MidtransChannel {
  /** Snap `enabled_payments` code. */
  readonly code: string;
  readonly name: string;
  readonly group: ChannelGroup;
}

/** Channels Snap can offer, by their `enabled_payments` codes. */
export const MIDTRANS_CHANNELS: readonly MidtransChannel[] = Object.freeze([
  { code: 'bca_va', name: 'BCA Virtual Account', group: 'virtual_account' },
  { code: 'bni_va', name: 'BNI Virtual Account', group: 'virtual_account' },
  { code: 'bri_va', name: 'BRI Virtual Account', group: 'virtual_account' },
  { code: 'cimb_va', name: 'CIMB Niaga Virtual Account', group: 'virtual_account' },
  { code: 'permata_va', name: 'Permata Virtual Account', group: 'virtual_account' },
  { code: 'echannel', name: 'Mandiri Bill Payment', group: 'virtual_account' },
  { code: 'other_qris', name: 'QRIS', group: 'qris' },
  { code: 'gopay', name: 'GoPay', group: 'ewallet' },
  { code: 'shopeepay', name: 'ShopeePay', group: 'ewallet' },
  { code: 'credit_card', name: 'Credit/Debit Card', group: 'card' },
  { code: 'indomaret', name: 'Indomaret', group: 'retail' },
  { code: 'alfamart', name: 'Alfamart', group: 'retail' },
] as const);

/**
 * A stable channel name for reports (`bca_va`, `mandiri_bill`, `qris`, `indomaret`...).
 * `payment_type` alone is not enough: every bank's VA arrives as `bank_transfer`.
 */
export function channelOf(
  t: Pick<
    MidtransTransaction,
    'payment_type' | 'va_numbers' | 'permata_va_number' | 'bill_key' | 'store'
  >,
): string {
  const type = t.payment_type?.toLowerCase();
  if (t.permata_va_number !== undefined && t.permata_va_number !== '') return 'permata_va';
  switch (type) {
    case 'bank_transfer': {
      const bank = t.va_numbers?.[0]?.bank.toLowerCase();
      return bank ? `${bank}_va` : 'bank_transfer';
    }
    case 'permata':
      return 'permata_va';
    case 'echannel':
      return 'mandiri_bill';
    case 'cstore': {
      const store = t.store?.toLowerCase();
      return store ? store : 'cstore';
    }
    case undefined:
    case '':
      return t.bill_key ? 'mandiri_bill' : 'unknown';
    default:
      return type;
  }
}
