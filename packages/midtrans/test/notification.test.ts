import { describe, expect, it } from 'vitest';
import { MidtransNotificationError } from '../src/errors.ts';
import { verifyNotificationSignature } from '../src/signature.ts';
import { mapStatus } from '../src/status.ts';
import { parseNotification } from '../src/transaction.ts';
import { SERVER_KEY, clientFor, orderId, simulator } from './helpers.ts';

const BASE = {
  order_id: 'INV-1',
  status_code: '200',
  gross_amount: '150000.00',
  signature_key: 'ab',
  transaction_status: 'settlement',
};

describe('parseNotification', () => {
  it('reads the body the simulator would POST, from JSON or raw text', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    await client.charge({
      payment_type: 'bank_transfer',
      bank_transfer: { bank: 'bni' },
      transaction_details: { order_id: id, gross_amount: 150000 },
    });
    await sim.pay(id);
    const { body, json } = sim.signedNotification(id);
    for (const input of [json, body, Buffer.from(body)]) {
      const n = parseNotification(input);
      expect(n.order_id).toBe(id);
      expect(n.gross_amount).toBe('150000.00');
      expect(n.status_code).toBe('200');
      expect(n.currency).toBe('IDR');
      expect(n.va_numbers?.[0]?.bank).toBe('bni');
      expect(n.settlement_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(n.raw['merchant_id']).toBeTypeOf('string');
      expect(mapStatus(n.transaction_status, n.fraud_status)).toBe('paid');
      expect(verifyNotificationSignature(n, SERVER_KEY)).toBe(true);
    }
  });

  it('signs overridden states and keeps a forged signature when asked', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    await client.charge({
      payment_type: 'qris',
      transaction_details: { order_id: id, gross_amount: 20000 },
    });
    const settled = parseNotification(
      sim.signedNotification(id, { transaction_status: 'settlement', status_code: '200' }).json,
    );
    expect(settled.transaction_status).toBe('settlement');
    expect(verifyNotificationSignature(settled, SERVER_KEY)).toBe(true);
    const forged = parseNotification(
      sim.signedNotification(id, { gross_amount: '1.00', signature_key: 'f'.repeat(128) }).json,
    );
    expect(verifyNotificationSignature(forged, SERVER_KEY)).toBe(false);
  });

  it.each([
    ['order_id'],
    ['status_code'],
    ['gross_amount'],
    ['signature_key'],
    ['transaction_status'],
  ])('rejects a body without %s', (field) => {
    const body: Record<string, unknown> = { ...BASE };
    delete body[field];
    expect(() => parseNotification(body)).toThrow(MidtransNotificationError);
    expect(() => parseNotification({ ...BASE, [field]: 100000 })).toThrow(field);
  });

  it('rejects what is not a JSON object', () => {
    for (const body of [null, undefined, 42, [], 'not json', '[1]', Buffer.from('{')])
      expect(() => parseNotification(body)).toThrow(MidtransNotificationError);
  });

  it('keeps typed optional fields and drops mistyped ones', () => {
    const n = parseNotification({
      ...BASE,
      fraud_status: 'accept',
      payment_type: 7,
      va_numbers: [{ bank: 'bca', va_number: '123' }, { bank: 1 }],
      actions: 'nope',
    });
    expect(n.fraud_status).toBe('accept');
    expect(n.payment_type).toBeUndefined();
    expect(n.va_numbers).toEqual([{ bank: 'bca', va_number: '123' }]);
    expect(n.actions).toBeUndefined();
    expect(n.raw['payment_type']).toBe(7);
  });
});
