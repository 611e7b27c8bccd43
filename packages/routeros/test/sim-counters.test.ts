import { describe, expect, it } from 'vitest';
import type { Connection } from '../src/connection.ts';
import type { Simulator } from '../src/sim/index.ts';
import { connect, sim } from './helpers.ts';

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2025, 4, 1, 8)): {
  now: () => number;
  advance: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

const SEED = {
  '/ppp/profile': [{ name: 'home-10M', 'rate-limit': '2M/10M' }],
  '/ppp/secret': [
    { name: 'budi', password: 'x', profile: 'home-10M', 'remote-address': '10.0.0.5' },
    { name: 'sari', password: 'y', profile: 'home-10M', 'remote-address': '10.0.0.6' },
  ],
  '/queue/simple': [{ name: 'office', target: '192.168.5.0/24', 'max-limit': '20M/20M' }],
  '/ip/hotspot/user/profile': [{ name: 'voucher-5M', 'rate-limit': '1M/5M' }],
  '/ip/hotspot/user': [{ name: 'v1', password: '1', profile: 'voucher-5M' }],
  '/ip/hotspot/active': [
    { server: 'hotspot1', user: 'v1', address: '172.16.0.2', 'mac-address': '02:00:00:00:00:01' },
  ],
};

async function row(
  c: Connection,
  path: string,
  name: string,
  key = 'name',
): Promise<Record<string, string>> {
  const rows = (await c.exec({ command: `${path}/print`, where: { [key]: name } })).rows;
  expect(rows).toHaveLength(1);
  return rows[0] as Record<string, string>;
}

async function rxByte(c: Connection, name: string): Promise<number> {
  return Number((await row(c, '/interface', name))['rx-byte']);
}

function pair(text: string | undefined): [number, number] {
  const [a, b] = (text ?? '').split('/');
  return [Number(a), Number(b)];
}

async function setup(
  extra: Parameters<typeof sim>[0] = {},
): Promise<{ s: Simulator; c: Connection; clock: ReturnType<typeof manualClock> }> {
  const clock = manualClock();
  const s = await sim({ seed: SEED, clock: clock.now, ...extra });
  const c = await connect(s);
  return { s, c, clock };
}

describe('simulation clock', () => {
  it('drives uptimes, counters and rates; equal clock values read equal', async () => {
    const { c, clock } = await setup();
    const first = await row(c, '/interface', 'ether1');
    expect(first['rx-byte']).toBe('0');
    expect((await c.exec('/system/resource/print')).rows[0]?.['uptime']).toBe('0s');

    clock.advance(3_661_000);
    const a = await row(c, '/interface', 'ether1');
    const b = await row(c, '/interface', 'ether1');
    expect(b).toEqual(a);
    // ether1 averages 20..70 Mbit/s in, within the wave's 0.55..1.45 of that.
    const rx = Number(a['rx-byte']);
    expect(rx).toBeGreaterThan(((20e6 * 0.55) / 8) * 3661);
    expect(rx).toBeLessThan(((70e6 * 1.45) / 8) * 3661);
    expect(Number(a['rx-packet'])).toBeGreaterThan(0);
    expect((await c.exec('/system/resource/print')).rows[0]?.['uptime']).toBe('1h1m1s');
    expect((await row(c, '/ppp/active', 'budi'))['uptime']).toBe('1h1m1s');
    expect((await row(c, '/ip/hotspot/active', 'v1', 'user'))['uptime']).toBe('1h1m1s');
  });

  it('keeps every counter monotonic as the clock moves in uneven steps', async () => {
    const { c, clock } = await setup();
    let last = { rx: -1, q: -1, hs: -1 };
    const steps = [1, 7, 250, 999, 1, 3_600_000, 13, 86_400_000, 2, 45_000];
    for (const ms of steps) {
      clock.advance(ms);
      const q = pair((await row(c, '/queue/simple', '<pppoe-budi>'))['bytes'])[1];
      const hs = Number((await row(c, '/ip/hotspot/active', 'v1', 'user'))['bytes-out']);
      const next = { rx: await rxByte(c, 'ether1'), q, hs };
      expect(next.rx).toBeGreaterThan(last.rx);
      expect(next.q).toBeGreaterThan(last.q);
      expect(next.hs).toBeGreaterThan(last.hs);
      last = next;
    }
  });

  it('counts a queue at its rate: bytes grow by about rate x time', async () => {
    const { c, clock } = await setup();
    clock.advance(60_000);
    const before = await row(c, '/queue/simple', '<pppoe-budi>');
    const [up, down] = pair(before['rate']);
    expect(up).toBeGreaterThan(0);
    expect(down).toBeGreaterThan(up);
    // The rate stays below the profile's 2M/10M limit.
    expect(up).toBeLessThan(2e6);
    expect(down).toBeLessThan(10e6);
    clock.advance(100);
    const after = await row(c, '/queue/simple', '<pppoe-budi>');
    const grown = pair(after['bytes'])[1] - pair(before['bytes'])[1];
    // Over 100 ms the rate barely moves: the increase matches rate / 8 * 0.1 s closely.
    expect(grown).toBeGreaterThan((down / 8) * 0.1 * 0.95);
    expect(grown).toBeLessThan((down / 8) * 0.1 * 1.05);
  });

  it('can be swapped while running with setClock', async () => {
    const { s, c } = await setup();
    const later = Date.UTC(2025, 4, 1, 9);
    s.setClock(() => later);
    expect((await c.exec('/system/resource/print')).rows[0]?.['uptime']).toBe('1h');
  });
});

describe('hotspot active counters', () => {
  it('carries bytes, packets and uptime from the login on', async () => {
    const { c, clock } = await setup();
    clock.advance(10_000);
    const r = await row(c, '/ip/hotspot/active', 'v1', 'user');
    expect(r['uptime']).toBe('10s');
    // bytes-in is what the router receives: the client's upload, below the 1M limit.
    expect(Number(r['bytes-in'])).toBeGreaterThan(0);
    expect(Number(r['bytes-in'])).toBeLessThan((1e6 / 8) * 10);
    expect(Number(r['bytes-out'])).toBeLessThan((5e6 / 8) * 10);
    expect(Number(r['packets-in'])).toBeGreaterThan(0);
    expect(Number(r['packets-out'])).toBeGreaterThan(0);
  });
});

describe('reset-counters', () => {
  it('restarts interface counters from zero, by id or by name', async () => {
    const { c, clock } = await setup();
    clock.advance(60_000);
    const ether1 = await row(c, '/interface', 'ether1');
    expect(Number(ether1['rx-byte'])).toBeGreaterThan(0);
    await c.exec({ command: '/interface/reset-counters', attributes: { '.id': ether1['.id'] } });
    expect(await row(c, '/interface', 'ether1')).toMatchObject({ 'rx-byte': '0', 'tx-byte': '0' });
    await c.exec({
      command: '/interface/reset-counters',
      attributes: { numbers: '<pppoe-budi>,ether2' },
    });
    expect((await row(c, '/interface', '<pppoe-budi>'))['rx-byte']).toBe('0');
    expect((await row(c, '/interface', 'ether2'))['tx-byte']).toBe('0');
    // Others keep counting.
    expect(Number((await row(c, '/interface', '<pppoe-sari>'))['rx-byte'])).toBeGreaterThan(0);
    clock.advance(1000);
    expect(await rxByte(c, 'ether1')).toBeGreaterThan(0);
    await expect(
      c.exec({ command: '/interface/reset-counters', attributes: { numbers: 'ether9' } }),
    ).rejects.toThrow('no such item');
  });

  it('restarts one queue, or all of them, from zero', async () => {
    const { c, clock } = await setup();
    clock.advance(60_000);
    await c.exec({ command: '/queue/simple/reset-counters', attributes: { numbers: 'office' } });
    expect(await row(c, '/queue/simple', 'office')).toMatchObject({
      bytes: '0/0',
      packets: '0/0',
    });
    expect((await row(c, '/queue/simple', '<pppoe-budi>'))['bytes']).not.toBe('0/0');
    await c.exec('/queue/simple/reset-counters-all');
    const all = (await c.exec({ command: '/queue/simple/print', proplist: ['name', 'bytes'] }))
      .rows;
    expect(all.length).toBe(3);
    expect(all.every((r) => r['bytes'] === '0/0')).toBe(true);
    // The rate is what flows now; a reset does not stop traffic.
    expect(pair((await row(c, '/queue/simple', 'office'))['rate'])[0]).toBeGreaterThan(0);
    await expect(c.exec('/ppp/secret/reset-counters-all')).rejects.toThrow(
      'no such command or directory',
    );
  });
});

describe('counter width', () => {
  it('wraps 32-bit interface and queue counters modulo 2^32', async () => {
    const { s, c, clock } = await setup({ counterBits: 32 });
    clock.advance(1000);
    const now = await rxByte(c, 'ether1');
    s.advanceCounters('/interface', 'ether1', { rx: 2 ** 32 - 1000 - now });
    expect(await rxByte(c, 'ether1')).toBe(2 ** 32 - 1000);
    clock.advance(1000);
    const wrapped = await rxByte(c, 'ether1');
    expect(wrapped).toBeLessThan(2 ** 32 - 1000);
    // Exactly what a poller computes across the wrap: (new - old) mod 2^32.
    expect((wrapped - (2 ** 32 - 1000) + 2 ** 32) % 2 ** 32).toBeGreaterThan(
      ((20e6 * 0.55) / 8) * 1,
    );

    const [, down] = pair((await row(c, '/queue/simple', '<pppoe-budi>'))['bytes']);
    s.advanceCounters('/queue/simple', '<pppoe-budi>', { tx: 2 ** 32 - 10 - down });
    expect(pair((await row(c, '/queue/simple', '<pppoe-budi>'))['bytes'])[1]).toBe(2 ** 32 - 10);
    clock.advance(1000);
    expect(pair((await row(c, '/queue/simple', '<pppoe-budi>'))['bytes'])[1]).toBeLessThan(
      2 ** 32 - 10,
    );
  });

  it('does not wrap 64-bit counters at 2^32, and wraps them at 2^64', async () => {
    const { s, c, clock } = await setup();
    s.advanceCounters('/interface', 'ether1', { rx: 2 ** 32 });
    clock.advance(1000);
    expect(await rxByte(c, 'ether1')).toBeGreaterThan(2 ** 32);
    const r = await row(c, '/interface', 'ether2');
    s.advanceCounters('/interface', 'ether2', { tx: 2n ** 64n - 1n - BigInt(r['tx-byte'] ?? 0) });
    expect((await row(c, '/interface', 'ether2'))['tx-byte']).toBe(String(2n ** 64n - 1n));
    clock.advance(10);
    expect(BigInt((await row(c, '/interface', 'ether2'))['tx-byte'] ?? '')).toBeLessThan(2n ** 32n);
    expect(() => s.advanceCounters('/interface', 'nope', { rx: 1 })).toThrow(RangeError);
  });
});

describe('reboot', () => {
  it('restarts uptime, every counter and every PPP session', async () => {
    const { s, c, clock } = await setup();
    clock.advance(600_000);
    s.advanceCounters('/queue/simple', 'office', { rx: 5_000_000 });
    const before = await row(c, '/ppp/active', 'budi');
    const dynBefore = await row(c, '/queue/simple', '<pppoe-budi>');
    await s.reboot(0);
    const c2 = await connect(s);
    expect((await c2.exec('/system/resource/print')).rows[0]?.['uptime']).toBe('0s');
    expect(await rxByte(c2, 'ether1')).toBe(0);
    expect((await row(c2, '/queue/simple', 'office'))['bytes']).toBe('0/0');
    const after = await row(c2, '/ppp/active', 'budi');
    expect(after['uptime']).toBe('0s');
    expect(after['session-id']).not.toBe(before['session-id']);
    expect(after['.id']).not.toBe(before['.id']);
    const dynAfter = await row(c2, '/queue/simple', '<pppoe-budi>');
    expect(dynAfter['.id']).not.toBe(dynBefore['.id']);
    expect(dynAfter['bytes']).toBe('0/0');
    const hs = await row(c2, '/ip/hotspot/active', 'v1', 'user');
    expect(hs).toMatchObject({ uptime: '0s', 'bytes-in': '0', 'bytes-out': '0' });
    clock.advance(5000);
    expect((await row(c2, '/ppp/active', 'budi'))['uptime']).toBe('5s');
  });
});

describe('/system/health', () => {
  it('prints one row per sensor on v7, with queries and proplist', async () => {
    const { s, c, clock } = await setup();
    const rows = (await c.exec('/system/health/print')).rows;
    expect(rows.map((r) => [r['name'], r['type']])).toEqual([
      ['voltage', 'V'],
      ['temperature', 'C'],
      ['cpu-temperature', 'C'],
    ]);
    expect(Number(rows[0]?.['value'])).toBeGreaterThan(23.5);
    expect(Number(rows[0]?.['value'])).toBeLessThan(24.5);
    expect(rows[0]?.['value']).toMatch(/^\d+\.\d$/);
    expect(Number(rows[1]?.['value'])).toBeGreaterThanOrEqual(37);
    expect(Number(rows[1]?.['value'])).toBeLessThanOrEqual(49);
    const temp = await c.exec({
      command: '/system/health/print',
      where: { name: 'temperature' },
      proplist: ['value'],
    });
    expect(temp.rows).toEqual([{ value: rows[1]?.['value'] }]);
    // Same clock, same reading; the drift is slow.
    expect((await c.exec('/system/health/print')).rows).toEqual(rows);
    clock.advance(1000);
    const next = (await c.exec('/system/health/print')).rows;
    expect(Math.abs(Number(next[1]?.['value']) - Number(rows[1]?.['value']))).toBeLessThanOrEqual(
      1,
    );
    s.setHealth({ temperature: 85 });
    expect((await row(c, '/system/health', 'temperature'))['value']).toBe('85');
    s.setHealth({ temperature: undefined });
    expect(Number((await row(c, '/system/health', 'temperature'))['value'])).toBeLessThan(50);
  });

  it('prints a single row with a property per sensor on v6', async () => {
    const { c } = await setup({ version: '6.49.10' });
    const rows = (await c.exec('/system/health/print')).rows;
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['temperature', 'voltage']);
    expect(rows[0]?.['voltage']).toMatch(/^2\d\.\d$/);
    expect(rows[0]?.['temperature']).toMatch(/^\d+$/);
  });
});

describe('monitor-traffic on session interfaces', () => {
  it('reports the session rate, rx = upload as in the queue', async () => {
    const { c, clock } = await setup();
    clock.advance(30_000);
    const q = await row(c, '/queue/simple', '<pppoe-budi>');
    const m = await c.exec({
      command: '/interface/monitor-traffic',
      attributes: { interface: '<pppoe-budi>', once: '' },
    });
    const [up, down] = pair(q['rate']);
    expect(Number(m.rows[0]?.['rx-bits-per-second'])).toBe(up);
    expect(Number(m.rows[0]?.['tx-bits-per-second'])).toBe(down);
  });
});

describe('over REST', () => {
  it('serves health rows, dynamic queues and reset-counters', async () => {
    const clock = manualClock();
    const s = await sim({ seed: SEED, clock: clock.now, restPort: 0 });
    const auth = `Basic ${Buffer.from(`${s.user}:${s.password}`).toString('base64')}`;
    const call = async (path: string, init: RequestInit = {}): Promise<unknown> => {
      const res = await fetch(`http://127.0.0.1:${s.restPort}/rest${path}`, {
        ...init,
        headers: { authorization: auth, 'content-type': 'application/json' },
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const health = (await call('/system/health')) as Record<string, string>[];
    expect(health.map((r) => r['name'])).toEqual(['voltage', 'temperature', 'cpu-temperature']);
    clock.advance(10_000);
    const dyn = (await call('/queue/simple?dynamic=true')) as Record<string, string>[];
    expect(dyn.map((r) => r['name'])).toEqual(['<pppoe-budi>', '<pppoe-sari>']);
    await call('/queue/simple/reset-counters', {
      method: 'POST',
      body: JSON.stringify({ '.id': dyn[0]?.['.id'] }),
    });
    const after = (await call(`/queue/simple/${dyn[0]?.['.id'] ?? ''}`)) as Record<string, string>;
    expect(after['bytes']).toBe('0/0');
  });
});
