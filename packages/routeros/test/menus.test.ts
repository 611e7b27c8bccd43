import { describe, expect, it } from 'vitest';
import { routerMenus } from '../src/helpers/menus.ts';
import { RouterPool } from '../src/pool.ts';
import { q } from '../src/query.ts';
import { RestTransport } from '../src/rest.ts';
import { defer, sim } from './helpers.ts';
import type { Transport } from '../src/command.ts';

async function exercise(t: Transport): Promise<void> {
  const ros = routerMenus(t);
  const profile = await ros.pppProfiles.add({ name: 'plan-20', rateLimit: '10M/20M' });
  expect(profile).toMatch(/^\*/);
  const id = await ros.pppSecrets.add({
    name: 'budi',
    password: 's3cret',
    profile: 'plan-20',
    disabled: false,
  });
  const secret = await ros.pppSecrets.get(id);
  expect(secret).toMatchObject({ id, name: 'budi', profile: 'plan-20', disabled: false });
  await ros.pppSecrets.disable(id);
  expect((await ros.pppSecrets.find({ name: 'budi' }))?.disabled).toBe(true);
  expect(await ros.pppSecrets.count({ disabled: true })).toBe(1);
  await ros.pppSecrets.update(id, { comment: 'isolir', disabled: false });
  expect(await ros.pppActive.list({ name: 'budi' })).toHaveLength(1);
  expect(await ros.kickPpp('budi')).toBe(1);
  const names = await ros.pppSecrets.list(q.or(q.eq('name', 'budi'), q.eq('name', 'nobody')), {
    fields: ['name'],
  });
  expect(names).toEqual([{ id, name: 'budi' }]);
  await ros.pppSecrets.remove(id);
  expect(await ros.pppSecrets.get(id)).toBeUndefined();
  await ros.addressLists.add({ list: 'isolir', address: '10.1.1.1' });
  expect(await ros.addressLists.count({ list: 'isolir' })).toBe(1);
  const res = await ros.resource();
  expect(res.totalMemory).toBeGreaterThan(res.freeMemory);
  expect(await ros.identity()).toBe('MikroTik');
  const iface = (await ros.interfaces.list({ name: 'ether1' }))[0];
  expect(iface?.running).toBe(true);
  expect(typeof iface?.rxByte).toBe('number');
}

describe('typed menu helpers', () => {
  it('work over a pool', async () => {
    const s = await sim({ version: '6.49.10' });
    const p = new RouterPool({
      name: 'r',
      addresses: [`127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
      healthCheckMs: 0,
    });
    defer(() => p.close());
    await exercise(p);
    expect((await routerMenus(p).monitorTraffic('ether1')).rxBitsPerSecond).toBeGreaterThan(0);
  });

  it('work over REST', async () => {
    const s = await sim({ restPort: 0 });
    const t = new RestTransport({
      url: `http://127.0.0.1:${s.restPort}`,
      user: s.user,
      password: s.password,
    });
    defer(() => t.close());
    await exercise(t);
  });
});
