import { describe, expect, it } from 'vitest';
import { verifyNotificationSignature } from '../src/signature.ts';
import { parseNotification } from '../src/transaction.ts';
import type { MidtransSimulator } from '../src/sim/index.ts';
import { SERVER_KEY, clientFor, closedPort, orderId, receiver, simulator } from './helpers.ts';

/** A pending BCA VA order, its pending notification already delivered. */
async function pendingOrder(sim: MidtransSimulator): Promise<string> {
  const { client } = clientFor(sim);
  const id = orderId();
  await client.charge({
    payment_type: 'bank_transfer',
    bank_transfer: { bank: 'bca' },
    transaction_details: { order_id: id, gross_amount: 100000 },
  });
  await sim.idle();
  return id;
}

const statuses = (sim: MidtransSimulator): string[] =>
  sim.deliveries().map((d) => `${d.transactionStatus}:${d.attempt}:${d.httpStatus}`);

describe('notification delivery', () => {
  it('repeats a notification as many times as asked', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    const id = await pendingOrder(sim);
    sim.setDelivery({ repeat: 5 });
    await sim.pay(id);
    const settled = hook.received.filter((r) => r.json['transaction_status'] === 'settlement');
    expect(settled).toHaveLength(5);
    expect(new Set(settled.map((r) => r.body)).size).toBe(1);
    expect(sim.deliveries().filter((d) => d.transactionStatus === 'settlement')).toHaveLength(5);
  });

  it('drops notifications and records them as dropped', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url, delivery: { drop: true } });
    const id = await pendingOrder(sim);
    await sim.pay(id);
    await sim.idle();
    expect(hook.received).toHaveLength(0);
    expect(sim.deliveries().map((d) => [d.transactionStatus, d.dropped, d.attempt])).toEqual([
      ['pending', true, 0],
      ['settlement', true, 0],
    ]);
  });

  it('holds notifications and delivers them newest first on flush', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url, delivery: { reorder: true } });
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 5000 },
    });
    await sim.pay(id, { paymentType: 'bank_transfer', bank: 'bni' });
    await sim.idle();
    expect(hook.received).toHaveLength(0);
    await sim.flush();
    expect(hook.received.map((r) => r.json['transaction_status'])).toEqual([
      'settlement',
      'pending',
    ]);
    for (const r of hook.received) {
      const n = parseNotification(r.body);
      expect(verifyNotificationSignature(n, SERVER_KEY)).toBe(true);
    }
  });

  it('retries a receiver that answers 500', async () => {
    const hook = await receiver((n) => (n <= 2 ? 500 : 200));
    const sim = await simulator({ notificationUrl: hook.url });
    const id = await pendingOrder(sim);
    expect(statuses(sim)).toEqual(['pending:1:500', 'pending:2:500', 'pending:3:200']);
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(sim.transaction(id)?.status).toBe('pending');
  });

  it('gives up after three retries, or at once when retries are off', async () => {
    const hook = await receiver(() => 503);
    const sim = await simulator({ notificationUrl: hook.url });
    await pendingOrder(sim);
    expect(statuses(sim)).toEqual([
      'pending:1:503',
      'pending:2:503',
      'pending:3:503',
      'pending:4:503',
    ]);
    sim.setDelivery({ retryOnFailure: false });
    await pendingOrder(sim);
    expect(statuses(sim).slice(4)).toEqual(['pending:1:503']);
  });

  it('retries when the receiver is unreachable', async () => {
    const sim = await simulator({ notificationUrl: `http://127.0.0.1:${await closedPort()}/hook` });
    await pendingOrder(sim);
    const d = sim.deliveries();
    expect(d.map((x) => x.attempt)).toEqual([1, 2, 3, 4]);
    expect(d.every((x) => x.httpStatus === null && x.error === 'ECONNREFUSED')).toBe(true);
  });

  it('delays delivery when asked', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url, delivery: { delayMs: 150 } });
    const { client } = clientFor(sim);
    const started = Date.now();
    await client.charge({
      payment_type: 'qris',
      transaction_details: { order_id: orderId(), gross_amount: 1000 },
    });
    expect(hook.received).toHaveLength(0);
    await sim.idle();
    expect(hook.received).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('records notifications with nowhere to go', async () => {
    const sim = await simulator();
    const id = await pendingOrder(sim);
    expect(sim.deliveries()).toMatchObject([
      { orderId: id, dropped: true, url: '', error: 'no notification URL' },
    ]);
    const hook = await receiver();
    sim.setNotificationUrl(hook.url);
    await sim.pay(id);
    expect(hook.received.map((r) => r.json['transaction_status'])).toEqual(['settlement']);
  });
});

describe('simulator control endpoints', () => {
  it('lets demos and browser tests drive transactions over HTTP', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 90000 },
    });
    const post = (action: string, body?: unknown): Promise<Response> =>
      fetch(`${sim.url}/sim/transactions/${id}/${action}`, {
        method: 'POST',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const paid = await post('pay', { paymentType: 'echannel' });
    expect(paid.status).toBe(200);
    expect(await paid.json()).toMatchObject({
      orderId: id,
      status: 'settlement',
      paymentType: 'echannel',
      grossAmount: '90000',
    });
    // The answer comes after the first delivery attempts.
    expect(hook.received.map((r) => r.json['transaction_status'])).toEqual([
      'pending',
      'settlement',
    ]);
    expect((await post('fail')).status).toBe(409);
    const refunded = await post('refund', { amount: '40000' });
    expect(await refunded.json()).toMatchObject({ status: 'partial_refund' });
    expect((await fetch(`${sim.url}/sim/transactions/NOPE/pay`, { method: 'POST' })).status).toBe(
      404,
    );
    const list = (await (await fetch(`${sim.url}/sim/transactions`)).json()) as {
      orderId: string;
    }[];
    expect(list.map((t) => t.orderId)).toEqual([id]);
    const one = (await (await fetch(`${sim.url}/sim/transactions/${id}`)).json()) as Record<
      string,
      unknown
    >;
    expect(one['channel']).toBe('echannel');
  });
});
