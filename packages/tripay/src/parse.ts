import { TripayError } from './errors.ts';
import { Fields } from './fields.ts';
import type { TripayChannel, TripayFee, TripayFeeRule, TripayTransaction } from './models.ts';

const fail = (message: string): Error =>
  new TripayError(`unexpected Tripay response: ${message}`, {
    httpStatus: 200,
    code: 'invalid_response',
    retryable: false,
  });

function feeRule(f: Fields): TripayFeeRule {
  return { flat: f.safeInteger('flat'), percent: f.decimal('percent') };
}

function list<T>(data: unknown, read: (f: Fields) => T): T[] {
  if (!Array.isArray(data)) throw fail('data is not an array');
  return data.map((item, i) => read(new Fields(item, `data[${i}]`, fail)));
}

export function parseChannels(data: unknown): TripayChannel[] {
  return list(data, (f) => ({
    group: f.string('group'),
    code: f.string('code'),
    name: f.string('name'),
    type: f.string('type'),
    feeMerchant: feeRule(f.object('fee_merchant')),
    feeCustomer: feeRule(f.object('fee_customer')),
    totalFee: feeRule(f.object('total_fee')),
    minimumFee: f.optionalSafeInteger('minimum_fee'),
    maximumFee: f.optionalSafeInteger('maximum_fee'),
    iconUrl: f.optionalString('icon_url'),
    active: f.boolean('active'),
  }));
}

export function parseFees(data: unknown): TripayFee[] {
  return list(data, (f) => {
    const total = f.object('total_fee');
    return {
      code: f.string('code'),
      name: f.string('name'),
      merchant: total.integer('merchant'),
      customer: total.integer('customer'),
    };
  });
}

export function parseTransaction(data: unknown): TripayTransaction {
  const f = new Fields(data, 'data', fail);
  return {
    reference: f.string('reference'),
    merchantRef: f.string('merchant_ref'),
    paymentMethod: f.string('payment_method'),
    paymentName: f.string('payment_name'),
    amount: f.integer('amount'),
    feeMerchant: f.integer('fee_merchant'),
    feeCustomer: f.integer('fee_customer'),
    totalFee: f.integer('total_fee'),
    amountReceived: f.integer('amount_received'),
    payCode: f.optionalString('pay_code'),
    payUrl: f.optionalString('pay_url'),
    checkoutUrl: f.string('checkout_url'),
    qrString: f.optionalString('qr_string'),
    qrUrl: f.optionalString('qr_url'),
    status: f.string('status'),
    expiredTime: f.optionalSafeInteger('expired_time'),
    paidAt: f.optionalSafeInteger('paid_at'),
    raw: f.raw,
  };
}
