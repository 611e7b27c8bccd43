import { describe, expect, it } from 'vitest';
import { parseCallback } from '../src/callback.ts';
import { mapStatus } from '../src/status.ts';
import { verifyCallbackSignature } from '../src/signature.ts';
import { client, invoice, PRIVATE_KEY, receiver, sim } from './helpers.ts';

function press(url: string, action: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action }).toString(),
    redirect: 'manual',
  });
}

describe('checkout page', () => {
  it('pays through the page, delivers a signed callback and redirects to return_url', async () => {
    const merchant = await receiver();
    const s = await sim();
    const c = client(s);
    const tx = await c.createTransaction(
      invoice({ callbackUrl: merchant.url, returnUrl: 'https://isp.example/portal/invoices/7' }),
    );

    const page = await fetch(tx.checkoutUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<title>Tripay Simulator</title>');
    expect(html).toContain(tx.reference);
    expect(html).toContain(tx.payCode ?? 'missing');
    expect(html).toContain('BRI Virtual Account');
    expect(html).toContain('Rp 154.250');
    for (const label of ['Pay', 'Fail', 'Expire']) {
      expect(html).toMatch(new RegExp(`<button[^>]*>${label}</button>`));
    }
    expect(html).not.toMatch(/<(link|script|img)\b/);

    const res = await press(tx.checkoutUrl, 'pay');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('https://isp.example/portal/invoices/7');
    await s.idle();

    expect(merchant.received).toHaveLength(1);
    const got = merchant.received[0];
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['x-callback-event']).toBe('payment_status');
    const signature = got?.headers['x-callback-signature'];
    expect(typeof signature).toBe('string');
    expect(verifyCallbackSignature(got?.raw ?? '', signature as string, PRIVATE_KEY)).toBe(true);
    expect(Object.keys(JSON.parse(got?.text ?? '{}') as object)).toEqual([
      'reference',
      'merchant_ref',
      'payment_method',
      'payment_method_code',
      'total_amount',
      'fee_merchant',
      'fee_customer',
      'total_fee',
      'amount_received',
      'is_closed_payment',
      'status',
      'paid_at',
      'note',
    ]);
    const cb = parseCallback(got?.raw ?? '');
    expect(cb).toMatchObject({
      reference: tx.reference,
      merchantRef: tx.merchantRef,
      paymentMethod: 'BRI Virtual Account',
      paymentMethodCode: 'BRIVA',
      totalAmount: 154_250n,
      feeCustomer: 4250n,
      totalFee: 4250n,
      amountReceived: 150_000n,
      isClosedPayment: true,
      status: 'PAID',
      note: null,
    });
    expect(mapStatus(cb.status)).toBe('paid');
    expect(cb.paidAt).toBeGreaterThan(0);

    expect(s.deliveries()).toMatchObject([
      {
        reference: tx.reference,
        status: 'PAID',
        httpStatus: 200,
        attempt: 1,
        answeredSuccess: true,
      },
    ]);
    expect(s.deliveries()[0]?.body).toBe(got?.text);
    expect((await c.detail(tx.reference))?.status).toBe('PAID');

    const after = await (await fetch(tx.checkoutUrl)).text();
    expect(after).toContain('This transaction is PAID');
    expect(after).not.toContain('<button');
    expect((await press(tx.checkoutUrl, 'pay')).status).toBe(409);
  });

  it('shows the outcome when there is no return_url, and uses the merchant callback URL', async () => {
    const merchant = await receiver();
    const s = await sim({ callbackUrl: merchant.url });
    const c = client(s);
    const failed = await c.createTransaction(invoice({ method: 'QRIS' }));
    const qrPage = await (await fetch(failed.checkoutUrl)).text();
    expect(qrPage).toContain(failed.qrString ?? 'missing');
    const res = await press(failed.checkoutUrl, 'fail');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Payment failed');

    const expired = await c.createTransaction(invoice());
    expect(await (await press(expired.checkoutUrl, 'expire')).text()).toContain('Payment expired');
    const paid = await c.createTransaction(invoice());
    expect(await (await press(paid.checkoutUrl, 'pay')).text()).toContain('Payment successful');
    await s.idle();

    expect(merchant.received.map((r) => parseCallback(r.raw).status)).toEqual([
      'FAILED',
      'EXPIRED',
      'PAID',
    ]);
    const expiredCb = parseCallback(merchant.received[1]?.raw ?? '');
    expect(expiredCb.paidAt).toBeNull();
    expect(mapStatus(expiredCb.status)).toBe('expired');
    expect((await press(paid.checkoutUrl, 'refund')).status).toBe(400);
    expect((await fetch(`${s.url}/checkout/DEV-T0001000000XXXXX`)).status).toBe(404);
  });
});
