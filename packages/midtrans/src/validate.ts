import type { ChargeRequest, ItemDetail, SnapTransactionRequest } from './types.ts';

/** Midtrans accepts order ids of at most 50 characters from this set. */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9\-_~.]{1,50}$/;
export const ITEM_NAME_MAX = 50;

const SNAP_EXPIRY_UNITS = ['minute', 'minutes', 'hour', 'hours', 'day', 'days'];
const CHARGE_EXPIRY_UNITS = ['minute', 'hour', 'day'];
const CHARGE_TYPES = ['bank_transfer', 'echannel', 'permata', 'qris', 'gopay'];
const CHARGE_BANKS = ['bca', 'bni', 'bri', 'cimb', 'permata'];

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/** Problems with an order id, empty when it is acceptable. */
export function orderIdProblems(v: unknown, field = 'transaction_details.order_id'): string[] {
  if (typeof v !== 'string' || v === '') return [`${field} is required`];
  if (!ORDER_ID_PATTERN.test(v))
    return [`${field} must be 1 to 50 characters of letters, digits, "-", "_", "~" or "."`];
  return [];
}

function itemProblems(items: unknown, gross: unknown): string[] {
  if (items === undefined) return [];
  if (!Array.isArray(items)) return ['item_details must be an array'];
  const out: string[] = [];
  let sum = 0n;
  let summable = true;
  items.forEach((item: unknown, i) => {
    const at = `item_details[${i}]`;
    if (!isRecord(item)) {
      out.push(`${at} must be an object`);
      summable = false;
      return;
    }
    if (typeof item['name'] !== 'string' || item['name'] === '') out.push(`${at}.name is required`);
    if (item['id'] !== undefined && typeof item['id'] !== 'string')
      out.push(`${at}.id must be a string`);
    const price = item['price'];
    const quantity = item['quantity'];
    if (typeof price !== 'number' || !Number.isSafeInteger(price)) {
      out.push(`${at}.price must be an integer`);
      summable = false;
    }
    if (!isPositiveInteger(quantity)) {
      out.push(`${at}.quantity must be a positive integer`);
      summable = false;
    }
    // bigint: price * quantity of two safe integers can leave the safe range.
    if (summable) sum += BigInt(price as number) * BigInt(quantity as number);
  });
  if (summable && isPositiveInteger(gross) && sum !== BigInt(gross))
    out.push('transaction_details.gross_amount is not equal to the sum of item_details');
  return out;
}

function customerProblems(c: unknown): string[] {
  if (c === undefined) return [];
  if (!isRecord(c)) return ['customer_details must be an object'];
  return ['first_name', 'last_name', 'email', 'phone']
    .filter((k) => c[k] !== undefined && typeof c[k] !== 'string')
    .map((k) => `customer_details.${k} must be a string`);
}

/** Checks shared by Snap and Core API requests. */
function commonProblems(body: Record<string, unknown>): string[] {
  const td = body['transaction_details'];
  if (!isRecord(td)) return ['transaction_details is required'];
  const out = orderIdProblems(td['order_id']);
  if (!isPositiveInteger(td['gross_amount']))
    out.push('transaction_details.gross_amount must be a positive integer');
  out.push(...itemProblems(body['item_details'], td['gross_amount']));
  out.push(...customerProblems(body['customer_details']));
  return out;
}

/** Problems Snap would report for this request body, empty when it is acceptable. */
export function snapRequestProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['request body must be a JSON object'];
  const out = commonProblems(body);
  const enabled = body['enabled_payments'];
  if (
    enabled !== undefined &&
    (!Array.isArray(enabled) || !enabled.every((e) => typeof e === 'string'))
  )
    out.push('enabled_payments must be an array of strings');
  const expiry = body['expiry'];
  if (expiry !== undefined) {
    if (!isRecord(expiry)) out.push('expiry must be an object');
    else {
      if (typeof expiry['unit'] !== 'string' || !SNAP_EXPIRY_UNITS.includes(expiry['unit']))
        out.push(`expiry.unit must be one of ${SNAP_EXPIRY_UNITS.join(', ')}`);
      if (!isPositiveInteger(expiry['duration']))
        out.push('expiry.duration must be a positive integer');
      if (expiry['start_time'] !== undefined && typeof expiry['start_time'] !== 'string')
        out.push('expiry.start_time must be a string');
    }
  }
  const callbacks = body['callbacks'];
  if (callbacks !== undefined) {
    if (!isRecord(callbacks)) out.push('callbacks must be an object');
    else if (callbacks['finish'] !== undefined && !isHttpUrl(callbacks['finish']))
      out.push('callbacks.finish must be an http(s) URL');
  }
  return out;
}

/** Problems the Core API would report for this charge body, empty when it is acceptable. */
export function chargeRequestProblems(body: unknown): string[] {
  if (!isRecord(body)) return ['request body must be a JSON object'];
  const out = commonProblems(body);
  const type = body['payment_type'];
  if (typeof type !== 'string' || !CHARGE_TYPES.includes(type))
    out.push(`payment_type must be one of ${CHARGE_TYPES.join(', ')}`);
  const bt = body['bank_transfer'];
  if (type === 'bank_transfer' || bt !== undefined) {
    const bank = isRecord(bt) ? bt['bank'] : undefined;
    if (typeof bank !== 'string' || !CHARGE_BANKS.includes(bank))
      out.push(`bank_transfer.bank must be one of ${CHARGE_BANKS.join(', ')}`);
  }
  if (type === 'echannel') {
    const ec = body['echannel'];
    for (const k of ['bill_info1', 'bill_info2']) {
      if (!isRecord(ec) || typeof ec[k] !== 'string' || ec[k] === '')
        out.push(`echannel.${k} is required`);
    }
  }
  const ce = body['custom_expiry'];
  if (ce !== undefined) {
    if (!isRecord(ce)) out.push('custom_expiry must be an object');
    else {
      if (typeof ce['unit'] !== 'string' || !CHARGE_EXPIRY_UNITS.includes(ce['unit']))
        out.push(`custom_expiry.unit must be one of ${CHARGE_EXPIRY_UNITS.join(', ')}`);
      if (!isPositiveInteger(ce['expiry_duration']))
        out.push('custom_expiry.expiry_duration must be a positive integer');
    }
  }
  return out;
}

export function isHttpUrl(v: unknown): v is string {
  if (typeof v !== 'string' || !URL.canParse(v)) return false;
  const { protocol } = new URL(v);
  return protocol === 'http:' || protocol === 'https:';
}

/** Cuts a name to `max` characters without splitting a surrogate pair. */
export function cutName(name: string, max = ITEM_NAME_MAX): string {
  const chars = Array.from(name);
  return chars.length <= max ? name : chars.slice(0, max).join('');
}

/** The same request with item names Midtrans will accept. */
export function withCutItemNames<T extends SnapTransactionRequest | ChargeRequest>(req: T): T {
  if (req.item_details === undefined) return req;
  const items: ItemDetail[] = req.item_details.map((i) => ({ ...i, name: cutName(i.name) }));
  return { ...req, item_details: items };
}
