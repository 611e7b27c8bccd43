import { TripayCallbackError } from './errors.ts';
import { Fields } from './fields.ts';

/** Value of the `X-Callback-Event` header on payment callbacks. */
export const CALLBACK_EVENT = 'payment_status';
/** Header names as Node lower-cases them on incoming requests. */
export const CALLBACK_EVENT_HEADER = 'x-callback-event';
export const CALLBACK_SIGNATURE_HEADER = 'x-callback-signature';

/** A closed-payment callback, amounts in rupiah. */
export interface TripayCallback {
  reference: string;
  merchantRef: string;
  /** Channel display name, e.g. `BRI Virtual Account`. */
  paymentMethod: string;
  /** Channel code, e.g. `BRIVA`. */
  paymentMethodCode: string;
  /** What the customer paid, customer fee included. */
  totalAmount: bigint;
  feeMerchant: bigint;
  feeCustomer: bigint;
  totalFee: bigint;
  /** What the merchant is credited. */
  amountReceived: bigint;
  isClosedPayment: boolean;
  /** `PAID`, `EXPIRED`, `FAILED`, `REFUND` as sent; see `mapStatus`. */
  status: string;
  /** Unix seconds. */
  paidAt: number | null;
  note: string | null;
  raw: Record<string, unknown>;
}

const fail = (message: string): Error => new TripayCallbackError(message);

/**
 * Parses a callback body. Verify the signature over the same raw bytes first: this only checks
 * shape. Amounts must be exact integers, so a fractional amount is refused rather than rounded.
 */
export function parseCallback(rawBody: Uint8Array | string): TripayCallback {
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TripayCallbackError('callback body is not valid JSON');
  }
  const f = new Fields(json, 'callback', fail);
  const reference = f.string('reference');
  if (reference === '') throw new TripayCallbackError('callback.reference is empty');
  const status = f.string('status');
  if (status === '') throw new TripayCallbackError('callback.status is empty');
  return {
    reference,
    merchantRef: f.string('merchant_ref'),
    paymentMethod: f.string('payment_method'),
    paymentMethodCode: f.string('payment_method_code'),
    totalAmount: f.integer('total_amount'),
    feeMerchant: f.integer('fee_merchant'),
    feeCustomer: f.integer('fee_customer'),
    totalFee: f.integer('total_fee'),
    amountReceived: f.integer('amount_received'),
    isClosedPayment: f.boolean('is_closed_payment'),
    status,
    // Unpaid outcomes (EXPIRED, FAILED) carry paid_at null; some senders leave it out.
    paidAt: f.optionalSafeInteger('paid_at'),
    note: f.optionalString('note'),
    raw: f.raw,
  };
}
