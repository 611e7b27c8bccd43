import { describe, expect, it } from 'vitest';
import { grossAmountToRupiah } from '../src/amount.ts';
import { channelOf } from '../src/channels.ts';
import { MIDTRANS_BASE_URLS } from '../src/client.ts';
import { MidtransError } from '../src/errors.ts';
import { verifyNotificationSignature } from '../src/signature.ts';
import { mapStatus } from '../src/status.ts';
import { parseNotification } from '../src/transaction.ts';
import {
  SERVER_KEY,
  clientFor,
  closedPort,
  orderId,
  receiver,
  simulator,
  stub,
  submitPage,
} from './helpers.ts';

async function failure(p: Promise<unknown>): Promise<MidtransError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MidtransError);
  return err as MidtransError;
}

describe('MidtransClient against the simulator', () => {
  it('creates a Snap payment that the customer pays on the page', async () => {
    const hook = await receiver();
    const sim = await simulator({ notificationUrl: hook.url });
    const { client, calls } = clientFor(sim);
    const id = orderId();
    const { token, redirectUrl } = await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 150000 },
      item_details: [{ id: 'plan-20', name: 'Paket 20 Mbps', price: 150000, quantity: 1 }],
      customer_details: { first_name: 'Budi', email: 'budi@example.com', phone: '0812' },
      enabled_payments: ['bca_va', 'bni_va', 'other_qris'],
    });
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(redirectUrl).toBe(`${sim.url}/snap/v4/redirection/${token}`);
    expect(sim.transaction(id)).toMatchObject({
      status: 'not_chosen',
      token,
      grossAmount: 150000n,
    });
    // Midtrans knows no transaction until a channel is chosen.
    expect(await client.status(id)).toBeNull();

    const page = await fetch(redirectUrl);
    const html = await page.text();
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(html).toContain('<title>Midtrans Simulator</title>');
    expect(html).toContain(id);
    expect(html).toContain('Rp 150.000');
    expect(html).toContain('<select id="channel" name="channel">');
    expect(html.match(/<option /g)).toHaveLength(3);
    for (const label of ['Pay', 'Fail', 'Expire'])
      expect(html).toContain(`value="${label.toLowerCase()}">${label}</button>`);

    const result = await submitPage(redirectUrl, { action: 'pay', channel: 'bni_va' });
    expect(result.status).toBe(200);
    expect(await result.text()).toContain('Payment successful');

    const [pending, settled] = await hook.waitFor(2);
    expect(pending?.headers['content-type']).toBe('application/json');
    for (const r of [pending, settled]) {
      const n = parseNotification(r?.body);
      expect(verifyNotificationSignature(n, SERVER_KEY)).toBe(true);
      expect(n.order_id).toBe(id);
      expect(channelOf(n)).toBe('bni_va');
    }
    expect(pending?.json['transaction_status']).toBe('pending');
    expect(pending?.json['status_code']).toBe('201');
    expect(settled?.json['transaction_status']).toBe('settlement');
    expect(settled?.json['status_code']).toBe('200');

    const status = await client.status(id);
    expect(status?.transaction_status).toBe('settlement');
    expect(mapStatus(status?.transaction_status ?? '', status?.fraud_status)).toBe('paid');
    expect(grossAmountToRupiah(status?.gross_amount ?? '')).toBe(150000n);
    expect(verifyNotificationSignature(parseNotification(status?.raw), SERVER_KEY)).toBe(true);

    expect(calls.map((c) => [c.operation, c.method, c.status])).toEqual([
      ['snap.create', 'POST', 201],
      ['status', 'GET', 404],
      ['status', 'GET', 200],
    ]);
    expect(calls[0]?.url).toBe(`${sim.snapBaseUrl}/transactions`);
    expect(calls[0]?.responseBody).toEqual({ token, redirect_url: redirectUrl });
    expect(JSON.stringify(calls)).not.toContain(SERVER_KEY);
    expect(JSON.stringify(calls)).not.toContain(Buffer.from(`${SERVER_KEY}:`).toString('base64'));
    for (const c of calls) expect(c.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('redirects to the finish URL with the outcome, as Snap does', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    const { redirectUrl } = await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 10000 },
      callbacks: { finish: 'https://isp.example/portal/payments/done?src=snap' },
    });
    const res = await submitPage(redirectUrl, { action: 'fail', channel: 'bca_va' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location') ?? '');
    expect(to.origin + to.pathname).toBe('https://isp.example/portal/payments/done');
    expect(Object.fromEntries(to.searchParams)).toEqual({
      src: 'snap',
      order_id: id,
      status_code: '202',
      transaction_status: 'deny',
    });
    // A finished page cannot be paid again.
    const again = await submitPage(redirectUrl, { action: 'pay', channel: 'bca_va' });
    expect(again.status).toBe(409);
    expect(await (await fetch(redirectUrl)).text()).toContain('Payment failed');
  });

  it('shows expiry on the page and refuses channels the order does not offer', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    const { redirectUrl } = await client.createSnapTransaction({
      transaction_details: { order_id: id, gross_amount: 10000 },
      enabled_payments: ['gopay'],
    });
    expect((await submitPage(redirectUrl, { action: 'pay', channel: 'bca_va' })).status).toBe(400);
    expect((await submitPage(redirectUrl, { action: 'steal', channel: 'gopay' })).status).toBe(400);
    const res = await submitPage(redirectUrl, { action: 'expire', channel: 'gopay' });
    expect(await res.text()).toContain('Payment expired');
    const status = await client.status(id);
    expect(status).toMatchObject({ transaction_status: 'expire', payment_type: 'gopay' });
    expect(mapStatus(status?.transaction_status ?? '')).toBe('expired');
    expect((await fetch(`${sim.url}/snap/v4/redirection/nope`)).status).toBe(404);
  });

  it('sends X-Override-Notification so the transaction notifies its own URL', async () => {
    const hook = await receiver();
    const sim = await simulator();
    const { client } = clientFor(sim);
    const id = orderId();
    await client.createSnapTransaction(
      { transaction_details: { order_id: id, gross_amount: 75000 } },
      { notificationUrl: hook.url },
    );
    expect(sim.transaction(id)?.notificationUrl).toBe(hook.url);
    await sim.pay(id, { paymentType: 'credit_card' });
    const [only] = await hook.waitFor(1);
    expect(only?.json).toMatchObject({
      order_id: id,
      transaction_status: 'capture',
      fraud_status: 'accept',
      payment_type: 'credit_card',
    });
    expect(hook.received).toHaveLength(1);
  });

  it('answers null for an unknown order', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim);
    expect(await client.status('NO-SUCH-ORDER')).toBeNull();
  });

  it('reports a wrong server key as a non-retryable 401', async () => {
    const sim = await simulator();
    const { client, calls } = clientFor(sim, { serverKey: 'SB-Mid-server-wrong' });
    const snap = await failure(
      client.createSnapTransaction({
        transaction_details: { order_id: orderId(), gross_amount: 1 },
      }),
    );
    expect(snap).toMatchObject({ httpStatus: 401, code: '401', retryable: false });
    expect(snap.message).toMatch(/Access denied/);
    const core = await failure(client.status('any'));
    expect(core).toMatchObject({ httpStatus: 401, code: '401', retryable: false });
    expect(calls.map((c) => c.error)).toEqual([snap.message, core.message]);
  });

  it('reports a closed port as a retryable network error', async () => {
    const port = await closedPort();
    const { client, calls } = clientFor({
      apiBaseUrl: `http://127.0.0.1:${port}`,
      snapBaseUrl: `http://127.0.0.1:${port}/snap/v1`,
    });
    const e = await failure(client.status('INV-1'));
    expect(e).toMatchObject({ httpStatus: null, code: 'network', retryable: true });
    expect(e.message).toMatch(/ECONNREFUSED/);
    expect(calls[0]).toMatchObject({ operation: 'status', status: null });
    expect(calls[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it('times out a slow gateway with a retryable error', async () => {
    const sim = await simulator({ latencyMs: 500 });
    const { client, calls } = clientFor(sim, { timeoutMs: 50 });
    const started = performance.now();
    const e = await failure(client.status('INV-1'));
    expect(performance.now() - started).toBeLessThan(450);
    expect(e).toMatchObject({ httpStatus: null, code: 'timeout', retryable: true });
    expect(calls[0]?.status).toBeNull();
  });

  it('treats HTTP 200 bodies with an error status_code as errors', async () => {
    const dup = await stub(
      200,
      JSON.stringify({ status_code: '406', status_message: 'Duplicate order ID.' }),
    );
    const e406 = await failure(
      clientFor({ apiBaseUrl: dup, snapBaseUrl: dup }).client.charge({
        payment_type: 'qris',
        transaction_details: { order_id: 'A', gross_amount: 1 },
      }),
    );
    expect(e406).toMatchObject({ httpStatus: 200, code: '406', retryable: false });
    const down = await stub(200, JSON.stringify({ status_code: '500', status_message: 'oops' }));
    const e500 = await failure(
      clientFor({ apiBaseUrl: down, snapBaseUrl: down }).client.status('A'),
    );
    expect(e500).toMatchObject({ httpStatus: 200, code: '500', retryable: true });
    const notFound = await stub(
      200,
      JSON.stringify({ status_code: '404', status_message: "Transaction doesn't exist." }),
    );
    expect(
      await clientFor({ apiBaseUrl: notFound, snapBaseUrl: notFound }).client.status('A'),
    ).toBeNull();
  });

  it('records and classifies non-JSON gateway failures', async () => {
    const html = `<html>${'x'.repeat(10_000)}</html>`;
    const base = await stub(503, html);
    const { client, calls } = clientFor({ apiBaseUrl: base, snapBaseUrl: `${base}/snap/v1` });
    const e = await failure(client.cancel('A'));
    expect(e).toMatchObject({ httpStatus: 503, code: '503', retryable: true });
    expect(calls[0]?.responseBody).toBe(html.slice(0, 4096));
    const limited = await stub(429, '{"error_messages":["Too many requests"]}');
    const snap = clientFor({ apiBaseUrl: limited, snapBaseUrl: limited }).client;
    expect(
      await failure(
        snap.createSnapTransaction({ transaction_details: { order_id: 'A', gross_amount: 1 } }),
      ),
    ).toMatchObject({ httpStatus: 429, retryable: true });
    const garbage = await stub(200, '{"hello":"world"}');
    expect(
      await failure(clientFor({ apiBaseUrl: garbage, snapBaseUrl: garbage }).client.status('A')),
    ).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('defaults to the documented base URLs', () => {
    expect(MIDTRANS_BASE_URLS).toEqual({
      sandbox: {
        api: 'https://api.sandbox.midtrans.com',
        snap: 'https://app.sandbox.midtrans.com/snap/v1',
      },
      production: { api: 'https://api.midtrans.com', snap: 'https://app.midtrans.com/snap/v1' },
    });
  });

  it('never lets a throwing onCall change the outcome', async () => {
    const sim = await simulator();
    const { client } = clientFor(sim, {
      onCall: () => {
        throw new Error('logger down');
      },
    });
    expect(await client.status('NOPE')).toBeNull();
  });
});
