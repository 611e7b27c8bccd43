import { describe, expect, it } from 'vitest';
import { channelOf } from '../src/channels.ts';
import { MidtransError } from '../src/errors.ts';
import { verifyNotificationSignature } from '../src/signature.ts';
import { mapStatus } from '../src/status.ts';
import { parseNotification } from '../src/transaction.ts';
import type { ChargeRequest } from '../src/types.ts';
import { SERVER_KEY, clientFor, orderId, receiver, simulator } from './helpers.ts';

const td = (gross = 250000): ChargeRequest['transaction_details'] => ({
  order_id: orderId(),
  gross_amount: gross,
});

describe('Core API against the simulator', () => {
  it('charges a BCA virtual account and notifies pending', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    // A trailing slash on the base URL must not matter.
    const { client, calls } = clientFor({ ...sim, apiBaseUrl: `${sim.apiBaseUrl}/` });
    const details = td();
    const t = await client.charge({
      payment_type: 'bank_transfer',
      bank_transfer: { bank: 'bca' },
      transaction_details: details,
      custom_expiry: { expiry_duration: 60, unit: 'minute' },
    });
    expect(calls[0]).toMatchObject({ operation: 'charge', status: 201 });
    expect(calls[0]?.url).toBe(`${sim.apiBaseUrl}/v2/charge`);
    expect(t).toMatchObject({
      order_id: details.order_id,
      status_code: '201',
      transaction_status: 'pending',
      payment_type: 'bank_transfer',
      gross_amount: '250000.00',
      currency: 'IDR',
    });
    expect(t.va_numbers?.[0]?.bank).toBe('bca');
    expect(t.va_numbers?.[0]?.va_number).toMatch(/^\d{10,18}$/);
    expect(t.raw['va_numbers']).toEqual(t.va_numbers);
    expect(channelOf(t)).toBe('bca_va');
    expect(mapStatus(t.transaction_status, t.fraud_status)).toBe('pending');
    const model = sim.transaction(details.order_id);
    expect(model?.expiryAt.getTime()).toBe((model?.createdAt.getTime() ?? 0) + 3_600_000);

    const [n] = await hook.waitFor(1);
    const parsed = parseNotification(n?.json);
    expect(parsed.transaction_status).toBe('pending');
    expect(parsed.va_numbers).toEqual(t.va_numbers);
    expect(verifyNotificationSignature(parsed, SERVER_KEY)).toBe(true);

    await sim.pay(details.order_id);
    const status = await client.status(details.order_id);
    expect(status?.transaction_status).toBe('settlement');
    expect(status?.settlement_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('returns the instructions of every Core channel', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const mandiri = await client.charge({
      payment_type: 'echannel',
      echannel: { bill_info1: 'Payment:', bill_info2: 'Internet' },
      transaction_details: td(),
    });
    expect(mandiri.bill_key).toMatch(/^\d+$/);
    expect(mandiri.biller_code).toBe('70012');
    expect(channelOf(mandiri)).toBe('mandiri_bill');

    const permata = await client.charge({ payment_type: 'permata', transaction_details: td() });
    expect(permata.permata_va_number).toMatch(/^\d+$/);
    expect(channelOf(permata)).toBe('permata_va');

    for (const bank of ['bni', 'bri', 'cimb'] as const) {
      const va = await client.charge({
        payment_type: 'bank_transfer',
        bank_transfer: { bank },
        transaction_details: td(),
      });
      expect(channelOf(va)).toBe(`${bank}_va`);
    }

    for (const payment_type of ['qris', 'gopay'] as const) {
      const q = await client.charge({ payment_type, transaction_details: td() });
      expect(q.qr_string).toMatch(/^0002/);
      const action = q.actions?.find((a) => a.name === 'generate-qr-code');
      expect(action?.method).toBe('GET');
      const img = await fetch(action?.url ?? '');
      expect(img.headers.get('content-type')).toBe('image/svg+xml');
      expect(await img.text()).toContain(q.order_id);
      expect(channelOf(q)).toBe(payment_type);
    }
  });

  it('refuses a reused order id with 406', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const details = td();
    await client.charge({ payment_type: 'qris', transaction_details: details });
    const e = await client
      .charge({ payment_type: 'qris', transaction_details: details })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MidtransError);
    expect(e).toMatchObject({ httpStatus: 406, code: '406', retryable: false });
  });

  it('cancels and expires pending transactions, 412 otherwise', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    const { client } = clientFor(sim);
    const a = td();
    await client.charge({
      payment_type: 'bank_transfer',
      bank_transfer: { bank: 'bri' },
      transaction_details: a,
    });
    const cancelled = await client.cancel(a.order_id);
    expect(cancelled).toMatchObject({ status_code: '200', transaction_status: 'cancel' });
    expect(mapStatus(cancelled.transaction_status)).toBe('failed');
    await expect(client.cancel(a.order_id)).rejects.toMatchObject({
      code: '412',
      retryable: false,
    });
    await expect(client.expire(a.order_id)).rejects.toMatchObject({ code: '412' });

    const b = td();
    await client.charge({ payment_type: 'gopay', transaction_details: b });
    const expired = await client.expire(b.order_id);
    expect(expired).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    const status = await client.status(b.order_id);
    expect(status).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    expect(verifyNotificationSignature(parseNotification(status?.raw), SERVER_KEY)).toBe(true);
    expect(mapStatus(status?.transaction_status ?? '')).toBe('expired');

    await expect(client.cancel('NOPE')).rejects.toMatchObject({ code: '404' });
    await sim.idle();
    expect(
      hook.received.map((r) => [
        r.json['order_id'],
        r.json['transaction_status'],
        r.json['status_code'],
      ]),
    ).toEqual([
      [a.order_id, 'pending', '201'],
      [a.order_id, 'cancel', '202'],
      [b.order_id, 'pending', '201'],
      [b.order_id, 'expire', '202'],
    ]);
  });

  it('moves paid transactions through refunds and card reviews', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 300000 },
    });
    await sim.challenge(id);
    let s = await client.status(id);
    expect([s?.transaction_status, s?.fraud_status]).toEqual(['capture', 'challenge']);
    expect(mapStatus(s?.transaction_status ?? '', s?.fraud_status)).toBe('challenge');
    await sim.pay(id);
    s = await client.status(id);
    expect(mapStatus(s?.transaction_status ?? '', s?.fraud_status)).toBe('paid');
    await sim.refund(id, 100000n);
    s = await client.status(id);
    expect(s?.transaction_status).toBe('partial_refund');
    expect(s?.raw['refund_amount']).toBe('100000.00');
    expect(mapStatus(s?.transaction_status ?? '')).toBe('partially_refunded');
    await expect(sim.refund(id, 300000n)).rejects.toThrow(/between 1 and 200000/);
    await sim.refund(id);
    s = await client.status(id);
    expect(mapStatus(s?.transaction_status ?? '')).toBe('refunded');
    await expect(sim.pay(id)).rejects.toThrow(/refund/);
    expect(hook.received.map((r) => r.json['transaction_status'])).toEqual([
      'capture',
      'capture',
      'partial_refund',
      'refund',
    ]);
    expect(sim.transaction(id)?.refunds.map((r) => r.amount)).toEqual([100000n, 200000n]);
  });
});
