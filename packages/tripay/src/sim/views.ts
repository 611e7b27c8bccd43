import type { SimTransaction } from './store.ts';

/** JSON.stringify replacer: the simulator keeps bigint amounts, Tripay sends JSON numbers. */
export function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}

/** A transaction as `transaction/create` and `transaction/detail` return it. */
export function transactionView(tx: SimTransaction): Record<string, unknown> {
  return {
    reference: tx.reference,
    merchant_ref: tx.merchantRef,
    payment_selection_type: 'static',
    payment_method: tx.method,
    payment_name: tx.methodName,
    customer_name: tx.customerName,
    customer_email: tx.customerEmail,
    customer_phone: tx.customerPhone,
    callback_url: tx.callbackUrl,
    return_url: tx.returnUrl,
    // Tripay's `amount` is what the customer pays, customer fee included.
    amount: tx.total,
    fee_merchant: tx.feeMerchant,
    fee_customer: tx.feeCustomer,
    total_fee: tx.totalFee,
    amount_received: tx.amountReceived,
    pay_code: tx.payCode,
    pay_url: tx.payUrl,
    checkout_url: tx.checkoutUrl,
    status: tx.status,
    paid_at: tx.paidAt,
    expired_time: tx.expiredTime,
    order_items: tx.orderItems.map((i) => ({
      sku: i.sku,
      name: i.name,
      price: i.price,
      quantity: i.quantity,
      subtotal: i.price * BigInt(i.quantity),
      product_url: null,
      image_url: null,
    })),
    instructions: [],
    qr_string: tx.qrString,
    qr_url: tx.qrUrl,
  };
}

/**
 * The exact callback body for a transaction's current state, fields in Tripay's order.
 * Overrides replace or add fields before serialising, for tests of malformed callbacks.
 */
export function callbackBody(tx: SimTransaction, overrides: Record<string, unknown> = {}): string {
  const payload: Record<string, unknown> = {
    reference: tx.reference,
    merchant_ref: tx.merchantRef,
    payment_method: tx.methodName,
    payment_method_code: tx.method,
    total_amount: tx.total,
    fee_merchant: tx.feeMerchant,
    fee_customer: tx.feeCustomer,
    total_fee: tx.totalFee,
    amount_received: tx.amountReceived,
    is_closed_payment: 1,
    status: tx.status,
    paid_at: tx.paidAt,
    note: null,
    ...overrides,
  };
  return JSON.stringify(payload, jsonNumbers);
}
