import { describe, expect, it } from 'vitest';
import { ConnectionError, TimeoutError, TrapError } from '../src/errors.ts';
import { q } from '../src/query.ts';
import type { Row } from '../src/reply.ts';
import { connect, sim } from './helpers.ts';

describe('connection against the simulator', () => {
  it('adds, prints with a query and removes', async () => {
    const s = await sim({ seed: 3 });
    const c = await connect(s);
    const add = await c.exec({
      command: '/ppp/secret/add',
      attributes: { name: 'alice', password: 'pw', profile: 'home-10M', disabled: false },
    });
    expect(add.ret).toMatch(/^\*[0-9A-F]+$/);
    const rows = (await c.exec({ command: '/ppp/secret/print', where: { name: 'alice' } })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      '.id': add.ret,
      name: 'alice',
      profile: 'home-10M',
      disabled: 'false',
    });
    const some = await c.exec({
      command: '/ppp/secret/print',
      where: q.or(q.eq('name', 'alice'), q.eq('name', 'cust00002')),
      proplist: ['name'],
    });
    expect(some.rows.map((r) => r['name']).sort()).toEqual(['alice', 'cust00002']);
    expect(Object.keys(some.rows[0] as Row)).toEqual(['name']);
    const count = await c.exec({ command: '/ppp/secret/print', attributes: { 'count-only': '' } });
    expect(count.ret).toBe('4');
    await c.exec({ command: '/ppp/secret/remove', attributes: { '.id': add.ret } });
    expect((await c.exec({ command: '/ppp/secret/print', where: { name: 'alice' } })).rows).toEqual(
      [],
    );
  });

  it('raises typed traps with the router messages', async () => {
    const s = await sim();
    const c = await connect(s);
    await c.exec({ command: '/ppp/secret/add', attributes: { name: 'bob' } });
    const dup = await c
      .exec({ command: '/ppp/secret/add', attributes: { name: 'bob' } })
      .catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(TrapError);
    expect((dup as TrapError).message).toBe('failure: secret with the same name already exists');
    const prof = await c
      .exec({ command: '/ppp/secret/add', attributes: { name: 'carol', profile: 'nope' } })
      .catch((e: unknown) => e);
    expect((prof as TrapError).message).toBe('input does not match any value of profile');
    const missing = await c
      .exec({ command: '/ppp/secret/remove', attributes: { '.id': '*999' } })
      .catch((e: unknown) => e);
    expect((missing as TrapError).message).toBe('no such item');
    const unknown = await c.exec('/nope/print').catch((e: unknown) => e);
    expect((unknown as TrapError).message).toBe('no such command or directory');
    expect((unknown as TrapError).category).toBe(0);
    await c.exec({ command: '/ip/hotspot/user/add', attributes: { name: 'v1' } });
    const hs = await c
      .exec({ command: '/ip/hotspot/user/add', attributes: { name: 'v1' } })
      .catch((e: unknown) => e);
    expect((hs as TrapError).message).toBe(
      'failure: already have user with this name for this server',
    );
    // The connection keeps working after traps.
    expect((await c.exec('/system/identity/print')).rows[0]?.['name']).toBe('MikroTik');
  });

  it('handles !empty from RouterOS 7.18 and its absence before', async () => {
    const s18 = await sim({ version: '7.18' });
    const r18 = await (await connect(s18)).exec('/ppp/secret/print');
    expect(r18).toEqual({ rows: [], ret: undefined, empty: true });
    const s16 = await sim({ version: '7.16' });
    const r16 = await (await connect(s16)).exec('/ppp/secret/print');
    expect(r16).toEqual({ rows: [], ret: undefined, empty: false });
  });

  it('prints v6 booleans as yes/no and accepts either form in queries', async () => {
    const s = await sim({ version: '6.49.10', seed: 2 });
    const c = await connect(s);
    const rows = (
      await c.exec({
        command: '/ppp/secret/print',
        where: { disabled: false },
        proplist: ['disabled'],
      })
    ).rows;
    expect(rows.every((r) => r['disabled'] === 'no')).toBe(true);
  });

  it('pipelines 1,000 concurrent commands on one connection', async () => {
    const s = await sim({ latencyMs: 5 });
    const c = await connect(s, { window: 256 });
    const ids = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        c
          .exec({ command: '/ppp/secret/add', attributes: { name: `p${i}`, comment: String(i) } })
          .then((r) => r.ret),
      ),
    );
    expect(new Set(ids).size).toBe(1000);
    // Each reply went to its own command: the comment of each id is the index that added it.
    const rows = (await c.exec({ command: '/ppp/secret/print', proplist: ['.id', 'comment'] }))
      .rows;
    const byId = new Map(rows.map((r) => [r['.id'], r['comment']]));
    ids.forEach((id, i) => expect(byId.get(id)).toBe(String(i)));
    const results = await Promise.allSettled(
      ids.map((id, i) =>
        // Every tenth names a missing item, interleaving traps with successes.
        c.exec({
          command: '/ppp/secret/remove',
          attributes: { '.id': i % 10 === 0 ? '*FFFFFF' : (id as string) },
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(900);
    const left = await c.exec({ command: '/ppp/secret/print', attributes: { 'count-only': '' } });
    expect(left.ret).toBe('100');
    expect(c.inFlight).toBe(0);
  });

  it('streams listen with .dead rows and stops on cancel', async () => {
    const s = await sim();
    const c = await connect(s);
    const stream = c.stream('/ppp/secret/listen');
    const seen: Row[] = [];
    const consumer = (async () => {
      for await (const row of stream) {
        seen.push(row);
        if (seen.length === 3) break;
      }
    })();
    // The router registers the listener when the command arrives; wait until it answers.
    await c.exec('/system/identity/print');
    const { ret } = await c.exec({ command: '/ppp/secret/add', attributes: { name: 'l1' } });
    await c.exec({ command: '/ppp/secret/disable', attributes: { '.id': ret } });
    await c.exec({ command: '/ppp/secret/remove', attributes: { '.id': ret } });
    await consumer;
    await stream.finished;
    expect(seen[0]).toMatchObject({ '.id': ret, name: 'l1', disabled: 'false' });
    expect(seen[1]).toMatchObject({ '.id': ret, disabled: 'true' });
    expect(seen[2]).toEqual({ '.id': ret, '.dead': 'true' });
    // After the cancel, changes no longer arrive and the connection is still usable.
    await c.exec({ command: '/ppp/secret/add', attributes: { name: 'l2' } });
    expect(c.inFlight).toBe(0);
  });

  it('streams monitor-traffic until cancelled, or once', async () => {
    const s = await sim();
    const c = await connect(s);
    const once = await c.exec({
      command: '/interface/monitor-traffic',
      attributes: { interface: 'ether1', once: '' },
    });
    expect(Number(once.rows[0]?.['rx-bits-per-second'])).toBeGreaterThan(0);
    const stream = c.stream({
      command: '/interface/monitor-traffic',
      attributes: { interface: 'ether1', interval: '0.05' },
    });
    let n = 0;
    for await (const row of stream) {
      expect(row['name']).toBe('ether1');
      if (++n === 3) break;
    }
    await expect(stream.finished).resolves.toBeUndefined();
  });

  it('times out a command and drops its late reply', async () => {
    const s = await sim({ latencyMs: 200 });
    const c = await connect(s);
    const err = await c.exec('/system/identity/print', { timeoutMs: 50 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as TimeoutError).sent).toBe(true);
    s.setLatency(0);
    expect((await c.exec('/system/identity/print')).rows).toHaveLength(1);
  });

  it('cancels a command through an AbortSignal', async () => {
    const s = await sim({ latencyMs: 200 });
    const c = await connect(s);
    const ac = new AbortController();
    const p = c.exec('/ppp/secret/print', { signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'ROS_CANCELLED' });
  });

  it('rejects in-flight commands with a retryable error when the link drops', async () => {
    const s = await sim({ latencyMs: 100 });
    const c = await connect(s);
    const p = c.exec('/ppp/secret/print');
    setTimeout(() => s.dropConnections(), 20);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).retryable).toBe(true);
    expect((err as ConnectionError).sent).toBe(true);
    expect(c.alive).toBe(false);
  });

  it('answers /quit with !fatal and closes', async () => {
    const s = await sim();
    const c = await connect(s);
    await c.close();
    expect(c.alive).toBe(false);
  });

  it('closes on /system/reboot without a reply', async () => {
    const s = await sim();
    const c = await connect(s);
    const err = await c.exec('/system/reboot').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
  });

  it('round-trips non-ASCII values in the router codepage', async () => {
    const s = await sim();
    const c = await connect(s);
    const { ret } = await c.exec({
      command: '/ppp/secret/add',
      attributes: { name: 'zoë', comment: 'Rp 10.000 • café' },
    });
    const row = (await c.exec({ command: '/ppp/secret/print', where: { '.id': ret as string } }))
      .rows[0];
    expect(row).toMatchObject({ name: 'zoë', comment: 'Rp 10.000 • café' });
  });
});

describe('hostile peers', () => {
  it('closes with a protocol error instead of crashing on a reserved control byte', async () => {
    const { createServer } = await import('node:net');
    const { Connection } = await import('../src/connection.ts');
    const server = createServer((sock) => {
      sock.on('data', () => sock.write(Buffer.from([0xf8, 0, 0, 0, 0])));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const err = await Connection.open({
      host: '127.0.0.1',
      port,
      user: 'a',
      password: '',
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect(String((err as Error).cause)).toMatch(/protocol error: reserved control byte/);
    server.close();
  });

  it('refuses an announced oversized word without buffering it', async () => {
    const { createServer } = await import('node:net');
    const { Connection } = await import('../src/connection.ts');
    const server = createServer((sock) => {
      // 0xEF... announces a 256 MiB word; the client must give up, not wait for it.
      sock.on('data', () => sock.write(Buffer.from([0xef, 0xff, 0xff, 0xff, 0x61])));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const err = await Connection.open({
      host: '127.0.0.1',
      port,
      user: 'a',
      password: '',
      connectTimeoutMs: 2000,
      limits: { maxWordBytes: 1024 * 1024 },
    }).catch((e: unknown) => e);
    expect(String((err as Error).cause)).toMatch(/exceeds limit/);
    server.close();
  });
});
