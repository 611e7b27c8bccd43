import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/lib/clock.ts';
import { applyScheduledPlanChanges } from '../src/modules/subscriptions/jobs.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { routerRevisions } from './support/network-fixtures.ts';

// 2026-03-10 09:00 in Jakarta.
const clock = new ManualClock('2026-03-10T02:00:00Z');
let env: TestEnv;
let admin: Agent;

beforeAll(async () => {
  env = await createTestEnv({ jobs: true, clock });
  admin = await env.agentFor('admin');
}, 60_000);
afterAll(async () => {
  await env.close();
});

async function post<T>(url: string, payload: unknown, status = 201): Promise<T> {
  const res = await admin.request({
    method: 'POST',
    url,
    payload: payload as Record<string, unknown>,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

describe('plan changes from the next period', () => {
  it('switch on their date, mark the router changed, and are audited', async () => {
    // Registered without connecting (no worker runs here, so the address is never dialled).
    const router = await post<{ id: string }>('/api/v1/routers', {
      name: 'R scheduled',
      addresses: ['127.0.0.1'],
      port: 1,
      username: 'u',
      password: 'p',
    });
    const slow = await post<{ id: string }>('/api/v1/plans', {
      name: 'Slow',
      type: 'pppoe',
      downloadKbps: 5000,
      uploadKbps: 1000,
      price: '100000',
      routerIds: [router.id],
    });
    const fast = await post<{ id: string }>('/api/v1/plans', {
      name: 'Fast',
      type: 'pppoe',
      downloadKbps: 20_000,
      uploadKbps: 5000,
      price: '200000',
      routerIds: [router.id],
    });
    const customer = await post<{ id: string }>('/api/v1/customers', { name: 'Sari' });
    const sub = await post<{ id: string }>('/api/v1/subscriptions', {
      customerId: customer.id,
      planId: slow.id,
      routerId: router.id,
      username: 'sari-sched',
      billingDay: 15,
    });
    const scheduled = await post<{ planId: string; nextPlanId: string; nextPlanFrom: string }>(
      `/api/v1/subscriptions/${sub.id}/change-plan`,
      { planId: fast.id, effective: 'next_period' },
      200,
    );
    expect(scheduled).toMatchObject({
      planId: slow.id,
      nextPlanId: fast.id,
      nextPlanFrom: '2026-03-15',
    });

    const before = await routerRevisions(env.deps, router.id);
    expect(await applyScheduledPlanChanges(env.deps)).toBe(0);

    // 2026-03-14 23:30 in Jakarta is still the day before.
    clock.set('2026-03-14T16:30:00Z');
    expect(await applyScheduledPlanChanges(env.deps)).toBe(0);
    // 2026-03-15 00:30 in Jakarta (still the 14th in UTC): due.
    clock.set('2026-03-14T17:30:00Z');
    expect(await applyScheduledPlanChanges(env.deps)).toBe(1);

    const after = await admin.request({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}` });
    expect(after.json()).toMatchObject({
      planId: fast.id,
      nextPlanId: null,
      nextPlanFrom: null,
      routerSync: 'pending',
    });
    expect((await routerRevisions(env.deps, router.id)).desired).toBeGreaterThan(before.desired);
    const audit = await admin.request({
      method: 'GET',
      url: `/api/v1/audit-logs?entityType=subscription&entityId=${sub.id}&action=subscription.plan_changed`,
    });
    expect(audit.json<{ data: { actorType: string }[] }>().data[0]?.actorType).toBe('system');
    expect(await applyScheduledPlanChanges(env.deps)).toBe(0);
  });
});
