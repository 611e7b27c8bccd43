import type { LiveEvent } from '@jaring/contracts';
import { Redis } from 'ioredis';
import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  createMemoryEventBus,
  createRedisEventBus,
  EventBusFullError,
  type EventBusOptions,
} from './event-bus.ts';

function statusEvent(routerId: string): LiveEvent {
  return {
    type: 'router.status',
    at: '2026-03-10T05:00:00.000Z',
    data: { routerId, status: 'down', since: '2026-03-10T04:59:00.000Z', latencyMs: null },
  };
}

function options(extra: Partial<EventBusOptions> = {}): EventBusOptions & { logs: string[] } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb): void {
      logs.push(chunk.toString('utf8'));
      cb();
    },
  });
  return { logger: pino({ level: 'info' }, sink), logs, ...extra };
}

describe('in-process event bus', () => {
  it('delivers to the topic subscribers only, before publish returns', () => {
    const bus = createMemoryEventBus(options());
    const monitoring: [LiveEvent, string][] = [];
    const portal: LiveEvent[] = [];
    bus.subscribe(['monitoring'], (event, topic) => monitoring.push([event, topic]));
    bus.subscribe(['portal:a'], (event) => portal.push(event));
    const event = statusEvent('r1');
    void bus.publish('monitoring', event);
    // Synchronous fan-out: no await needed to see it.
    expect(monitoring).toEqual([[event, 'monitoring']]);
    expect(portal).toEqual([]);
  });

  it('gives a listener of several topics each publish once, with its topic', async () => {
    const bus = createMemoryEventBus(options());
    const seen: string[] = [];
    bus.subscribe(['monitoring', 'portal:a', 'monitoring'], (event, topic) =>
      seen.push(`${topic}:${event.type}`),
    );
    await bus.publish('monitoring', statusEvent('r1'));
    await bus.publish('portal:a', statusEvent('r1'));
    await bus.publish('portal:b', statusEvent('r1'));
    expect(seen).toEqual(['monitoring:router.status', 'portal:a:router.status']);
  });

  it('stops delivering after unsubscribe, which may be called twice', async () => {
    const bus = createMemoryEventBus(options());
    let count = 0;
    const off = bus.subscribe(['monitoring'], () => {
      count += 1;
    });
    await off.ready;
    await bus.publish('monitoring', statusEvent('r1'));
    off();
    off();
    await bus.publish('monitoring', statusEvent('r1'));
    expect(count).toBe(1);
  });

  it('keeps delivering to the others when a listener throws, and logs it', async () => {
    const opts = options();
    const bus = createMemoryEventBus(opts);
    const seen: string[] = [];
    bus.subscribe(['monitoring'], () => {
      throw new Error('boom');
    });
    bus.subscribe(['monitoring'], (event) => seen.push(event.type));
    await bus.publish('monitoring', statusEvent('r1'));
    expect(seen).toEqual(['router.status']);
    expect(opts.logs.join('')).toContain('live listener failed');
  });

  it('lets a listener unsubscribe itself or another while an event is dispatched', async () => {
    const bus = createMemoryEventBus(options());
    const seen: string[] = [];
    const offs: (() => void)[] = [];
    offs.push(
      bus.subscribe(['monitoring'], () => {
        seen.push('first');
        for (const off of offs) off();
      }),
    );
    offs.push(bus.subscribe(['monitoring'], () => seen.push('second')));
    await bus.publish('monitoring', statusEvent('r1'));
    await bus.publish('monitoring', statusEvent('r1'));
    // The second was still in the snapshot taken for the first event; after that both are gone.
    expect(seen).toEqual(['first', 'second']);
  });

  it('is bounded: past the limit subscribe throws until a subscription ends', () => {
    const bus = createMemoryEventBus(options({ maxSubscriptions: 2 }));
    const a = bus.subscribe(['monitoring'], () => undefined);
    bus.subscribe(['portal:a'], () => undefined);
    expect(() => bus.subscribe(['monitoring'], () => undefined)).toThrow(EventBusFullError);
    a();
    a();
    expect(() => bus.subscribe(['monitoring'], () => undefined)).not.toThrow();
    expect(() => bus.subscribe(['monitoring'], () => undefined)).toThrow(EventBusFullError);
  });

  it('reports each event that reached a subscriber once, and none without one', async () => {
    const dispatched: string[] = [];
    const bus = createMemoryEventBus(
      options({ onDispatch: (topic, event) => dispatched.push(`${topic} ${event.type}`) }),
    );
    await bus.publish('monitoring', statusEvent('r1'));
    bus.subscribe(['monitoring'], () => undefined);
    bus.subscribe(['monitoring'], () => undefined);
    await bus.publish('monitoring', statusEvent('r1'));
    expect(dispatched).toEqual(['monitoring router.status']);
  });

  it('delivers nothing once closed', async () => {
    const bus = createMemoryEventBus(options());
    let count = 0;
    bus.subscribe(['monitoring'], () => {
      count += 1;
    });
    await bus.close();
    await bus.publish('monitoring', statusEvent('r1'));
    expect(count).toBe(0);
  });
});

// The cross-node behaviour against a real Redis is in test/live-events.test.ts (with REDIS_URL).
describe('Redis event bus without a reachable Redis', () => {
  it('drops a publish without failing the caller, and refuses to pretend a subscription works', async () => {
    // Nothing listens on port 1; no offline queue and no retries, so every command fails at once.
    const redis = new Redis('redis://127.0.0.1:1', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    const failed: string[] = [];
    const opts = options({ onPublishError: (topic) => failed.push(topic) });
    const bus = createRedisEventBus(redis, { ...opts, channelPrefix: 'test:live:' });
    try {
      await expect(bus.publish('monitoring', statusEvent('r1'))).resolves.toBeUndefined();
      expect(failed).toEqual(['monitoring']);
      expect(opts.logs.join('')).toContain('could not publish a live event');

      const first = bus.subscribe(['monitoring'], () => undefined);
      await expect(first.ready).rejects.toThrow();
      // A failed SUBSCRIBE is not remembered: the next listener tries again (and fails again).
      const second = bus.subscribe(['monitoring'], () => undefined);
      await expect(second.ready).rejects.toThrow();
      first();
      second();
    } finally {
      await bus.close();
      redis.disconnect();
    }
  });
});
