/**
 * Live events over Server-Sent Events, against a listening server and a raw HTTP client: the
 * framing on the wire, who may listen to what, heartbeats, and that a client going away (or the
 * server shutting down) ends its subscription. With REDIS_URL set, two nodes on one Redis show
 * the cross-node fan-out delivering every event exactly once on each.
 */
import { liveEventEnvelopeSchema, portalLiveTopic, type LiveEvent } from '@jaring/contracts';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routers } from '../src/db/schema/index.ts';
import { liveMetrics } from '../src/modules/live/metrics.ts';
import type { AppDeps } from '../src/runtime/deps.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import { insertPlan, insertSubscription } from './support/network-fixtures.ts';

const HEARTBEAT = { LIVE_HEARTBEAT_SECONDS: '0.1' };

interface Frame {
  id: string | undefined;
  data: string | undefined;
  comments: string[];
  retry: string | undefined;
}

/** Splits an SSE body into its frames (each ends with a blank line). */
function framesOf(text: string): Frame[] {
  const blocks = text.split('\n\n');
  blocks.pop(); // an incomplete frame, or the empty rest after the last one
  return blocks.map((block) => {
    const frame: Frame = { id: undefined, data: undefined, comments: [], retry: undefined };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) frame.id = line.slice(4);
      else if (line.startsWith('data: ')) frame.data = line.slice(6);
      else if (line.startsWith('retry: ')) frame.retry = line.slice(7);
    }
    return frame;
  });
}

interface Opened {
  status: number;
  headers: IncomingHttpHeaders;
  /** Everything received so far. */
  text(): string;
  events(): { id: string; event: LiveEvent }[];
  waitFor(check: (text: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Settles when the server ended the response or the socket closed. */
  ended: Promise<void>;
  close(): void;
}

/** A GET over its own connection; the body keeps streaming into `text()`. */
function open(base: string, path: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method: 'GET', headers, agent: false });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const w of [...waiters]) w();
      });
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
        res.on('error', () => done());
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        text: () => text,
        events: () =>
          framesOf(text)
            .filter((f) => f.data !== undefined)
            .map((f) => ({
              id: f.id ?? '',
              event: liveEventEnvelopeSchema.parse(JSON.parse(f.data!)) as LiveEvent,
            })),
        waitFor(check, what, timeoutMs = 5_000): Promise<void> {
          return new Promise((ok, fail) => {
            const test = (): void => {
              if (!check(text)) return;
              waiters.delete(test);
              clearTimeout(timer);
              ok();
            };
            const timer = setTimeout(() => {
              waiters.delete(test);
              fail(new Error(`timed out waiting for ${what}; received:\n${text}`));
            }, timeoutMs);
            waiters.add(test);
            test();
          });
        },
        ended,
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}

/** Opens a stream and waits until the server says it is subscribed. */
async function connect(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<Opened> {
  const stream = await open(base, path, headers);
  expect(stream.status, stream.text()).toBe(200);
  await stream.waitFor((t) => t.includes(': connected\n\n'), 'the connected comment');
  return stream;
}

let eventCounter = 0;
function statusEvent(routerId = 'r-1'): LiveEvent {
  eventCounter += 1;
  return {
    type: 'router.status',
    at: new Date(Date.UTC(2026, 2, 10, 5, 0, eventCounter)).toISOString(),
    data: { routerId, status: 'down', since: '2026-03-10T04:59:00.000Z', latencyMs: null },
  };
}

function sessionEvent(subscriptionId: string, online: boolean): LiveEvent {
  return {
    type: 'subscriber.session',
    at: new Date().toISOString(),
    data: { subscriptionId, routerId: 'r-1', online, at: new Date().toISOString() },
  };
}

async function openConnections(deps: AppDeps): Promise<number> {
  const { values } = await liveMetrics(deps.metrics).connections.get();
  return values.reduce((sum, v) => sum + v.value, 0);
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function expectProblem(stream: Opened, status: number, code: string): void {
  expect(stream.status, stream.text()).toBe(status);
  expect(stream.headers['content-type']).toContain('application/problem+json');
  expect((JSON.parse(stream.text()) as { code: string }).code).toBe(code);
}

describe('live events on one node', () => {
  let env: TestEnv;
  let base: string;
  let technician: Agent;
  let finance: Agent;
  const customers: { id: string; subscriptionId: string; cookie: string }[] = [];

  beforeAll(async () => {
    env = await createTestEnv({ env: HEARTBEAT });
    base = await env.app.listen({ port: 0, host: '127.0.0.1' });
    technician = await env.agentFor('technician');
    finance = await env.agentFor('finance');
    const admin = await env.agentFor('admin');
    const [router] = await env.deps.db
      .insert(routers)
      .values({
        name: 'live-r1',
        addresses: ['127.0.0.1'],
        port: 1,
        transport: 'api',
        username: 'u',
        passwordEnc: 'x',
      })
      .returning({ id: routers.id });
    const planId = await insertPlan(env.deps, [router!.id]);
    for (const [i, username] of ['live-alice', 'live-bob'].entries()) {
      const sub = await insertSubscription(env.deps, { routerId: router!.id, planId, username });
      const password = `portal-pw-${randomBytes(6).toString('hex')}`;
      const set = await admin.request({
        method: 'PUT',
        url: `/api/v1/customers/${sub.customerId}/portal-password`,
        payload: { password },
      });
      expect(set.statusCode, set.body).toBe(204);
      const login = await env.app.inject({
        method: 'POST',
        url: '/api/v1/portal/auth/login',
        payload: { login: username, password },
        remoteAddress: `203.0.113.${i + 10}`,
      });
      expect(login.statusCode, login.body).toBe(200);
      const cookie = login.cookies.find((c) => c.name === 'jaring_portal');
      customers.push({
        id: sub.customerId,
        subscriptionId: sub.id,
        cookie: `jaring_portal=${cookie!.value}`,
      });
    }
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('streams a published event to a staff session with SSE framing and headers', async () => {
    const stream = await connect(base, '/api/v1/live/events?topics=monitoring', {
      cookie: technician.cookie,
    });
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.headers['content-length']).toBeUndefined();
    expect(stream.headers['x-request-id']).toBeTruthy();
    // Security headers from helmet survive the streamed response.
    expect(stream.headers['x-content-type-options']).toBe('nosniff');
    expect(stream.text().startsWith('retry: 3000\n: connected\n\n')).toBe(true);

    const first = statusEvent();
    const second: LiveEvent = {
      type: 'router.rates',
      at: new Date().toISOString(),
      data: {
        routerId: 'r-1',
        at: new Date().toISOString(),
        interfaces: [{ name: 'ether1', rxBps: 1_000_000, txBps: 250_000 }],
        cpuLoad: 12,
      },
    };
    await env.deps.events.publish('monitoring', first);
    // Another topic's event never reaches this stream.
    await env.deps.events.publish(portalLiveTopic(customers[0]!.id), sessionEvent('s', true));
    await env.deps.events.publish('monitoring', second);
    await stream.waitFor((t) => t.includes('router.rates'), 'the second event');
    expect(stream.text()).toContain(`id: 1\ndata: ${JSON.stringify(first)}\n\n`);
    expect(stream.text()).toContain(`id: 2\ndata: ${JSON.stringify(second)}\n\n`);
    expect(stream.events()).toEqual([
      { id: '1', event: first },
      { id: '2', event: second },
    ]);
    stream.close();
    await eventually(async () => (await openConnections(env.deps)) === 0, 'no open streams');
  });

  it('accepts an API token with monitoring:read and ignores Last-Event-ID', async () => {
    const owner = await env.agentFor('owner');
    const minted = await owner.request({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { name: 'dashboard', abilities: ['monitoring:read'] },
    });
    expect(minted.statusCode, minted.body).toBe(201);
    const token = minted.json<{ plainTextToken: string }>().plainTextToken;
    const stream = await connect(base, '/api/v1/live/events?topics=monitoring', {
      authorization: `Bearer ${token}`,
      'last-event-id': '41',
    });
    const event = statusEvent();
    await env.deps.events.publish('monitoring', event);
    await stream.waitFor((t) => t.includes('data: '), 'an event');
    // Live only: the counter starts again, nothing after event 41 is replayed.
    expect(stream.events()).toEqual([{ id: '1', event }]);
    stream.close();
  });

  it('refuses staff without monitoring:read (403) and anonymous callers (401)', async () => {
    expectProblem(
      await open(base, '/api/v1/live/events?topics=monitoring', { cookie: finance.cookie }),
      403,
      'forbidden',
    );
    expectProblem(
      await open(base, '/api/v1/live/events?topics=monitoring'),
      401,
      'unauthenticated',
    );
    expectProblem(
      await open(base, '/api/v1/live/events?topics=monitoring', { authorization: 'Bearer nope' }),
      401,
      'unauthenticated',
    );
    // A customer's portal cookie is no staff session.
    expectProblem(
      await open(base, '/api/v1/live/events?topics=monitoring', { cookie: customers[0]!.cookie }),
      401,
      'unauthenticated',
    );
  });

  it('needs known topics', async () => {
    for (const query of ['', '?topics=', '?topics=portal:x', '?topics=monitoring,billing']) {
      expectProblem(
        await open(base, `/api/v1/live/events${query}`, { cookie: technician.cookie }),
        400,
        'validation_failed',
      );
    }
    expect(await openConnections(env.deps)).toBe(0);
  });

  it('gives a portal customer only their own topic', async () => {
    const [alice, bob] = customers as [(typeof customers)[0], (typeof customers)[0]];
    const aliceStream = await connect(base, '/api/v1/portal/live/events', { cookie: alice.cookie });
    const bobStream = await connect(base, '/api/v1/portal/live/events', { cookie: bob.cookie });
    const forAlice = sessionEvent(alice.subscriptionId, false);
    const forBob = sessionEvent(bob.subscriptionId, true);
    await env.deps.events.publish('monitoring', statusEvent());
    await env.deps.events.publish(portalLiveTopic(alice.id), forAlice);
    await env.deps.events.publish(portalLiveTopic(bob.id), forBob);
    await aliceStream.waitFor((t) => t.includes('data: '), "alice's event");
    await bobStream.waitFor((t) => t.includes('data: '), "bob's event");
    expect(aliceStream.events()).toEqual([{ id: '1', event: forAlice }]);
    expect(bobStream.events()).toEqual([{ id: '1', event: forBob }]);
    aliceStream.close();
    bobStream.close();

    // No portal session, or a staff session only: 401.
    expectProblem(await open(base, '/api/v1/portal/live/events'), 401, 'unauthenticated');
    expectProblem(
      await open(base, '/api/v1/portal/live/events', { cookie: technician.cookie }),
      401,
      'unauthenticated',
    );
    // The portal stream takes no topic from the caller.
    expectProblem(
      await open(base, `/api/v1/portal/live/events?topics=${portalLiveTopic(bob.id)}`, {
        cookie: alice.cookie,
      }),
      400,
      'validation_failed',
    );
  });

  it('sends a heartbeat comment while idle', async () => {
    const stream = await connect(base, '/api/v1/live/events?topics=monitoring', {
      cookie: technician.cookie,
    });
    await stream.waitFor(
      (t) => framesOf(t).filter((f) => f.comments.includes('ping')).length >= 2,
      'two heartbeats',
    );
    expect(stream.events()).toEqual([]);
    stream.close();
  });

  it('unsubscribes when the client goes away, and counts connections and events', async () => {
    const metrics = liveMetrics(env.deps.metrics);
    const before = (await metrics.events.get()).values.find(
      (v) => v.labels.type === 'alert.opened',
    );
    const streams = await Promise.all([
      connect(base, '/api/v1/live/events?topics=monitoring', { cookie: technician.cookie }),
      connect(base, '/api/v1/live/events?topics=monitoring', { cookie: technician.cookie }),
      connect(base, '/api/v1/portal/live/events', { cookie: customers[0]!.cookie }),
    ]);
    const gauge = await metrics.connections.get();
    expect(gauge.values.find((v) => v.labels.audience === 'staff')?.value).toBe(2);
    expect(gauge.values.find((v) => v.labels.audience === 'portal')?.value).toBe(1);

    const alert: LiveEvent = {
      type: 'alert.opened',
      at: new Date().toISOString(),
      data: {
        alert: {
          id: 'a-1',
          rule: 'router_down',
          severity: 'critical',
          status: 'open',
          title: 'live-r1 is down',
          entityType: 'router',
          entityId: 'r-1',
          openedAt: new Date().toISOString(),
        },
      },
    };
    await env.deps.events.publish('monitoring', alert);
    await Promise.all(streams.slice(0, 2).map((s) => s.waitFor((t) => t.includes('a-1'), 'alert')));
    // Counted once per event on this node, however many streams it went to.
    const after = (await metrics.events.get()).values.find((v) => v.labels.type === 'alert.opened');
    expect((after?.value ?? 0) - (before?.value ?? 0)).toBe(1);
    const scrape = await env.deps.metrics.metrics();
    expect(scrape).toContain('jaring_live_connections{audience="staff"} 2');
    expect(scrape).toMatch(/jaring_live_events_total\{type="alert\.opened"\} \d+/);

    for (const s of streams) s.close();
    await eventually(async () => (await openConnections(env.deps)) === 0, 'no open streams');
    // Nothing listens any more: publishing reaches no one and counts nothing.
    await env.deps.events.publish('monitoring', alert);
    const later = (await metrics.events.get()).values.find((v) => v.labels.type === 'alert.opened');
    expect(later?.value).toBe(after?.value);
  });
});

describe('live events at shutdown', () => {
  it('ends open streams so the server can close', async () => {
    const env = await createTestEnv({ env: HEARTBEAT });
    let closed = false;
    try {
      const base = await env.app.listen({ port: 0, host: '127.0.0.1' });
      const technician = await env.agentFor('technician');
      const stream = await connect(base, '/api/v1/live/events?topics=monitoring', {
        cookie: technician.cookie,
      });
      const started = Date.now();
      await env.close();
      closed = true;
      await stream.ended;
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await openConnections(env.deps)).toBe(0);
    } finally {
      if (!closed) await env.close();
    }
  }, 30_000);
});

describe.runIf(Boolean(process.env.REDIS_URL))('live events across nodes (Redis)', () => {
  const nodes: { env: TestEnv; base: string; technician: Agent }[] = [];

  beforeAll(async () => {
    // One key prefix for both: two installs on one Redis with different prefixes never meet.
    const prefix = `jaring-live-${randomBytes(4).toString('hex')}:`;
    for (let i = 0; i < 2; i++) {
      const env = await createTestEnv({ env: { ...HEARTBEAT, REDIS_KEY_PREFIX: prefix } });
      const base = await env.app.listen({ port: 0, host: '127.0.0.1' });
      nodes.push({ env, base, technician: await env.agentFor('technician') });
    }
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) await node.env.close();
  });

  it('delivers a publish on one node to subscribers on both, exactly once each', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const path = '/api/v1/live/events?topics=monitoring';
    const onA = await connect(a.base, path, { cookie: a.technician.cookie });
    const onB = await connect(b.base, path, { cookie: b.technician.cookie });
    const fromA = statusEvent('from-a');
    const fromB = statusEvent('from-b');
    await a.env.deps.events.publish('monitoring', fromA);
    await b.env.deps.events.publish('monitoring', fromB);
    // A last event through the same channel: once it arrives, any duplicate of the first two
    // would have arrived before it.
    const marker = statusEvent('marker');
    await a.env.deps.events.publish('monitoring', marker);
    for (const stream of [onA, onB]) {
      await stream.waitFor((t) => t.includes('"marker"'), 'the marker');
      expect(stream.events().map((e) => e.event)).toEqual([fromA, fromB, marker]);
    }
    onA.close();
    onB.close();
  });

  it('keeps portal topics apart across nodes and drops channels nobody listens to', async () => {
    const [a, b] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const seen: string[] = [];
    const off = b.env.deps.events.subscribe([portalLiveTopic('c-1')], (event, topic) =>
      seen.push(`${topic} ${event.type}`),
    );
    await off.ready;
    await a.env.deps.events.publish(portalLiveTopic('c-2'), sessionEvent('s-2', true));
    await a.env.deps.events.publish(portalLiveTopic('c-1'), sessionEvent('s-1', true));
    await eventually(async () => seen.length > 0, 'the portal event');
    expect(seen).toEqual(['portal:c-1 subscriber.session']);

    const redis = a.env.deps.redis!;
    const channel = `${a.env.deps.config.redisKeyPrefix}live:${portalLiveTopic('c-1')}`;
    expect(await redis.pubsub('CHANNELS', channel)).toEqual([channel]);
    off();
    await eventually(
      async () => ((await redis.pubsub('CHANNELS', channel)) as string[]).length === 0,
      'the channel to be unsubscribed',
    );
  });
});
