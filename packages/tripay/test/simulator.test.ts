import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseCallback } from '../src/callback.ts';
import { transactionSignature } from '../src/signature.ts';
import { computeFee, percentHundredths } from '../src/sim/fees.ts';
import { SimStateError } from '../src/sim/index.ts';
import type { SimChannel, TripaySimulator } from '../src/sim/index.ts';
import { API_KEY, client, invoice, MERCHANT_CODE, PRIVATE_KEY, receiver, sim } from './helpers.ts';

function createBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    method: 'BRIVA',
    merchant_ref: `INV-${Math.random().toString(36).slice(2, 10)}`,
    amount: 100000,
    customer_name: 'Sari',
    customer_email: 'sari@example.net',
    order_items: [{ name: 'Internet 10 Mbps', price: 100000, quantity: 1 }],
    ...overrides,
  };
  if (!('signature' in overrides)) {
    body['signature'] = transactionSignature(
      PRIVATE_KEY,
      MERCHANT_CODE,
      String(body['merchant_ref']),
      BigInt(String(body['amount'])),
    );
  }
  return body;
}

async function post(
  s: TripaySimulator,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${s.baseUrl}transaction/create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('fee arithmetic', () => {
  it('works in hundredths of a percent with a ceiling', () => {
    const none = { minimumFee: null, maximumFee: null };
    expect(percentHundredths(0.7)).toBe(70n);
    expect(percentHundredths(2.25)).toBe(225n);
    expect(() => percentHundredths(0.125)).toThrow(RangeError);
    expect(computeFee(150_000n, { flat: 750, percent: 0.7 }, none)).toBe(1800n);
    expect(computeFee(100_001n, { flat: 0, percent: 0.7 }, none)).toBe(701n);
    expect(computeFee(1n, { flat: 0, percent: 0.01 }, none)).toBe(1n);
    expect(computeFee(999_999_999_999n, { flat: 0, percent: 0.7 }, none)).toBe(7_000_000_000n);
    expect(
      computeFee(1_000_000n, { flat: 0, percent: 0 }, { minimumFee: 500, maximumFee: null }),
    ).toBe(0n);
  });

  it('clamps to the minimum and maximum fee', () => {
    const rule = { flat: 0, percent: 2.5 };
    const bounds = { minimumFee: 1000, maximumFee: 5000 };
    expect(computeFee(10_000n, rule, bounds)).toBe(1000n);
    expect(computeFee(100_000n, rule, bounds)).toBe(2500n);
    expect(computeFee(1_000_000n, rule, bounds)).toBe(5000n);
  });
});

describe('simulator API rules', () => {
  it('requires the API key on every endpoint', async () => {
    const s = await sim();
    for (const path of [
      'merchant/payment-channel',
      'merchant/fee-calculator?amount=10000',
      'transaction/detail?reference=x',
    ]) {
      const res = await fetch(`${s.baseUrl}${path}`, { headers: { authorization: 'Bearer nope' } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ success: false, message: 'Invalid API key' });
    }
    const res = await fetch(`${s.url}/api/merchant/payment-channel`);
    expect(res.status).toBe(401);
    await res.body?.cancel();
  });

  it('answers an unknown reference with 404 in the envelope', async () => {
    const s = await sim();
    const res = await fetch(`${s.baseUrl}transaction/detail?reference=DEV-T0001000000AAAAA`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ success: false, message: 'Transaksi tidak ditemukan' });
  });

  it('refuses bad signatures, methods, sums, duplicates and amounts', async () => {
    const s = await sim({
      channels: [
        {
          group: 'Virtual Account',
          code: 'BRIVA',
          name: 'BRI Virtual Account',
          kind: 'va',
          feeMerchant: { flat: 0, percent: 0 },
          feeCustomer: { flat: 4250, percent: 0 },
          minimumAmount: 10_000,
        },
        {
          group: 'Virtual Account',
          code: 'OFFVA',
          name: 'Inactive VA',
          kind: 'va',
          feeMerchant: { flat: 0, percent: 0 },
          feeCustomer: { flat: 0, percent: 0 },
          active: false,
        },
      ],
    });
    const refused = async (body: unknown, message: RegExp): Promise<void> => {
      const { status, json } = await post(s, body);
      expect(status, String(message)).toBe(400);
      expect(json['success']).toBe(false);
      expect(String(json['message'])).toMatch(message);
    };
    await refused(createBody({ signature: 'f'.repeat(64) }), /^Invalid signature$/);
    const tampered = createBody();
    tampered['amount'] = 100001;
    tampered['order_items'] = [{ name: 'a', price: 100001, quantity: 1 }];
    await refused(tampered, /^Invalid signature$/);
    await refused(createBody({ method: 'NOPEVA' }), /NOPEVA not found/);
    await refused(createBody({ method: 'OFFVA' }), /not active/);
    await refused(
      createBody({ order_items: [{ name: 'a', price: 60000, quantity: 1 }] }),
      /does not match/,
    );
    await refused(
      createBody({ amount: 5000, order_items: [{ name: 'a', price: 5000, quantity: 1 }] }),
      /Minimum amount/,
    );
    await refused(createBody({ customer_email: '' }), /customer email field is required/);
    await refused(createBody({ order_items: [] }), /order items field is required/);
    await refused(createBody({ expired_time: 1_000 }), /expired time/);
    await refused(createBody({ callback_url: 'not a url' }), /callback url format/);
    await refused('{not json', /Invalid JSON/);

    const first = createBody({ merchant_ref: 'INV-DUP' });
    expect((await post(s, first)).status).toBe(200);
    await refused(createBody({ merchant_ref: 'INV-DUP' }), /Duplicate merchant_ref/);
    // Once the first is settled, the merchant_ref may be used again.
    await s.expire('INV-DUP');
    const again = await post(s, createBody({ merchant_ref: 'INV-DUP' }));
    expect(again.status).toBe(200);
    expect(s.transaction('INV-DUP')?.reference).toBe(
      (again.json['data'] as { reference: string }).reference,
    );
    expect(s.transactions()).toHaveLength(2);
  });

  it('splits fees between merchant and customer', async () => {
    const split: SimChannel = {
      group: 'E-Wallet',
      code: 'QRIS',
      name: 'QRIS',
      kind: 'qris',
      feeMerchant: { flat: 0, percent: 0.3 },
      feeCustomer: { flat: 750, percent: 0.4 },
    };
    const merchant = await receiver();
    const s = await sim({ channels: [split], callbackUrl: merchant.url });
    const c = client(s);
    const [fee] = await c.feeCalculator(200_000n);
    expect(fee).toMatchObject({ merchant: 600n, customer: 1550n });
    const [channel] = await c.paymentChannels();
    expect(channel?.totalFee).toEqual({ flat: 750, percent: 0.7 });
    const tx = await c.createTransaction(
      invoice({
        method: 'QRIS',
        amount: 200_000n,
        orderItems: [{ name: 'x', price: 200_000n, quantity: 1 }],
      }),
    );
    expect(tx).toMatchObject({
      amount: 201_550n,
      feeMerchant: 600n,
      feeCustomer: 1550n,
      totalFee: 2150n,
      amountReceived: 199_400n,
    });
    await s.pay(tx.reference);
    expect(parseCallback(merchant.received[0]?.raw ?? '')).toMatchObject({
      totalAmount: 201_550n,
      totalFee: 2150n,
      amountReceived: 199_400n,
    });
  });
});

describe('simulator lifecycle and controls', () => {
  it('enforces the status lifecycle', async () => {
    const s = await sim();
    const tx = await client(s).createTransaction(invoice());
    await expect(s.refund(tx.reference)).rejects.toBeInstanceOf(SimStateError);
    await s.pay(tx.reference);
    await expect(s.pay(tx.reference)).rejects.toThrow(/is PAID; cannot pay/);
    await expect(s.expire(tx.reference)).rejects.toBeInstanceOf(SimStateError);
    await s.refund(tx.reference);
    expect(s.transaction(tx.reference)?.status).toBe('REFUND');
    await expect(s.pay('unknown')).rejects.toThrow(/unknown transaction/);
  });

  it('exposes control endpoints over HTTP', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url, delivery: { reorder: true } });
    const tx = await client(s).createTransaction(invoice());
    const pay = await fetch(`${s.url}/sim/transactions/${tx.reference}/pay`, { method: 'POST' });
    expect(pay.status).toBe(200);
    expect(await pay.json()).toMatchObject({
      success: true,
      data: { status: 'PAID', amount: 154250 },
    });
    const again = await fetch(`${s.url}/sim/transactions/${tx.reference}/pay`, { method: 'POST' });
    expect(again.status).toBe(409);
    await again.body?.cancel();
    const refund = await fetch(`${s.url}/sim/transactions/${tx.reference}/refund`, {
      method: 'POST',
    });
    expect(refund.status).toBe(200);
    await refund.body?.cancel();
    const missing = await fetch(`${s.url}/sim/transactions/nope/pay`, { method: 'POST' });
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
    const list = (await (await fetch(`${s.url}/sim/transactions`)).json()) as {
      data: { reference: string; status: string }[];
    };
    expect(list.data.map((t) => [t.reference, t.status])).toEqual([[tx.reference, 'REFUND']]);
    const flush = await fetch(`${s.url}/sim/flush`, { method: 'POST' });
    expect(flush.status).toBe(200);
    await flush.body?.cancel();
    expect(merchant.received.map((r) => parseCallback(r.raw).status)).toEqual(['REFUND', 'PAID']);
    const deliveries = (await (await fetch(`${s.url}/sim/deliveries`)).json()) as {
      data: { status: string; answeredSuccess: boolean }[];
    };
    expect(deliveries.data.map((d) => d.status)).toEqual(['REFUND', 'PAID']);
    const qr = await fetch(`${s.url}/qr/${tx.reference}.svg`);
    expect(qr.status).toBe(404);
    await qr.body?.cancel();
  });

  it('expires an unpaid transaction at its expiry time and sends the callback', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url });
    const expiredTime = Math.floor(Date.now() / 1000) + 1;
    const tx = await client(s).createTransaction(invoice({ expiredTime }));
    expect(tx.expiredTime).toBe(expiredTime);
    const deadline = Date.now() + 4000;
    while (s.transaction(tx.reference)?.status === 'UNPAID' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await s.idle();
    expect(s.transaction(tx.reference)?.status).toBe('EXPIRED');
    expect(merchant.received.map((r) => parseCallback(r.raw).status)).toEqual(['EXPIRED']);
  });

  it('closes promptly while a receiver hangs', async () => {
    const sockets = new Set<Socket>();
    const hang = createServer(() => undefined);
    hang.on('connection', (sock) => sockets.add(sock));
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    try {
      const addr = hang.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const s = await sim({ callbackUrl: `http://127.0.0.1:${port}/cb` });
      const tx = await client(s).createTransaction(invoice());
      const paying = s.pay(tx.reference);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      await s.close();
      await paying;
      await s.idle();
      expect(performance.now() - started).toBeLessThan(1000);
      await s.close();
    } finally {
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((resolve) => hang.close(() => resolve()));
    }
  });
});
