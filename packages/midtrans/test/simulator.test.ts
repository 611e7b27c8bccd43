import { describe, expect, it } from 'vitest';
import { jakartaTime } from '../src/sim/index.ts';
import { SERVER_KEY, clientFor, orderId, receiver, simulator } from './helpers.ts';

describe('simulator details', () => {
  it('writes times in Asia/Jakarta', () => {
    expect(jakartaTime(new Date('2025-01-31T06:00:00Z'))).toBe('2025-01-31 13:00:00');
    expect(jakartaTime(new Date('2025-12-31T17:30:05Z'))).toBe('2026-01-01 00:30:05');
  });

  it('honours Snap expiry with a start time', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 1000 },
      expiry: { start_time: '2025-01-31 13:00:00 +0700', unit: 'hours', duration: 2 },
    });
    expect(sim.transaction(id)?.expiryAt.toISOString()).toBe('2025-01-31T08:00:00.000Z');
    await sim.expire(id);
    expect(sim.signedNotification(id).json['expiry_time']).toBe('2025-01-31 15:00:00');
  });

  it('escapes what the merchant sent when rendering the page', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const { redirectUrl } = await client.createSnapTransaction({
      transaction_details: { order_id: orderId(), gross_amount: 1000 },
      item_details: [{ name: '<script>alert(1)</script>', price: 1000, quantity: 1 }],
    });
    const html = await (await fetch(redirectUrl)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('hands out snapshots, not its own state', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction({ transaction_details: { order_id: id, gross_amount: 1 } });
    const t = sim.transaction(id);
    expect(Object.isFrozen(t)).toBe(true);
    expect(sim.transactions().map((x) => x.orderId)).toEqual([id]);
    await expect(sim.pay('NOPE')).rejects.toThrow(/unknown order/);
    expect(() => sim.signedNotification('NOPE')).toThrow(RangeError);
  });

  it('answers malformed requests and unknown paths with errors, not crashes', async () => {
    const sim = await simulator();
    const auth = { Authorization: `Basic ${Buffer.from(`${SERVER_KEY}:`).toString('base64')}` };
    const bad = await fetch(`${sim.snapBaseUrl}/transactions`, {
      method: 'POST',
      headers: auth,
      body: '{',
    });
    expect(bad.status).toBe(400);
    const charge = await fetch(`${sim.apiBaseUrl}/v2/charge`, {
      method: 'POST',
      headers: auth,
      body: 'nope',
    });
    expect(((await charge.json()) as Record<string, unknown>)['status_code']).toBe('400');
    expect((await fetch(`${sim.url}/v3/whatever`)).status).toBe(404);
    expect((await fetch(`${sim.apiBaseUrl}/v2/%E0%A4%A/status`, { headers: auth })).status).toBe(
      404,
    );
  });

  it('delays its answers by latencyMs', async () => {
    const sim = await simulator({ latencyMs: 120 });
    const started = performance.now();
    await fetch(`${sim.url}/sim/transactions`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('closes while deliveries are still scheduled', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url, delivery: { delayMs: 10_000 } });
    const { client } = clientFor(sim);
    await client.charge({
      payment_type: 'gopay',
      transaction_details: { order_id: orderId(), gross_amount: 1000 },
    });
    const started = performance.now();
    await sim.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(hook.received).toHaveLength(0);
  });
});
