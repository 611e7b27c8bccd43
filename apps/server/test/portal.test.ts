import { and, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLogs,
  customers,
  invoiceAllocations,
  invoiceLines,
  invoices,
  payments,
  portalLoginLinks,
  portalSessions,
  routers,
} from '../src/db/schema/index.ts';
import { hashToken } from '../src/crypto/tokens.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { portalCleanupJob } from '../src/modules/portal/jobs.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertPlan, insertSubscription, setSubscription } from './support/network-fixtures.ts';

const clock = new ManualClock('2026-03-10T05:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let env: TestEnv;
let admin: Agent;

interface Cust {
  id: string;
  number: string;
  username: string;
  subscriptionId: string;
  password: string;
}
let alice: Cust;
let bob: Cust;
let aliceInvoice: { id: string; number: string };
let aliceDraft: string;
let bobInvoice: { id: string; number: string };

let ipCounter = 0;
function nextIp(): string {
  ipCounter += 1;
  return `203.0.113.${ipCounter % 250}`;
}

/** A signed-in customer: its cookie and CSRF token, replayed on every request. */
interface Customer {
  cookie: string;
  csrfToken: string;
  body: { me: { customer: { id: string; number: string } }; invoiceId: string | null };
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

function portalAgent(res: LightMyRequestResponse, ip: string): Customer {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'jaring_portal');
  if (!cookie) throw new Error('no portal cookie');
  const body = res.json<Customer['body'] & { me: { csrfToken: string } }>();
  const header = `jaring_portal=${cookie.value}`;
  return {
    cookie: header,
    csrfToken: body.me.csrfToken,
    body,
    request(opts: InjectOptions): Promise<LightMyRequestResponse> {
      return env.app.inject({
        remoteAddress: ip,
        ...opts,
        headers: { cookie: header, 'x-csrf-token': body.me.csrfToken, ...opts.headers },
      });
    },
  };
}

function login(
  loginName: string,
  password: string,
  ip = nextIp(),
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/portal/auth/login',
    payload: { login: loginName, password },
    remoteAddress: ip,
  });
}

async function signIn(loginName: string, password: string): Promise<Customer> {
  const ip = nextIp();
  return portalAgent(await login(loginName, password, ip), ip);
}

function expectProblem(res: LightMyRequestResponse, status: number, code: string): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.json<{ code: string }>().code).toBe(code);
}

let invoiceCounter = 0;
async function insertInvoice(
  customerId: string,
  values: { total: bigint; paid?: bigint; status: string; dueDate?: string; createdAt?: Date },
): Promise<{ id: string; number: string }> {
  invoiceCounter += 1;
  const number =
    values.status === 'draft' ? null : `INV-2026-${String(invoiceCounter).padStart(6, '0')}`;
  const tax = (values.total * 11n) / 111n;
  const [row] = await env.deps.db
    .insert(invoices)
    .values({
      number,
      customerId,
      kind: 'manual',
      issueDate: '2026-03-01',
      dueDate: values.dueDate ?? '2026-03-08',
      status: values.status,
      subtotal: values.total - tax,
      tax,
      total: values.total,
      paid: values.paid ?? 0n,
      createdAt: values.createdAt ?? new Date(clock.now().getTime() - invoiceCounter * HOUR),
    })
    .returning({ id: invoices.id });
  await env.deps.db.insert(invoiceLines).values({
    invoiceId: row!.id,
    position: 1,
    kind: 'one_off',
    description: 'Internet March 2026',
    quantity: 1,
    unitAmount: values.total - tax,
    amount: values.total - tax,
    taxRateBp: 1100,
    tax,
  });
  return { id: row!.id, number: number ?? '' };
}

async function setPassword(customerId: string, password: string, agent = admin): Promise<void> {
  const res = await agent.request({
    method: 'PUT',
    url: `/api/v1/customers/${customerId}/portal-password`,
    payload: { password },
  });
  expect(res.statusCode, res.body).toBe(204);
}

async function makeCustomer(
  username: string,
  password: string,
  routerId: string,
  planId: string,
): Promise<Cust> {
  const sub = await insertSubscription(env.deps, { routerId, planId, username });
  const [c] = await env.deps.db
    .select({ number: customers.number })
    .from(customers)
    .where(eq(customers.id, sub.customerId));
  await setPassword(sub.customerId, password);
  return { id: sub.customerId, number: c!.number, username, subscriptionId: sub.id, password };
}

beforeAll(async () => {
  env = await createTestEnv({ clock, env: { APP_URL: 'http://isp.example.test' } });
  admin = await env.agentFor('admin');
  const [router] = await env.deps.db
    .insert(routers)
    .values({
      name: 'portal-r1',
      addresses: ['127.0.0.1'],
      port: 1,
      transport: 'api',
      username: 'u',
      passwordEnc: 'x',
    })
    .returning({ id: routers.id });
  const planId = await insertPlan(env.deps, [router!.id], {
    name: 'Rumah 20',
    downloadKbps: 20_000,
    uploadKbps: 5_000,
  });
  alice = await makeCustomer('Alice.PPPoE', 'alice-secret-1', router!.id, planId);
  bob = await makeCustomer('bob-pppoe', 'bob-secret-12', router!.id, planId);
  await setSubscription(env.deps, alice.subscriptionId, {
    status: 'isolated',
    isolatedBy: 'dunning',
  });
  await env.deps.db
    .update(customers)
    .set({ creditBalance: 25_000n })
    .where(eq(customers.id, alice.id));
  aliceInvoice = await insertInvoice(alice.id, {
    total: 166_500n,
    paid: 66_500n,
    status: 'overdue',
  });
  await insertInvoice(alice.id, { total: 100_000n, paid: 100_000n, status: 'paid' });
  aliceDraft = (await insertInvoice(alice.id, { total: 50_000n, status: 'draft' })).id;
  bobInvoice = await insertInvoice(bob.id, { total: 111_000n, status: 'issued' });
  const [payment] = await env.deps.db
    .insert(payments)
    .values({
      number: 'RCP-2026-000001',
      customerId: alice.id,
      method: 'cash',
      amount: 166_500n,
      credited: 0n,
      receivedAt: new Date('2026-03-05T03:00:00Z'),
    })
    .returning({ id: payments.id });
  await env.deps.db.insert(invoiceAllocations).values({
    invoiceId: aliceInvoice.id,
    paymentId: payment!.id,
    source: 'payment',
    amount: 66_500n,
  });
}, 60_000);

afterAll(async () => {
  await env.close();
});

describe('customer login', () => {
  it('signs in by customer number, any case, with a scoped httpOnly Lax cookie', async () => {
    const res = await login(alice.number.toLowerCase(), alice.password);
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'jaring_portal');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.path).toBe('/api/v1/portal');
    // Plain-http APP_URL: not Secure (a Secure cookie would never come back over http).
    expect(cookie!.secure).toBeFalsy();
    expect(new Date(cookie!.expires!).getTime()).toBe(clock.now().getTime() + 30 * DAY);
    // Only the hash is stored.
    const rows = await env.deps.db
      .select()
      .from(portalSessions)
      .where(eq(portalSessions.customerId, alice.id));
    expect(rows.map((r) => r.tokenHash)).toContain(hashToken(cookie!.value));
    expect(rows.map((r) => r.tokenHash)).not.toContain(cookie!.value);
    const body = res.json<{
      me: { customer: { id: string; hasPassword: boolean } };
      invoiceId: null;
    }>();
    expect(body.me.customer.id).toBe(alice.id);
    expect(body.me.customer.hasPassword).toBe(true);
    expect(body.invoiceId).toBeNull();
    // The staff session cookie is not set.
    expect(res.cookies.find((c) => c.name === 'jaring_session')).toBeUndefined();
  });

  it('signs in by PPPoE username, case-insensitively', async () => {
    const a = await signIn('alice.pppoe', alice.password);
    expect(a.body.me.customer.id).toBe(alice.id);
    const b = await signIn('BOB-PPPOE', bob.password);
    expect(b.body.me.customer.id).toBe(bob.id);
  });

  it('answers a wrong password and an unknown login with the same 401', async () => {
    const wrong = await login(alice.number, 'not-the-password');
    const unknown = await login('nobody-here', 'not-the-password');
    const noPassword = await login(alice.number, '');
    expectProblem(wrong, 401, 'invalid_credentials');
    expectProblem(unknown, 401, 'invalid_credentials');
    expect(wrong.json<{ detail: string }>().detail).toBe(unknown.json<{ detail: string }>().detail);
    expect(noPassword.statusCode).toBe(400);
    expect(wrong.cookies.find((c) => c.name === 'jaring_portal')).toBeUndefined();
  });

  it('throttles failures per login (429, even with the right password) and per IP', async () => {
    // A customer of its own so the other tests keep signing in.
    const carol = await makeCustomerLike('carol-pppoe', 'carol-secret-1');
    for (let i = 0; i < 5; i++) {
      expectProblem(await login('carol-pppoe', `wrong-${i}`), 401, 'invalid_credentials');
    }
    const locked = await login('carol-pppoe', 'carol-secret-1');
    expectProblem(locked, 429, 'rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another name of the same customer is a different key; the number still works.
    expect((await login(carol.number, 'carol-secret-1')).statusCode).toBe(200);

    const ip = '192.0.2.77';
    for (let i = 0; i < 30; i++) {
      expect((await login(`guess-${i}`, 'whatever', ip)).statusCode).toBe(401);
    }
    expectProblem(await login(bob.number, bob.password, ip), 429, 'rate_limited');
    expect((await login(bob.number, bob.password)).statusCode).toBe(200);
  }, 60_000);

  it('refuses portal routes without a session, and a staff session is not a customer one', async () => {
    expectProblem(
      await env.app.inject({ method: 'GET', url: '/api/v1/portal/me' }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await admin.request({ method: 'GET', url: '/api/v1/portal/invoices' }),
      401,
      'unauthenticated',
    );
    expectProblem(
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/portal/me',
        headers: { cookie: 'jaring_portal=forged-token' },
      }),
      401,
      'unauthenticated',
    );
  });

  it('ends the session at logout', async () => {
    const a = await signIn(alice.number, alice.password);
    expect((await a.request({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(200);
    const out = await a.request({ method: 'POST', url: '/api/v1/portal/auth/logout' });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'jaring_portal');
    expect(cleared?.value).toBe('');
    expectProblem(
      await a.request({ method: 'GET', url: '/api/v1/portal/me' }),
      401,
      'unauthenticated',
    );
  });

  it('slides the 30-day expiry with use and ends it after 30 idle days', async () => {
    const a = await signIn(bob.number, bob.password);
    clock.advance(29 * DAY);
    const used = await a.request({ method: 'GET', url: '/api/v1/portal/me' });
    expect(used.statusCode).toBe(200);
    const renewed = used.cookies.find((c) => c.name === 'jaring_portal');
    expect(new Date(renewed!.expires!).getTime()).toBe(clock.now().getTime() + 30 * DAY);
    clock.advance(29 * DAY);
    expect((await a.request({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(200);
    clock.advance(30 * DAY + HOUR);
    expectProblem(
      await a.request({ method: 'GET', url: '/api/v1/portal/me' }),
      401,
      'unauthenticated',
    );
    clock.set('2026-03-10T05:00:00Z');
  });
});

async function makeCustomerLike(username: string, password: string): Promise<Cust> {
  const [sub] = await env.deps.db.select().from(routers).limit(1);
  const planId = await insertPlan(env.deps, [sub!.id]);
  return makeCustomer(username, password, sub!.id, planId);
}

describe('the customer sees only its own data', () => {
  let a: Customer;
  let b: Customer;
  beforeAll(async () => {
    a = await signIn(alice.username, alice.password);
    b = await signIn(bob.username, bob.password);
  });

  it('shows profile, services with the isolation reason, credit and what is owed', async () => {
    const res = await a.request({ method: 'GET', url: '/api/v1/portal/me' });
    expect(res.statusCode, res.body).toBe(200);
    const me = res.json<{
      customer: { number: string; locale: string };
      subscriptions: {
        username: string;
        planName: string;
        downloadKbps: number;
        status: string;
        isolatedReason: string | null;
      }[];
      creditBalance: string;
      outstanding: string;
      overdueInvoices: number;
      csrfToken: string;
    }>();
    expect(me.customer.number).toBe(alice.number);
    expect(me.subscriptions).toEqual([
      expect.objectContaining({
        username: 'Alice.PPPoE',
        planName: 'Rumah 20',
        downloadKbps: 20_000,
        status: 'isolated',
        isolatedReason: 'unpaid',
      }),
    ]);
    expect(me.creditBalance).toBe('25000');
    expect(me.outstanding).toBe('100000');
    expect(me.overdueInvoices).toBe(1);
    expect(me.csrfToken).toBe(a.csrfToken);

    await setSubscription(env.deps, bob.subscriptionId, {
      status: 'isolated',
      isolatedBy: 'staff',
    });
    const bobMe = (await b.request({ method: 'GET', url: '/api/v1/portal/me' })).json<{
      subscriptions: { isolatedReason: string | null }[];
      outstanding: string;
    }>();
    expect(bobMe.subscriptions[0]!.isolatedReason).toBe('operator');
    expect(bobMe.outstanding).toBe('111000');
    await setSubscription(env.deps, bob.subscriptionId, { status: 'active', isolatedBy: null });
  });

  it('lists its own invoices (no drafts), paged', async () => {
    const first = await a.request({ method: 'GET', url: '/api/v1/portal/invoices?limit=1' });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<{
      data: { id: string; customerId: string }[];
      nextCursor: string | null;
    }>();
    expect(page1.data).toHaveLength(1);
    expect(page1.nextCursor).not.toBeNull();
    const second = await a.request({
      method: 'GET',
      url: `/api/v1/portal/invoices?limit=5&cursor=${page1.nextCursor}`,
    });
    const page2 = second.json<{
      data: { id: string; customerId: string }[];
      nextCursor: string | null;
    }>();
    const all = [...page1.data, ...page2.data];
    expect(all).toHaveLength(2);
    expect(all.every((i) => i.customerId === alice.id)).toBe(true);
    expect(all.map((i) => i.id)).not.toContain(aliceDraft);
    expect(page2.nextCursor).toBeNull();
    // Filters of the staff list are not accepted here.
    expect(
      (await a.request({ method: 'GET', url: `/api/v1/portal/invoices?customerId=${bob.id}` }))
        .statusCode,
    ).toBe(400);
  });

  it('shows an invoice with its lines and payments', async () => {
    const res = await a.request({
      method: 'GET',
      url: `/api/v1/portal/invoices/${aliceInvoice.id}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const inv = res.json<{
      number: string;
      total: string;
      paid: string;
      balanceDue: string;
      status: string;
      lines: { description: string }[];
      payments: { source: string; paymentNumber: string; method: string; amount: string }[];
    }>();
    expect(inv).toMatchObject({
      number: aliceInvoice.number,
      total: '166500',
      paid: '66500',
      balanceDue: '100000',
      status: 'overdue',
    });
    expect(inv.lines.map((l) => l.description)).toEqual(['Internet March 2026']);
    expect(inv.payments).toEqual([
      expect.objectContaining({
        source: 'payment',
        paymentNumber: 'RCP-2026-000001',
        method: 'cash',
        amount: '66500',
      }),
    ]);
  });

  it("cannot read another customer's invoice, a draft or an unknown id (404)", async () => {
    for (const url of [
      `/api/v1/portal/invoices/${bobInvoice.id}`,
      `/api/v1/portal/invoices/${bobInvoice.id}/pdf`,
      `/api/v1/portal/invoices/${aliceDraft}`,
      `/api/v1/portal/invoices/${randomUUID()}`,
    ]) {
      expectProblem(await a.request({ method: 'GET', url }), 404, 'not_found');
    }
    const bobList = (await b.request({ method: 'GET', url: '/api/v1/portal/invoices' })).json<{
      data: { id: string }[];
    }>();
    expect(bobList.data.map((i) => i.id)).toEqual([bobInvoice.id]);
    expect(
      (await b.request({ method: 'GET', url: `/api/v1/portal/invoices/${bobInvoice.id}` }))
        .statusCode,
    ).toBe(200);
  });

  it('downloads its own invoice as PDF, in the asked language or its own', async () => {
    for (const query of ['', '?lang=en', '?lang=id']) {
      const res = await a.request({
        method: 'GET',
        url: `/api/v1/portal/invoices/${aliceInvoice.id}/pdf${query}`,
      });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(`${aliceInvoice.number}.pdf`);
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    expectProblem(
      await a.request({
        method: 'GET',
        url: `/api/v1/portal/invoices/${aliceInvoice.id}/pdf?lang=fr`,
      }),
      400,
      'validation_failed',
    );
  });

  it('lists its payments with the invoices they settled', async () => {
    const res = await a.request({ method: 'GET', url: '/api/v1/portal/payments' });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{
      data: {
        number: string;
        amount: string;
        invoices: { invoiceNumber: string; amount: string }[];
      }[];
    }>();
    expect(page.data).toEqual([
      expect.objectContaining({
        number: 'RCP-2026-000001',
        amount: '166500',
        invoices: [
          { invoiceId: aliceInvoice.id, invoiceNumber: aliceInvoice.number, amount: '66500' },
        ],
      }),
    ]);
    const bobPage = (await b.request({ method: 'GET', url: '/api/v1/portal/payments' })).json<{
      data: unknown[];
    }>();
    expect(bobPage.data).toEqual([]);
  });
});

describe('writes', () => {
  it('require the portal CSRF token (not the staff one)', async () => {
    const a = await signIn(alice.number, alice.password);
    const payload = { phone: '0812-3456-7890' };
    expectProblem(
      await a.request({
        method: 'PATCH',
        url: '/api/v1/portal/profile',
        payload,
        headers: { 'x-csrf-token': '' },
      }),
      403,
      'csrf_token_invalid',
    );
    expectProblem(
      await a.request({
        method: 'PATCH',
        url: '/api/v1/portal/profile',
        payload,
        headers: { 'x-csrf-token': admin.csrfToken },
      }),
      403,
      'csrf_token_invalid',
    );
    expectProblem(
      await a.request({
        method: 'POST',
        url: '/api/v1/portal/auth/logout',
        headers: { 'x-csrf-token': 'nope' },
      }),
      403,
      'csrf_token_invalid',
    );
    const res = await a.request({
      method: 'PATCH',
      url: '/api/v1/portal/profile',
      payload: { ...payload, locale: 'en' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ customer: { phone: string; locale: string } }>().customer).toMatchObject({
      phone: '6281234567890',
      locale: 'en',
    });
    const [audit] = await env.deps.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'portal.profile_updated'), eq(auditLogs.entityId, alice.id)));
    expect(audit?.after).toMatchObject({ phone: '6281234567890', locale: 'en' });
  });

  it('validates the profile and never lets other fields through', async () => {
    const a = await signIn(alice.number, alice.password);
    for (const payload of [
      { phone: '12345' },
      { email: 'not-an-email' },
      { locale: 'fr' },
      { name: 'Mallory' },
      {},
    ]) {
      expectProblem(
        await a.request({ method: 'PATCH', url: '/api/v1/portal/profile', payload }),
        400,
        'validation_failed',
      );
    }
    const ok = await a.request({
      method: 'PATCH',
      url: '/api/v1/portal/profile',
      payload: { email: 'alice@example.test', phone: null },
    });
    expect(ok.json<{ customer: { email: string; phone: null } }>().customer).toMatchObject({
      email: 'alice@example.test',
      phone: null,
    });
  });

  it('changes the password with the current one and signs out the other sessions', async () => {
    const a1 = await signIn(bob.number, bob.password);
    const a2 = await signIn(bob.username, bob.password);
    expectProblem(
      await a1.request({
        method: 'POST',
        url: '/api/v1/portal/password',
        payload: { currentPassword: 'wrong', newPassword: 'bob-new-secret' },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await a1.request({
        method: 'POST',
        url: '/api/v1/portal/password',
        payload: { newPassword: 'bob-new-secret' },
      }),
      400,
      'validation_failed',
    );
    expectProblem(
      await a1.request({
        method: 'POST',
        url: '/api/v1/portal/password',
        payload: { currentPassword: bob.password, newPassword: 'short' },
      }),
      400,
      'validation_failed',
    );
    const res = await a1.request({
      method: 'POST',
      url: '/api/v1/portal/password',
      payload: { currentPassword: bob.password, newPassword: 'bob-new-secret' },
    });
    expect(res.statusCode, res.body).toBe(204);
    expect((await a1.request({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(200);
    expectProblem(
      await a2.request({ method: 'GET', url: '/api/v1/portal/me' }),
      401,
      'unauthenticated',
    );
    expect((await login(bob.number, bob.password)).statusCode).toBe(401);
    expect((await login(bob.number, 'bob-new-secret')).statusCode).toBe(200);
    bob.password = 'bob-new-secret';
  });
});

describe('one-time login links', () => {
  async function createLink(
    customerId: string,
    payload: Record<string, unknown> = {},
  ): Promise<LightMyRequestResponse> {
    return admin.request({
      method: 'POST',
      url: `/api/v1/customers/${customerId}/portal-link`,
      payload,
    });
  }
  function exchange(token: string): Promise<LightMyRequestResponse> {
    return env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/link',
      payload: { token },
      remoteAddress: nextIp(),
    });
  }

  it('signs in once and lands on the invoice', async () => {
    const res = await createLink(alice.id, { invoiceId: aliceInvoice.id });
    expect(res.statusCode, res.body).toBe(201);
    const link = res.json<{ url: string; expiresAt: string }>();
    expect(link.url).toMatch(/^http:\/\/isp\.example\.test\/portal\/link\/[A-Za-z0-9_-]{40,}$/);
    expect(new Date(link.expiresAt).getTime()).toBe(clock.now().getTime() + 72 * HOUR);
    const token = link.url.split('/').at(-1)!;
    const stored = await env.deps.db
      .select()
      .from(portalLoginLinks)
      .where(eq(portalLoginLinks.customerId, alice.id));
    expect(stored.map((s) => s.tokenHash)).toEqual([hashToken(token)]);

    const ip = nextIp();
    const first = await env.app.inject({
      method: 'POST',
      url: '/api/v1/portal/auth/link',
      payload: { token },
      remoteAddress: ip,
    });
    const a = portalAgent(first, ip);
    expect(a.body.me.customer.id).toBe(alice.id);
    expect(a.body.invoiceId).toBe(aliceInvoice.id);
    expect(
      (await a.request({ method: 'GET', url: `/api/v1/portal/invoices/${aliceInvoice.id}` }))
        .statusCode,
    ).toBe(200);
    expectProblem(await exchange(token), 401, 'invalid_credentials');
  });

  it('refuses an expired link, an unknown one and an invoice of another customer', async () => {
    const res = await createLink(bob.id);
    const token = res.json<{ url: string }>().url.split('/').at(-1)!;
    clock.advance(72 * HOUR + 1000);
    expectProblem(await exchange(token), 401, 'invalid_credentials');
    clock.set('2026-03-10T05:00:00Z');
    expectProblem(await exchange('x'.repeat(43)), 401, 'invalid_credentials');
    expectProblem(await exchange('bad token!'), 400, 'validation_failed');
    expectProblem(
      await createLink(alice.id, { invoiceId: bobInvoice.id }),
      400,
      'validation_failed',
    );
    expectProblem(await createLink(alice.id, { invoiceId: aliceDraft }), 400, 'validation_failed');
    expectProblem(await createLink(randomUUID()), 404, 'not_found');
    // A link works for a customer without any portal password; the "current password" is then not asked.
    const dave = await makeCustomerLike('dave-pppoe', 'dave-secret-1');
    await env.deps.db
      .update(customers)
      .set({ portalPasswordHash: null })
      .where(eq(customers.id, dave.id));
    const daveLink = (await createLink(dave.id)).json<{ url: string }>().url.split('/').at(-1)!;
    const ip = nextIp();
    const d = portalAgent(
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/link',
        payload: { token: daveLink },
        remoteAddress: ip,
      }),
      ip,
    );
    expect(d.body.me).toMatchObject({ customer: { hasPassword: false } });
    const set = await d.request({
      method: 'POST',
      url: '/api/v1/portal/password',
      payload: { newPassword: 'dave-first-pw' },
    });
    expect(set.statusCode, set.body).toBe(204);
    expect((await login('dave-pppoe', 'dave-first-pw')).statusCode).toBe(200);
  });
});

describe('staff endpoints', () => {
  it('need customers:write and are audited, never returning the password', async () => {
    const finance = await env.agentFor('finance');
    const technician = await env.agentFor('technician');
    for (const agent of [finance, technician]) {
      expectProblem(
        await agent.request({
          method: 'PUT',
          url: `/api/v1/customers/${alice.id}/portal-password`,
          payload: { password: 'whatever-123' },
        }),
        403,
        'forbidden',
      );
      expectProblem(
        await agent.request({
          method: 'POST',
          url: `/api/v1/customers/${alice.id}/portal-link`,
          payload: {},
        }),
        403,
        'forbidden',
      );
    }
    expectProblem(
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${alice.id}/portal-link`,
        payload: {},
      }),
      401,
      'unauthenticated',
    );
    const support = await env.agentFor('support');
    expectProblem(
      await support.request({
        method: 'PUT',
        url: `/api/v1/customers/${alice.id}/portal-password`,
        payload: { password: 'short' },
      }),
      400,
      'validation_failed',
    );
    const a = await signIn(alice.number, alice.password);
    const res = await support.request({
      method: 'PUT',
      url: `/api/v1/customers/${alice.id}/portal-password`,
      payload: { password: 'alice-by-support' },
    });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    // The operator's reset signs out every session of the customer.
    expectProblem(
      await a.request({ method: 'GET', url: '/api/v1/portal/me' }),
      401,
      'unauthenticated',
    );
    expect((await login(alice.number, 'alice-by-support')).statusCode).toBe(200);
    alice.password = 'alice-by-support';
    const audits = await env.deps.db
      .select()
      .from(auditLogs)
      .where(
        and(eq(auditLogs.action, 'customer.portal_password_set'), eq(auditLogs.entityId, alice.id)),
      );
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(audits.map((r) => [r.before, r.after]))).not.toContain(
      'alice-by-support',
    );
  });

  it('keeps a reseller to its own customers', async () => {
    const reseller = await env.agentFor('reseller');
    expectProblem(
      await reseller.request({
        method: 'POST',
        url: `/api/v1/customers/${alice.id}/portal-link`,
        payload: {},
      }),
      404,
      'not_found',
    );
    expectProblem(
      await reseller.request({
        method: 'PUT',
        url: `/api/v1/customers/${alice.id}/portal-password`,
        payload: { password: 'reseller-pw-1' },
      }),
      404,
      'not_found',
    );
  });
});

describe('secure cookies', () => {
  it('marks the cookie Secure when the app is served over https', async () => {
    const secure = await createTestEnv({ env: { APP_URL: 'https://isp.example.test' } });
    try {
      const ownerAgent = await secure.agentFor('admin');
      const [router] = await secure.deps.db
        .insert(routers)
        .values({
          name: 'portal-sec',
          addresses: ['127.0.0.1'],
          port: 1,
          transport: 'api',
          username: 'u',
          passwordEnc: 'x',
        })
        .returning({ id: routers.id });
      const planId = await insertPlan(secure.deps, [router!.id]);
      const sub = await insertSubscription(secure.deps, {
        routerId: router!.id,
        planId,
        username: 'sec-user',
      });
      const put = await ownerAgent.request({
        method: 'PUT',
        url: `/api/v1/customers/${sub.customerId}/portal-password`,
        payload: { password: 'secure-pw-123' },
      });
      expect(put.statusCode).toBe(204);
      const res = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/login',
        payload: { login: 'sec-user', password: 'secure-pw-123' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'jaring_portal');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax' });
    } finally {
      await secure.close();
    }
  }, 60_000);
});

describe('portal.cleanup job', () => {
  it('removes expired sessions and links, keeps live ones', async () => {
    const live = await signIn(bob.number, bob.password);
    await admin.request({
      method: 'POST',
      url: `/api/v1/customers/${bob.id}/portal-link`,
      payload: {},
    });
    const past = new Date(clock.now().getTime() - DAY);
    await env.deps.db.insert(portalSessions).values({
      tokenHash: hashToken('expired-session'),
      customerId: bob.id,
      createdAt: past,
      lastSeenAt: past,
      expiresAt: past,
    });
    await env.deps.db.insert(portalLoginLinks).values({
      tokenHash: hashToken('expired-link'),
      customerId: bob.id,
      createdAt: past,
      expiresAt: past,
    });
    await portalCleanupJob.handler({}, env.deps, {
      id: 'test',
      retryCount: 0,
      signal: new AbortController().signal,
    });
    const sessions = await env.deps.db.select().from(portalSessions);
    const links = await env.deps.db.select().from(portalLoginLinks);
    expect(sessions.every((s) => s.expiresAt > clock.now())).toBe(true);
    expect(links.every((l) => l.expiresAt > clock.now())).toBe(true);
    expect(links.length).toBeGreaterThan(0);
    expect((await live.request({ method: 'GET', url: '/api/v1/portal/me' })).statusCode).toBe(200);
  });
});
