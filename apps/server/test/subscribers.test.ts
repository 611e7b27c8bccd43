import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  clearReconciles,
  desiredRevision,
  expectProblem,
  expectReconciles,
  fixtures,
  ok,
  rawRows,
  snapshot,
  unique,
  type Fixtures,
} from './support/network.ts';

// 05:00 UTC is noon in Jakarta: the calendar day is the same in both.
const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let admin: Agent;
let make: Fixtures;
let routerA: { id: string };
let routerB: { id: string };
let plan: { id: string };
let otherPlan: { id: string };
let staticPlan: { id: string };

interface CustomerDto {
  id: string;
  number: string;
  name: string;
  phone: string | null;
  nationalId: string | null;
  resellerId: string | null;
  hasPortalLogin: boolean;
}

interface SubscriptionDto {
  id: string;
  customerId: string;
  planId: string;
  routerId: string;
  type: string;
  username: string;
  staticIp: string | null;
  status: string;
  startDate: string | null;
  billingDay: number | null;
  nextPlanId: string | null;
  nextPlanFrom: string | null;
  routerSync: string;
}

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  make = fixtures(admin);
  routerA = await make.router();
  routerB = await make.router();
  plan = await make.plan([routerA.id, routerB.id]);
  otherPlan = await make.plan([routerA.id]);
  staticPlan = await make.plan([routerA.id, routerB.id], { type: 'static' });
});
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  await clearReconciles(env.deps.db);
});

const NIK = '3174012345678901';

describe('customers', () => {
  it('numbers customers from the sequence with the configured prefix', async () => {
    const a = await make.customer();
    expect(a.number).toMatch(/^JRG\d{6}$/);
    await env.deps.db.execute(
      sql`insert into app_settings (key, value) values ('customers.numberPrefix', '"NET-"'::jsonb)`,
    );
    const b = await make.customer();
    expect(b.number).toBe(`NET-${String(Number(a.number.slice(3)) + 1).padStart(6, '0')}`);
    await env.deps.db.execute(sql`delete from app_settings where key = 'customers.numberPrefix'`);
  });

  it('encrypts the national id, masks it for roles without identity access, and hashes the portal password', async () => {
    const created = ok<CustomerDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: {
          name: 'Siti Aminah',
          phone: '0812-3456-7890',
          nationalId: NIK,
          portalPassword: 'portal-password-1',
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      phone: '6281234567890',
      nationalId: NIK,
      hasPortalLogin: true,
    });
    const finance = await env.agentFor('finance');
    const support = await env.agentFor('support');
    const technician = await env.agentFor('technician');
    const url = `/api/v1/customers/${created.id}`;
    expect(ok<CustomerDto>(await finance.request({ method: 'GET', url })).nationalId).toBe(NIK);
    for (const agent of [support, technician]) {
      expect(ok<CustomerDto>(await agent.request({ method: 'GET', url })).nationalId).toBe(
        '************8901',
      );
      const list = ok<{ data: CustomerDto[] }>(
        await agent.request({ method: 'GET', url: '/api/v1/customers?q=Siti%20Aminah' }),
      );
      expect(list.data.map((c) => c.nationalId)).toEqual(['************8901']);
    }
    const [raw] = await rawRows(
      env.deps.db,
      sql`select national_id_enc, national_id_last4, portal_password_hash from customers where id = ${created.id}`,
    );
    expect(String(raw?.national_id_enc)).not.toContain(NIK);
    expect(raw?.national_id_last4).toBe('8901');
    expect(String(raw?.portal_password_hash)).toMatch(/^\$argon2id\$/);
    const audit = await rawRows(
      env.deps.db,
      sql`select after::text as a from audit_logs where entity_id = ${created.id}`,
    );
    expect(audit.map((a) => String(a.a)).join()).not.toMatch(
      new RegExp(`${NIK}|argon2|portal-password`),
    );
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const before = await snapshot(env.deps.db);
    for (const payload of [
      {},
      { name: 'x', phone: '12345' },
      { name: 'x', nationalId: '123' },
      { name: 'x', odpId: randomUUID() },
      { name: 'x', siteId: randomUUID() },
      { name: 'x', resellerId: randomUUID() },
      { name: 'x', resellerId: admin.userId },
      { name: 'x', odpPort: 3 },
      { name: 'a\u0000b' },
      { name: '<b>x</b>' },
      { name: 'x', notes: 'line\u0000' },
      { name: 'x', address: 'Jl. \u0007' },
    ]) {
      const res = await admin.request({ method: 'POST', url: '/api/v1/customers', payload });
      expectProblem(res, 400);
    }
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/customers/${randomUUID()}`,
        payload: { name: 'y' },
      }),
      404,
    );
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/customers/${randomUUID()}` }),
      404,
    );
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/customers/${randomUUID()}` }),
      404,
    );
    expectProblem(
      await admin.request({
        method: 'GET',
        url: `/api/v1/customers/${randomUUID()}/subscriptions`,
      }),
      404,
    );
    expectProblem(
      await admin.request({ method: 'GET', url: '/api/v1/customers?cursor=nope' }),
      400,
    );
    expectProblem(await admin.request({ method: 'GET', url: '/api/v1/customers?q=a%00b' }), 400);
    expectProblem(
      await admin.request({ method: 'GET', url: '/api/v1/subscriptions?q=a%00b' }),
      400,
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
  });

  it('keeps resellers to their own customers and subscriptions', async () => {
    const r1 = await env.agentFor('reseller');
    const r2 = await env.agentFor('reseller');
    const mine = await make.customer({}, r1);
    const theirs = await make.customer({}, r2);
    const staffOwned = await make.customer();
    expect(
      ok<CustomerDto>(await r1.request({ method: 'GET', url: `/api/v1/customers/${mine.id}` }))
        .resellerId,
    ).toBe(r1.userId);
    const list1 = ok<{ data: CustomerDto[] }>(
      await r1.request({ method: 'GET', url: '/api/v1/customers?limit=200' }),
    );
    expect(list1.data.map((c) => c.id)).toEqual([mine.id]);
    // Searching by another reseller's customer number finds nothing either.
    const search = ok<{ data: CustomerDto[] }>(
      await r1.request({ method: 'GET', url: `/api/v1/customers?q=${theirs.number}` }),
    );
    expect(search.data).toEqual([]);
    for (const id of [theirs.id, staffOwned.id]) {
      expectProblem(await r1.request({ method: 'GET', url: `/api/v1/customers/${id}` }), 404);
      expectProblem(
        await r1.request({
          method: 'PATCH',
          url: `/api/v1/customers/${id}`,
          payload: { name: 'mine now' },
        }),
        404,
      );
      expectProblem(await r1.request({ method: 'DELETE', url: `/api/v1/customers/${id}` }), 404);
    }
    // A reseller cannot hand a customer to someone else.
    expectProblem(
      await r1.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: 'x', resellerId: r2.userId },
      }),
      403,
    );
    expectProblem(
      await r1.request({
        method: 'PATCH',
        url: `/api/v1/customers/${mine.id}`,
        payload: { resellerId: null },
      }),
      403,
    );
    // Nor sign up a subscription for another reseller's customer.
    const before = await snapshot(env.deps.db);
    expectProblem(
      await r1.request({
        method: 'POST',
        url: '/api/v1/subscriptions',
        payload: {
          customerId: theirs.id,
          planId: plan.id,
          routerId: routerA.id,
          username: unique('r'),
        },
      }),
      400,
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
    const sub1 = await make.subscription(
      { customerId: mine.id, planId: plan.id, routerId: routerA.id },
      r1,
    );
    const sub2 = await make.subscription(
      { customerId: theirs.id, planId: plan.id, routerId: routerA.id },
      r2,
    );
    const subs1 = ok<{ data: SubscriptionDto[] }>(
      await r1.request({ method: 'GET', url: '/api/v1/subscriptions?limit=200' }),
    );
    expect(subs1.data.map((s) => s.id)).toEqual([sub1.id]);
    for (const url of [
      `/api/v1/subscriptions/${sub2.id}`,
      `/api/v1/subscriptions/${sub2.id}/credentials`,
      `/api/v1/customers/${theirs.id}/subscriptions`,
    ]) {
      expectProblem(await r1.request({ method: 'GET', url }), 404);
    }
    expectProblem(
      await r1.request({ method: 'POST', url: `/api/v1/subscriptions/${sub2.id}/isolate` }),
      404,
    );
    // Staff see everyone's customers.
    const all = ok<{ data: CustomerDto[] }>(
      await admin.request({ method: 'GET', url: '/api/v1/customers?limit=200' }),
    );
    expect(all.data.map((c) => c.id)).toEqual(
      expect.arrayContaining([mine.id, theirs.id, staffOwned.id]),
    );
    // Staff may assign a customer to a reseller.
    const moved = ok<CustomerDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/customers/${staffOwned.id}`,
        payload: { resellerId: r1.userId },
      }),
    );
    expect(moved.resellerId).toBe(r1.userId);
    ok(await r1.request({ method: 'GET', url: `/api/v1/customers/${staffOwned.id}` }));
  });

  it('searches ~300 customers by number, name fragment, phone and service user name', async () => {
    const tag = `Srch${Date.now().toString(36)}`;
    const made: { id: string; number: string; i: number }[] = [];
    for (let i = 0; i < 300; i++) {
      const c = await make.customer({
        name: `${tag} Pelanggan ${i} ${i % 7 === 0 ? 'Kartika' : 'Budi'}`,
        phone: `0813${String(70_000_000 + i)}`,
      });
      made.push({ ...c, i });
    }
    for (const m of made.filter((x) => x.i % 50 === 0)) {
      await make.subscription({
        customerId: m.id,
        planId: plan.id,
        routerId: routerB.id,
        username: `pppoe-${tag}-${m.i}`,
      });
    }
    const search = async (q: string, extra = ''): Promise<CustomerDto[]> =>
      ok<{ data: CustomerDto[] }>(
        await admin.request({
          method: 'GET',
          url: `/api/v1/customers?limit=200&q=${encodeURIComponent(q)}${extra}`,
        }),
      ).data;
    const target = made[123];
    expect((await search(target?.number ?? '')).map((c) => c.id)).toEqual([target?.id]);
    expect((await search((target?.number ?? '').toLowerCase())).map((c) => c.id)).toEqual([
      target?.id,
    ]);
    // Name fragment, case-insensitive.
    const kartika = await search(`${tag.toLowerCase()} pelanggan 14 kart`);
    expect(kartika.map((c) => c.name)).toEqual([`${tag} Pelanggan 14 Kartika`]);
    expect((await search(`${tag} `)).length).toBe(200);
    // Phone as typed by a person, in local or international form.
    expect((await search('0813-7000-0123')).map((c) => c.id)).toEqual([target?.id]);
    expect((await search('+62 813 70000123')).map((c) => c.id)).toEqual([target?.id]);
    // Service user name.
    expect((await search(`pppoe-${tag}-250`)).map((c) => c.id)).toEqual([made[250]?.id]);
    expect((await search(`PPPOE-${tag}`)).length).toBe(6);
    // Filter by router (through subscriptions), combined with a search.
    expect((await search(tag, `&routerId=${routerB.id}`)).length).toBe(6);
    // Cursor pagination walks the whole result without repeats.
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { data: CustomerDto[]; nextCursor: string | null } = ok(
        await admin.request({
          method: 'GET',
          url: `/api/v1/customers?limit=70&q=${tag}${cursor ? `&cursor=${cursor}` : ''}`,
        }),
      );
      for (const c of page.data) seen.add(c.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(300);
    // LIKE wildcards are literal.
    expect(await search('%')).toEqual([]);
  }, 60_000);
});

describe('subscriptions', () => {
  async function subscriptionRow(id: string): Promise<Record<string, unknown>> {
    const [row] = await rawRows(env.deps.db, sql`select * from subscriptions where id = ${id}`);
    return row ?? {};
  }

  it('creates with a generated password kept encrypted, stamps the router revision and reveals credentials (audited)', async () => {
    const c = await make.customer();
    const rev = await desiredRevision(env.deps.db, routerA.id);
    const sub = ok<SubscriptionDto>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/subscriptions',
        payload: {
          customerId: c.id,
          planId: plan.id,
          routerId: routerA.id,
          username: unique('Budi'),
          billingDay: 5,
        },
      }),
      201,
    );
    expect(sub).toMatchObject({
      status: 'active',
      type: 'pppoe',
      routerSync: 'pending',
      startDate: '2026-03-10',
      billingDay: 5,
    });
    expect(sub).not.toHaveProperty('password');
    await expectReconciles(env.deps.db, [routerA.id]);
    expect(await desiredRevision(env.deps.db, routerA.id)).toBe(rev + 1n);
    const raw = await subscriptionRow(sub.id);
    expect(String(raw.router_revision)).toBe(String(rev + 1n));

    const technician = await env.agentFor('technician');
    const creds = ok<{ username: string; password: string }>(
      await technician.request({
        method: 'GET',
        url: `/api/v1/subscriptions/${sub.id}/credentials`,
      }),
    );
    expect(creds.username).toBe(sub.username);
    expect(creds.password).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(String(raw.password_enc)).not.toContain(creds.password);
    const support = await env.agentFor('support');
    expectProblem(
      await support.request({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}/credentials` }),
      403,
    );
    const audit = await rawRows(
      env.deps.db,
      sql`select action, coalesce(before::text, '') || coalesce(after::text, '') as body from audit_logs where entity_id = ${sub.id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'subscription.created',
      'subscription.credentials_viewed',
    ]);
    expect(audit.map((a) => String(a.body)).join()).not.toMatch(
      new RegExp(`${creds.password}|password_?enc`, 'i'),
    );

    // Once the router caught up, the subscription is synced.
    await env.deps.db.execute(
      sql`update routers set synced_revision = desired_revision where id = ${routerA.id}`,
    );
    expect(
      ok<SubscriptionDto>(
        await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}` }),
      ).routerSync,
    ).toBe('synced');
    const listed = ok<{ data: SubscriptionDto[] }>(
      await admin.request({ method: 'GET', url: `/api/v1/customers/${c.id}/subscriptions` }),
    );
    expect(listed.data.map((s) => s.id)).toEqual([sub.id]);
  });

  it('refuses duplicate user names, plans the router lacks, unknown ids and static IP clashes, changing nothing', async () => {
    const c = await make.customer();
    const taken = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
      username: unique('Dup'),
    });
    const fixed = await make.subscription({
      customerId: c.id,
      planId: staticPlan.id,
      routerId: routerA.id,
      staticIp: '10.20.0.7',
    });
    await clearReconciles(env.deps.db);
    const before = await snapshot(env.deps.db);
    const base = {
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
      username: unique('new'),
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, username: taken.username.toUpperCase() }, 409, 'username_taken'],
      [{ ...base, planId: otherPlan.id, routerId: routerB.id }, 400, 'validation_failed'],
      [{ ...base, customerId: randomUUID() }, 400, 'validation_failed'],
      [{ ...base, planId: randomUUID() }, 400, 'validation_failed'],
      [{ ...base, routerId: randomUUID() }, 400, 'validation_failed'],
      [{ ...base, planId: staticPlan.id }, 400, 'validation_failed'],
      [{ ...base, planId: staticPlan.id, staticIp: '10.20.0.7' }, 409, 'static_ip_taken'],
      [{ ...base, username: 'has space' }, 400, 'validation_failed'],
      [{ ...base, billingDay: 32 }, 400, 'validation_failed'],
      [{ ...base, startDate: '2026-02-30' }, 400, 'validation_failed'],
      [{ ...base, startDate: '0000-01-01' }, 400, 'validation_failed'],
      [{}, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      expectProblem(
        await admin.request({ method: 'POST', url: '/api/v1/subscriptions', payload }),
        status,
        code,
      );
    }
    expect(await snapshot(env.deps.db)).toEqual(before);
    // The same static IP on another router is fine.
    await make.subscription({
      customerId: c.id,
      planId: staticPlan.id,
      routerId: routerB.id,
      staticIp: '10.20.0.7',
    });
    // A static IP change onto a taken address is refused too.
    const other = await make.subscription({
      customerId: c.id,
      planId: staticPlan.id,
      routerId: routerA.id,
      staticIp: '10.20.0.8',
    });
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/subscriptions/${other.id}`,
        payload: { staticIp: '10.20.0.7' },
      }),
      409,
      'static_ip_taken',
    );
    // A terminated subscription frees its user name.
    ok(await admin.request({ method: 'POST', url: `/api/v1/subscriptions/${taken.id}/terminate` }));
    ok(await admin.request({ method: 'POST', url: `/api/v1/subscriptions/${fixed.id}/terminate` }));
    await make.subscription({ ...base, username: taken.username });
  });

  it('holds user name and static IP uniqueness under concurrent sign-ups', async () => {
    const c = await make.customer();
    const username = unique('race');
    const sameName = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.request({
          method: 'POST',
          url: '/api/v1/subscriptions',
          payload: { customerId: c.id, planId: plan.id, routerId: routerA.id, username },
        }),
      ),
    );
    expect(sameName.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of sameName.filter((x) => x.statusCode === 409)) {
      expect(r.json<{ code: string }>().code).toBe('username_taken');
    }
    const sameIp = await Promise.all(
      Array.from({ length: 5 }, () =>
        admin.request({
          method: 'POST',
          url: '/api/v1/subscriptions',
          payload: {
            customerId: c.id,
            planId: staticPlan.id,
            routerId: routerB.id,
            username: unique('ip'),
            staticIp: '10.99.0.1',
          },
        }),
      ),
    );
    expect(sameIp.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of sameIp.filter((x) => x.statusCode === 409)) {
      expect(r.json<{ code: string }>().code).toBe('static_ip_taken');
    }
    const base = unique('Concurrent Plan');
    const plans = await Promise.all(
      [base, `${base}!`, `${base} `.replace(/ /g, '-')].map((name) =>
        admin.request({
          method: 'POST',
          url: '/api/v1/plans',
          payload: { name, type: 'pppoe', downloadKbps: 1000, uploadKbps: 500, price: 1 },
        }),
      ),
    );
    expect(plans.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(plans.map((r) => r.json<{ profileName: string }>().profileName)).size).toBe(3);
  });

  it('follows the lifecycle state machine, marking the router on every step and refusing invalid transitions', async () => {
    const c = await make.customer();
    const sub = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
      activate: false,
    });
    expect(sub.status).toBe('pending');
    const act = (action: string): Promise<LightMyRequestResponse> =>
      admin.request({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/${action}` });

    const invalid = async (action: string): Promise<void> => {
      await clearReconciles(env.deps.db);
      const before = await snapshot(env.deps.db);
      const body = expectProblem(await act(action), 409, 'invalid_transition');
      expect(String(body.detail)).toMatch(new RegExp(`Cannot ${action}`));
      expect(await snapshot(env.deps.db)).toEqual(before);
    };
    const valid = async (action: string, status: string): Promise<void> => {
      await clearReconciles(env.deps.db);
      const rev = await desiredRevision(env.deps.db, routerA.id);
      const res = ok<SubscriptionDto>(await act(action));
      expect(res).toMatchObject({ status, routerSync: 'pending' });
      await expectReconciles(env.deps.db, [routerA.id]);
      expect(await desiredRevision(env.deps.db, routerA.id)).toBe(rev + 1n);
      expect(String((await subscriptionRow(sub.id)).router_revision)).toBe(String(rev + 1n));
    };
    await invalid('isolate');
    await invalid('restore');
    await invalid('suspend');
    await valid('activate', 'active');
    await invalid('activate');
    await invalid('restore');
    await valid('isolate', 'isolated');
    await invalid('isolate');
    await valid('restore', 'active');
    await valid('suspend', 'suspended');
    await valid('restore', 'active');
    await valid('isolate', 'isolated');
    await valid('suspend', 'suspended');
    await valid('terminate', 'terminated');
    for (const action of ['activate', 'isolate', 'restore', 'suspend', 'terminate'])
      await invalid(action);
    expectProblem(
      await admin.request({
        method: 'POST',
        url: `/api/v1/subscriptions/${sub.id}/move`,
        payload: { routerId: routerB.id },
      }),
      409,
      'invalid_transition',
    );
    const actions = await rawRows(
      env.deps.db,
      sql`select action from audit_logs where entity_id = ${sub.id} order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'subscription.created',
      'subscription.activate',
      'subscription.isolate',
      'subscription.restore',
      'subscription.suspend',
      'subscription.restore',
      'subscription.isolate',
      'subscription.suspend',
      'subscription.terminate',
    ]);
    const finance = await env.agentFor('finance');
    expectProblem(
      await finance.request({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/isolate` }),
      403,
    );
  });

  it('changes plan now or from the next billing date', async () => {
    const c = await make.customer();
    const sub = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
      billingDay: 5,
    });
    await clearReconciles(env.deps.db);
    const url = `/api/v1/subscriptions/${sub.id}/change-plan`;
    const scheduled = ok<SubscriptionDto>(
      await admin.request({
        method: 'POST',
        url,
        payload: { planId: otherPlan.id, effective: 'next_period' },
      }),
    );
    expect(scheduled).toMatchObject({
      planId: plan.id,
      nextPlanId: otherPlan.id,
      nextPlanFrom: '2026-04-05',
    });
    // Nothing changes on the router until then.
    await expectReconciles(env.deps.db, []);
    ok(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/subscriptions/${sub.id}`,
        payload: { billingDay: 20 },
      }),
    );
    await expectReconciles(env.deps.db, []);
    const rescheduled = ok<SubscriptionDto>(
      await admin.request({
        method: 'POST',
        url,
        payload: { planId: otherPlan.id, effective: 'next_period' },
      }),
    );
    expect(rescheduled.nextPlanFrom).toBe('2026-03-20');

    const now = ok<SubscriptionDto>(
      await admin.request({ method: 'POST', url, payload: { planId: otherPlan.id } }),
    );
    expect(now).toMatchObject({
      planId: otherPlan.id,
      nextPlanId: null,
      nextPlanFrom: null,
      routerSync: 'pending',
    });
    await expectReconciles(env.deps.db, [routerA.id]);

    // The plan must be on the subscription's router, of the same type, and different.
    await clearReconciles(env.deps.db);
    const onlyB = await make.plan([routerB.id]);
    await clearReconciles(env.deps.db);
    const before = await snapshot(env.deps.db);
    expectProblem(await admin.request({ method: 'POST', url, payload: { planId: onlyB.id } }), 400);
    expectProblem(
      await admin.request({ method: 'POST', url, payload: { planId: staticPlan.id } }),
      400,
    );
    expectProblem(
      await admin.request({ method: 'POST', url, payload: { planId: otherPlan.id } }),
      400,
    );
    expectProblem(
      await admin.request({ method: 'POST', url, payload: { planId: randomUUID() } }),
      400,
    );
    expectProblem(await admin.request({ method: 'POST', url, payload: {} }), 400);
    expectProblem(
      await admin.request({
        method: 'POST',
        url: `/api/v1/subscriptions/${randomUUID()}/change-plan`,
        payload: { planId: plan.id },
      }),
      404,
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
    // A plan in use cannot be deleted or dropped from the router using it.
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/plans/${otherPlan.id}` }),
      409,
      'in_use',
    );
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/plans/${otherPlan.id}`,
        payload: { routerIds: [routerB.id] },
      }),
      409,
      'in_use',
    );
    expect(await snapshot(env.deps.db)).toEqual(before);
  });

  it('moves between routers, marking both, and updates credentials', async () => {
    const c = await make.customer();
    const sub = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
      password: 'first-pass',
    });
    await clearReconciles(env.deps.db);
    const revB = await desiredRevision(env.deps.db, routerB.id);
    const moved = ok<SubscriptionDto>(
      await admin.request({
        method: 'POST',
        url: `/api/v1/subscriptions/${sub.id}/move`,
        payload: { routerId: routerB.id },
      }),
    );
    expect(moved).toMatchObject({ routerId: routerB.id, routerSync: 'pending' });
    await expectReconciles(env.deps.db, [routerA.id, routerB.id]);
    expect(String((await subscriptionRow(sub.id)).router_revision)).toBe(String(revB + 1n));

    // Routers in use cannot be deleted.
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/routers/${routerB.id}` }),
      409,
      'in_use',
    );

    await clearReconciles(env.deps.db);
    const before = await snapshot(env.deps.db);
    for (const routerId of [routerB.id, randomUUID()]) {
      expectProblem(
        await admin.request({
          method: 'POST',
          url: `/api/v1/subscriptions/${sub.id}/move`,
          payload: { routerId },
        }),
        400,
      );
    }
    // otherPlan is only on router A: a subscription on it cannot move to B.
    const onA = await make.subscription({
      customerId: c.id,
      planId: otherPlan.id,
      routerId: routerA.id,
    });
    await clearReconciles(env.deps.db);
    const before2 = await snapshot(env.deps.db);
    expectProblem(
      await admin.request({
        method: 'POST',
        url: `/api/v1/subscriptions/${onA.id}/move`,
        payload: { routerId: routerB.id },
      }),
      400,
    );
    expect(await snapshot(env.deps.db)).toEqual(before2);
    expect(before['subscriptions']?.length).toBe((before2['subscriptions']?.length ?? 0) - 1);

    const updated = ok<SubscriptionDto>(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/subscriptions/${sub.id}`,
        payload: { password: 'second-pass' },
      }),
    );
    expect(updated.routerSync).toBe('pending');
    await expectReconciles(env.deps.db, [routerB.id]);
    const creds = ok<{ password: string }>(
      await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}/credentials` }),
    );
    expect(creds.password).toBe('second-pass');
    const dump = await rawRows(env.deps.db, sql`select t::text as row from subscriptions t`);
    expect(dump.map((r) => String(r.row)).join()).not.toMatch(/first-pass|second-pass/);
    const audit = await rawRows(env.deps.db, sql`select t::text as row from audit_logs t`);
    expect(audit.map((r) => String(r.row)).join()).not.toMatch(
      /first-pass|second-pass|router-secret-pw/,
    );
    expectProblem(
      await admin.request({ method: 'PATCH', url: `/api/v1/subscriptions/${sub.id}`, payload: {} }),
      400,
    );
  });

  it('marks the routers carrying a customer when its name (shown in router comments) changes', async () => {
    const c = await make.customer();
    const active = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
    });
    await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerB.id,
      activate: false,
    });
    await env.deps.db.execute(sql`update routers set synced_revision = desired_revision`);
    await clearReconciles(env.deps.db);
    ok(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        payload: { email: 'x@example.test' },
      }),
    );
    await expectReconciles(env.deps.db, []);
    ok(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        payload: { name: unique('Renamed') },
      }),
    );
    // Only router A carries one of its subscriptions; the pending one is not on B yet.
    await expectReconciles(env.deps.db, [routerA.id]);
    const got = ok<SubscriptionDto>(
      await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${active.id}` }),
    );
    expect(got.routerSync).toBe('pending');
  });

  it('deletes a customer only once no subscription is live', async () => {
    const c = await make.customer();
    const sub = await make.subscription({
      customerId: c.id,
      planId: plan.id,
      routerId: routerA.id,
    });
    expectProblem(
      await admin.request({ method: 'DELETE', url: `/api/v1/customers/${c.id}` }),
      409,
      'in_use',
    );
    ok(await admin.request({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/terminate` }));
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/v1/customers/${c.id}` })).statusCode,
    ).toBe(204);
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}` }),
      404,
    );
  });

  it('answers 404 on unknown ids for every subscription route', async () => {
    const id = randomUUID();
    for (const action of ['activate', 'isolate', 'restore', 'suspend', 'terminate']) {
      expectProblem(
        await admin.request({ method: 'POST', url: `/api/v1/subscriptions/${id}/${action}` }),
        404,
      );
    }
    expectProblem(await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${id}` }), 404);
    expectProblem(
      await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${id}/credentials` }),
      404,
    );
    expectProblem(
      await admin.request({
        method: 'PATCH',
        url: `/api/v1/subscriptions/${id}`,
        payload: { billingDay: 3 },
      }),
      404,
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: `/api/v1/subscriptions/${id}/move`,
        payload: { routerId: routerA.id },
      }),
      404,
    );
  });
});
