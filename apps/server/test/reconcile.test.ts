import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reconcileRouter, RouterUnreachableError } from '../src/modules/reconcile/reconciler.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';
import {
  bumpRouter,
  insertPlan,
  insertRouter,
  insertSubscription,
  routerRevisions,
  setSubscription,
} from './support/network-fixtures.ts';

let env: TestEnv;
let sim: Simulator;
let client: RouterOSClient;

async function print(path: string): Promise<Row[]> {
  return (await client.exec(`${path}/print`)).rows;
}

async function secret(name: string): Promise<Row | undefined> {
  return (await print('/ppp/secret')).find((r) => r.name === name);
}

beforeAll(async () => {
  env = await createTestEnv();
}, 60_000);

afterAll(async () => {
  await env.close();
});

// Every test gets a router of its own, as in life: one device belongs to one router record.
beforeEach(async () => {
  sim = await startSimulator({
    version: '7.16',
    user: 'jaring',
    password: 'router-pw',
    redialMs: 60_000,
    seed: {
      '/ppp/profile': [{ name: 'operator-profile', 'rate-limit': '1M/1M' }],
      '/ppp/secret': [
        {
          name: 'manual-user',
          password: 'x',
          profile: 'operator-profile',
          comment: 'added by hand',
        },
        { name: 'taken-name', password: 'y', profile: 'operator-profile' },
      ],
    },
  });
  client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: 'jaring',
    password: 'router-pw',
  });
});

afterEach(async () => {
  await client.close();
  await sim.close();
});

describe('reconciler against the simulator', () => {
  it('creates plan profiles and subscriber secrets, and leaves entries it does not own alone', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const planId = await insertPlan(env.deps, [routerId], {
      profileName: 'jaring-home-10',
      downloadKbps: 10_000,
      uploadKbps: 2_000,
    });
    await insertSubscription(env.deps, { routerId, planId, username: 'budi', password: 'budi-pw' });
    await bumpRouter(env.deps, routerId);

    const report = await reconcileRouter(env.deps, routerId);
    expect(report?.failed).toEqual([]);
    const profile = (await print('/ppp/profile')).find((r) => r.name === 'jaring-home-10');
    expect(profile?.['rate-limit']).toBe('2M/10M');
    expect(await secret('budi')).toMatchObject({
      password: 'budi-pw',
      profile: 'jaring-home-10',
      service: 'pppoe',
      disabled: 'false',
    });
    expect((await secret('budi'))?.comment).toMatch(/^jaring: T\d+ Customer/);
    expect(await secret('manual-user')).toMatchObject({
      profile: 'operator-profile',
      comment: 'added by hand',
    });
    const revs = await routerRevisions(env.deps, routerId);
    expect(revs.synced).toBe(revs.desired);

    // A second pass finds nothing to do.
    const again = await reconcileRouter(env.deps, routerId);
    expect(again?.applied).toBe(0);
    expect(again?.menus).toEqual([]);
  });

  it('changes plan: the secret moves to the new profile and the live session is kicked', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const slow = await insertPlan(env.deps, [routerId], { profileName: 'jaring-slow' });
    const fast = await insertPlan(env.deps, [routerId], {
      profileName: 'jaring-fast',
      downloadKbps: 50_000,
      uploadKbps: 10_000,
    });
    const sub = await insertSubscription(env.deps, { routerId, planId: slow, username: 'sari' });
    await reconcileRouter(env.deps, routerId);
    expect((await print('/ppp/active')).some((r) => r.name === 'sari')).toBe(true);

    await setSubscription(env.deps, sub.id, { planId: fast });
    const report = await reconcileRouter(env.deps, routerId);
    expect(report?.kicked).toEqual(['sari']);
    expect((await secret('sari'))?.profile).toBe('jaring-fast');
    expect((await print('/ppp/active')).some((r) => r.name === 'sari')).toBe(false);
  });

  it('isolates by profile and restores', async () => {
    const routerId = await insertRouter(env.deps, sim, {
      isolationMode: 'profile',
      isolationPool: '172.30.0.2-172.30.0.254',
    });
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-iso-a' });
    const sub = await insertSubscription(env.deps, { routerId, planId, username: 'iso-a' });
    await reconcileRouter(env.deps, routerId);

    await setSubscription(env.deps, sub.id, { status: 'isolated' });
    await reconcileRouter(env.deps, routerId);
    expect(await secret('iso-a')).toMatchObject({ profile: 'jaring-isolir', disabled: 'false' });
    const isolir = (await print('/ppp/profile')).find((r) => r.name === 'jaring-isolir');
    expect(isolir).toMatchObject({
      'address-list': 'jaring-isolir',
      'remote-address': 'jaring-isolir',
      'local-address': '172.30.0.1',
    });
    expect((await print('/ip/pool')).find((r) => r.name === 'jaring-isolir')?.ranges).toBe(
      '172.30.0.2-172.30.0.254',
    );

    await setSubscription(env.deps, sub.id, { status: 'active' });
    await reconcileRouter(env.deps, routerId);
    expect(await secret('iso-a')).toMatchObject({ profile: 'jaring-iso-a', disabled: 'false' });
  });

  it('isolates by disabling the secret, suspends, and terminates', async () => {
    const routerId = await insertRouter(env.deps, sim, { isolationMode: 'disable' });
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-iso-b' });
    const sub = await insertSubscription(env.deps, { routerId, planId, username: 'iso-b' });
    await reconcileRouter(env.deps, routerId);

    await setSubscription(env.deps, sub.id, { status: 'isolated' });
    expect((await print('/ppp/active')).some((r) => r.name === 'iso-b')).toBe(true);
    await reconcileRouter(env.deps, routerId);
    expect(await secret('iso-b')).toMatchObject({ profile: 'jaring-iso-b', disabled: 'true' });
    // A disabled secret's session must not linger: the reconciler kicks it if the router kept it.
    expect((await print('/ppp/active')).some((r) => r.name === 'iso-b')).toBe(false);

    await setSubscription(env.deps, sub.id, { status: 'active' });
    await reconcileRouter(env.deps, routerId);
    expect((await secret('iso-b'))?.disabled).toBe('false');

    await setSubscription(env.deps, sub.id, { status: 'terminated' });
    await reconcileRouter(env.deps, routerId);
    expect(await secret('iso-b')).toBeUndefined();
  });

  it('repairs drift: an edited secret is put back, a deleted one re-created, a stray one of ours removed', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-drift' });
    await insertSubscription(env.deps, {
      routerId,
      planId,
      username: 'drift-1',
      password: 'pw-one',
    });
    await insertSubscription(env.deps, {
      routerId,
      planId,
      username: 'drift-2',
      password: 'pw-two',
    });
    await reconcileRouter(env.deps, routerId);

    const one = await secret('drift-1');
    const two = await secret('drift-2');
    await client.exec({
      command: '/ppp/secret/set',
      attributes: { '.id': one?.['.id'], password: 'hacked', profile: 'operator-profile' },
    });
    await client.exec({ command: '/ppp/secret/remove', attributes: { '.id': two?.['.id'] } });
    await client.exec({
      command: '/ppp/secret/add',
      attributes: { name: 'ghost', password: 'g', comment: 'jaring: T999999 Gone' },
    });

    const drift = await reconcileRouter(env.deps, routerId, { dryRun: true });
    const secrets = drift?.menus.find((m) => m.menu === 'pppSecret');
    expect(secrets?.changes.map((c) => `${c.op}:${c.key}`).sort()).toEqual([
      'add:drift-2',
      'remove:ghost',
      'set:drift-1',
    ]);
    expect(await secret('ghost')).toBeDefined(); // a dry run changes nothing

    await reconcileRouter(env.deps, routerId);
    expect(await secret('drift-1')).toMatchObject({ password: 'pw-one', profile: 'jaring-drift' });
    expect(await secret('drift-2')).toMatchObject({ password: 'pw-two' });
    expect(await secret('ghost')).toBeUndefined();
    expect(await secret('manual-user')).toBeDefined();
  });

  it('reports a name held by an entry it does not own as a conflict and leaves it', async () => {
    const routerId = await insertRouter(env.deps, sim);
    const planId = await insertPlan(env.deps, [routerId], { profileName: 'jaring-conflict' });
    await insertSubscription(env.deps, { routerId, planId, username: 'taken-name' });
    await bumpRouter(env.deps, routerId);
    const report = await reconcileRouter(env.deps, routerId);
    expect(report?.menus.find((m) => m.menu === 'pppSecret')?.conflicts).toEqual(['taken-name']);
    expect(await secret('taken-name')).toMatchObject({
      password: 'y',
      profile: 'operator-profile',
    });
    const revs = await routerRevisions(env.deps, routerId);
    expect(revs.synced).toBeLessThan(revs.desired); // not converged: the operator must resolve it
  });

  it('moves a subscription between routers', async () => {
    const sim2 = await startSimulator({
      version: '6.49.10',
      user: 'jaring',
      password: 'router-pw',
    });
    const c2 = new RouterOSClient({
      addresses: [{ host: sim2.host, port: sim2.port }],
      user: 'jaring',
      password: 'router-pw',
    });
    try {
      const a = await insertRouter(env.deps, sim);
      const b = await insertRouter(env.deps, sim2);
      const planId = await insertPlan(env.deps, [a, b], { profileName: 'jaring-move' });
      const sub = await insertSubscription(env.deps, { routerId: a, planId, username: 'mover' });
      await reconcileRouter(env.deps, a);
      await reconcileRouter(env.deps, b);
      expect(await secret('mover')).toBeDefined();

      await setSubscription(env.deps, sub.id, { routerId: b });
      await Promise.all([reconcileRouter(env.deps, a), reconcileRouter(env.deps, b)]);
      expect(await secret('mover')).toBeUndefined();
      const onB = (await c2.exec('/ppp/secret/print')).rows.find((r) => r.name === 'mover');
      // RouterOS 6 prints booleans as yes/no; the reconciler treats both spellings alike.
      expect(onB).toMatchObject({ profile: 'jaring-move', disabled: 'no' });
      expect((await reconcileRouter(env.deps, b))?.applied).toBe(0);
    } finally {
      await c2.close();
      await sim2.close();
    }
  });

  it('an unreachable router is marked offline and the pass fails so the job retries', async () => {
    const dead = await startSimulator({ user: 'jaring', password: 'router-pw' });
    const routerId = await insertRouter(env.deps, dead);
    await dead.close();
    await expect(reconcileRouter(env.deps, routerId)).rejects.toBeInstanceOf(
      RouterUnreachableError,
    );
  }, 30_000);
});
