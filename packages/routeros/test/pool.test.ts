import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RouterOSClient } from '../src/client.ts';
import { BreakerOpenError, ConnectionError, TrapError } from '../src/errors.ts';
import { MetricsRecorder } from '../src/observer.ts';
import type { BreakerState } from '../src/observer.ts';
import { PoolRegistry, RouterPool } from '../src/pool.ts';
import { defer, sim } from './helpers.ts';

/** A loopback port with nothing listening (bound, then released). */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function pool(options: ConstructorParameters<typeof RouterPool>[0]): RouterPool {
  const p = new RouterPool(options);
  defer(() => p.close());
  return p;
}

describe('reconnecting client', () => {
  it('reconnects after the router drops the link mid-command and re-sends only safe commands', async () => {
    const s = await sim({ latencyMs: 50 });
    const client = new RouterOSClient({
      addresses: [{ host: '127.0.0.1', port: s.port }],
      user: s.user,
      password: s.password,
      reconnect: { initialMs: 20, maxMs: 100 },
    });
    defer(() => client.close());
    await client.connect();
    // A print is idempotent: the drop is invisible to the caller.
    const print = client.exec('/ppp/secret/print');
    setTimeout(() => s.dropConnections(), 10);
    await expect(print).resolves.toMatchObject({ rows: [] });
    // An add in flight when the link dies is not re-sent: the caller decides.
    const add = client.exec({ command: '/ppp/secret/add', attributes: { name: 'once' } });
    setTimeout(() => s.dropConnections(), 10);
    const err = await add.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as ConnectionError).sent).toBe(true);
    expect((err as ConnectionError).retryable).toBe(true);
    // Marked idempotent by the caller, it is re-sent after the reconnect.
    const marked = client.exec(
      { command: '/ppp/secret/set', attributes: { '.id': 'once', comment: 'x' } },
      { idempotent: true },
    );
    setTimeout(() => s.dropConnections(), 10);
    await expect(marked).resolves.toBeDefined();
    expect(client.state).toBe('open');
  });

  it('reconnects when the simulator drops after N commands', async () => {
    const s = await sim({ faults: { dropAfterCommands: 3 } });
    const client = new RouterOSClient({
      addresses: [`127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
      reconnect: { initialMs: 10 },
    });
    defer(() => client.close());
    for (let i = 0; i < 10; i++) {
      await expect(client.exec('/system/identity/print')).resolves.toBeDefined();
    }
  });

  it('fails over to the next address and remembers it', async () => {
    const s = await sim();
    const client = new RouterOSClient({
      addresses: [`127.0.0.1:${await deadPort()}`, `127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
    });
    defer(() => client.close());
    await client.exec('/system/identity/print');
    expect(client.address).toBe(`127.0.0.1:${s.port}`);
  });

  it('does not retry bad credentials across addresses', async () => {
    const s = await sim();
    const metrics = new MetricsRecorder();
    const client = new RouterOSClient({
      addresses: [`127.0.0.1:${s.port}`, `127.0.0.1:${s.port}`],
      user: s.user,
      password: 'wrong',
      observer: metrics,
      name: 'r1',
    });
    defer(() => client.close());
    await expect(client.exec('/system/identity/print')).rejects.toMatchObject({
      code: 'ROS_LOGIN',
    });
    expect(metrics.snapshot().connects['r1']).toEqual({ ok: 0, failed: 1 });
  });
});

describe('router pool', () => {
  it('opens the breaker when the router is unreachable and closes it when it returns', async () => {
    const s = await sim();
    const states: BreakerState[] = [];
    const metrics = new MetricsRecorder();
    const p = pool({
      name: 'core-1',
      addresses: [{ host: '127.0.0.1', port: s.port }],
      user: s.user,
      password: s.password,
      size: 1,
      reconnect: { initialMs: 1, maxMs: 5 },
      breaker: { failureThreshold: 3, resetTimeoutMs: 150 },
      healthCheckMs: 0,
      connectTimeoutMs: 500,
      observer: {
        onBreakerState: (e) => {
          states.push(e.state);
          metrics.onBreakerState(e);
        },
        onCommand: (e) => metrics.onCommand(e),
      },
    });
    await p.exec('/system/identity/print');
    await s.setFaults({ refuse: true });
    s.dropConnections();
    for (let i = 0; i < 3; i++) {
      await expect(p.exec('/system/identity/print', { timeoutMs: 300 })).rejects.toBeInstanceOf(
        Error,
      );
    }
    expect(p.breakerState).toBe('open');
    const fast = await p.exec('/system/identity/print').catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(BreakerOpenError);
    // Traps do not count: a healthy router that says no keeps the breaker closed.
    await s.setFaults({ refuse: false });
    await new Promise((r) => setTimeout(r, 200));
    await expect(p.check()).resolves.toBe(true);
    expect(p.breakerState).toBe('closed');
    await expect(p.exec('/nope/print')).rejects.toBeInstanceOf(TrapError);
    expect(p.breakerState).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    const snap = metrics.snapshot();
    expect(snap.breaker['core-1']).toBe('closed');
    expect(snap.latency['core-1']?.count).toBeGreaterThanOrEqual(6);
    expect(snap.errors['core-1']?.['ROS_BREAKER_OPEN']).toBe(1);
    expect(snap.errors['core-1']?.['ROS_TRAP']).toBe(1);
  });

  it('spreads concurrent commands over its connections', async () => {
    const s = await sim({ latencyMs: 20 });
    const p = pool({
      name: 'r',
      addresses: [`127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
      size: 3,
      healthCheckMs: 0,
    });
    await Promise.all([1, 2, 3].map(() => p.exec('/system/identity/print')));
    await Promise.all(Array.from({ length: 60 }, () => p.exec('/system/identity/print')));
    expect(s.connections).toBeGreaterThanOrEqual(2);
  });

  it('shares one pool per router key and replaces it when the config changes', async () => {
    const s = await sim();
    const reg = new PoolRegistry({ healthCheckMs: 0 });
    defer(() => reg.closeAll());
    const cfg = { addresses: [`127.0.0.1:${s.port}`], user: s.user, password: s.password };
    const a = reg.get('router-1', cfg);
    expect(reg.get('router-1', cfg)).toBe(a);
    const b = reg.get('router-1', { ...cfg, password: 'changed' });
    expect(b).not.toBe(a);
    await reg.delete('router-1');
  });
});

describe('streams through a pool', () => {
  it('follows a print and ends on cancel', async () => {
    const s = await sim({ seed: 2 });
    const p = pool({
      name: 'f',
      addresses: [`127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
      healthCheckMs: 0,
    });
    const stream = await p.stream({
      command: '/ppp/secret/print',
      attributes: { follow: '' },
      proplist: ['name'],
    });
    const seen: string[] = [];
    for await (const row of stream) {
      seen.push(row['name'] ?? '');
      if (seen.length === 2) {
        await p.exec({ command: '/ppp/secret/add', attributes: { name: 'late' } });
      }
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(['cust00001', 'cust00002', 'late']);
    await expect(stream.finished).resolves.toBeUndefined();
  });
});

describe('router reboot', () => {
  it('closes without a reply, then the client reconnects to a freshly booted router', async () => {
    const s = await sim({ seed: 2 });
    const client = new RouterOSClient({
      addresses: [`127.0.0.1:${s.port}`],
      user: s.user,
      password: s.password,
      reconnect: { initialMs: 10 },
    });
    defer(() => client.close());
    await new Promise((r) => setTimeout(r, 1100));
    const before = (await client.exec('/system/resource/print')).rows[0]?.['uptime'];
    expect(before).not.toBe('0s');
    await s.setFaults({ rebootAfterCommands: 1, rebootDownMs: 0 });
    const add = await client
      .exec({ command: '/ppp/secret/add', attributes: { name: 'during-reboot' } })
      .catch((e: unknown) => e);
    expect(add).toBeInstanceOf(ConnectionError);
    await s.setFaults({ rebootAfterCommands: undefined });
    expect((await client.exec('/system/resource/print')).rows[0]?.['uptime']).toBe('0s');
    // The add never ran: the router rebooted on receipt.
    expect(
      (await client.exec({ command: '/ppp/secret/print', where: { name: 'during-reboot' } })).rows,
    ).toEqual([]);
  });
});
