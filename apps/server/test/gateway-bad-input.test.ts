import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { snapshotTables } from './support/db-snapshot.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  configureGateways,
  overdueInvoice,
  portalLogin,
  startGatewaySims,
  type GatewaySims,
  type PortalCustomer,
} from './support/gateways.ts';

/**
 * Malformed input to the gateway settings, the portal checkout and the staff review actions:
 * every refusal is a 4xx problem+json and leaves every payment table as it was. Nothing here may
 * answer 5xx.
 */
const TABLES = [
  'payment_gateways',
  'gateway_transactions',
  'gateway_events',
  'payments',
  'invoice_allocations',
  'invoices',
] as const;

const clock = new ManualClock(new Date());
let env: TestEnv;
let finance: Agent;
let customer: PortalCustomer;
let sims: GatewaySims;
let invoiceId: string;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  finance = await env.agentFor('finance');
  const admin = await env.agentFor('admin');
  sims = await startGatewaySims();
  await configureGateways(finance, sims);
  const [c] = await env.deps.db
    .insert(customers)
    .values({ number: 'BAD000001', name: 'Bad Input' })
    .returning({ id: customers.id });
  invoiceId = (await overdueInvoice(env.deps, c!.id, 100_000n)).id;
  customer = await portalLogin(env, admin, c!.id);
}, 60_000);

afterAll(async () => {
  await env.close();
  await sims.close();
});

async function refusedWithoutChange(
  send: () => Promise<LightMyRequestResponse>,
  status: number,
): Promise<LightMyRequestResponse> {
  const before = await snapshotTables(env.deps.db, TABLES);
  const res = await send();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(await snapshotTables(env.deps.db, TABLES)).toEqual(before);
  return res;
}

const staff = (opts: InjectOptions) => (): Promise<LightMyRequestResponse> => finance.request(opts);
const portal = (opts: InjectOptions) => (): Promise<LightMyRequestResponse> =>
  customer.request(opts);

describe('gateway settings', () => {
  const put = (gateway: string, payload: unknown): InjectOptions => ({
    method: 'PUT',
    url: `/api/v1/payment-gateways/${gateway}`,
    payload: payload as Record<string, unknown>,
  });
  it.each([
    ['an unknown gateway', put('paypal', { enabled: false })],
    ['an empty body', put('midtrans', {})],
    ['an unknown field', put('midtrans', { enabled: true, colour: 'red' })],
    ['expiry too short', put('midtrans', { expiryMinutes: 5 })],
    ['a fractional expiry', put('midtrans', { expiryMinutes: 60.5 })],
    ['a non-http base URL', put('midtrans', { apiBaseUrl: 'ftp://example.com' })],
    ['a channel twice', put('midtrans', { channels: ['bca_va', 'bca_va'] })],
    ['a channel with spaces', put('midtrans', { channels: ['bca va'] })],
    ['a channel Midtrans lacks', put('midtrans', { channels: ['BRIVA'] })],
    ['a negative flat fee', put('midtrans', { fees: { bca_va: { flat: -1, percentBp: 0 } } })],
    ['a fee over 100 %', put('midtrans', { fees: { bca_va: { flat: 0, percentBp: 10_001 } } })],
    ['a short key', put('midtrans', { serverKey: 'short' })],
    ['a key of the other gateway', put('midtrans', { privateKey: 'long-enough-private' })],
    ['a merchant code for Midtrans', put('midtrans', { merchantCode: 'T0001' })],
    ['a merchant code with spaces', put('tripay', { merchantCode: 'T 0001' })],
    ['an unknown environment', put('tripay', { environment: 'staging' })],
    ['enabling without keys', put('tripay', { apiKey: null, enabled: true })],
  ])('refuses %s', async (_what, opts) => {
    await refusedWithoutChange(staff(opts), 400);
  });
});

describe('portal checkout', () => {
  const post = (payload: unknown): InjectOptions => ({
    method: 'POST',
    url: '/api/v1/portal/checkouts',
    payload: payload as Record<string, unknown>,
  });
  it.each([
    ['no body', post({})],
    ['an unknown gateway', post({ gateway: 'paypal', channel: 'x' })],
    ['no channel', post({ gateway: 'midtrans' })],
    ['a channel with markup', post({ gateway: 'midtrans', channel: '<script>' })],
    ['an empty invoice list', post({ gateway: 'midtrans', channel: 'bca_va', invoiceIds: [] })],
    ['a non-uuid invoice', post({ gateway: 'midtrans', channel: 'bca_va', invoiceIds: ['1'] })],
    ['an unknown field', post({ gateway: 'midtrans', channel: 'bca_va', tip: 1 })],
  ])('refuses %s with 400', async (_what, opts) => {
    await refusedWithoutChange(portal(opts), 400);
  });

  it('refuses an invoice that is not the customer’s with 404', async () => {
    await refusedWithoutChange(
      portal(post({ gateway: 'midtrans', channel: 'bca_va', invoiceIds: [randomUUID()] })),
      404,
    );
  });

  it('refuses a channel that is not enabled with 409', async () => {
    const res = await refusedWithoutChange(
      portal(post({ gateway: 'tripay', channel: 'OVO', invoiceIds: [invoiceId] })),
      409,
    );
    expect(res.json()).toMatchObject({ code: 'gateway_disabled' });
  });

  it('refuses malformed options queries with 400', async () => {
    await refusedWithoutChange(
      portal({ method: 'GET', url: '/api/v1/portal/payment-options?invoiceIds=nope' }),
      400,
    );
  });
});

describe('staff review actions', () => {
  it.each([
    ['an apply without a note', 'apply', {}],
    ['an apply with a blank note', 'apply', { note: '  ' }],
    ['a dismiss with an unknown field', 'dismiss', { note: 'fine', extra: true }],
  ])('refuse %s with 400', async (_what, action, payload) => {
    await refusedWithoutChange(
      staff({
        method: 'POST',
        url: `/api/v1/gateway-transactions/${randomUUID()}/${action}`,
        payload,
      }),
      400,
    );
  });

  it('answer 404 for an unknown transaction', async () => {
    await refusedWithoutChange(
      staff({
        method: 'POST',
        url: `/api/v1/gateway-transactions/${randomUUID()}/apply`,
        payload: { note: 'looks right' },
      }),
      404,
    );
  });

  it('refuse bad list filters with 400', async () => {
    for (const q of ['status=won', 'gateway=paypal', 'review=yes', 'from=2026-02-30', 'limit=0']) {
      await refusedWithoutChange(
        staff({ method: 'GET', url: `/api/v1/gateway-transactions?${q}` }),
        400,
      );
    }
  });
});

describe('webhooks', () => {
  it('refuse an oversized body before reading it and a wrong method', async () => {
    const before = await snapshotTables(env.deps.db, TABLES);
    const big = await env.app.inject({
      method: 'POST',
      url: '/api/v1/webhooks/tripay',
      payload: `{"x":"${'a'.repeat(300_000)}"}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
    const get = await env.app.inject({ method: 'GET', url: '/api/v1/webhooks/midtrans' });
    expect(get.statusCode).toBe(404);
    expect(await snapshotTables(env.deps.db, TABLES)).toEqual(before);
  });
});
