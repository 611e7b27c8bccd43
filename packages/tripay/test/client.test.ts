import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { TripayClient } from '../src/client.ts';
import { TripayError } from '../src/errors.ts';
import type { GatewayCallRecord } from '../src/types.ts';
import {
  API_KEY,
  client,
  closedPort,
  invoice,
  MERCHANT_CODE,
  PRIVATE_KEY,
  sim,
} from './helpers.ts';

async function failure(promise: Promise<unknown>): Promise<TripayError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TripayError);
  return err as TripayError;
}

describe('TripayClient against the simulator', () => {
  it('lists payment channels with their fee rules', async () => {
    const s = await sim();
    const channels = await client(s).paymentChannels();
    expect(channels.map((c) => c.code)).toEqual([
      'BRIVA',
      'BCAVA',
      'BNIVA',
      'MANDIRIVA',
      'PERMATAVA',
      'QRIS',
      'ALFAMART',
      'INDOMARET',
      'OVO',
    ]);
    const qris = channels.find((c) => c.code === 'QRIS');
    expect(qris).toMatchObject({
      group: 'E-Wallet',
      type: 'direct',
      feeMerchant: { flat: 0, percent: 0 },
      feeCustomer: { flat: 750, percent: 0.7 },
      totalFee: { flat: 750, percent: 0.7 },
      minimumFee: null,
      maximumFee: null,
      active: true,
    });
    expect(qris?.iconUrl).toBe(`${s.url}/images/payment-channel/QRIS.svg`);
    const icon = await fetch(qris?.iconUrl ?? '');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    await icon.body?.cancel();
    expect(channels.find((c) => c.code === 'OVO')).toMatchObject({
      type: 'redirect',
      minimumFee: 1000,
    });
    expect((await client(s).paymentChannels('BCAVA')).map((c) => c.name)).toEqual([
      'BCA Virtual Account',
    ]);
  });

  it('calculates fees with ceiling percent and minimum fee', async () => {
    const s = await sim();
    const c = client(s);
    const fees = await c.feeCalculator(150_000n);
    expect(fees.find((f) => f.code === 'BRIVA')).toEqual({
      code: 'BRIVA',
      name: 'BRI Virtual Account',
      merchant: 0n,
      customer: 4250n,
    });
    // 750 + ceil(150000 * 0.7 %) = 750 + 1050
    expect(fees.find((f) => f.code === 'QRIS')?.customer).toBe(1800n);
    // 750 + ceil(700.007)
    expect((await c.feeCalculator(100_001n, 'QRIS'))[0]?.customer).toBe(1451n);
    // 3 % of 20 000 is 600, below the 1 000 minimum
    expect(await c.feeCalculator(20_000n, 'OVO')).toEqual([
      { code: 'OVO', name: 'OVO', merchant: 0n, customer: 1000n },
    ]);
    expect((await c.feeCalculator(100_000n, 'OVO'))[0]?.customer).toBe(3000n);
  });

  it('creates a VA transaction with Tripay amounts and logs the call without secrets', async () => {
    const s = await sim();
    const calls: GatewayCallRecord[] = [];
    const c = client(s, { onCall: (call) => calls.push(call) });
    const before = Math.floor(Date.now() / 1000);
    const req = invoice({ returnUrl: 'https://isp.example/portal/invoices/1' });
    const tx = await c.createTransaction(req);
    expect(tx.reference).toMatch(/^DEV-T0001\d{6}[A-Z]{5}$/);
    expect(tx).toMatchObject({
      merchantRef: req.merchantRef,
      paymentMethod: 'BRIVA',
      paymentName: 'BRI Virtual Account',
      amount: 154_250n,
      feeMerchant: 0n,
      feeCustomer: 4250n,
      totalFee: 4250n,
      amountReceived: 150_000n,
      payUrl: null,
      qrString: null,
      qrUrl: null,
      checkoutUrl: `${s.url}/checkout/${tx.reference}`,
      status: 'UNPAID',
      paidAt: null,
    });
    expect(tx.payCode).toMatch(/^26215\d{11}$/);
    expect(tx.expiredTime).toBeGreaterThanOrEqual(before + 86_400);
    expect(tx.raw['return_url']).toBe('https://isp.example/portal/invoices/1');

    expect(s.transaction(tx.reference)).toMatchObject({
      merchantRef: req.merchantRef,
      amount: 150_000n,
      total: 154_250n,
      feeCustomer: 4250n,
      status: 'UNPAID',
      returnUrl: 'https://isp.example/portal/invoices/1',
    });
    expect(s.transaction(req.merchantRef)?.reference).toBe(tx.reference);

    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call).toMatchObject({
      method: 'POST',
      url: `${s.baseUrl}transaction/create`,
      operation: 'transaction.create',
      status: 200,
    });
    expect(call?.error).toBeUndefined();
    expect(call?.durationMs).toBeGreaterThanOrEqual(0);
    expect(call?.requestBody).toMatchObject({
      signature: '[redacted]',
      amount: 150000,
      merchant_ref: req.merchantRef,
    });
    expect(call?.responseBody).toMatchObject({ success: true });
    const logged = JSON.stringify(call);
    expect(logged).not.toContain(API_KEY);
    expect(logged).not.toContain(PRIVATE_KEY);
  });

  it('creates QRIS and redirect transactions with the matching payment fields', async () => {
    const s = await sim();
    const c = client(s);
    const qris = await c.createTransaction(invoice({ method: 'QRIS' }));
    expect(qris.amount).toBe(151_800n);
    expect(qris.payCode).toBeNull();
    expect(qris.qrString).toMatch(/^000201/);
    expect(qris.qrString).toContain('5406151800');
    expect(qris.qrUrl).toBe(`${s.url}/qr/${qris.reference}.svg`);
    const ovo = await c.createTransaction(invoice({ method: 'OVO' }));
    expect(ovo.payUrl).toBe(ovo.checkoutUrl);
    expect(ovo.feeCustomer).toBe(4500n);
  });

  it('reads the detail after payment and null for an unknown reference', async () => {
    const s = await sim();
    const c = client(s);
    const tx = await c.createTransaction(invoice());
    await s.pay(tx.reference);
    const detail = await c.detail(tx.reference);
    expect(detail?.status).toBe('PAID');
    expect(detail?.paidAt).toBeGreaterThan(0);
    expect(detail?.amountReceived).toBe(150_000n);
    expect(await c.detail('DEV-T0001999999ZZZZZ')).toBeNull();
    // A merchant_ref is not a reference.
    expect(await c.detail(tx.merchantRef)).toBeNull();
  });

  it('reports a wrong API key as a 401 that is not retryable', async () => {
    const s = await sim();
    const calls: GatewayCallRecord[] = [];
    const err = await failure(
      client(s, { apiKey: 'wrong', onCall: (c) => calls.push(c) }).paymentChannels(),
    );
    expect(err).toMatchObject({
      httpStatus: 401,
      code: 'unauthorized',
      retryable: false,
      message: 'Invalid API key',
    });
    expect(err.body).toEqual({ success: false, message: 'Invalid API key' });
    expect(calls[0]).toMatchObject({ status: 401, error: 'Invalid API key' });
  });

  it('reports what Tripay refused, such as a duplicate unpaid merchant_ref', async () => {
    const s = await sim();
    const c = client(s);
    const req = invoice();
    await c.createTransaction(req);
    const err = await failure(c.createTransaction(req));
    expect(err).toMatchObject({ httpStatus: 400, code: 'rejected', retryable: false });
    expect(err.message).toMatch(/merchant_ref/);
  });

  it('signs with the configured private key', async () => {
    const s = await sim();
    const err = await failure(
      client(s, { privateKey: 'not-the-key' }).createTransaction(invoice()),
    );
    expect(err).toMatchObject({ httpStatus: 400, code: 'rejected', message: 'Invalid signature' });
    const other = await failure(client(s, { merchantCode: 'T9999' }).createTransaction(invoice()));
    expect(other.message).toBe('Invalid signature');
  });

  it('validates a transaction before sending it', async () => {
    const s = await sim();
    const calls: GatewayCallRecord[] = [];
    const c = client(s, { onCall: (call) => calls.push(call) });
    const item = (
      price: bigint,
      quantity = 1,
    ): { name: string; price: bigint; quantity: number } => ({
      name: 'Internet',
      price,
      quantity,
    });
    const cases: [string, Parameters<typeof invoice>[0], RegExp][] = [
      ['zero amount', { amount: 0n, orderItems: [item(0n)] }, /amount must be positive/],
      ['negative amount', { amount: -5n, orderItems: [item(-5n)] }, /amount must be positive/],
      ['empty merchantRef', { merchantRef: '' }, /merchantRef is required/],
      ['long merchantRef', { merchantRef: 'x'.repeat(65) }, /longer than 64/],
      ['sum mismatch', { orderItems: [item(100_000n), item(40_000n)] }, /does not equal/],
      ['quantity', { orderItems: [item(75_000n, 1.5)] }, /quantity must be a positive integer/],
      ['no items', { orderItems: [] }, /at least one item/],
      ['number amount', { amount: 150_000 as unknown as bigint }, /amount must be a bigint/],
      [
        'unsafe amount',
        {
          amount: 2n ** 53n,
          orderItems: [item(2n ** 53n)],
        },
        /too large/,
      ],
      ['no email', { customerEmail: ' ' }, /customerEmail is required/],
      ['expiry', { expiredTime: 1.5 }, /expiredTime/],
    ];
    for (const [label, overrides, message] of cases) {
      const err = await failure(c.createTransaction(invoice(overrides)));
      expect(err, label).toMatchObject({ httpStatus: null, code: 'validation', retryable: false });
      expect(err.message, label).toMatch(message);
    }
    const ok = invoice({ amount: 150_000n, orderItems: [item(50_000n, 2), item(50_000n)] });
    expect(ok.merchantRef.length).toBeLessThanOrEqual(64);
    await failure(c.feeCalculator(0n));
    await failure(c.detail(''));
    expect(calls).toEqual([]);
    await expect(c.createTransaction(ok)).resolves.toMatchObject({ amount: 154_250n });
    await expect(
      c.createTransaction(invoice({ merchantRef: 'x'.repeat(64) })),
    ).resolves.toMatchObject({ merchantRef: 'x'.repeat(64) });
  });

  it('accepts a base URL without the trailing slash and defaults per environment', async () => {
    const s = await sim();
    const c = client(s, { baseUrl: s.baseUrl.slice(0, -1) });
    expect(c.baseUrl).toBe(s.baseUrl);
    expect(await c.paymentChannels('QRIS')).toHaveLength(1);
    const keys = { apiKey: 'k', privateKey: 'p', merchantCode: MERCHANT_CODE };
    expect(new TripayClient({ ...keys, environment: 'sandbox' }).baseUrl).toBe(
      'https://tripay.co.id/api-sandbox/',
    );
    expect(new TripayClient({ ...keys, environment: 'production' }).baseUrl).toBe(
      'https://tripay.co.id/api/',
    );
  });

  it('speaks the production root too, with production references', async () => {
    const s = await sim();
    const tx = await client(s, { baseUrl: `${s.url}/api/` }).createTransaction(invoice());
    expect(tx.reference).toMatch(/^T0001\d{6}[A-Z]{5}$/);
  });
});

describe('TripayClient failures', () => {
  it('marks a refused connection retryable', async () => {
    const port = await closedPort();
    const calls: GatewayCallRecord[] = [];
    const c = new TripayClient({
      apiKey: API_KEY,
      privateKey: PRIVATE_KEY,
      merchantCode: MERCHANT_CODE,
      environment: 'sandbox',
      baseUrl: `http://127.0.0.1:${port}/api-sandbox/`,
      onCall: (call) => calls.push(call),
    });
    const err = await failure(c.detail('DEV-T0001123456ABCDE'));
    expect(err).toMatchObject({ httpStatus: null, code: 'network', retryable: true });
    expect(calls[0]).toMatchObject({ operation: 'detail', status: null });
    expect(calls[0]?.error).toMatch(/cannot reach Tripay/);
    expect(calls[0]?.url).toBe(
      `http://127.0.0.1:${port}/api-sandbox/transaction/detail?reference=DEV-T0001123456ABCDE`,
    );
  });

  it('times out a slow gateway, retryable', async () => {
    const s = await sim({ latencyMs: 400 });
    const started = performance.now();
    const err = await failure(client(s, { timeoutMs: 100 }).paymentChannels());
    expect(err).toMatchObject({ httpStatus: null, code: 'timeout', retryable: true });
    expect(performance.now() - started).toBeLessThan(350);
  });

  it('classifies 5xx, 429 and bodies that are not the envelope', async () => {
    const answers: [number, string][] = [
      [502, '<html>Bad Gateway</html>'],
      [429, '{"success":false,"message":"Too Many Requests"}'],
      [200, '{"data":[]}'],
      [404, '<html>Not Found</html>'],
      [500, '{"success":false,"message":"Internal error"}'],
    ];
    let i = 0;
    const server = createServer((_req, res) => {
      const [status, body] = answers[i++] ?? [500, ''];
      res.writeHead(status, { 'content-type': 'text/html' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const c = new TripayClient({
        apiKey: API_KEY,
        privateKey: PRIVATE_KEY,
        merchantCode: MERCHANT_CODE,
        environment: 'sandbox',
        baseUrl: `http://127.0.0.1:${port}/api-sandbox`,
      });
      expect(await failure(c.paymentChannels())).toMatchObject({
        httpStatus: 502,
        code: 'server',
        retryable: true,
        body: '<html>Bad Gateway</html>',
      });
      expect(await failure(c.paymentChannels())).toMatchObject({
        httpStatus: 429,
        code: 'rate_limited',
        retryable: true,
        message: 'Too Many Requests',
      });
      expect(await failure(c.paymentChannels())).toMatchObject({
        httpStatus: 200,
        code: 'invalid_response',
        retryable: false,
      });
      // A 404 that is not Tripay's JSON must not read as "no such transaction".
      expect(await failure(c.detail('DEV-T1'))).toMatchObject({
        httpStatus: 404,
        code: 'not_found',
      });
      expect(await failure(c.detail('DEV-T1'))).toMatchObject({
        httpStatus: 500,
        retryable: true,
        message: 'Internal error',
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
