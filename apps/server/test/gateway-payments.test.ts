import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogs, gatewayEvents, subscriptions } from '../src/db/schema/index.ts';
import { defineJob } from '../src/jobs/define-job.ts';
import { ALL_JOBS } from '../src/jobs/registry.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { gatewayPollJob } from '../src/modules/gateways/jobs.ts';
import { reconcileRouterJob } from '../src/modules/reconcile/jobs.ts';
import { markRouterChanged } from '../src/modules/reconcile/sync-request.ts';
import { freePort } from './support/free-port.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  configureGateways,
  gatewayPayments,
  invoiceState,
  overdueInvoice,
  portalLogin,
  settled,
  startGatewaySims,
  subscriptionStatus,
  transactionByOrder,
  waitFor,
  type GatewaySims,
  type PortalCustomer,
} from './support/gateways.ts';
import {
  insertPlan,
  insertRouter,
  insertSubscription,
  routerRevisions,
} from './support/network-fixtures.ts';

const fastReconcile = defineJob({
  ...reconcileRouterJob,
  retry: { limit: 60, delaySeconds: 1, backoff: false },
});

const clock = new ManualClock(new Date());
let env: TestEnv;
let finance: Agent;
let admin: Agent;
let sims: GatewaySims;
let routerSim: Simulator;
let routerClient: RouterOSClient;
let routerId: string;
let planId: string;
let planProfile: string;

beforeAll(async () => {
  const port = await freePort();
  env = await createTestEnv({
    worker: true,
    clock,
    jobDefinitions: ALL_JOBS.map((j) => (j.name === fastReconcile.name ? fastReconcile : j)),
    env: { APP_URL: `http://127.0.0.1:${port}` },
  });
  await env.app.listen({ port, host: '127.0.0.1' });
  finance = await env.agentFor('finance');
  admin = await env.agentFor('admin');
  sims = await startGatewaySims();
  await configureGateways(finance, sims);
  routerSim = await startSimulator({ user: 'jaring', password: 'router-pw', latencyMs: 1 });
  routerClient = new RouterOSClient({
    addresses: [{ host: routerSim.host, port: routerSim.port }],
    user: 'jaring',
    password: 'router-pw',
  });
  routerId = await insertRouter(env.deps, routerSim, { isolationMode: 'disable' });
  planProfile = 'jaring-gw-plan';
  planId = await insertPlan(env.deps, [routerId], { profileName: planProfile });
}, 60_000);

afterAll(async () => {
  await routerClient.close();
  await env.close();
  await sims.close();
  await routerSim.close();
});

async function secret(name: string): Promise<Row | undefined> {
  return (await routerClient.exec('/ppp/secret/print')).rows.find((r) => r.name === name);
}

async function converged(): Promise<void> {
  await waitFor(
    async () => {
      const r = await routerRevisions(env.deps, routerId);
      return r.synced === r.desired;
    },
    30_000,
    'router convergence',
  );
}

let userCounter = 0;

/** A customer whose service dunning isolated over one overdue invoice, signed in to the portal. */
async function isolatedCustomer(total = 166_500n): Promise<{
  customer: PortalCustomer;
  subscriptionId: string;
  username: string;
  invoice: { id: string; number: string };
}> {
  userCounter += 1;
  const username = `gw-user-${userCounter}`;
  const sub = await insertSubscription(env.deps, { routerId, planId, username });
  await env.deps.db.transaction(async (tx) => {
    const revision = await markRouterChanged(env.deps, tx, routerId);
    await tx
      .update(subscriptions)
      .set({ status: 'isolated', isolatedBy: 'dunning', routerRevision: revision })
      .where(eq(subscriptions.id, sub.id));
  });
  const invoice = await overdueInvoice(env.deps, sub.customerId, total);
  const customer = await portalLogin(env, admin, sub.customerId);
  return { customer, subscriptionId: sub.id, username, invoice };
}

interface Checkout {
  id: string;
  orderId: string;
  status: string;
  redirectUrl: string | null;
  total: string;
  fee: string;
  paymentNumber: string | null;
}

async function checkout(
  customer: PortalCustomer,
  payload: Record<string, unknown>,
): Promise<Checkout> {
  const res = await customer.request({ method: 'POST', url: '/api/v1/portal/checkouts', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Checkout>();
}

function postMidtrans(body: string): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/midtrans',
    payload: body,
    headers: { 'content-type': 'application/json' },
    remoteAddress: '10.9.8.7',
  });
}

function postTripay(body: string, signature: string): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/webhooks/tripay',
    payload: body,
    headers: {
      'content-type': 'application/json',
      'x-callback-event': 'payment_status',
      'x-callback-signature': signature,
    },
    remoteAddress: '10.9.8.8',
  });
}

describe('gateway settings', () => {
  it('never return a key, say which are stored, and are audited', async () => {
    const res = await finance.request({ method: 'GET', url: '/api/v1/payment-gateways' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('SB-Mid-server');
    expect(res.body).not.toContain('jaring-test-private-key');
    const list = res.json<{ gateway: string; ready: boolean; credentials: object }[]>();
    expect(list.map((g) => [g.gateway, g.ready])).toEqual([
      ['midtrans', true],
      ['tripay', true],
    ]);
    expect(list[1]?.credentials).toEqual({ serverKey: false, apiKey: true, privateKey: true });
    const audits = await env.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'gateway.settings_updated'));
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(
      JSON.stringify(audits, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    ).not.toContain('jaring-test-private-key');
  });

  it('refuse to enable a gateway without its keys, a key it does not use, and non-finance staff', async () => {
    const noKey = await finance.request({
      method: 'PUT',
      url: '/api/v1/payment-gateways/midtrans',
      payload: { serverKey: null, enabled: true },
    });
    expect(noKey.statusCode).toBe(400);
    const wrongKey = await finance.request({
      method: 'PUT',
      url: '/api/v1/payment-gateways/midtrans',
      payload: { apiKey: 'abcdefgh12345' },
    });
    expect(wrongKey.statusCode).toBe(400);
    const support = await env.agentFor('support');
    const denied = await support.request({
      method: 'PUT',
      url: '/api/v1/payment-gateways/midtrans',
      payload: { enabled: false },
    });
    expect(denied.statusCode).toBe(403);
    const still = await finance.request({ method: 'GET', url: '/api/v1/payment-gateways' });
    expect(still.json<{ ready: boolean }[]>()[0]?.ready).toBe(true);
  });
});

describe('Midtrans', () => {
  it('a portal payment through the payment page pays the invoice once and restores the router', async () => {
    const { customer, subscriptionId, username, invoice } = await isolatedCustomer();
    await converged();
    expect(await secret(username)).toMatchObject({ disabled: 'true' });

    const options = await customer.request({
      method: 'GET',
      url: '/api/v1/portal/payment-options',
    });
    expect(options.statusCode, options.body).toBe(200);
    const opts = options.json<{
      amount: string;
      gateways: { gateway: string; channels: { code: string }[] }[];
    }>();
    expect(opts.amount).toBe('166500');
    expect(opts.gateways.map((g) => g.gateway)).toEqual(['midtrans', 'tripay']);

    const first = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    expect(first.status).toBe('pending');
    expect(first.redirectUrl).toContain(sims.midtrans.url);
    // Clicking again hands back the same checkout, still payable.
    const again = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    expect(again.id).toBe(first.id);

    await sims.midtrans.pay(first.orderId);
    await settled(env.deps);
    expect(await invoiceState(env.deps, invoice.id)).toEqual({ status: 'paid', paid: 166_500n });
    const paid = await gatewayPayments(env.deps, customer.id);
    expect(paid).toHaveLength(1);
    expect(paid[0]).toMatchObject({ amount: 166_500n, reference: `midtrans:${first.orderId}` });
    expect(await subscriptionStatus(env.deps, subscriptionId)).toBe('active');
    await converged();
    expect(await secret(username)).toMatchObject({ disabled: 'false', profile: planProfile });

    const view = await customer.request({
      method: 'GET',
      url: `/api/v1/portal/checkouts/${first.id}`,
    });
    expect(view.json<Checkout>()).toMatchObject({ status: 'paid' });
    expect(view.json<Checkout>().paymentNumber).toMatch(/^RCP-/);

    const detail = await finance.request({
      method: 'GET',
      url: `/api/v1/gateway-transactions/${first.id}`,
    });
    const events = detail.json<{
      events: { kind: string; outcome: string; verified: boolean | null }[];
    }>().events;
    const outcomes = events.filter((e) => e.kind === 'notification').map((e) => e.outcome);
    // Settlement applies; pending repeats what the create call said (or comes after it).
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'applied')).toEqual([
      expect.stringMatching(/^(duplicate|stale)$/),
    ]);
    expect(events.some((e) => e.kind === 'create')).toBe(true);
  }, 60_000);

  it('the same notification five times at once, and replayed later, pays once', async () => {
    const { customer, invoice } = await isolatedCustomer(100_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'other_qris' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    const { body } = sims.midtrans.signedNotification(c.orderId);
    const answers = await Promise.all(Array.from({ length: 5 }, () => postMidtrans(body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    await settled(env.deps);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    // A replay an hour later changes nothing either.
    expect((await postMidtrans(body)).statusCode).toBe(200);
    await settled(env.deps);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    const outcomes = await env.deps.db
      .select({ outcome: gatewayEvents.outcome })
      .from(gatewayEvents)
      .where(and(eq(gatewayEvents.orderId, c.orderId), eq(gatewayEvents.kind, 'notification')));
    expect(outcomes.filter((o) => o.outcome === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'duplicate')).toHaveLength(5);
  }, 60_000);

  it('refuses forged and tampered notifications with 403, stores and audits them, pays nothing', async () => {
    const { customer, invoice } = await isolatedCustomer(120_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    const forged = sims.midtrans.signedNotification(c.orderId, { signature_key: 'f'.repeat(128) });
    const genuine = sims.midtrans.signedNotification(c.orderId);
    // Amount changed after signing: the signature no longer matches.
    const tampered = genuine.body.replace('"120000.00"', '"1200.00"');
    expect(tampered).not.toBe(genuine.body);
    for (const body of [forged.body, tampered, '{"not":"a notification"}', 'garbage']) {
      const res = await postMidtrans(body);
      expect(res.statusCode, body).toBe(403);
    }
    await settled(env.deps);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(0);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('overdue');
    const refused = await env.deps.db
      .select()
      .from(gatewayEvents)
      .where(and(eq(gatewayEvents.orderId, c.orderId), eq(gatewayEvents.verified, false)));
    expect(refused).toHaveLength(2);
    const audits = await env.deps.db
      .select()
      .from(auditLogs)
      .where(eq(auditLogs.action, 'gateway.notification_rejected'));
    expect(audits.length).toBeGreaterThanOrEqual(4);
    const listed = await finance.request({
      method: 'GET',
      url: '/api/v1/gateway-events?verified=false&limit=200',
    });
    expect(
      listed.json<{ data: { orderId: string | null }[] }>().data.map((e) => e.orderId),
    ).toContain(c.orderId);
  }, 60_000);

  it('out of order: settlement before pending, then expire after settlement, stays paid once', async () => {
    const { customer, invoice } = await isolatedCustomer(90_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    const settlement = sims.midtrans.signedNotification(c.orderId);
    const pending = sims.midtrans.signedNotification(c.orderId, {
      transaction_status: 'pending',
      status_code: '201',
    });
    const expire = sims.midtrans.signedNotification(c.orderId, {
      transaction_status: 'expire',
      status_code: '202',
    });
    // One at a time, each processed before the next arrives: the order is the point here.
    for (const body of [settlement.body, pending.body, expire.body]) {
      expect((await postMidtrans(body)).statusCode).toBe(200);
      await settled(env.deps);
    }
    expect((await transactionByOrder(env.deps, c.orderId)).status).toBe('paid');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    const outcomes = (
      await env.deps.db
        .select({ outcome: gatewayEvents.outcome, status: gatewayEvents.status })
        .from(gatewayEvents)
        .where(and(eq(gatewayEvents.orderId, c.orderId), eq(gatewayEvents.kind, 'notification')))
        .orderBy(gatewayEvents.id)
    ).map((o) => `${o.status}:${o.outcome}`);
    expect(outcomes).toEqual(['paid:applied', 'pending:stale', 'expired:stale']);
  }, 60_000);

  it('notifications the gateway delivers newest first end paid once', async () => {
    const { customer, invoice } = await isolatedCustomer(95_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    sims.midtrans.setDelivery({ reorder: true });
    await sims.midtrans.pay(c.orderId);
    await sims.midtrans.flush();
    await sims.midtrans.idle();
    sims.midtrans.setDelivery({});
    await settled(env.deps);
    expect((await transactionByOrder(env.deps, c.orderId)).status).toBe('paid');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
  }, 60_000);

  it('a dropped notification is recovered by the status poller', async () => {
    const { customer, invoice, subscriptionId } = await isolatedCustomer(75_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'gopay' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    await gatewayPollJob.handler({}, env.deps, {
      id: 'test',
      retryCount: 0,
      signal: new AbortController().signal,
    });
    // Not due yet: nothing asked.
    expect((await transactionByOrder(env.deps, c.orderId)).status).toBe('pending');
    clock.advance(4 * 60_000);
    await gatewayPollJob.handler({}, env.deps, {
      id: 'test',
      retryCount: 0,
      signal: new AbortController().signal,
    });
    const tx = await transactionByOrder(env.deps, c.orderId);
    expect(tx).toMatchObject({ status: 'paid', nextCheckAt: null });
    expect(tx.paymentId).not.toBeNull();
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    expect(await subscriptionStatus(env.deps, subscriptionId)).toBe('active');
  }, 60_000);

  it('a signed notification with another amount is quarantined; finance applies what was received', async () => {
    const { customer, invoice } = await isolatedCustomer(200_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    const wrong = sims.midtrans.signedNotification(c.orderId, { gross_amount: '150000.00' });
    expect((await postMidtrans(wrong.body)).statusCode).toBe(200);
    await settled(env.deps);
    const held = await transactionByOrder(env.deps, c.orderId);
    expect(held).toMatchObject({ status: 'paid', review: 'amount_mismatch', paymentId: null });
    expect(held.receivedTotal).toBe(150_000n);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(0);
    const queue = await finance.request({
      method: 'GET',
      url: '/api/v1/gateway-transactions?review=true',
    });
    expect(queue.json<{ data: { id: string }[] }>().data.map((t) => t.id)).toContain(held.id);

    const support = await env.agentFor('support');
    const denied = await support.request({
      method: 'POST',
      url: `/api/v1/gateway-transactions/${held.id}/apply`,
      payload: { note: 'customer paid part' },
    });
    expect(denied.statusCode).toBe(403);
    const applied = await finance.request({
      method: 'POST',
      url: `/api/v1/gateway-transactions/${held.id}/apply`,
      payload: { note: 'customer paid part by transfer at the bank' },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json<{ review: string | null; paymentNumber: string }>()).toMatchObject({
      review: null,
    });
    expect(await invoiceState(env.deps, invoice.id)).toEqual({
      status: 'overdue',
      paid: 150_000n,
    });
    const twice = await finance.request({
      method: 'POST',
      url: `/api/v1/gateway-transactions/${held.id}/apply`,
      payload: { note: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
  }, 60_000);

  it('a notification for an order Jaring never made is kept as unmatched and pays nothing', async () => {
    const before = await finance.request({
      method: 'GET',
      url: '/api/v1/gateway-events?unmatched=true&limit=200',
    });
    const { customer } = await isolatedCustomer(50_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    sims.midtrans.setDelivery({ drop: true });
    await sims.midtrans.pay(c.orderId);
    sims.midtrans.setDelivery({});
    const stranger = sims.midtrans.signedNotification(c.orderId, { order_id: 'SOMEONE-ELSE-1' });
    expect((await postMidtrans(stranger.body)).statusCode).toBe(200);
    await settled(env.deps);
    const after = await finance.request({
      method: 'GET',
      url: '/api/v1/gateway-events?unmatched=true&limit=200',
    });
    const ids = after.json<{ data: { orderId: string; outcome: string }[] }>().data;
    expect(ids.length).toBe(before.json<{ data: unknown[] }>().data.length + 1);
    expect(ids.find((e) => e.orderId === 'SOMEONE-ELSE-1')?.outcome).toBe('unknown_order');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(0);
  }, 60_000);

  it('a refund after payment reverses it, reopens the invoice and flags finance', async () => {
    const { customer, invoice } = await isolatedCustomer(80_000n);
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    await sims.midtrans.pay(c.orderId);
    await settled(env.deps);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    await sims.midtrans.refund(c.orderId);
    await settled(env.deps);
    const tx = await transactionByOrder(env.deps, c.orderId);
    expect(tx).toMatchObject({ status: 'refunded', review: 'refunded' });
    const paid = await gatewayPayments(env.deps, customer.id);
    expect(paid.map((p) => p.status)).toEqual(['reversed']);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('overdue');
  }, 60_000);

  it('pays every outstanding invoice in one checkout', async () => {
    const { customer, invoice } = await isolatedCustomer(60_000n);
    const second = await overdueInvoice(env.deps, customer.id, 40_000n);
    const opts = await customer.request({ method: 'GET', url: '/api/v1/portal/payment-options' });
    expect(opts.json<{ amount: string }>().amount).toBe('100000');
    const c = await checkout(customer, { gateway: 'midtrans', channel: 'bca_va' });
    expect(c.total).toBe('100000');
    await sims.midtrans.pay(c.orderId);
    await settled(env.deps);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    expect((await invoiceState(env.deps, second.id)).status).toBe('paid');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
  }, 60_000);
});

describe('Tripay', () => {
  it('a closed payment paid on the checkout page pays once and restores; callbacks answered success', async () => {
    const { customer, subscriptionId, username, invoice } = await isolatedCustomer(155_000n);
    const c = await checkout(customer, { gateway: 'tripay', channel: 'BRIVA' });
    expect(c.redirectUrl).toContain('/checkout/');
    const tx = await transactionByOrder(env.deps, c.orderId);
    expect(tx.reference).toBeTruthy();
    sims.tripay.setDelivery({ repeat: 3 });
    await sims.tripay.pay(tx.reference ?? '');
    await sims.tripay.idle();
    sims.tripay.setDelivery({});
    await settled(env.deps);
    const deliveries = sims.tripay.deliveries().filter((d) => d.reference === tx.reference);
    expect(deliveries.length).toBe(3);
    expect(deliveries.every((d) => d.answeredSuccess)).toBe(true);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    expect(await subscriptionStatus(env.deps, subscriptionId)).toBe('active');
    await converged();
    expect(await secret(username)).toMatchObject({ disabled: 'false' });
  }, 60_000);

  it('duplicates at once, a forged signature, a re-serialised body and expire after paid', async () => {
    const { customer, invoice } = await isolatedCustomer(70_000n);
    const c = await checkout(customer, { gateway: 'tripay', channel: 'QRIS' });
    const tx = await transactionByOrder(env.deps, c.orderId);
    const reference = tx.reference ?? '';
    sims.tripay.setDelivery({ drop: true });
    await sims.tripay.pay(reference);
    sims.tripay.setDelivery({});
    const { body, signature } = sims.tripay.signedCallback(reference);

    const forged = await postTripay(body, 'a'.repeat(64));
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ success: false });
    // The same JSON with other spacing: Tripay signs the bytes, so this is not what it signed.
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect((await postTripay(reserialised, signature)).statusCode).toBe(403);
    const changed = body.replace(/"total_amount":\d+/, '"total_amount":1');
    expect((await postTripay(changed, signature)).statusCode).toBe(403);

    const answers = await Promise.all(Array.from({ length: 5 }, () => postTripay(body, signature)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]?.json()).toEqual({ success: true });
    await settled(env.deps);
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');

    const expired = sims.tripay.signedCallback(reference, { status: 'EXPIRED' });
    expect((await postTripay(expired.body, expired.signature)).statusCode).toBe(200);
    await settled(env.deps);
    expect((await transactionByOrder(env.deps, c.orderId)).status).toBe('paid');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
  }, 60_000);

  it('a dropped callback is recovered by the poller through the detail API', async () => {
    const { customer, invoice } = await isolatedCustomer(65_000n);
    const c = await checkout(customer, { gateway: 'tripay', channel: 'BRIVA' });
    const tx = await transactionByOrder(env.deps, c.orderId);
    sims.tripay.setDelivery({ drop: true });
    await sims.tripay.pay(tx.reference ?? '');
    sims.tripay.setDelivery({});
    // The customer comes back from the payment page: the portal asks the gateway at once.
    const checked = await customer.request({
      method: 'POST',
      url: `/api/v1/portal/checkouts/${c.id}/check`,
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json<Checkout>().status).toBe('paid');
    expect((await invoiceState(env.deps, invoice.id)).status).toBe('paid');
    expect(await gatewayPayments(env.deps, customer.id)).toHaveLength(1);
  }, 60_000);
});

describe('the portal', () => {
  it("never shows or acts on another customer's checkout", async () => {
    const a = await isolatedCustomer(30_000n);
    const b = await isolatedCustomer(30_000n);
    const c = await checkout(a.customer, { gateway: 'midtrans', channel: 'bca_va' });
    for (const req of [
      { method: 'GET' as const, url: `/api/v1/portal/checkouts/${c.id}` },
      { method: 'POST' as const, url: `/api/v1/portal/checkouts/${c.id}/check` },
    ]) {
      expect((await b.customer.request(req)).statusCode).toBe(404);
    }
    const other = await b.customer.request({
      method: 'POST',
      url: '/api/v1/portal/checkouts',
      payload: { gateway: 'midtrans', channel: 'bca_va', invoiceIds: [a.invoice.id] },
    });
    expect(other.statusCode).toBe(404);
    const list = await b.customer.request({ method: 'GET', url: '/api/v1/portal/checkouts' });
    expect(list.json<{ data: { id: string }[] }>().data.map((x) => x.id)).not.toContain(c.id);
  });

  it('refuses a channel that is not enabled and a gateway that is down, changing nothing', async () => {
    const { customer } = await isolatedCustomer(30_000n);
    const off = await customer.request({
      method: 'POST',
      url: '/api/v1/portal/checkouts',
      payload: { gateway: 'midtrans', channel: 'credit_card' },
    });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: 'gateway_disabled' });
    const before = await env.deps.db.execute(
      sql`select count(*)::int as n from gateway_transactions`,
    );
    await finance.request({
      method: 'PUT',
      url: '/api/v1/payment-gateways/midtrans',
      payload: { apiBaseUrl: 'http://127.0.0.1:9' },
    });
    try {
      const down = await customer.request({
        method: 'POST',
        url: '/api/v1/portal/checkouts',
        payload: { gateway: 'midtrans', channel: 'bca_va' },
      });
      expect(down.statusCode, down.body).toBe(422);
      expect(down.json()).toMatchObject({ code: 'gateway_unavailable' });
    } finally {
      await finance.request({
        method: 'PUT',
        url: '/api/v1/payment-gateways/midtrans',
        payload: { apiBaseUrl: sims.midtrans.url },
      });
    }
    const after = await env.deps.db.execute(
      sql`select count(*)::int as n from gateway_transactions`,
    );
    // The attempt is recorded (its failure is visible to finance), and no payment came of it.
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));
  }, 30_000);
});

describe('paid invoices', () => {
  it('show nothing left to pay and refuse a checkout', async () => {
    const { customer, invoice } = await isolatedCustomer(45_000n);
    const c = await checkout(customer, {
      gateway: 'midtrans',
      channel: 'bca_va',
      invoiceIds: [invoice.id],
    });
    await sims.midtrans.pay(c.orderId);
    await settled(env.deps);
    const opts = await customer.request({
      method: 'GET',
      url: `/api/v1/portal/payment-options?invoiceIds=${invoice.id}`,
    });
    expect(opts.statusCode, opts.body).toBe(200);
    expect(opts.json()).toMatchObject({ amount: '0', invoices: [] });
    const again = await customer.request({
      method: 'POST',
      url: '/api/v1/portal/checkouts',
      payload: { gateway: 'midtrans', channel: 'bca_va', invoiceIds: [invoice.id] },
    });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json<{ detail: string }>().detail).toContain('paid');
  }, 30_000);
});

describe('reports', () => {
  it('reconciliation and stats reflect what happened today', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: env.deps.config.timezone }).format(
      clock.now(),
    );
    const rec = await finance.request({
      method: 'GET',
      url: `/api/v1/gateway-transactions/reconciliation?date=${today}`,
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const report = rec.json<{
      gateways: { gateway: string; paid: number; applied: number }[];
      discrepancies: { kind: string }[];
    }>();
    expect(report.gateways.find((g) => g.gateway === 'midtrans')?.paid).toBeGreaterThan(0);
    // Every paid transaction has its payment (the quarantined one was applied by finance, the
    // refunded one reversed with it): nothing to reconcile.
    expect(report.discrepancies).toEqual([]);
    const stats = await finance.request({
      method: 'GET',
      url: '/api/v1/gateway-transactions/stats',
    });
    expect(stats.statusCode).toBe(200);
    const rows = stats.json<{
      rows: { gateway: string; paid: number; successRate: number | null }[];
    }>().rows;
    expect(rows.some((r) => r.gateway === 'tripay' && r.paid > 0)).toBe(true);
    const metrics = await env.deps.metrics.metrics();
    expect(metrics).toContain(
      'jaring_gateway_notifications_total{gateway="midtrans",verified="false"}',
    );
    expect(metrics).toContain('jaring_gateway_payment_apply_seconds_count');
  });
});
