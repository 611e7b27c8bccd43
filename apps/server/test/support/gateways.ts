import { startMidtransSimulator, type MidtransSimulator } from '@jaring/midtrans/sim';
import { startTripaySimulator, type TripaySimulator } from '@jaring/tripay/sim';
import { and, eq, sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  customers,
  gatewayTransactions,
  invoices,
  payments,
  subscriptions,
} from '../../src/db/schema/index.ts';
import type { AppDeps } from '../../src/runtime/deps.ts';
import type { Agent, TestEnv } from './env.ts';

export const MIDTRANS_KEY = 'SB-Mid-server-jaring-test-key';
export const TRIPAY = {
  apiKey: 'DEV-jaring-test-api-key',
  privateKey: 'jaring-test-private-key-0001',
  merchantCode: 'T0001',
} as const;

export interface GatewaySims {
  midtrans: MidtransSimulator;
  tripay: TripaySimulator;
  close(): Promise<void>;
}

export async function startGatewaySims(): Promise<GatewaySims> {
  const midtrans = await startMidtransSimulator({ serverKey: MIDTRANS_KEY });
  const tripay = await startTripaySimulator({ ...TRIPAY });
  return {
    midtrans,
    tripay,
    async close(): Promise<void> {
      await midtrans.close();
      await tripay.close();
    },
  };
}

/** Both gateways enabled through the settings API, pointed at the simulators. */
export async function configureGateways(agent: Agent, sims: GatewaySims): Promise<void> {
  const m = await agent.request({
    method: 'PUT',
    url: '/api/v1/payment-gateways/midtrans',
    payload: {
      enabled: true,
      serverKey: MIDTRANS_KEY,
      apiBaseUrl: sims.midtrans.url,
      channels: ['bca_va', 'other_qris', 'gopay'],
      feeBearer: 'operator',
    },
  });
  expect(m.statusCode, m.body).toBe(200);
  const t = await agent.request({
    method: 'PUT',
    url: '/api/v1/payment-gateways/tripay',
    payload: {
      enabled: true,
      apiKey: TRIPAY.apiKey,
      privateKey: TRIPAY.privateKey,
      merchantCode: TRIPAY.merchantCode,
      apiBaseUrl: sims.tripay.baseUrl,
      channels: ['BRIVA', 'QRIS'],
    },
  });
  expect(t.statusCode, t.body).toBe(200);
}

/** A customer signed in to the portal: its cookie and CSRF token on every request. */
export interface PortalCustomer {
  id: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

let portalIp = 0;

export async function portalLogin(
  env: TestEnv,
  staff: Agent,
  customerId: string,
): Promise<PortalCustomer> {
  const password = 'portal-pass-123';
  const set = await staff.request({
    method: 'PUT',
    url: `/api/v1/customers/${customerId}/portal-password`,
    payload: { password },
  });
  expect(set.statusCode, set.body).toBe(204);
  const [c] = await env.deps.db
    .select({ number: customers.number })
    .from(customers)
    .where(eq(customers.id, customerId));
  portalIp += 1;
  const ip = `203.0.113.${(portalIp % 250) + 1}`;
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/auth/login',
    payload: { login: c?.number, password },
    remoteAddress: ip,
  });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((k) => k.name === 'jaring_portal');
  const csrf = res.json<{ me: { csrfToken: string } }>().me.csrfToken;
  const header = `jaring_portal=${cookie?.value ?? ''}`;
  return {
    id: customerId,
    request: (opts) =>
      env.app.inject({
        remoteAddress: ip,
        ...opts,
        headers: { cookie: header, 'x-csrf-token': csrf, ...opts.headers },
      }),
  };
}

let invoiceCounter = 0;

/** An issued invoice past its due date (a manual one: no invoice run needed). */
export async function overdueInvoice(
  deps: AppDeps,
  customerId: string,
  total: bigint,
): Promise<{ id: string; number: string }> {
  invoiceCounter += 1;
  const number = `GW-2026-${String(invoiceCounter).padStart(6, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  const [row] = await deps.db
    .insert(invoices)
    .values({
      number,
      customerId,
      subscriptionId: null,
      kind: 'manual',
      issueDate: '2026-01-01',
      dueDate: '2026-01-10',
      status: 'overdue',
      subtotal: total,
      tax: 0n,
      total,
    })
    .returning({ id: invoices.id });
  if (!row) throw new Error('invoice insert failed');
  return { id: row.id, number };
}

export async function invoiceState(
  deps: AppDeps,
  id: string,
): Promise<{ status: string; paid: bigint }> {
  const [row] = await deps.db
    .select({ status: invoices.status, paid: invoices.paid })
    .from(invoices)
    .where(eq(invoices.id, id));
  if (!row) throw new Error('no invoice');
  return row;
}

/** Gateway payments of a customer (live and reversed). */
export async function gatewayPayments(
  deps: AppDeps,
  customerId: string,
): Promise<{ id: string; amount: bigint; status: string; reference: string | null }[]> {
  return deps.db
    .select({
      id: payments.id,
      amount: payments.amount,
      status: payments.status,
      reference: payments.reference,
    })
    .from(payments)
    .where(and(eq(payments.customerId, customerId), eq(payments.method, 'gateway')));
}

export async function transactionByOrder(
  deps: AppDeps,
  orderId: string,
): Promise<typeof gatewayTransactions.$inferSelect> {
  const [row] = await deps.db
    .select()
    .from(gatewayTransactions)
    .where(eq(gatewayTransactions.orderId, orderId));
  if (!row) throw new Error(`no transaction ${orderId}`);
  return row;
}

export async function subscriptionStatus(deps: AppDeps, id: string): Promise<string> {
  const [row] = await deps.db
    .select({ status: subscriptions.status })
    .from(subscriptions)
    .where(eq(subscriptions.id, id));
  return row?.status ?? 'missing';
}

/** Notifications stored but not yet processed by their job. */
export async function unprocessedEvents(deps: AppDeps): Promise<number> {
  const result: unknown = await deps.db.execute(
    sql`select count(*)::int as n from gateway_events where kind = 'notification' and processed_at is null`,
  );
  const rows = (result as { rows: { n: number }[] }).rows;
  return Number(rows[0]?.n ?? 0);
}

export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every stored notification processed by the workers. */
export async function settled(deps: AppDeps): Promise<void> {
  await waitFor(async () => (await unprocessedEvents(deps)) === 0, 30_000, 'notifications');
}
