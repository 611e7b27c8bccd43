import { describe, expect, it } from 'vitest';
import type { Row } from '../src/reply.ts';
import type { SeedData } from '../src/sim/index.ts';
import type { Connection } from '../src/connection.ts';
import { startSimulator } from '../src/sim/index.ts';
import { connect, defer, sim } from './helpers.ts';

const SEED: SeedData = {
  '/ppp/profile': [
    { name: 'home-10M', 'rate-limit': '2M/10M' },
    { name: 'burst', 'rate-limit': '512k/2M 1M/4M 384k/1536k 16/16 5', 'parent-queue': 'none' },
    { name: 'flat' },
  ],
  '/ppp/secret': [
    { name: 'budi', password: 'x', profile: 'home-10M', 'remote-address': '10.0.0.5' },
    { name: 'sari', password: 'y', profile: 'burst', 'remote-address': '10.0.0.6' },
    { name: 'tono', password: 'z', profile: 'flat', 'remote-address': '10.0.0.7' },
    { name: 'l2', password: 'w', profile: 'home-10M', service: 'l2tp' },
  ],
  '/queue/simple': [{ name: 'office', target: '192.168.5.0/24', 'max-limit': '20M/20M' }],
};

function clockAt(start = Date.UTC(2025, 4, 1, 8)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

async function names(
  c: Connection,
  path: string,
  where: Record<string, string> = {},
): Promise<string[]> {
  const rows = (await c.exec({ command: `${path}/print`, where, proplist: ['name'] })).rows;
  return rows.map((r) => r['name'] ?? '');
}

async function one(c: Connection, path: string, name: string): Promise<Row> {
  const rows = (await c.exec({ command: `${path}/print`, where: { name } })).rows;
  expect(rows).toHaveLength(1);
  return rows[0] as Row;
}

describe('dynamic queues and interfaces of PPP sessions', () => {
  it('shows a queue per rate-limited session and an interface per session', async () => {
    const clock = clockAt();
    const s = await sim({ seed: SEED, clock: clock.now });
    const c = await connect(s);
    expect(await names(c, '/queue/simple', { dynamic: 'true' })).toEqual([
      '<pppoe-budi>',
      '<pppoe-sari>',
      '<l2tp-l2>',
    ]);
    expect(await names(c, '/queue/simple', { dynamic: 'false' })).toEqual(['office']);
    const q = await one(c, '/queue/simple', '<pppoe-budi>');
    expect(q).toMatchObject({
      target: '10.0.0.5/32',
      'max-limit': '2000000/10000000',
      'limit-at': '0/0',
      'burst-limit': '0/0',
      parent: 'none',
      priority: '8/8',
      dynamic: 'true',
      disabled: 'false',
      bytes: '0/0',
      packets: '0/0',
    });
    expect(q['rate']).toMatch(/^\d+\/\d+$/);
    expect(await one(c, '/queue/simple', '<pppoe-sari>')).toMatchObject({
      'max-limit': '512000/2000000',
      'burst-limit': '1000000/4000000',
      'burst-threshold': '384000/1536000',
      'burst-time': '16s/16s',
      priority: '5/5',
      'limit-at': '0/0',
    });
    // A profile without a rate-limit gets an interface but no queue, as on RouterOS.
    expect(await names(c, '/interface', { type: 'pppoe-in' })).toEqual([
      '<pppoe-budi>',
      '<pppoe-sari>',
      '<pppoe-tono>',
    ]);
    expect(await one(c, '/interface', '<l2tp-l2>')).toMatchObject({ type: 'l2tp-in' });
    expect(await one(c, '/interface', '<pppoe-budi>')).toMatchObject({
      type: 'pppoe-in',
      mtu: '1480',
      running: 'true',
      dynamic: 'true',
      'rx-byte': '0',
      'tx-byte': '0',
    });
    expect(await names(c, '/interface', { dynamic: 'false' })).toEqual([
      'ether1',
      'ether2',
      'ether3',
      'ether4',
      'ether5',
    ]);

    // The queue and the interface count the same traffic from the session start.
    clock.advance(90_000);
    const q2 = await c.exec({
      command: '/queue/simple/print',
      where: { name: '<pppoe-budi>' },
      proplist: ['name', 'bytes', 'rate', 'target'],
    });
    expect(Object.keys(q2.rows[0] ?? {})).toEqual(['name', 'bytes', 'rate', 'target']);
    const [up, down] = (q2.rows[0]?.['bytes'] ?? '').split('/').map(Number);
    const i2 = await one(c, '/interface', '<pppoe-budi>');
    expect(Number(i2['rx-byte'])).toBe(up);
    expect(Number(i2['tx-byte'])).toBe(down);
    expect(down).toBeGreaterThan(up ?? 0);
    // Queries work on computed values too.
    const busy = await c.exec({
      command: '/queue/simple/print',
      where: { dynamic: 'true' },
      proplist: ['name'],
    });
    expect(busy.rows.length).toBe(3);
  });

  it('follows sessions: gone on disable or kick, back on enable or redial', async () => {
    const clock = clockAt();
    const s = await sim({ seed: SEED, clock: clock.now, redialMs: 5000 });
    const c = await connect(s);
    const budi = (await one(c, '/ppp/secret', 'budi'))['.id'] ?? '';
    const firstQueue = (await one(c, '/queue/simple', '<pppoe-budi>'))['.id'];
    clock.advance(60_000);

    await c.exec({ command: '/ppp/secret/disable', attributes: { '.id': budi } });
    expect(await names(c, '/queue/simple', { name: '<pppoe-budi>' })).toEqual([]);
    expect(await names(c, '/interface', { name: '<pppoe-budi>' })).toEqual([]);
    expect((await one(c, '/ppp/secret', 'budi'))['last-logged-out']).toBe('2025-05-01 08:01:00');

    await c.exec({ command: '/ppp/secret/enable', attributes: { '.id': budi } });
    const again = await one(c, '/queue/simple', '<pppoe-budi>');
    expect(again['.id']).not.toBe(firstQueue);
    expect(again['bytes']).toBe('0/0');

    const session = await one(c, '/ppp/active', 'budi');
    await c.exec({ command: '/ppp/active/remove', attributes: { '.id': session['.id'] } });
    expect(await names(c, '/queue/simple', { dynamic: 'true' })).not.toContain('<pppoe-budi>');
    // The redial is due by the simulation clock, not by wall time.
    clock.advance(4_999);
    expect(await names(c, '/ppp/active')).not.toContain('budi');
    clock.advance(2_000);
    expect(await names(c, '/ppp/active')).toContain('budi');
    const redialed = await one(c, '/ppp/active', 'budi');
    expect(redialed['session-id']).not.toBe(session['session-id']);
    // It dialled in when the redial fell due, 1 s before this print.
    expect(redialed['uptime']).toBe('1s');
    expect(await names(c, '/interface', { name: '<pppoe-budi>' })).toEqual(['<pppoe-budi>']);

    await c.exec({ command: '/ppp/secret/remove', attributes: { '.id': budi } });
    expect(await names(c, '/queue/simple', { dynamic: 'true' })).not.toContain('<pppoe-budi>');
  });

  it('refuses changes to dynamic rows and keeps static queues working', async () => {
    const s = await sim({ seed: SEED });
    const c = await connect(s);
    await expect(
      c.exec({ command: '/queue/simple/remove', attributes: { numbers: '<pppoe-budi>' } }),
    ).rejects.toThrow('can not change dynamic');
    await expect(
      c.exec({
        command: '/queue/simple/set',
        attributes: { numbers: '<pppoe-budi>', 'max-limit': '1M/1M' },
      }),
    ).rejects.toThrow('can not change dynamic');
    await expect(
      c.exec({ command: '/interface/disable', attributes: { numbers: '<pppoe-budi>' } }),
    ).rejects.toThrow('can not change dynamic');
    await expect(
      c.exec({
        command: '/queue/simple/add',
        attributes: { name: '<pppoe-budi>', target: '1.1.1.1' },
      }),
    ).rejects.toThrow('already have such name');

    const { ret } = await c.exec({
      command: '/queue/simple/add',
      attributes: {
        name: 'jaring-x',
        target: '10.9.9.9/32',
        'max-limit': '1M/2M',
        comment: 'jaring',
      },
    });
    await c.exec({
      command: '/queue/simple/set',
      attributes: { '.id': ret, 'max-limit': '2M/4M' },
    });
    expect(await one(c, '/queue/simple', 'jaring-x')).toMatchObject({
      'max-limit': '2M/4M',
      dynamic: 'false',
    });
    await c.exec({ command: '/queue/simple/remove', attributes: { '.id': ret } });
    // What a reconciler reads: its own rows by comment; dynamic rows carry none.
    const rows = (
      await c.exec({
        command: '/queue/simple/print',
        proplist: ['.id', 'name', 'comment', 'target', 'max-limit', 'disabled', 'dynamic'],
      })
    ).rows;
    expect(
      rows.filter((r) => r['dynamic'] === 'true').every((r) => r['comment'] === undefined),
    ).toBe(true);
  });

  it('reports dynamic rows to listen and follow', async () => {
    const s = await sim({ seed: SEED, redialMs: 60_000 });
    const c = await connect(s);
    const stream = c.stream('/queue/simple/listen');
    const seen: Row[] = [];
    const consumer = (async () => {
      for await (const row of stream) {
        seen.push(row);
        if (seen.length === 2) break;
      }
    })();
    await c.exec('/system/identity/print');
    const before = await one(c, '/queue/simple', '<pppoe-budi>');
    s.setSessionsOnline(['budi'], false);
    s.setSessionsOnline(['budi'], true);
    await consumer;
    await stream.finished;
    expect(seen[0]).toEqual({ '.id': before['.id'], '.dead': 'true' });
    expect(seen[1]).toMatchObject({ name: '<pppoe-budi>', dynamic: 'true' });
  });

  it('prints v6 booleans on dynamic rows and matches either spelling', async () => {
    const s = await sim({ seed: SEED, version: '6.49.10' });
    const c = await connect(s);
    const rows = (await c.exec({ command: '/queue/simple/print', where: { dynamic: true } })).rows;
    expect(rows.map((r) => r['dynamic'])).toEqual(['yes', 'yes', 'yes']);
  });
});

describe('setSessionsOnline', () => {
  it('takes users offline without redial and brings them back', async () => {
    const clock = clockAt();
    const s = await sim({ seed: SEED, clock: clock.now, redialMs: 10 });
    const c = await connect(s);
    const before = await one(c, '/ppp/active', 'sari');
    clock.advance(30_000);
    s.setSessionsOnline(['budi', 'sari'], false);
    expect(await names(c, '/ppp/active')).toEqual(['tono', 'l2']);
    expect(await names(c, '/queue/simple', { dynamic: 'true' })).toEqual(['<l2tp-l2>']);
    expect(await names(c, '/interface', { type: 'pppoe-in' })).toEqual(['<pppoe-tono>']);
    // No redial, however long: neither by the clock nor by wall time.
    clock.advance(3_600_000);
    await new Promise((r) => setTimeout(r, 40));
    expect(await names(c, '/ppp/active')).toEqual(['tono', 'l2']);

    s.setSessionsOnline(['sari'], true);
    const back = await one(c, '/ppp/active', 'sari');
    expect(back['uptime']).toBe('0s');
    expect(back['session-id']).not.toBe(before['session-id']);
    expect(await names(c, '/queue/simple', { dynamic: 'true' })).toEqual([
      '<l2tp-l2>',
      '<pppoe-sari>',
    ]);

    // A predicate picks users among the secrets that exist now.
    s.setSessionsOnline((n) => n.startsWith('t') || n === 'l2', false);
    expect(await names(c, '/ppp/active')).toEqual(['sari']);
    // An offline user stays offline across a reboot; others come back.
    await s.reboot(0);
    const c2 = await connect(s);
    expect(await names(c2, '/ppp/active')).toEqual(['sari']);
    // A kicked user forced offline does not dial back once the pause is over.
    s.setSessionsOnline(['budi'], true);
    const kick = await one(c2, '/ppp/active', 'budi');
    await c2.exec({ command: '/ppp/active/remove', attributes: { '.id': kick['.id'] } });
    s.setSessionsOnline(['budi'], false);
    clock.advance(1000);
    expect(await names(c2, '/ppp/active')).toEqual(['sari']);
    // A disabled secret stays without a session even when forced online.
    await c2.exec({ command: '/ppp/secret/disable', attributes: { numbers: 'tono' } });
    s.setSessionsOnline(['tono'], true);
    expect(await names(c2, '/ppp/active')).toEqual(['sari']);
  });
});

describe('many subscribers', () => {
  it('brings 250 secrets online with a queue and an interface each', async () => {
    const secrets = Array.from({ length: 250 }, (_, i) => ({
      name: `u${i}`,
      password: 'p',
      profile: 'home-10M',
      'remote-address': `10.1.${Math.floor(i / 200)}.${(i % 200) + 2}`,
    }));
    const s = await startSimulator({
      seed: {
        '/ppp/profile': [{ name: 'home-10M', 'rate-limit': '2M/10M' }],
        '/ppp/secret': secrets,
      },
      latencyMs: 20,
    });
    defer(() => s.close());
    const c = await connect(s);
    const [active, queues] = await Promise.all([
      c.exec('/ppp/active/print'),
      c.exec({ command: '/queue/simple/print', proplist: ['name', 'bytes', 'rate', 'target'] }),
    ]);
    expect(active.rows).toHaveLength(250);
    expect(queues.rows).toHaveLength(250);
    expect(queues.rows[249]).toMatchObject({ name: '<pppoe-u249>', target: '10.1.1.51/32' });
    const count = await c.exec({
      command: '/interface/print',
      attributes: { 'count-only': '' },
      where: { dynamic: 'true' },
    });
    expect(count.ret).toBe('250');
  });
});
