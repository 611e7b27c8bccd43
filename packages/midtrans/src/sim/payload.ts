import { rupiahToGrossAmount } from '../amount.ts';
import { notificationSignature } from '../signature.ts';
import type { SimTransaction } from './model.ts';

export const MERCHANT_ID = 'G000000001';

/** What a body is for; decides `status_code`, `status_message` and the signature. */
export type BodyKind = 'notification' | 'status' | 'charge' | 'cancel' | 'expire';

export interface PayloadContext {
  readonly serverKey: string;
  /** Simulator base URL, for action links. */
  readonly baseUrl: string;
}

/** `YYYY-MM-DD HH:mm:ss` in Asia/Jakarta, as Midtrans writes times. WIB has no DST. */
export function jakartaTime(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The `status_code` Midtrans pairs with a transaction status in notifications. */
export function statusCodeOf(status: string): string {
  switch (status) {
    case 'pending':
      return '201';
    case 'deny':
    case 'cancel':
    case 'expire':
      return '202';
    default:
      return '200';
  }
}

function statusCodeFor(kind: BodyKind, t: SimTransaction): string {
  if (kind === 'expire' || (kind === 'status' && t.status === 'expire')) return '407';
  if (kind === 'charge') return '201';
  if (kind === 'cancel') return '200';
  return statusCodeOf(t.status);
}

const MESSAGES: Readonly<Record<BodyKind, string>> = {
  notification: 'midtrans payment notification',
  status: 'Success, transaction is found',
  charge: 'Success, transaction is created',
  cancel: 'Success, transaction is canceled',
  expire: 'Success, transaction has expired',
};

function paymentFields(t: SimTransaction, ctx: PayloadContext): Record<string, unknown> {
  const c = t.codes;
  const out: Record<string, unknown> = {};
  if (c.vaNumber !== undefined && t.bank !== undefined) {
    out['va_numbers'] = [{ bank: t.bank, va_number: c.vaNumber }];
    out['payment_amounts'] = [];
  }
  if (c.permataVaNumber !== undefined) out['permata_va_number'] = c.permataVaNumber;
  if (c.billKey !== undefined) out['bill_key'] = c.billKey;
  if (c.billerCode !== undefined) out['biller_code'] = c.billerCode;
  if (t.store !== undefined) out['store'] = t.store;
  if (c.paymentCode !== undefined) out['payment_code'] = c.paymentCode;
  if (c.maskedCard !== undefined) {
    out['masked_card'] = c.maskedCard;
    out['card_type'] = 'credit';
    out['bank'] = t.bank;
  }
  if (c.qrString !== undefined) {
    out['qr_string'] = c.qrString;
    out['acquirer'] = 'gopay';
    out['actions'] = [
      {
        name: 'generate-qr-code',
        method: 'GET',
        url: `${ctx.baseUrl}/v2/qris/${t.transactionId}/qr-code`,
      },
    ];
  }
  return out;
}

/**
 * The JSON object Midtrans sends for a transaction. `overrides` replace fields before the
 * signature is computed, so a test can build a validly signed body for any state; an override
 * of `signature_key` itself wins, for forged ones.
 */
export function transactionBody(
  t: SimTransaction,
  kind: BodyKind,
  ctx: PayloadContext,
  overrides: Partial<Record<string, string>> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    transaction_time: jakartaTime(t.createdAt),
    transaction_status: t.status,
    transaction_id: t.transactionId,
    status_message: MESSAGES[kind],
    status_code: statusCodeFor(kind, t),
    payment_type: t.paymentType,
    order_id: t.orderId,
    merchant_id: MERCHANT_ID,
    gross_amount: rupiahToGrossAmount(t.grossAmount),
    currency: 'IDR',
    expiry_time: jakartaTime(t.expiryAt),
  };
  if (t.fraudStatus !== undefined) body['fraud_status'] = t.fraudStatus;
  if (t.settledAt !== undefined && t.status !== 'capture')
    body['settlement_time'] = jakartaTime(t.settledAt);
  Object.assign(body, paymentFields(t, ctx));
  if (t.refunds.length > 0) {
    const total = t.refunds.reduce((s, r) => s + r.amount, 0n);
    body['refund_amount'] = rupiahToGrossAmount(total);
    body['refunds'] = t.refunds.map((r, i) => ({
      refund_chargeback_id: i + 1,
      refund_amount: rupiahToGrossAmount(r.amount),
      created_at: jakartaTime(r.at),
      reason: 'simulated refund',
    }));
  }
  for (const [k, v] of Object.entries(overrides)) {
    if (v !== undefined) body[k] = v;
  }
  const signed = kind === 'notification' || kind === 'status';
  if (signed && overrides['signature_key'] === undefined) {
    body['signature_key'] = notificationSignature(
      String(body['order_id']),
      String(body['status_code']),
      String(body['gross_amount']),
      ctx.serverKey,
    );
  }
  return body;
}
