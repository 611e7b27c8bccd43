import { RouterOSClient } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriptions } from '../src/db/schema/index.ts';
import { reconcileRouter } from '../src/modules/reconcile/reconciler.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertPlan, insertRouter, insertSubscription } from './support/network-fixtures.ts';

let env: TestEnv;
let sim: Simulator;
let client: RouterOSClient;
let admin: Agent;
let routerId: string;

interface Preview {
  profiles: {
    profile: string;
    type: string;
    importable: boolean;
    downloadKbps: number | null;
    uploadKbps: number | null;
    users: number;
  }[];
  users: {
    username: string;
    action: string;
    reason: string | null;
    staticIp: string | null;
    disabled: boolean;
  }[];
  counts: { found: number; importable: number; skipped: number };
}

beforeAll(async () => {
  env = await createTestEnv({ jobs: true });
  sim = await startSimulator({ user: 'jaring', password: 'router-pw', seed: 500, randomSeed: 7 });
  client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: 'jaring',
    password: 'router-pw',
  });
  admin = await env.agentFor('admin');
  routerId = await insertRouter(env.deps, sim);
  // One user name on the router is already a Jaring subscription elsewhere.
  const other = await startSimulator({ user: 'jaring', password: 'router-pw' });
  const otherRouter = await insertRouter(env.deps, other);
  await other.close();
  const plan = await insertPlan(env.deps, [otherRouter], { profileName: 'jaring-elsewhere' });
  await insertSubscription(env.deps, {
    routerId: otherRouter,
    planId: plan,
    username: 'cust00001',
  });
}, 60_000);

afterAll(async () => {
  await client.close();
  await env.close();
  await sim.close();
});

describe('import from a router', () => {
  it('previews what it will import and what it will skip, changing nothing', async () => {
    const before = (await client.exec('/ppp/secret/print')).rows;
    const res = await admin.request({ method: 'GET', url: `/api/v1/routers/${routerId}/import` });
    expect(res.statusCode).toBe(200);
    const p = res.json<Preview>();
    expect(p.counts.found).toBe(550); // 500 PPPoE secrets + 50 hotspot vouchers
    const taken = p.users.find((u) => u.username === 'cust00001');
    expect(taken?.action).toBe('skip');
    expect(taken?.reason).toMatch(/already uses/);
    const home10 = p.profiles.find((x) => x.profile === 'home-10M');
    expect(home10).toMatchObject({
      type: 'pppoe',
      importable: true,
      downloadKbps: 10_000,
      uploadKbps: 5_000,
    });
    expect(
      p.users.filter((u) => u.action === 'import' && u.username.startsWith('cust')),
    ).toHaveLength(499);
    expect(p.users.find((u) => u.username === 'cust00002')?.staticIp).toMatch(/^10\.10\./);
    expect(res.body).not.toMatch(/"password"/);
    expect((await client.exec('/ppp/secret/print')).rows).toEqual(before);
  });

  it('imports 500 secrets as plans, customers and subscriptions, then adopts them without kicking anyone', async () => {
    const activeBefore = (await client.exec('/ppp/active/print')).rows.length;
    const res = await admin.request({
      method: 'POST',
      url: `/api/v1/routers/${routerId}/import`,
      payload: { prices: { 'home-10M': '150000', 'biz-100M': 1_500_000 }, defaultPrice: '200000' },
    });
    expect(res.statusCode).toBe(200);
    const result = res.json<{
      plansCreated: number;
      subscriptionsCreated: number;
      skipped: unknown[];
    }>();
    expect(result.plansCreated).toBe(4);
    expect(result.subscriptionsCreated).toBe(499);

    const plans = await admin.request({ method: 'GET', url: '/api/v1/plans?limit=50' });
    const byName = new Map(
      plans
        .json<{ data: { name: string; price: string; profileName: string }[] }>()
        .data.map((p) => [p.name, p]),
    );
    expect(byName.get('home-10M')).toMatchObject({ price: '150000', profileName: 'home-10M' });
    expect(byName.get('biz-100M')?.price).toBe('1500000');
    expect(byName.get('home-20M')?.price).toBe('200000');

    const [imported] = await env.deps.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.username, 'cust00002'));
    expect(imported).toMatchObject({ adopt: true, routerId });
    expect(imported?.passwordEnc).not.toMatch(/^pw/);

    const report = await reconcileRouter(env.deps, routerId);
    expect(report?.failed).toEqual([]);
    const secrets = (await client.exec('/ppp/secret/print')).rows;
    const ours = secrets.filter((s) => s.comment?.startsWith('jaring:'));
    expect(ours).toHaveLength(499);
    expect(secrets.find((s) => s.name === 'cust00001')?.comment).toBe('customer 1');
    // Adoption only writes the comment: profiles, passwords and sessions stay as they were.
    expect(report?.kicked).toEqual([]);
    expect((await client.exec('/ppp/active/print')).rows.length).toBe(activeBefore);
    // The imported profiles are left as they are; only Jaring's isolation profile is added.
    const profileChanges = report?.menus.find((m) => m.menu === 'pppProfile')?.changes ?? [];
    expect(profileChanges.map((c) => `${c.op}:${c.key}`)).toEqual(['add:jaring-isolir']);
    const home10 = (await client.exec('/ppp/profile/print')).rows.find(
      (r) => r.name === 'home-10M',
    );
    expect(home10).toMatchObject({
      'local-address': '10.10.0.1',
      'remote-address': 'pppoe-pool',
      'rate-limit': '5M/10M',
    });
    expect((await reconcileRouter(env.deps, routerId))?.applied).toBe(0);

    // Importing again finds nothing new.
    const again = await admin.request({ method: 'GET', url: `/api/v1/routers/${routerId}/import` });
    expect(again.json<Preview>().counts.importable).toBe(0);
  }, 60_000);

  it('an unreachable router gives 422 and imports nothing', async () => {
    const dead = await startSimulator({ user: 'jaring', password: 'router-pw' });
    const deadId = await insertRouter(env.deps, dead);
    await dead.close();
    const res = await admin.request({
      method: 'POST',
      url: `/api/v1/routers/${deadId}/import`,
      payload: {},
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'router_unreachable' });
  }, 30_000);
});
