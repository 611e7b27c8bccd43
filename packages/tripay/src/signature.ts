import { createHmac, timingSafeEqual } from 'node:crypto';

function hmac(privateKey: string, data: Uint8Array | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return createHmac('sha256', privateKey).update(bytes).digest();
}

/**
 * Signature of `transaction/create`: hex HMAC-SHA256 keyed with the private key over
 * `merchant_code + merchant_ref + amount`, the amount in plain decimal digits.
 */
export function transactionSignature(
  privateKey: string,
  merchantCode: string,
  merchantRef: string,
  amount: bigint,
): string {
  return hmac(privateKey, `${merchantCode}${merchantRef}${amount.toString()}`).toString('hex');
}

/** `X-Callback-Signature` for a callback body: hex HMAC-SHA256 over the exact raw bytes. */
export function callbackSignature(privateKey: string, rawBody: Uint8Array | string): string {
  return hmac(privateKey, rawBody).toString('hex');
}

const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Checks `X-Callback-Signature` against the raw body as received. Hash the bytes off the wire:
 * JSON that was parsed and serialised again differs in spacing or escaping and never matches.
 */
export function verifyCallbackSignature(
  rawBody: Uint8Array | string,
  signature: string | undefined,
  privateKey: string,
): boolean {
  if (typeof signature !== 'string') return false;
  const given = signature.trim();
  // timingSafeEqual needs equal lengths; checking the shape first also stops Buffer.from from
  // silently dropping non-hex characters.
  if (!HEX_SHA256.test(given)) return false;
  return timingSafeEqual(hmac(privateKey, rawBody), Buffer.from(given, 'hex'));
}
