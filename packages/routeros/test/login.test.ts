import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { getCodepage } from '../src/codec/codepage.ts';
import { Connection } from '../src/connection.ts';
import { ConnectionError, LoginError, TimeoutError } from '../src/errors.ts';
import { challengeResponse } from '../src/login.ts';
import { connect, sim } from './helpers.ts';

describe('login', () => {
  it.each([
    ['93b438ec9b80057c06dd9fe67d56aa9a', '00e134102a9d330dd7b1849fedfea3cb57'],
    ['856780b7411eefd3abadee2058c149a3', '005062f7a5ef124d34675bf3e81f56c556'],
  ])('answers challenge %s with the documented response', (challenge, response) => {
    expect(challengeResponse(new Uint8Array(0), challenge)).toBe(response);
  });

  it('logs in plainly on >= 6.43', async () => {
    const s = await sim({ version: '6.49.10' });
    const c = await connect(s);
    expect(c.loginMethod).toBe('plain');
    expect(c.routerVersion).toBe('6.49.10');
    const r = await c.exec('/system/identity/print');
    expect(r.rows).toEqual([{ name: 'MikroTik' }]);
  });

  it('falls back to the MD5 challenge before 6.43', async () => {
    const s = await sim({ version: '6.42.1', password: 'pässword' });
    const c = await connect(s);
    expect(c.loginMethod).toBe('challenge');
    expect((await c.exec('/system/resource/print')).rows[0]?.['version']).toBe('6.42.1 (stable)');
  });

  it('reports bad credentials on both login styles', async () => {
    for (const version of ['7.16', '6.42.1']) {
      const s = await sim({ version });
      const err = await connect(s, { password: 'wrong' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LoginError);
      expect((err as LoginError).retryable).toBe(false);
      expect((err as Error).message).toMatch(
        version === '7.16' ? /invalid user name or password \(6\)/ : /cannot log in/,
      );
    }
  });

  it('turns !fatal after repeated bad logins into a LoginError', async () => {
    const s = await sim({ faults: { fatalAfterBadLogins: 1 } });
    const err = await connect(s, { password: 'nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LoginError);
    expect((err as Error).message).toMatch(/too many failed logins/);
  });

  it('reports a refused connection', async () => {
    const s = await sim();
    await s.setFaults({ refuse: true });
    const err = await connect(s).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toMatch(/refused/);
    await s.setFaults({ refuse: false });
    await expect(connect(s)).resolves.toBeInstanceOf(Connection);
  });

  it('times out on a router that accepts but never answers', async () => {
    const s = await sim({ faults: { stall: true } });
    const err = await connect(s, { connectTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
  });

  it('times out connecting to a listener that never completes the handshake', async () => {
    // A TCP server that accepts and stays silent stands in for a filtered address.
    const server = createServer(() => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const err = await Connection.open({
      host: '127.0.0.1',
      port,
      user: 'a',
      password: '',
      connectTimeoutMs: 200,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    server.close();
  });

  it('encodes the password in the router codepage for the challenge', () => {
    const cp = getCodepage('windows-1252');
    const a = challengeResponse(cp.encode('é'), '00'.repeat(16));
    const b = challengeResponse(getCodepage('utf-8').encode('é'), '00'.repeat(16));
    expect(a).not.toBe(b);
  });
});
