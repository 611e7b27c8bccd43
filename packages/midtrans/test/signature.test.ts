import { describe, expect, it } from 'vitest';
import { notificationSignature, verifyNotificationSignature } from '../src/signature.ts';

const KEY = 'askvnoibnosifnboseofinbofinfgbiufglnbfg';
const EXPECTED =
  'edc076b21793ebe3e17926350f5b8ae67d902fe657b3d0aa31b932d5c127e2375d308a2bc94f3265ac2d80a1f181a79b997ac178a236fcff35af263fc4d4c231';
const NOTIFICATION = {
  order_id: '1111',
  status_code: '200',
  gross_amount: '100000.00',
  signature_key: EXPECTED,
};

describe('notification signature', () => {
  it('matches the documented vector', () => {
    expect(notificationSignature('1111', '200', '100000.00', KEY)).toBe(EXPECTED);
  });

  it('is computed over the exact amount string', () => {
    expect(notificationSignature('1111', '200', '100000', KEY)).not.toBe(EXPECTED);
  });

  it('verifies a genuine notification, whatever the hex case', () => {
    expect(verifyNotificationSignature(NOTIFICATION, KEY)).toBe(true);
    expect(
      verifyNotificationSignature({ ...NOTIFICATION, signature_key: EXPECTED.toUpperCase() }, KEY),
    ).toBe(true);
  });

  it('rejects a tampered amount, status or order id', () => {
    expect(verifyNotificationSignature({ ...NOTIFICATION, gross_amount: '1000000.00' }, KEY)).toBe(
      false,
    );
    expect(verifyNotificationSignature({ ...NOTIFICATION, gross_amount: '100000' }, KEY)).toBe(
      false,
    );
    expect(verifyNotificationSignature({ ...NOTIFICATION, status_code: '201' }, KEY)).toBe(false);
    expect(verifyNotificationSignature({ ...NOTIFICATION, order_id: '1112' }, KEY)).toBe(false);
  });

  it('rejects another key, a wrong-length and a non-hex signature', () => {
    expect(verifyNotificationSignature(NOTIFICATION, `${KEY}x`)).toBe(false);
    for (const signature_key of ['', EXPECTED.slice(0, 64), `${EXPECTED}00`, 'z'.repeat(128)])
      expect(verifyNotificationSignature({ ...NOTIFICATION, signature_key }, KEY)).toBe(false);
  });
});
