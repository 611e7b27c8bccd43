import { describe, expect, it } from 'vitest';
import { MidtransClient } from '../src/client.ts';
import { MidtransError } from '../src/errors.ts';
import type { ChargeRequest, SnapTransactionRequest } from '../src/types.ts';
import { SERVER_KEY, clientFor, orderId, simulator } from './helpers.ts';

const snap = (over: Partial<SnapTransactionRequest> = {}): SnapTransactionRequest => ({
  transaction_details: { order_id: orderId(), gross_amount: 100000 },
  ...over,
});

async function validationFailure(p: Promise<unknown>): Promise<MidtransError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MidtransError);
  const e = err as MidtransError;
  expect(e.code).toBe('validation');
  expect(e.httpStatus).toBeNull();
  expect(e.retryable).toBe(false);
  return e;
}

describe('request validation', () => {
  const offline = (): { client: MidtransClient; calls: unknown[] } =>
    clientFor({ apiBaseUrl: 'http://127.0.0.1:9', snapBaseUrl: 'http://127.0.0.1:9/snap/v1' });

  it.each([
    ['an empty order id', { order_id: '', gross_amount: 1000 }, /order_id is required/],
    ['a 51-character order id', { order_id: 'A'.repeat(51), gross_amount: 1000 }, /1 to 50/],
    ['a space in the order id', { order_id: 'INV 1', gross_amount: 1000 }, /1 to 50/],
    ['a slash in the order id', { order_id: 'INV/1', gross_amount: 1000 }, /1 to 50/],
    ['a zero amount', { order_id: 'A', gross_amount: 0 }, /gross_amount must be a positive/],
    ['a negative amount', { order_id: 'A', gross_amount: -5 }, /gross_amount/],
    ['a fractional amount', { order_id: 'A', gross_amount: 1000.5 }, /gross_amount/],
    ['an unsafe amount', { order_id: 'A', gross_amount: 2 ** 53 }, /gross_amount/],
  ])('refuses %s without calling Midtrans', async (_name, td, message) => {
    const { client, calls } = offline();
    const e = await validationFailure(client.createSnapTransaction({ transaction_details: td }));
    expect(e.message).toMatch(message);
    expect(calls).toHaveLength(0);
  });

  it('accepts a 50-character order id of every allowed character', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = `Ab9-_~.${'x'.repeat(43)}`;
    await expect(
      client.createSnapTransaction({ transaction_details: { order_id: id, gross_amount: 1 } }),
    ).resolves.toHaveProperty('token');
  });

  it('checks items: integer prices, positive quantities, and their sum', async () => {
    const { client } = offline();
    const item = { name: 'Paket 20 Mbps', price: 50000, quantity: 2 };
    let e = await validationFailure(
      client.createSnapTransaction(snap({ item_details: [{ ...item, price: 50000.5 }] })),
    );
    expect(e.message).toMatch(/item_details\[0\]\.price must be an integer/);
    e = await validationFailure(
      client.createSnapTransaction(snap({ item_details: [{ ...item, quantity: 0 }] })),
    );
    expect(e.message).toMatch(/item_details\[0\]\.quantity must be a positive integer/);
    e = await validationFailure(
      client.createSnapTransaction(snap({ item_details: [item, { ...item, quantity: 1 }] })),
    );
    expect(e.message).toMatch(/not equal to the sum of item_details/);
    expect(e.body).toEqual({
      validation_messages: [
        'transaction_details.gross_amount is not equal to the sum of item_details',
      ],
    });
  });

  it('accepts a discount line and cuts long item names to 50 characters', async () => {
    const sim = await simulator();
    const { client, calls } = clientFor(sim);
    const id = orderId();
    const longName = `Paket Internet Rumah 50 Mbps bulan Januari 2025 ${'é'.repeat(10)}`;
    await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 100000 },
      item_details: [
        { id: 'plan', name: longName, price: 111000, quantity: 1 },
        { id: 'promo', name: 'Diskon', price: -11000, quantity: 1 },
      ],
    });
    const sent = calls[0]?.requestBody as { item_details: { name: string }[] };
    expect(sent.item_details[0]?.name).toBe(Array.from(longName).slice(0, 50).join(''));
    expect(sim.transaction(id)?.items[0]?.name).toHaveLength(50);
    expect(sim.transaction(id)?.grossAmount).toBe(100000n);
  });

  it('checks charge specifics and notification URLs', async () => {
    const { client } = offline();
    const td = { order_id: 'A-1', gross_amount: 1000 };
    let e = await validationFailure(
      client.charge({ payment_type: 'bank_transfer', transaction_details: td }),
    );
    expect(e.message).toMatch(/bank_transfer\.bank must be one of/);
    e = await validationFailure(
      client.charge({
        payment_type: 'bank_transfer',
        bank_transfer: { bank: 'mandiri' } as unknown as ChargeRequest['bank_transfer'],
        transaction_details: td,
      }),
    );
    expect(e.message).toMatch(/bank_transfer\.bank/);
    e = await validationFailure(
      client.charge({ payment_type: 'echannel', transaction_details: td }),
    );
    expect(e.message).toMatch(/echannel\.bill_info1 is required; echannel\.bill_info2 is required/);
    e = await validationFailure(
      client.charge({
        payment_type: 'ovo' as ChargeRequest['payment_type'],
        transaction_details: td,
      }),
    );
    expect(e.message).toMatch(/payment_type must be one of/);
    e = await validationFailure(
      client.charge(
        { payment_type: 'qris', transaction_details: td },
        { notificationUrl: 'ftp://example.com/hook' },
      ),
    );
    expect(e.message).toMatch(/notificationUrl/);
    e = await validationFailure(
      client.createSnapTransaction(
        snap({ expiry: { unit: 'week' as 'day', duration: 1 }, callbacks: { finish: 'nope' } }),
      ),
    );
    expect(e.message).toMatch(/expiry\.unit.*callbacks\.finish/);
  });

  it('refuses order ids that could change the URL path', async () => {
    const { client, calls } = offline();
    for (const id of ['../charge', 'a/b', '', 'x'.repeat(51)]) {
      await validationFailure(client.status(id));
      await validationFailure(client.cancel(id));
      await validationFailure(client.expire(id));
    }
    expect(calls).toHaveLength(0);
  });

  it('refuses an empty key or unknown environment up front', () => {
    expect(() => new MidtransClient({ serverKey: '', environment: 'sandbox' })).toThrow(TypeError);
    expect(
      () =>
        new MidtransClient({
          serverKey: SERVER_KEY,
          environment: 'staging' as 'sandbox',
        }),
    ).toThrow(/environment/);
  });
});

describe('simulator validation (requests that bypass the client)', () => {
  const post = (url: string, body: unknown, key = SERVER_KEY): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });

  it('answers Snap errors as Midtrans does', async () => {
    const sim = await simulator();
    const id = orderId();
    const ok = await post(
      `${sim.snapBaseUrl}/transactions`,
      snap({
        transaction_details: { order_id: id, gross_amount: 5000 },
      }),
    );
    expect(ok.status).toBe(201);
    const again = await post(
      `${sim.snapBaseUrl}/transactions`,
      snap({
        transaction_details: { order_id: id, gross_amount: 5000 },
      }),
    );
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error_messages: ['transaction_details.order_id sudah digunakan'],
    });
    const mismatch = await post(`${sim.snapBaseUrl}/transactions`, {
      transaction_details: { order_id: orderId(), gross_amount: 5000 },
      item_details: [{ name: 'x', price: 4000, quantity: 1 }],
    });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error_messages: string[] }).error_messages).toContain(
      'transaction_details.gross_amount is not equal to the sum of item_details',
    );
    const badKey = await post(`${sim.snapBaseUrl}/transactions`, snap(), 'wrong');
    expect(badKey.status).toBe(401);
    expect(await badKey.json()).toEqual({
      error_messages: [
        'Access denied due to unauthorized transaction, please check client or server key',
      ],
    });
  });

  it('answers Core API validation errors with validation_messages', async () => {
    const sim = await simulator();
    const res = await post(`${sim.apiBaseUrl}/v2/charge`, {
      payment_type: 'bank_transfer',
      transaction_details: { order_id: orderId(), gross_amount: 10.5 },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body['status_code']).toBe('400');
    expect(body['validation_messages']).toEqual([
      'transaction_details.gross_amount must be a positive integer',
      'bank_transfer.bank must be one of bca, bni, bri, cimb, permata',
    ]);
  });
});
