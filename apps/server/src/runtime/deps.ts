import type { PoolRegistry } from '@jaring/routeros';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Config } from '../config/env.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import type { Database, Db } from '../db/database.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { RateLimiter } from '../lib/rate-limiter.ts';

/** Everything a use case may depend on, built once at boot and passed down explicitly. */
export interface AppDeps {
  config: Config;
  database: Database;
  db: Db;
  logger: Logger;
  clock: Clock;
  secretBox: SecretBox;
  /** Derived from APP_KEY; signs CSRF tokens. */
  csrfKey: Buffer;
  rateLimiter: RateLimiter;
  redis: Redis | undefined;
  /** Live events for SSE clients: through Redis across nodes when it is set, else in process. */
  events: EventBus;
  jobs: JobQueue<AppDeps>;
  metrics: Registry;
  /** One connection pool per router, shared by every caller in this process. */
  routerPools: PoolRegistry;
}
