import { liveEventEnvelopeSchema, type LiveEvent } from '@jaring/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Receives an event published to one of the topics it subscribed to. */
export type LiveListener = (event: LiveEvent, topic: string) => void;

/**
 * Ends a subscription (idempotent). `ready` settles once the subscription can receive events:
 * at once in process, after Redis acknowledged SUBSCRIBE otherwise. A caller that tells its
 * client "connected" waits for it, so nothing published after that moment is missed.
 */
export interface Unsubscribe {
  (): void;
  readonly ready: Promise<void>;
}

/**
 * Real-time fan-out of live events. Best effort by design: events are hints derived from state
 * kept in Postgres, so a publish that cannot reach Redis is logged and dropped instead of failing
 * the job that emitted it, and clients refetch on reconnect.
 */
export interface EventBus {
  publish(topic: string, event: LiveEvent): Promise<void>;
  subscribe(topics: readonly string[], listener: LiveListener): Unsubscribe;
  close(): Promise<void>;
}

export class EventBusFullError extends Error {
  override name = 'EventBusFullError';
}

export interface EventBusOptions {
  logger: Logger;
  /** Subscriptions this process accepts at once; one more throws `EventBusFullError`. */
  maxSubscriptions?: number;
  /** Called once per event that reached at least one subscriber in this process (metrics). */
  onDispatch?: (topic: string, event: LiveEvent) => void;
  /** Called when a publish is dropped because Redis did not take it (metrics). */
  onPublishError?: (topic: string, event: LiveEvent) => void;
}

export const DEFAULT_MAX_SUBSCRIPTIONS = 10_000;

/**
 * Topic -> listeners, dispatched synchronously. Both implementations deliver through it; the Redis
 * one only decides when an event arrives.
 */
class LocalFanOut {
  private readonly byTopic = new Map<string, Set<LiveListener>>();
  private subscriptions = 0;
  private readonly max: number;
  private readonly options: EventBusOptions;

  constructor(options: EventBusOptions) {
    this.options = options;
    this.max = options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS;
  }

  /** Adds the listener; returns the topics that had no listener before (0 -> 1). */
  add(topics: readonly string[], listener: LiveListener): string[] {
    if (this.subscriptions >= this.max) {
      throw new EventBusFullError(`at most ${this.max} live subscriptions per process`);
    }
    this.subscriptions += 1;
    const first: string[] = [];
    for (const topic of new Set(topics)) {
      let set = this.byTopic.get(topic);
      if (!set) {
        set = new Set();
        this.byTopic.set(topic, set);
        first.push(topic);
      }
      set.add(listener);
    }
    return first;
  }

  /** Removes the listener; returns the topics left without listeners (1 -> 0). */
  remove(topics: readonly string[], listener: LiveListener): string[] {
    this.subscriptions -= 1;
    const emptied: string[] = [];
    for (const topic of new Set(topics)) {
      const set = this.byTopic.get(topic);
      if (!set) continue;
      set.delete(listener);
      if (set.size === 0) {
        this.byTopic.delete(topic);
        emptied.push(topic);
      }
    }
    return emptied;
  }

  dispatch(topic: string, event: LiveEvent): void {
    const set = this.byTopic.get(topic);
    if (!set) return;
    this.options.onDispatch?.(topic, event);
    // A copy: a listener may unsubscribe (its client went away) while we iterate.
    for (const listener of [...set]) {
      try {
        listener(event, topic);
      } catch (err) {
        // One broken listener must not starve the others of the event.
        this.options.logger.warn({ err, topic, type: event.type }, 'live listener failed');
      }
    }
  }

  clear(): void {
    this.byTopic.clear();
    this.subscriptions = 0;
  }
}

function unsubscriber(stop: () => void, ready: Promise<void>): Unsubscribe {
  let done = false;
  const fn = (): void => {
    if (done) return;
    done = true;
    stop();
  };
  return Object.assign(fn, { ready });
}

/** One process: publish delivers synchronously to this process's subscribers, and nowhere else. */
export function createMemoryEventBus(options: EventBusOptions): EventBus {
  const local = new LocalFanOut(options);
  let closed = false;
  return {
    publish(topic, event): Promise<void> {
      if (!closed) local.dispatch(topic, event);
      return Promise.resolve();
    },
    subscribe(topics, listener): Unsubscribe {
      local.add(topics, listener);
      return unsubscriber(() => local.remove(topics, listener), Promise.resolve());
    },
    close(): Promise<void> {
      closed = true;
      local.clear();
      return Promise.resolve();
    },
  };
}

export interface RedisEventBusOptions extends EventBusOptions {
  /** Prepended to every channel; ioredis's `keyPrefix` does not apply to pub/sub channels. */
  channelPrefix: string;
}

/**
 * Every node publishes on the shared connection and listens through one subscriber connection of
 * its own (a connection in subscribe mode can run no other command). A publish is delivered to
 * local subscribers only when it comes back from Redis, never directly as well, so each
 * subscriber gets each event exactly once whichever node published it. Channels are subscribed
 * only while this node has a listener for them: a customer's portal topic costs nothing on nodes
 * where that customer is not connected.
 */
export function createRedisEventBus(redis: Redis, options: RedisEventBusOptions): EventBus {
  const { channelPrefix, logger } = options;
  const local = new LocalFanOut(options);
  // Created on first use: worker-only nodes publish but never subscribe.
  let subscriber: Redis | undefined;
  let closed = false;

  function subscriberConnection(): Redis {
    if (subscriber) return subscriber;
    // A duplicate keeps the URL and TLS settings; with the shared connection's lazyConnect it
    // connects on its first SUBSCRIBE, and ioredis resubscribes by itself after a reconnect.
    const sub = redis.duplicate();
    sub.on('error', (err: unknown) => logger.warn({ err }, 'live event subscriber error'));
    sub.on('message', (channel: string, message: string) => {
      if (closed || !channel.startsWith(channelPrefix)) return;
      const topic = channel.slice(channelPrefix.length);
      let event: LiveEvent;
      try {
        // The envelope is checked, the body trusted: only our own nodes publish on these channels.
        event = liveEventEnvelopeSchema.parse(JSON.parse(message)) as LiveEvent;
      } catch (err) {
        logger.warn({ err, channel }, 'dropped a malformed live event');
        return;
      }
      local.dispatch(topic, event);
    });
    subscriber = sub;
    return sub;
  }

  /** The SUBSCRIBE of each topic with listeners here; a later listener waits on the same one. */
  const pending = new Map<string, Promise<void>>();

  function channelSubscribed(topic: string): Promise<void> {
    const known = pending.get(topic);
    if (known) return known;
    // Commands on one connection run in order, so a later UNSUBSCRIBE of the same channel cannot
    // overtake this SUBSCRIBE.
    const subscribing = subscriberConnection()
      .subscribe(channelPrefix + topic)
      .then(
        () => undefined,
        (err: unknown) => {
          // Forgotten, so the next listener tries again instead of waiting on a dead channel.
          if (pending.get(topic) === subscribing) pending.delete(topic);
          logger.warn({ err, topic }, 'live subscribe failed');
          throw err;
        },
      );
    pending.set(topic, subscribing);
    return subscribing;
  }

  return {
    async publish(topic, event): Promise<void> {
      if (closed) return;
      try {
        await redis.publish(channelPrefix + topic, JSON.stringify(event));
      } catch (err) {
        options.onPublishError?.(topic, event);
        logger.warn({ err, topic, type: event.type }, 'could not publish a live event');
      }
    },
    subscribe(topics, listener): Unsubscribe {
      if (closed) throw new EventBusFullError('the live event bus is closed');
      local.add(topics, listener);
      const ready = Promise.all([...new Set(topics)].map(channelSubscribed)).then(() => undefined);
      // Marked handled for callers that never wait on it; one that awaits still sees the failure.
      ready.catch(() => undefined);
      return unsubscriber(() => {
        const emptied = local.remove(topics, listener);
        if (emptied.length === 0 || !subscriber || closed) return;
        for (const topic of emptied) pending.delete(topic);
        subscriber.unsubscribe(...emptied.map((t) => channelPrefix + t)).catch((err: unknown) => {
          logger.warn({ err, topics: emptied }, 'live unsubscribe failed');
        });
      }, ready);
    },
    async close(): Promise<void> {
      closed = true;
      local.clear();
      pending.clear();
      const sub = subscriber;
      subscriber = undefined;
      if (!sub) return;
      await sub.quit().catch(() => sub.disconnect());
    },
  };
}
