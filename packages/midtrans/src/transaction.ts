import { MidtransNotificationError } from './errors.ts';
import type {
  MidtransAction,
  MidtransNotification,
  MidtransTransaction,
  VaNumber,
} from './types.ts';
import { isRecord } from './validate.ts';

const REQUIRED = ['order_id', 'status_code', 'gross_amount', 'transaction_status'] as const;
const OPTIONAL_STRINGS = [
  'transaction_id',
  'status_message',
  'currency',
  'payment_type',
  'fraud_status',
  'transaction_time',
  'settlement_time',
  'expiry_time',
  'signature_key',
  'permata_va_number',
  'bill_key',
  'biller_code',
  'qr_string',
  'store',
  'payment_code',
] as const;

function vaNumbers(v: unknown): VaNumber[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((e: unknown) =>
    isRecord(e) && typeof e['bank'] === 'string' && typeof e['va_number'] === 'string'
      ? [{ bank: e['bank'], va_number: e['va_number'] }]
      : [],
  );
}

function actions(v: unknown): MidtransAction[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((e: unknown) =>
    isRecord(e) &&
    typeof e['name'] === 'string' &&
    typeof e['method'] === 'string' &&
    typeof e['url'] === 'string'
      ? [{ name: e['name'], method: e['method'], url: e['url'] }]
      : [],
  );
}

/** Names of required fields that are missing or not strings. */
export function missingFields(v: Record<string, unknown>, names: readonly string[]): string[] {
  return names.filter((n) => typeof v[n] !== 'string');
}

/**
 * Reads a transaction object, keeping only fields of the documented type. Undefined when a
 * required field is missing, so callers decide which error that is.
 */
export function readTransaction(v: unknown): MidtransTransaction | undefined {
  if (!isRecord(v) || missingFields(v, REQUIRED).length > 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of [...REQUIRED, ...OPTIONAL_STRINGS]) {
    if (typeof v[k] === 'string') out[k] = v[k];
  }
  const va = vaNumbers(v['va_numbers']);
  if (va !== undefined) out['va_numbers'] = va;
  const acts = actions(v['actions']);
  if (acts !== undefined) out['actions'] = acts;
  out['raw'] = v;
  return out as unknown as MidtransTransaction;
}

/**
 * Reads a notification body: the parsed JSON object, or its raw text/bytes. Throws
 * {@link MidtransNotificationError} when it lacks the fields needed to verify and route it.
 * It does not check the signature; call `verifyNotificationSignature` on the result.
 */
export function parseNotification(body: unknown): MidtransNotification {
  let value = body;
  if (typeof value === 'string' || value instanceof Uint8Array) {
    const text = typeof value === 'string' ? value : Buffer.from(value).toString('utf8');
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      throw new MidtransNotificationError('notification body is not valid JSON');
    }
  }
  if (!isRecord(value)) throw new MidtransNotificationError('notification body is not an object');
  const missing = missingFields(value, [...REQUIRED, 'signature_key']);
  if (missing.length > 0)
    throw new MidtransNotificationError(
      `notification lacks string field(s): ${missing.join(', ')}`,
    );
  return readTransaction(value) as MidtransNotification;
}
