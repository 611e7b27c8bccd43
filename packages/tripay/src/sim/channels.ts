import type { TripayFeeRule } from '../models.ts';
import { formatPercent, percentHundredths } from './fees.ts';

/** How a customer pays on a channel; decides which payment fields a transaction gets. */
export type SimPaymentKind = 'va' | 'retail' | 'qris' | 'redirect';

/** A channel the simulator offers. */
export interface SimChannel {
  group: string;
  code: string;
  name: string;
  kind: SimPaymentKind;
  feeMerchant: TripayFeeRule;
  feeCustomer: TripayFeeRule;
  minimumFee?: number | null;
  maximumFee?: number | null;
  /** Smallest and largest amount the channel accepts. */
  minimumAmount?: number;
  maximumAmount?: number;
  /** Default true; an inactive channel is listed but refuses transactions. */
  active?: boolean;
  /** Leading digits of generated pay codes (a bank's VA prefix, say). */
  payCodePrefix?: string;
}

const none: TripayFeeRule = { flat: 0, percent: 0 };

function va(code: string, name: string, flat: number, prefix: string): SimChannel {
  return {
    group: 'Virtual Account',
    code,
    name,
    kind: 'va',
    feeMerchant: none,
    feeCustomer: { flat, percent: 0 },
    minimumAmount: 10_000,
    maximumAmount: 50_000_000,
    payCodePrefix: prefix,
  };
}

/** Channels with fees in the range Tripay publishes, all charged to the customer. */
export const DEFAULT_CHANNELS: readonly SimChannel[] = [
  va('BRIVA', 'BRI Virtual Account', 4250, '26215'),
  va('BCAVA', 'BCA Virtual Account', 5500, '11173'),
  va('BNIVA', 'BNI Virtual Account', 4250, '8808'),
  va('MANDIRIVA', 'Mandiri Virtual Account', 4250, '89022'),
  va('PERMATAVA', 'Permata Virtual Account', 4250, '8625'),
  {
    group: 'E-Wallet',
    code: 'QRIS',
    name: 'QRIS',
    kind: 'qris',
    feeMerchant: none,
    feeCustomer: { flat: 750, percent: 0.7 },
    minimumAmount: 1_000,
    maximumAmount: 10_000_000,
  },
  {
    group: 'Convenience Store',
    code: 'ALFAMART',
    name: 'Alfamart',
    kind: 'retail',
    feeMerchant: none,
    feeCustomer: { flat: 3500, percent: 0 },
    minimumAmount: 10_000,
    maximumAmount: 2_500_000,
    payCodePrefix: '3401',
  },
  {
    group: 'Convenience Store',
    code: 'INDOMARET',
    name: 'Indomaret',
    kind: 'retail',
    feeMerchant: none,
    feeCustomer: { flat: 3500, percent: 0 },
    minimumAmount: 10_000,
    maximumAmount: 2_500_000,
    payCodePrefix: '1807',
  },
  {
    group: 'E-Wallet',
    code: 'OVO',
    name: 'OVO',
    kind: 'redirect',
    feeMerchant: none,
    feeCustomer: { flat: 0, percent: 3 },
    minimumFee: 1_000,
    minimumAmount: 1_000,
    maximumAmount: 10_000_000,
  },
];

/** Refuses a channel list the fee arithmetic could not honour, at start rather than mid-test. */
export function checkChannels(channels: readonly SimChannel[]): Map<string, SimChannel> {
  const byCode = new Map<string, SimChannel>();
  for (const ch of channels) {
    if (byCode.has(ch.code)) throw new RangeError(`duplicate channel ${ch.code}`);
    for (const rule of [ch.feeMerchant, ch.feeCustomer]) {
      if (!Number.isSafeInteger(rule.flat) || rule.flat < 0) {
        throw new RangeError(`channel ${ch.code}: flat fee must be a non-negative integer`);
      }
      percentHundredths(rule.percent);
    }
    byCode.set(ch.code, ch);
  }
  return byCode;
}

function totalRule(ch: SimChannel): { flat: number; percent: string } {
  const hundredths =
    percentHundredths(ch.feeMerchant.percent) + percentHundredths(ch.feeCustomer.percent);
  return { flat: ch.feeMerchant.flat + ch.feeCustomer.flat, percent: formatPercent(hundredths) };
}

/** The channel as `merchant/payment-channel` shows it. */
export function channelView(ch: SimChannel, siteUrl: string): Record<string, unknown> {
  return {
    group: ch.group,
    code: ch.code,
    name: ch.name,
    type: ch.kind === 'redirect' ? 'redirect' : 'direct',
    fee_merchant: { ...ch.feeMerchant },
    fee_customer: { ...ch.feeCustomer },
    total_fee: totalRule(ch),
    minimum_fee: ch.minimumFee ?? null,
    maximum_fee: ch.maximumFee ?? null,
    minimum_amount: ch.minimumAmount ?? null,
    maximum_amount: ch.maximumAmount ?? null,
    icon_url: `${siteUrl}/images/payment-channel/${encodeURIComponent(ch.code)}.svg`,
    active: ch.active ?? true,
  };
}

/** The channel's fee settings as the fee calculator shows them next to `total_fee`. */
export function feeSettingsView(ch: SimChannel): Record<string, unknown> {
  const total = totalRule(ch);
  return {
    flat: total.flat,
    percent: total.percent,
    min: ch.minimumFee ?? null,
    max: ch.maximumFee ?? null,
  };
}
