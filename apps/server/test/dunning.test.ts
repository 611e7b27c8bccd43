import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, invoices, routers, subscriptions } from '../src/db/schema/index.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { rowsOf } from '../src/lib/sql-helpers.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { BILLING_SETTINGS_KEY } from '../src/modules/billing-settings/service.ts';
import { dunningRunJob } from '../src/modules/dunning/jobs.ts';
import { runDunning } from '../src/modules/dunning/service.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  clearReconciles,
  desiredRevision,
  expectProblem,
  expectReconciles,
  ok,
} from './support/network.ts';
import { insertPlan, insertSubscription } from './support/network-fixtures.ts';

// 10:00 in Jakarta.
const clock = new ManualClock('2026-04-20T03:00:00Z');
let env: TestEnv;
let admin: Agent;
let planId = '';
const routerIds: string[] = [];
let seq = 0;

async function insertRouterRow(): Promise<string> {
  seq += 1;
  const [r] = await env.deps.db
    .insert(routers)
    .values({
      name: `dun-router-${seq}`,
      addresses: ['192.0.2.1'],
      port: 8728,
      transport: 'api',
      username: 'x',
      passwordEnc: env.deps.secretBox.encrypt('pw', 'routers.password'),
    })
    .returning({ id: routers.id });
  return r!.id;
}

let invoiceSeq = 0;
async function overdueInvoice(
  customerId: string,
  subscriptionId: string | null,
  dueDate: string,
): Promise<string> {
  invoiceSeq += 1;
  const [row] = await env.deps.db
    .insert(invoices)
    .values({
      number: `DUN-2026-${String(invoiceSeq).padStart(6, '0')}`,
      customerId,
      subscriptionId,
      kind: subscriptionId ? 'subscription' : 'manual',
      periodStart: subscriptionId ? `2026-0${invoiceSeq % 9 || 1}-01` : null,
      periodEnd: subscriptionId ? `2026-0${invoiceSeq % 9 || 1}-28` : null,
      issueDate: '2026-03-01',
      dueDate,
      status: 'issued',
      subtotal: 100_000n,
      tax: 11_000n,
      total: 111_000n,
    })
    .returning({ id: invoices.id });
  return row!.id;
}

async function status(id: string): Promise<{ status: string; isolatedBy: string | null }> {
  const [s] = await env.deps.db
    .select({ status: subscriptions.status, isolatedBy: subscriptions.isolatedBy })
    .from(subscriptions)
    .where(eq(subscriptions.id, id));
  return s!;
}

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
  routerIds.push(await insertRouterRow(), await insertRouterRow());
  planId = await insertPlan(env.deps, routerIds);
}, 60_000);
afterAll(async () => {
  await env.close();
});

describe('dunning pass', () => {
  it('isolates every subscription of a customer with an overdue manual invoice, one bump and one reconcile per router', async () => {
    const a = await insertSubscription(env.deps, {
      routerId: routerIds[0]!,
      planId,
      username: 'dm-a',
    });
    const b = await insertSubscription(env.deps, {
      routerId: routerIds[1]!,
      planId,
      username: 'dm-b',
    });
    const c = await insertSubscription(env.deps, {
      routerId: routerIds[1]!,
      planId,
      username: 'dm-c',
    });
    await env.deps.db
      .update(subscriptions)
      .set({ customerId: a.customerId })
      .where(sql`${subscriptions.id} in (${b.id}, ${c.id})`);
    await overdueInvoice(a.customerId, null, '2026-04-10');
    // Another customer, auto-isolation off: reminded, never isolated.
    const off = await insertSubscription(env.deps, {
      routerId: routerIds[0]!,
      planId,
      username: 'dm-off',
    });
    await env.deps.db
      .update(subscriptions)
      .set({ autoIsolate: false })
      .where(eq(subscriptions.id, off.id));
    await overdueInvoice(off.customerId, off.id, '2026-04-10');

    await clearReconciles(env.deps.db);
    const before = await Promise.all(routerIds.map((r) => desiredRevision(env.deps.db, r)));
    const r = await runDunning(env.deps, systemContext(), { asOf: '2026-04-20', dryRun: false });
    expect(r).toMatchObject({ overdue: 2, isolated: 3, routers: 2 });
    const after = await Promise.all(routerIds.map((id) => desiredRevision(env.deps.db, id)));
    expect(after).toEqual(before.map((v) => v + 1n));
    await expectReconciles(env.deps.db, routerIds);
    for (const s of [a, b, c])
      expect(await status(s.id)).toEqual({ status: 'isolated', isolatedBy: 'dunning' });
    const [row] = await env.deps.db
      .select({ rev: subscriptions.routerRevision })
      .from(subscriptions)
      .where(eq(subscriptions.id, b.id));
    expect(row!.rev).toBe(after[1]);
    expect(await status(off.id)).toEqual({ status: 'active', isolatedBy: null });

    // Rerun: nothing moves.
    const again = await runDunning(env.deps, systemContext(), {
      asOf: '2026-04-20',
      dryRun: false,
    });
    expect(again).toMatchObject({ overdue: 0, isolated: 0, routers: 0 });
    expect(await Promise.all(routerIds.map((id) => desiredRevision(env.deps.db, id)))).toEqual(
      after,
    );
  });

  it('suspends and terminates after the configured days', async () => {
    await env.deps.db
      .execute(sql`insert into app_settings (key, value) values (${BILLING_SETTINGS_KEY},
      ${JSON.stringify({ dunning: { reminderDays: [], suspendAfterDays: 20, terminateAfterDays: 40 } })}::jsonb)
      on conflict (key) do update set value = excluded.value`);
    const s1 = await insertSubscription(env.deps, {
      routerId: routerIds[0]!,
      planId,
      username: 'dm-susp',
    });
    const s2 = await insertSubscription(env.deps, {
      routerId: routerIds[0]!,
      planId,
      username: 'dm-term',
    });
    await overdueInvoice(s1.customerId, s1.id, '2026-03-25'); // 26 days past due
    await overdueInvoice(s2.customerId, s2.id, '2026-03-05'); // 46 days past due
    const r = await runDunning(env.deps, systemContext(), { asOf: '2026-04-20', dryRun: false });
    expect(r).toMatchObject({ suspended: 1, terminated: 1, isolated: 0 });
    expect(r.preview.map((p) => `${p.action}:${p.username}`).sort()).toEqual([
      'suspend:dm-susp',
      'terminate:dm-term',
    ]);
    expect(await status(s1.id)).toMatchObject({ status: 'suspended' });
    expect(await status(s2.id)).toMatchObject({ status: 'terminated' });
    await env.deps.db.execute(sql`delete from app_settings where key = ${BILLING_SETTINGS_KEY}`);
  });

  it('the daily job runs the pass for today', async () => {
    const s = await insertSubscription(env.deps, {
      routerId: routerIds[0]!,
      planId,
      username: 'dm-job',
    });
    await overdueInvoice(s.customerId, s.id, '2026-04-15');
    await dunningRunJob.handler({}, env.deps, {
      id: 'test',
      retryCount: 0,
      signal: new AbortController().signal,
    });
    expect(await status(s.id)).toEqual({ status: 'isolated', isolatedBy: 'dunning' });
  });
});

describe('dunning API', () => {
  it('runs with a dry-run preview and refuses bad input', async () => {
    const s = await insertSubscription(env.deps, {
      routerId: routerIds[1]!,
      planId,
      username: 'dm-api',
    });
    await overdueInvoice(s.customerId, s.id, '2026-04-01');
    const dry = ok<{ isolated: number; dryRun: boolean; preview: { username: string }[] }>(
      await admin.request({
        method: 'POST',
        url: '/api/v1/dunning/run',
        payload: { dryRun: true },
      }),
    );
    expect(dry).toMatchObject({ dryRun: true, isolated: 1 });
    expect(dry.preview[0]!.username).toBe('dm-api');
    expect(await status(s.id)).toEqual({ status: 'active', isolatedBy: null });
    expectProblem(
      await admin.request({ method: 'POST', url: '/api/v1/dunning/run', payload: {} }),
      400,
    );
    expectProblem(
      await admin.request({
        method: 'POST',
        url: '/api/v1/dunning/run',
        payload: { dryRun: false, asOf: '2026-02-30' },
      }),
      400,
    );
    const tech = await env.agentFor('technician');
    expectProblem(
      await tech.request({ method: 'POST', url: '/api/v1/dunning/run', payload: { dryRun: true } }),
      403,
    );
  });

  it('a promise to pay lifts a dunning isolation now and protects until the date; audited', async () => {
    const s = await insertSubscription(env.deps, {
      routerId: routerIds[1]!,
      planId,
      username: 'dm-ptp',
    });
    await overdueInvoice(s.customerId, s.id, '2026-04-01');
    await runDunning(env.deps, systemContext(), { dryRun: false });
    expect(await status(s.id)).toEqual({ status: 'isolated', isolatedBy: 'dunning' });
    const rev = await desiredRevision(env.deps.db, routerIds[1]!);
    const out = ok<{ promiseToPayUntil: string }>(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/customers/${s.customerId}/dunning`,
        payload: { exempt: false, promiseToPayUntil: '2026-04-25' },
      }),
    );
    expect(out.promiseToPayUntil).toBe('2026-04-25');
    expect(await status(s.id)).toEqual({ status: 'active', isolatedBy: null });
    expect(await desiredRevision(env.deps.db, routerIds[1]!)).toBe(rev + 1n);
    expect(
      (
        await runDunning(env.deps, systemContext(), { asOf: '2026-04-25', dryRun: false })
      ).preview.map((p) => p.username),
    ).not.toContain('dm-ptp');
    expect(
      (
        await runDunning(env.deps, systemContext(), { asOf: '2026-04-26', dryRun: false })
      ).preview.map((p) => p.username),
    ).toContain('dm-ptp');
    const audit = await rowsOf<{ n: number }>(
      env.deps.db.execute(
        sql`select count(*)::int as n from audit_logs where action = 'customer.dunning' and entity_id = ${s.customerId}`,
      ),
    );
    expect(audit[0]!.n).toBe(1);
    const [c] = await env.deps.db
      .select({ until: customers.promiseToPayUntil })
      .from(customers)
      .where(eq(customers.id, s.customerId));
    expect(c!.until).toBe('2026-04-25');

    expectProblem(
      await admin.request({
        method: 'PUT',
        url: '/api/v1/customers/00000000-0000-4000-8000-000000000000/dunning',
        payload: { exempt: true, promiseToPayUntil: null },
      }),
      404,
    );
    expectProblem(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/customers/${s.customerId}/dunning`,
        payload: { exempt: 'yes' },
      }),
      400,
    );
  });
});
