import { describe, expect, it } from 'vitest';
import { parseCallback } from '../src/callback.ts';
import { verifyCallbackSignature } from '../src/signature.ts';
import { client, closedPort, invoice, PRIVATE_KEY, receiver, sim } from './helpers.ts';

describe('callback delivery options', () => {
  it('repeats the same signed callback', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url, delivery: { repeat: 5 } });
    const tx = await client(s).createTransaction(invoice());
    await s.pay(tx.reference);
    expect(merchant.received).toHaveLength(5);
    const bodies = new Set(merchant.received.map((r) => r.text));
    expect(bodies.size).toBe(1);
    for (const r of merchant.received) {
      const sig = r.headers['x-callback-signature'] as string;
      expect(verifyCallbackSignature(r.raw, sig, PRIVATE_KEY)).toBe(true);
    }
    expect(s.deliveries().map((d) => d.attempt)).toEqual([1, 1, 1, 1, 1]);
  });

  it('drops callbacks, leaving signedCallback to deliver by hand', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url, delivery: { drop: true } });
    const tx = await client(s).createTransaction(invoice());
    await s.pay(tx.reference);
    await s.idle();
    expect(merchant.received).toEqual([]);
    expect(s.deliveries()).toEqual([]);
    expect(s.transaction(tx.reference)?.status).toBe('PAID');

    const { body, signature } = s.signedCallback(tx.reference);
    expect(parseCallback(body).status).toBe('PAID');
    expect(verifyCallbackSignature(body, signature, PRIVATE_KEY)).toBe(true);
    const forged = s.signedCallback(tx.reference, { total_amount: 1, note: 'override' });
    expect(parseCallback(forged.body)).toMatchObject({ totalAmount: 1n, note: 'override' });
    expect(verifyCallbackSignature(forged.body, forged.signature, PRIVATE_KEY)).toBe(true);
    expect(() => s.signedCallback('nope')).toThrow(/unknown transaction/);
  });

  it('holds callbacks and delivers them newest first on flush', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url, delivery: { reorder: true } });
    const c = client(s);
    const a = await c.createTransaction(invoice());
    const b = await c.createTransaction(invoice());
    await s.pay(a.reference);
    await s.refund(a.reference);
    await s.expire(b.reference);
    await s.idle();
    expect(merchant.received).toEqual([]);
    await s.flush();
    expect(
      merchant.received.map((r) => [parseCallback(r.raw).reference, parseCallback(r.raw).status]),
    ).toEqual([
      [b.reference, 'EXPIRED'],
      [a.reference, 'REFUND'],
      [a.reference, 'PAID'],
    ]);
    // Each held body kept the status of its own change.
    expect(parseCallback(merchant.received[2]?.raw ?? '').paidAt).toBeGreaterThan(0);
    await s.flush();
    expect(merchant.received).toHaveLength(3);
  });

  it('retries a receiver answering success:false, then stops after three retries', async () => {
    const merchant = await receiver();
    merchant.answers = [{ status: 200, body: '{"success":false}' }];
    const s = await sim({ callbackUrl: merchant.url });
    const tx = await client(s).createTransaction(invoice());
    const started = performance.now();
    await s.pay(tx.reference);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1200);
    expect(merchant.received).toHaveLength(4);
    expect(s.deliveries().map((d) => [d.attempt, d.httpStatus, d.answeredSuccess])).toEqual([
      [1, 200, false],
      [2, 200, false],
      [3, 200, false],
      [4, 200, false],
    ]);
  });

  it('retries a 500 until the receiver says success', async () => {
    const merchant = await receiver();
    merchant.answers = [
      { status: 500, body: '{"success":true}' },
      { status: 500, body: 'oops' },
      { status: 200, body: '{"success":true}' },
    ];
    const s = await sim({ callbackUrl: merchant.url });
    const tx = await client(s).createTransaction(invoice());
    await s.pay(tx.reference);
    expect(merchant.received).toHaveLength(3);
    expect(s.deliveries().map((d) => [d.attempt, d.httpStatus, d.answeredSuccess])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 200, true],
    ]);
  });

  it('retries a refused connection and can be told not to retry', async () => {
    const port = await closedPort();
    const s = await sim({ callbackUrl: `http://127.0.0.1:${port}/cb` });
    const c = client(s);
    const tx = await c.createTransaction(invoice());
    await s.pay(tx.reference);
    expect(s.deliveries().map((d) => [d.attempt, d.httpStatus])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);

    const merchant = await receiver();
    merchant.answers = [{ status: 503, body: '' }];
    s.setCallbackUrl(merchant.url);
    s.setDelivery({ retryOnFailure: false });
    const other = await c.createTransaction(invoice());
    await s.fail(other.reference);
    expect(merchant.received).toHaveLength(1);
  });

  it('delays delivery; idle waits for it', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url });
    s.setDelivery({ delayMs: 150 });
    const tx = await client(s).createTransaction(invoice());
    const pending = s.pay(tx.reference);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(merchant.received).toHaveLength(0);
    await s.idle();
    expect(merchant.received).toHaveLength(1);
    await pending;
  });

  it('prefers the transaction callback_url over the merchant default', async () => {
    const merchantDefault = await receiver();
    const perTransaction = await receiver();
    const s = await sim({ callbackUrl: merchantDefault.url });
    const tx = await client(s).createTransaction(invoice({ callbackUrl: perTransaction.url }));
    await s.pay(tx.reference);
    expect(perTransaction.received).toHaveLength(1);
    expect(merchantDefault.received).toHaveLength(0);
    expect(s.deliveries()[0]?.url).toBe(perTransaction.url);
  });
});
