import { describe, expect, it } from 'vitest';
import {
  callbackSignature,
  transactionSignature,
  verifyCallbackSignature,
} from '../src/signature.ts';

const KEY = 'ytf6ooi2gmlNPfpchd94jDOk8hRWOu';

describe('transactionSignature', () => {
  it('matches the documented vector', () => {
    expect(transactionSignature(KEY, 'T0001', 'INV55567', 1_500_000n)).toBe(
      '9f167eba844d1fcb369404e2bda53702e2f78f7aa12e91da6715414e65b8c86a',
    );
  });

  it('signs the amount as plain digits', () => {
    expect(transactionSignature(KEY, 'T0001', 'INV55567', 1_500_001n)).not.toBe(
      transactionSignature(KEY, 'T0001', 'INV55567', 1_500_000n),
    );
    expect(transactionSignature(KEY, 'T0001', 'INV5556', 71_500_000n)).toBe(
      transactionSignature(KEY, 'T0001', 'INV55567', 1_500_000n),
    );
  });
});

describe('callback signature', () => {
  const raw =
    '{"reference":"DEV-T0001123456ABCDE","merchant_ref":"INV1","status":"PAID","total_amount":154250}';

  it('verifies the raw bytes as string or Uint8Array', () => {
    const sig = callbackSignature(KEY, raw);
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(callbackSignature(KEY, new TextEncoder().encode(raw))).toBe(sig);
    expect(verifyCallbackSignature(raw, sig, KEY)).toBe(true);
    expect(verifyCallbackSignature(Buffer.from(raw), sig, KEY)).toBe(true);
    expect(verifyCallbackSignature(raw, sig.toUpperCase(), KEY)).toBe(true);
  });

  it('fails for the same JSON serialised with different spacing', () => {
    const sig = callbackSignature(KEY, raw);
    const respaced = JSON.stringify(JSON.parse(raw), null, 2);
    expect(JSON.parse(respaced)).toEqual(JSON.parse(raw));
    expect(verifyCallbackSignature(respaced, sig, KEY)).toBe(false);
  });

  it('fails when the amount changed', () => {
    const sig = callbackSignature(KEY, raw);
    expect(verifyCallbackSignature(raw.replace('154250', '1542500'), sig, KEY)).toBe(false);
  });

  it('fails for a missing, malformed or foreign signature', () => {
    const sig = callbackSignature(KEY, raw);
    expect(verifyCallbackSignature(raw, undefined, KEY)).toBe(false);
    expect(verifyCallbackSignature(raw, '', KEY)).toBe(false);
    expect(verifyCallbackSignature(raw, sig.slice(0, 63), KEY)).toBe(false);
    expect(verifyCallbackSignature(raw, `${sig}00`, KEY)).toBe(false);
    expect(verifyCallbackSignature(raw, `${sig.slice(0, 62)}zz`, KEY)).toBe(false);
    expect(verifyCallbackSignature(raw, sig, 'another-key')).toBe(false);
  });
});
