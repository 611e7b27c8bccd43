import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dunningEvents, invoices, notifications, subscriptions } from '../src/db/schema/index.ts';
import { defineJob } from '../src/jobs/define-job.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { systemContext } from '../src/modules/auth/principal.ts';
import { runInvoices } from '../src/modules/billing/invoice-run.ts';
import { sendNotificationsJob } from '../src/modules/notifications/jobs.ts';
import { markRouterChanged } from '../src/modules/reconcile/sync-request.ts';
import { reconcileRouterJob } from '../src/modules/reconcile/jobs.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { startHttpReceiver, type HttpReceiver } from './support/http-receiver.ts';
import { ok } from './support/network.ts';
import {
  insertPlan,
  insertRouter,
  insertSubscription,
  routerRevisions,
  setSubscription,
} from './support/network-fixtures.ts';

// The production retry policy backs off over minutes; retried every second keeps this short.
const fastReconcile = defineJob({
  ...reconcileRouterJob,
  retry: { limit: 60, delaySeconds: 1, backoff: false },
});

/** 10:00 in Jakarta on a calendar date. */
const at = (date: string): string => `${date}T03:00:00Z`;
const clock = new ManualClock(at('2026-01-25'));
let env: TestEnv;
let admin: Agent;
let finance: Agent;
let wa: HttpReceiver;
let sim: Simulator;
let client: RouterOSClient;
let routerId = '';
const PROFILE = 'jaring-scn-10';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function converged(): Promise<void> {
  await waitFor(async () => {
    const r = await routerRevisions(env.deps, routerId);
    return r.synced === r.desired;
  });
}

async function secret(name: string): Promise<Row | undefined> {
  return (await client.exec('/ppp/secret/print')).rows.find((r) => r.name === name);
}

async function dunningVia(asOf: string, dryRun = false): Promise<Record<string, unknown>> {
  return ok<Record<string, unknown>>(
    await admin.request({
      method: 'POST',
      url: '/api/v1/dunning/run',
      payload: { asOf, dryRun },
    }),
  );
}

/** Moves the clock to 10:00 of a day; sessions of a month ago have expired, so log in again. */
async function day(date: string): Promise<void> {
  clock.set(at(date));
  admin = await env.agentFor('admin');
  finance = await env.agentFor('finance');
}

async function subStatus(id: string): Promise<{ status: string; isolatedBy: string | null }> {
  const [s] = await env.deps.db
    .select({ status: subscriptions.status, isolatedBy: subscriptions.isolatedBy })
    .from(subscriptions)
    .where(eq(subscriptions.id, id));
  return s!;
}

async function queued(customerId: string): Promise<string[]> {
  const rows = await env.deps.db
    .select({ key: notifications.dedupeKey })
    .from(notifications)
    .where(eq(notifications.customerId, customerId))
    .orderBy(notifications.createdAt, notifications.dedupeKey);
  return rows.map((r) => r.key);
}

beforeAll(async () => {
  wa = await startHttpReceiver();
  env = await createTestEnv({
    worker: true,
    clock,
    jobDefinitions: [fastReconcile, sendNotificationsJob],
  });
  admin = await env.agentFor('admin');
  finance = await env.agentFor('finance');
  sim = await startSimulator({ user: 'jaring', password: 'router-pw', latencyMs: 1 });
  client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: 'jaring',
    password: 'router-pw',
  });
  routerId = await insertRouter(env.deps, sim, {
    isolationMode: 'profile',
    isolationPool: '172.30.0.2-172.30.0.254',
  });
  ok(
    await admin.request({
      method: 'PUT',
      url: '/api/v1/settings/notifications',
      payload: {
        email: {
          enabled: false,
          host: null,
          port: 587,
          secure: false,
          user: null,
          from: null,
          ratePerMinute: 60,
        },
        whatsapp: {
          enabled: true,
          url: `${wa.url}/send`,
          method: 'POST',
          headers: { Authorization: '{{token}}' },
          bodyTemplate: 'target={{to}}&message={{message}}',
          format: 'form',
          token: 'tok',
          ratePerMinute: 100,
        },
        telegram: {
          enabled: false,
          baseUrl: 'https://api.telegram.org',
          ratePerMinute: 30,
        },
        maxAttempts: 3,
      },
    }),
  );
}, 60_000);

afterAll(async () => {
  await client.close();
  await env.close();
  await sim.close();
  await wa.close();
});

describe('reminder -> overdue -> isolate -> pay -> restore -> next period', () => {
  it('follows one customer through a month of dunning, on the router', async () => {
    const planId = await insertPlan(env.deps, [routerId], {
      profileName: PROFILE,
      price: 150_000n,
    });
    const subs: Record<
      'late' | 'exempt' | 'promise' | 'staff',
      { id: string; customerId: string }
    > = {
      late: await insertSubscription(env.deps, { routerId, planId, username: 'scn-late' }),
      exempt: await insertSubscription(env.deps, { routerId, planId, username: 'scn-exempt' }),
      promise: await insertSubscription(env.deps, { routerId, planId, username: 'scn-promise' }),
      staff: await insertSubscription(env.deps, { routerId, planId, username: 'scn-staff' }),
    };
    let n = 0;
    for (const s of Object.values(subs)) {
      n += 1;
      await setSubscription(env.deps, s.id, {
        startDate: '2026-02-01',
        billingDay: 1,
        billingMode: 'prepaid',
        invoiceLeadDays: 7,
        dueOffsetDays: 7,
        graceDays: 3,
      });
      await env.deps.db.execute(
        sql`update customers set phone = ${`08123000${n}`}, locale = 'en' where id = ${s.customerId}`,
      );
    }
    // Staff isolated one subscription for abuse; dunning must leave it as it is.
    await setSubscription(env.deps, subs.staff.id, { status: 'isolated', isolatedBy: 'staff' });
    // The fixtures wrote rows directly: have the router provisioned.
    await env.deps.db.transaction(async (tx) => {
      await markRouterChanged(env.deps, tx, routerId);
    });
    ok(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/customers/${subs.exempt.customerId}/dunning`,
        payload: { exempt: true, promiseToPayUntil: null },
      }),
    );
    ok(
      await admin.request({
        method: 'PUT',
        url: `/api/v1/customers/${subs.promise.customerId}/dunning`,
        payload: { exempt: false, promiseToPayUntil: '2026-02-20' },
      }),
    );

    // Jan 25: February's invoices are issued (due Feb 8) and announced by the invoice run.
    const run = await runInvoices(env.deps, systemContext(), { asOf: '2026-01-25', dryRun: false });
    expect(run.count).toBe(4);
    const [inv] = await env.deps.db
      .select()
      .from(invoices)
      .where(eq(invoices.subscriptionId, subs.late.id));
    expect(inv).toMatchObject({ dueDate: '2026-02-08', status: 'issued' });
    const day0 = await dunningVia('2026-01-25');
    expect(day0).toMatchObject({ overdue: 0, reminders: 0, isolated: 0 });
    expect(await queued(subs.late.customerId)).toEqual([`invoice:${inv!.id}:whatsapp`]);

    // Feb 5: three days before due.
    await day('2026-02-05');
    expect(await dunningVia('2026-02-05')).toMatchObject({ reminders: 4, overdue: 0 });
    // Feb 8: due today.
    await day('2026-02-08');
    expect(await dunningVia('2026-02-08')).toMatchObject({ reminders: 4, overdue: 0 });
    // Feb 9: overdue, still within grace.
    await day('2026-02-09');
    expect(await dunningVia('2026-02-09')).toMatchObject({ overdue: 4, isolated: 0 });
    // Feb 11: overdue reminder; grace ends today (due + 3), not isolated yet.
    await day('2026-02-11');
    expect(await dunningVia('2026-02-11')).toMatchObject({ reminders: 4, isolated: 0 });
    expect(await queued(subs.late.customerId)).toEqual([
      `invoice:${inv!.id}:whatsapp`,
      `reminder:${inv!.id}:-3:whatsapp`,
      `reminder:${inv!.id}:0:whatsapp`,
      `reminder:${inv!.id}:3:whatsapp`,
    ]);
    await converged();
    expect(await secret('scn-late')).toMatchObject({ profile: PROFILE, disabled: 'false' });

    // Feb 12: past grace. The dry run previews and changes nothing.
    await day('2026-02-12');
    const preview = await dunningVia('2026-02-12', true);
    expect(preview).toMatchObject({ dryRun: true, isolated: 1, routers: 1 });
    expect(preview['preview']).toEqual([
      expect.objectContaining({ action: 'isolate', subscriptionId: subs.late.id }),
    ]);
    expect(await subStatus(subs.late.id)).toEqual({ status: 'active', isolatedBy: null });
    const before = await routerRevisions(env.deps, routerId);
    const day12 = await dunningVia('2026-02-12');
    expect(day12).toMatchObject({ isolated: 1, routers: 1, suspended: 0 });
    expect((await routerRevisions(env.deps, routerId)).desired).toBe(before.desired + 1n);
    expect(await subStatus(subs.late.id)).toEqual({ status: 'isolated', isolatedBy: 'dunning' });
    expect(await subStatus(subs.exempt.id)).toEqual({ status: 'active', isolatedBy: null });
    expect(await subStatus(subs.promise.id)).toEqual({ status: 'active', isolatedBy: null });
    expect(await subStatus(subs.staff.id)).toEqual({ status: 'isolated', isolatedBy: 'staff' });
    // A rerun the same day does nothing more.
    expect(await dunningVia('2026-02-12')).toMatchObject({
      isolated: 0,
      reminders: 0,
      notifications: 0,
    });
    const events = await env.deps.db
      .select({ key: dunningEvents.key })
      .from(dunningEvents)
      .where(
        and(eq(dunningEvents.subscriptionId, subs.late.id), eq(dunningEvents.kind, 'isolate')),
      );
    expect(events).toEqual([{ key: `isolate:${subs.late.id}:${inv!.id}` }]);
    expect(await queued(subs.late.customerId)).toContain(
      `isolate:${subs.late.id}:${inv!.id}:whatsapp`,
    );

    // The reconciler puts the secret on the isolation profile.
    await converged();
    expect(await secret('scn-late')).toMatchObject({ profile: 'jaring-isolir' });
    expect(await secret('scn-exempt')).toMatchObject({ profile: PROFILE });
    expect(await secret('scn-staff')).toMatchObject({ profile: 'jaring-isolir' });

    // The messages went out once each, in the customer's language, through the gateway.
    await waitFor(async () => wa.requests.length >= 4 * 4 + 1);
    const toLate = wa.requests
      .map((r) => new URLSearchParams(r.body))
      .filter((p) => p.get('target') === '6281230001');
    expect(toLate).toHaveLength(5);
    expect(toLate.map((p) => p.get('message')).at(-1)).toContain('is isolated because invoice');
    expect(toLate.some((p) => p.get('message')?.includes(`${inv!.number} for Rp 166.500`))).toBe(
      true,
    );

    // Feb 13: the customer pays at the cashier; the isolation is lifted, on the router too.
    await day('2026-02-13');
    ok(
      await finance.request({
        method: 'POST',
        url: '/api/v1/payments',
        payload: {
          customerId: subs.late.customerId,
          method: 'cash',
          amount: inv!.total.toString(),
        },
      }),
      201,
    );
    expect(await subStatus(subs.late.id)).toEqual({ status: 'active', isolatedBy: null });
    await converged();
    expect(await secret('scn-late')).toMatchObject({ profile: PROFILE, disabled: 'false' });
    expect(await dunningVia('2026-02-13')).toMatchObject({ isolated: 0 });
    expect(await subStatus(subs.staff.id)).toEqual({ status: 'isolated', isolatedBy: 'staff' });

    // Feb 21: the promise ran out unpaid; that customer is isolated now.
    await day('2026-02-21');
    expect(await dunningVia('2026-02-21')).toMatchObject({ isolated: 1 });
    expect(await subStatus(subs.promise.id)).toEqual({ status: 'isolated', isolatedBy: 'dunning' });
    expect(await subStatus(subs.late.id)).toEqual({ status: 'active', isolatedBy: null });

    // Feb 22: March is invoiced, once, whatever reruns.
    await day('2026-02-22');
    const march = await runInvoices(env.deps, systemContext(), {
      asOf: '2026-02-22',
      dryRun: false,
    });
    expect(march.count).toBe(4);
    expect(
      (await runInvoices(env.deps, systemContext(), { asOf: '2026-02-22', dryRun: false })).count,
    ).toBe(0);
    const lateInvoices = await env.deps.db
      .select({ periodStart: invoices.periodStart, status: invoices.status })
      .from(invoices)
      .where(eq(invoices.subscriptionId, subs.late.id))
      .orderBy(invoices.periodStart);
    expect(lateInvoices).toEqual([
      { periodStart: '2026-02-01', status: 'paid' },
      { periodStart: '2026-03-01', status: 'issued' },
    ]);
  }, 120_000);
});
