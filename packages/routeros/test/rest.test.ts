import { describe, expect, it } from 'vitest';
import type { Transport } from '../src/command.ts';
import { LoginError, TrapError } from '../src/errors.ts';
import { RouterPool } from '../src/pool.ts';
import { q } from '../src/query.ts';
import { RestTransport } from '../src/rest.ts';
import { SIM_CERT_PEM } from '../src/sim/index.ts';
import { connect, defer, sim } from './helpers.ts';

/** Runs the same script through a transport and returns what a caller would observe. */
async function script(t: Transport): Promise<unknown[]> {
  const out: unknown[] = [];
  const add = await t.exec({
    command: '/ppp/secret/add',
    attributes: { name: 'parity', password: 'p', profile: 'home-20M' },
  });
  out.push(add.ret);
  out.push(
    (
      await t.exec({
        command: '/ppp/secret/print',
        where: { name: 'parity' },
        proplist: ['name', 'profile'],
      })
    ).rows,
  );
  out.push(
    (
      await t.exec({
        command: '/ppp/secret/print',
        where: q.or(q.eq('name', 'parity'), q.eq('name', 'cust00001')),
        proplist: ['name'],
      })
    ).rows,
  );
  await t.exec({ command: '/ppp/secret/set', attributes: { '.id': add.ret, comment: 'changed' } });
  out.push(
    (
      await t.exec({
        command: '/ppp/secret/print',
        where: { '.id': add.ret as string },
        proplist: ['comment'],
      })
    ).rows,
  );
  out.push((await t.exec({ command: '/ppp/secret/print', attributes: { 'count-only': '' } })).ret);
  for (const bad of [
    { command: '/ppp/secret/add', attributes: { name: 'parity' } },
    { command: '/ppp/secret/add', attributes: { name: 'x', profile: 'nope' } },
    { command: '/ppp/secret/remove', attributes: { '.id': '*FFFF' } },
  ]) {
    const err = await t.exec(bad).catch((e: unknown) => e);
    out.push([err instanceof TrapError, (err as Error).message]);
  }
  await t.exec({ command: '/ppp/secret/remove', attributes: { '.id': add.ret } });
  out.push((await t.exec({ command: '/ppp/secret/print', where: { name: 'parity' } })).rows);
  out.push((await t.exec('/system/identity/print')).rows);
  return out;
}

describe('REST transport', () => {
  it('behaves like the binary API for the same commands', async () => {
    const api = await sim({ seed: 3, version: '7.16' });
    const rest = await sim({ seed: 3, version: '7.16', restPort: 0 });
    const viaApi = await script(await connect(api));
    const t = new RestTransport({
      url: `http://127.0.0.1:${rest.restPort}`,
      user: rest.user,
      password: rest.password,
    });
    defer(() => t.close());
    const viaRest = await script(t);
    expect(viaRest).toEqual(viaApi);
    expect(viaApi[0]).toBe('*4');
  });

  it('runs over HTTPS with a pinned certificate through a pool', async () => {
    const s = await sim({ restPort: 0, restTls: true });
    const p = new RouterPool({
      name: 'rest-router',
      protocol: 'rest',
      addresses: [{ host: '127.0.0.1', port: s.restPort as number }],
      user: s.user,
      password: s.password,
      rest: { fingerprint256: s.fingerprint256 as string },
      healthCheckMs: 0,
    });
    defer(() => p.close());
    const { ret } = await p.exec({
      command: '/ip/firewall/address-list/add',
      attributes: { list: 'isolir', address: '10.0.0.9' },
    });
    expect(ret).toBe('*1');
    const verified = new RestTransport({
      url: `https://127.0.0.1:${s.restPort}`,
      user: s.user,
      password: s.password,
      ca: SIM_CERT_PEM,
    });
    defer(() => verified.close());
    expect((await verified.exec('/ip/firewall/address-list/print')).rows).toHaveLength(1);
  });

  it('maps HTTP 401 to a login error', async () => {
    const s = await sim({ restPort: 0 });
    const t = new RestTransport({
      url: `http://127.0.0.1:${s.restPort}`,
      user: 'admin',
      password: 'bad',
    });
    defer(() => t.close());
    await expect(t.exec('/system/identity/print')).rejects.toBeInstanceOf(LoginError);
  });

  it('reads single-object menus and refuses streams', async () => {
    const s = await sim({ restPort: 0, identity: 'edge-7' });
    const t = new RestTransport({
      url: `http://127.0.0.1:${s.restPort}`,
      user: s.user,
      password: s.password,
    });
    defer(() => t.close());
    expect((await t.exec('/system/resource/print')).rows[0]?.['board-name']).toBe('RB4011iGS+');
    expect((await t.exec('/system/identity/print')).rows).toEqual([{ name: 'edge-7' }]);
    await expect(t.exec('/ppp/secret/listen')).rejects.toBeInstanceOf(TrapError);
  });
});

describe('REST pool failover', () => {
  it('moves to the next address when one refuses connections', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const dead = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const s = await sim({ restPort: 0, restTls: true });
    const p = new RouterPool({
      name: 'rest-failover',
      protocol: 'rest',
      addresses: [`127.0.0.1:${dead}`, `127.0.0.1:${s.restPort}`],
      user: s.user,
      password: s.password,
      rest: { fingerprint256: s.fingerprint256 as string },
      healthCheckMs: 0,
    });
    defer(() => p.close());
    const { ret } = await p.exec({
      command: '/ip/pool/add',
      attributes: { name: 'p1', ranges: '10.9.0.2-10.9.0.9' },
    });
    expect(ret).toBe('*1');
    expect((await p.exec('/ip/pool/print')).rows).toHaveLength(1);
  });
});
