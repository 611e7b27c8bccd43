import { PoolRegistry, RouterOSClient } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { integrationLog } from '../src/db/schema/index.ts';
import { defineJob } from '../src/jobs/define-job.ts';
import { reconcileRouterJob } from '../src/modules/reconcile/jobs.ts';
import { markRouterChanged } from '../src/modules/reconcile/sync-request.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  insertPlan,
  insertRouter,
  insertSubscription,
  routerRevisions,
} from './support/network-fixtures.ts';

// The production retry policy backs off over minutes; the same job retried every second keeps
// this test short without changing what runs.
const fastReconcile = defineJob({
  ...reconcileRouterJob,
  retry: { limit: 60, delaySeconds: 1, backoff: false },
});

let env: TestEnv;
let sim: Simulator;
let admin: Agent;

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  env = await createTestEnv({ worker: true, jobDefinitions: [fastReconcile] });
  await env.deps.routerPools.closeAll();
  env.deps.routerPools = new PoolRegistry({ breaker: { resetTimeoutMs: 500 }, size: 2 });
  sim = await startSimulator({ user: 'jaring', password: 'router-pw', latencyMs: 2 });
  admin = await env.agentFor('admin');
}, 60_000);

afterAll(async () => {
  await env.close();
  await sim.close();
});

describe('router work survives an offline router', () => {
  it('100 changes made while the router is down are all applied exactly once when it returns', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-outage' });
    await sim.setFaults({ refuse: true });
    sim.dropConnections();

    const subs: string[] = [];
    for (let i = 0; i < 100; i++) {
      await env.deps.db.transaction(async (tx) => {
        const s = await insertSubscription(
          env.deps,
          { routerId, planId, username: `outage-${i}` },
          tx,
        );
        subs.push(s.id);
        await markRouterChanged(env.deps, tx, routerId);
      });
    }
    await waitFor(async () => {
      const res = await admin.request({ method: 'GET', url: `/api/v1/routers/${routerId}/log` });
      return res.json<{ data: { ok: boolean }[] }>().data.some((e) => !e.ok);
    }, 20_000);

    await sim.setFaults({ refuse: false });
    await waitFor(async () => {
      const r = await routerRevisions(env.deps, routerId);
      return r.synced === r.desired;
    }, 30_000);

    const client = new RouterOSClient({
      addresses: [{ host: sim.host, port: sim.port }],
      user: 'jaring',
      password: 'router-pw',
    });
    try {
      const secrets = (await client.exec('/ppp/secret/print')).rows.filter((r) =>
        r.name?.startsWith('outage-'),
      );
      expect(secrets).toHaveLength(100);
      expect(new Set(secrets.map((s) => s.name)).size).toBe(100);
    } finally {
      await client.close();
    }
    const adds = await env.deps.db
      .select({ subscriptionId: integrationLog.subscriptionId, n: sql<number>`count(*)::int` })
      .from(integrationLog)
      .where(
        and(
          eq(integrationLog.routerId, routerId),
          eq(integrationLog.operation, '/ppp/secret/add'),
          eq(integrationLog.ok, true),
        ),
      )
      .groupBy(integrationLog.subscriptionId);
    expect(adds).toHaveLength(100);
    expect(adds.every((a) => a.n === 1)).toBe(true);
    expect(new Set(adds.map((a) => a.subscriptionId))).toEqual(new Set(subs));
  }, 60_000);
});

describe('router actions', () => {
  it('tests a saved router and records identity and version', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const res = await admin.request({ method: 'POST', url: `/api/v1/routers/${routerId}/test` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, identity: 'MikroTik', error: null });
    expect(res.json<{ version: string }>().version).toMatch(/^\d+\.\d+/);
  });

  it('tests unsaved settings: wrong password and unreachable routers are 422 with a clear code', async () => {
    const base = { addresses: [sim.host], port: sim.port, username: 'jaring' };
    const ok = await admin.request({
      method: 'POST',
      url: '/api/v1/routers/test-connection',
      payload: { ...base, password: 'router-pw' },
    });
    expect(ok.statusCode).toBe(200);
    const wrong = await admin.request({
      method: 'POST',
      url: '/api/v1/routers/test-connection',
      payload: { ...base, password: 'nope' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'router_auth_failed' });
    const dead = await startSimulator({});
    const port = dead.port;
    await dead.close();
    const down = await admin.request({
      method: 'POST',
      url: '/api/v1/routers/test-connection',
      payload: { ...base, port, password: 'router-pw' },
    });
    expect(down.statusCode).toBe(422);
    expect(down.json()).toMatchObject({ code: 'router_unreachable' });
  });

  it('shows drift without changing anything, and sync now converges it', async () => {
    // A router of its own: two database routers pointing at one device would fight over it.
    const own = await startSimulator({ user: 'jaring', password: 'router-pw' });
    onTestFinished(() => own.close());
    const routerId = await insertRouter(env.deps, own);
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-drift-api' });
    await insertSubscription(env.deps, { routerId, planId, username: 'drift-api' });
    const drift = await admin.request({ method: 'GET', url: `/api/v1/routers/${routerId}/drift` });
    expect(drift.statusCode).toBe(200);
    const body = drift.json<{
      inSync: boolean;
      menus: { path: string; changes: { op: string; key: string; changed: string[] }[] }[];
    }>();
    expect(body.inSync).toBe(false);
    expect(body.menus.find((m) => m.path === '/ppp/secret')?.changes).toEqual([
      { op: 'add', key: 'drift-api', changed: [] },
    ]);
    expect(drift.body).not.toContain('secret-pw');

    const sync = await admin.request({ method: 'POST', url: `/api/v1/routers/${routerId}/sync` });
    expect(sync.statusCode).toBe(202);
    await waitFor(async () => {
      const d = await admin.request({ method: 'GET', url: `/api/v1/routers/${routerId}/drift` });
      return d.json<{ inSync: boolean }>().inSync;
    }, 15_000);
  });

  it('adding a router with verify refuses wrong credentials and saves nothing, and records facts on success', async () => {
    const count = async (): Promise<number> =>
      (await admin.request({ method: 'GET', url: '/api/v1/routers?limit=200' })).json<{
        data: unknown[];
      }>().data.length;
    const before = await count();
    const base = { addresses: [sim.host], port: sim.port, username: 'jaring', verify: true };
    const wrong = await admin.request({
      method: 'POST',
      url: '/api/v1/routers',
      payload: { ...base, name: 'Verify wrong', password: 'wrong' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'router_auth_failed' });
    expect(await count()).toBe(before);

    const good = await admin.request({
      method: 'POST',
      url: '/api/v1/routers',
      payload: { ...base, name: 'Verify good', password: 'router-pw' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ identity: 'MikroTik', status: { online: true } });
    expect(good.json<{ rosVersion: string }>().rosVersion).toMatch(/^\d/);
    expect(await count()).toBe(before + 1);
  });

  it('a call-log cursor outside the id range is a 400, not a database error', async () => {
    const routerId = await insertRouter(env.deps, sim);
    for (const cursor of ['9999999999999999999', 'abc', '-1']) {
      const res = await admin.request({
        method: 'GET',
        url: `/api/v1/routers/${routerId}/log?cursor=${cursor}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('unknown router ids are 404 and change nothing', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [method, url] of [
      ['POST', `/api/v1/routers/${id}/test`],
      ['POST', `/api/v1/routers/${id}/sync`],
      ['GET', `/api/v1/routers/${id}/drift`],
    ] as const) {
      const res = await admin.request({ method, url });
      expect(res.statusCode).toBe(404);
    }
  });
});
