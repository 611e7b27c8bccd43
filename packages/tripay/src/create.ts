import { validationError } from './errors.ts';
import type { TripayCreateTransaction } from './models.ts';
import { toJsonNumber } from './money.ts';
import { transactionSignature } from './signature.ts';

function requireText(value: unknown, field: string, max?: number): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationError(`${field} is required`);
  }
  if (max !== undefined && value.length > max) {
    throw validationError(`${field} is longer than ${max} characters`);
  }
  return value;
}

function requireAmount(value: unknown, field: string, allowZero: boolean): bigint {
  // Callers outside TypeScript can pass numbers; a float here would be a silent rounding.
  if (typeof value !== 'bigint') throw validationError(`${field} must be a bigint`);
  if (value < 0n || (!allowZero && value === 0n)) {
    throw validationError(`${field} must be ${allowZero ? 'zero or more' : 'positive'}`);
  }
  toJsonNumber(value, field);
  return value;
}

/**
 * Checks a request the way Tripay would and builds the JSON body with its signature, so that
 * a mistake fails here, without a network round trip and with a precise message.
 */
export function buildCreateBody(
  req: TripayCreateTransaction,
  merchantCode: string,
  privateKey: string,
): Record<string, unknown> {
  const method = requireText(req.method, 'method');
  const merchantRef = requireText(req.merchantRef, 'merchantRef', 64);
  const amount = requireAmount(req.amount, 'amount', false);
  const customerName = requireText(req.customerName, 'customerName');
  const customerEmail = requireText(req.customerEmail, 'customerEmail');
  if (!Array.isArray(req.orderItems) || req.orderItems.length === 0) {
    throw validationError('orderItems needs at least one item');
  }
  let sum = 0n;
  const orderItems = req.orderItems.map((item, i) => {
    const name = requireText(item.name, `orderItems[${i}].name`);
    const price = requireAmount(item.price, `orderItems[${i}].price`, true);
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) {
      throw validationError(`orderItems[${i}].quantity must be a positive integer`);
    }
    sum += price * BigInt(item.quantity);
    return {
      ...(item.sku === undefined ? {} : { sku: item.sku }),
      name,
      price: toJsonNumber(price, `orderItems[${i}].price`),
      quantity: item.quantity,
    };
  });
  if (sum !== amount) {
    throw validationError(
      `amount ${amount.toString()} does not equal the sum of the order items (${sum.toString()})`,
    );
  }
  if (
    req.expiredTime !== undefined &&
    (!Number.isSafeInteger(req.expiredTime) || req.expiredTime <= 0)
  ) {
    throw validationError('expiredTime must be unix seconds');
  }
  const optional = (key: string, value: string | undefined, field: string): object =>
    value === undefined ? {} : { [key]: requireText(value, field) };
  return {
    method,
    merchant_ref: merchantRef,
    amount: toJsonNumber(amount, 'amount'),
    customer_name: customerName,
    customer_email: customerEmail,
    ...optional('customer_phone', req.customerPhone, 'customerPhone'),
    order_items: orderItems,
    ...optional('callback_url', req.callbackUrl, 'callbackUrl'),
    ...optional('return_url', req.returnUrl, 'returnUrl'),
    ...(req.expiredTime === undefined ? {} : { expired_time: req.expiredTime }),
    signature: transactionSignature(privateKey, merchantCode, merchantRef, amount),
  };
}
