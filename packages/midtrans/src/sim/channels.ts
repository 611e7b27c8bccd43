import { MIDTRANS_CHANNELS } from '../channels.ts';

/** How a Snap channel shows up in transactions: payment type plus bank or store. */
export interface ChannelChoice {
  /** Snap `enabled_payments` code. */
  readonly code: string;
  readonly paymentType: string;
  readonly bank?: string;
  readonly store?: string;
}

const BY_CODE: ReadonlyMap<string, ChannelChoice> = new Map(
  [
    { code: 'bca_va', paymentType: 'bank_transfer', bank: 'bca' },
    { code: 'bni_va', paymentType: 'bank_transfer', bank: 'bni' },
    { code: 'bri_va', paymentType: 'bank_transfer', bank: 'bri' },
    { code: 'cimb_va', paymentType: 'bank_transfer', bank: 'cimb' },
    // Midtrans reports Permata VAs as bank_transfer with a permata_va_number.
    { code: 'permata_va', paymentType: 'bank_transfer', bank: 'permata' },
    { code: 'echannel', paymentType: 'echannel' },
    { code: 'other_qris', paymentType: 'qris' },
    { code: 'gopay', paymentType: 'gopay' },
    { code: 'shopeepay', paymentType: 'shopeepay' },
    { code: 'credit_card', paymentType: 'credit_card', bank: 'bni' },
    { code: 'indomaret', paymentType: 'cstore', store: 'indomaret' },
    { code: 'alfamart', paymentType: 'cstore', store: 'alfamart' },
  ].map((c) => [c.code, c]),
);

export const DEFAULT_CHANNEL = 'bca_va';

/** The Snap codes a payment page offers: the request's known ones, else all. */
export function offeredChannels(enabled: readonly string[] | undefined): string[] {
  const known = (enabled ?? []).filter((c) => BY_CODE.has(c));
  return known.length > 0 ? known : MIDTRANS_CHANNELS.map((c) => c.code);
}

export function channelName(code: string): string {
  return MIDTRANS_CHANNELS.find((c) => c.code === code)?.name ?? code;
}

/**
 * Resolves a Snap code (`bni_va`) or a payment type with an optional bank (`bank_transfer` +
 * `bni`, `permata`, `qris`, `cstore`...) to a channel; undefined when it names none.
 */
export function resolveChannel(paymentType: string, bank?: string): ChannelChoice | undefined {
  const type = paymentType.toLowerCase();
  const direct = BY_CODE.get(type);
  if (direct) return direct;
  switch (type) {
    case 'bank_transfer':
      return BY_CODE.get(`${(bank ?? 'bca').toLowerCase()}_va`);
    case 'permata':
      return BY_CODE.get('permata_va');
    case 'qris':
      return BY_CODE.get('other_qris');
    case 'cstore':
      return BY_CODE.get(bank?.toLowerCase() ?? 'indomaret');
    default:
      return undefined;
  }
}
