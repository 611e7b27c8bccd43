import { PoolRegistry, type RouterOSObserver } from '@jaring/routeros';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { resolveAppKey } from '../config/app-key.ts';
import type { Config } from '../config/env.ts';
import { createSecretBox } from '../crypto/secret-box.ts';
import { hmac } from '../crypto/tokens.ts';
import { connectDatabase } from '../db/connect.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { JobDefinition } from '../jobs/define-job.ts';
import { JobQueue } from '../jobs/job-queue.ts';
import { ALL_JOBS } from '../jobs/registry.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { routerosMetrics } from '../lib/routeros-metrics.ts';
import {
  createMemoryEventBus,
  createRedisEventBus,
  type EventBus,
  type EventBusOptions,
} from '../lib/event-bus.ts';
import { liveMetrics } from '../modules/live/metrics.ts';
import { onRouterConnected } from '../modules/reconcile/reconnect.ts';
import { createMemoryRateLimiter, createRedisRateLimiter } from '../lib/rate-limiter.ts';
import type { AppDeps } from './deps.ts';

export interface CreateDepsOptions {
  logger: Logger;
  worker: boolean;
  clock?: Clock;
  /** An already-connected database (tests); otherwise one is opened from the config. */
  database?: Database;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  jobs?: readonly JobDefinition<any, AppDeps>[];
  /** Worker poll interval; tests shorten it. */
  pollingIntervalSeconds?: number;
}

export async function createDeps(config: Config, options: CreateDepsOptions): Promise<AppDeps> {
  const appKey = await resolveAppKey(config);
  const database =
    options.database ??
    (await connectDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      poolMax: config.databasePoolMax,
    }));
  await migrate(database);

  let redis: Redis | undefined;
  if (config.redisUrl) {
    redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 2,
      keyPrefix: config.redisKeyPrefix,
    });
    redis.on('error', (err: unknown) => options.logger.warn({ err }, 'redis error'));
    await redis.connect();
  }

  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics, prefix: 'jaring_' });

  const live = liveMetrics(metrics);
  const busOptions: EventBusOptions = {
    logger: options.logger,
    onDispatch: (_topic, event) => live.events.inc({ type: event.type }),
    onPublishError: () => live.publishErrors.inc(),
  };
  const events: EventBus = redis
    ? createRedisEventBus(redis, { ...busOptions, channelPrefix: `${config.redisKeyPrefix}live:` })
    : createMemoryEventBus(busOptions);

  const jobs = new JobQueue<AppDeps>({
    database,
    logger: options.logger,
    timezone: config.timezone,
    worker: options.worker,
    ...(options.pollingIntervalSeconds
      ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
      : {}),
  });
  jobs.register(options.jobs ?? ALL_JOBS);

  // The observer is built before the deps it reports into; it reaches them through this ref.
  const ref: { deps?: AppDeps } = {};
  const metricsObserver = routerosMetrics(metrics);
  const observer: RouterOSObserver = {
    ...metricsObserver,
    onConnect(event): void {
      metricsObserver.onConnect?.(event);
      const d = ref.deps;
      if (!event.ok || !d || !/^[0-9a-f-]{36}$/.test(event.router)) return;
      onRouterConnected(d, event.router).catch((err: unknown) =>
        d.logger.warn(
          { err, router: event.router },
          'could not schedule reconcile after reconnect',
        ),
      );
    },
  };

  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    logger: options.logger,
    clock: options.clock ?? systemClock,
    secretBox: createSecretBox(appKey, config.previousAppKeys),
    csrfKey: Buffer.from(hmac(Buffer.from(appKey, 'base64'), 'jaring:csrf-key'), 'base64url'),
    rateLimiter: redis ? createRedisRateLimiter(redis) : createMemoryRateLimiter(),
    redis,
    events,
    jobs,
    metrics,
    routerPools: new PoolRegistry({ observer, size: 2 }),
  };
  ref.deps = deps;
  return deps;
}

export async function closeDeps(deps: AppDeps): Promise<void> {
  await deps.jobs.stop();
  await deps.routerPools.closeAll();
  await deps.events.close();
  if (deps.redis) await deps.redis.quit().catch(() => undefined);
  await deps.database.close();
}
