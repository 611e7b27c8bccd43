import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Executor } from '../db/database.ts';
import type { JobDefinition } from './define-job.ts';

export interface EnqueueOptions {
  /** Enqueue inside this transaction: the job exists if and only if the transaction commits. */
  tx?: Executor;
  startAfter?: Date | number;
  /** Collapses duplicates: only one queued job per key. */
  singletonKey?: string;
}

export interface JobQueueOptions {
  database: Database;
  logger: Logger;
  timezone: string;
  /** Workers poll, run schedules and do maintenance; API-only nodes only enqueue. */
  worker: boolean;
  pollingIntervalSeconds?: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDefinition<D> = JobDefinition<any, D>;

/** pg-boss behind a small typed surface; the only module that knows pg-boss exists. */
export class JobQueue<D> {
  readonly #boss: PgBoss;
  readonly #options: JobQueueOptions;
  readonly #definitions = new Map<string, AnyDefinition<D>>();
  #started = false;

  constructor(options: JobQueueOptions) {
    this.#options = options;
    const { database } = options;
    const common = {
      schedule: options.worker,
      supervise: options.worker,
      migrate: true,
    };
    this.#boss =
      database.kind === 'pglite' && database.pglite
        ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' })
        : new PgBoss({
            ...common,
            connectionString: database.url,
            max: 4,
            application_name: 'jaring-jobs',
          });
    this.#boss.on('error', (err: unknown) => {
      options.logger.error({ err }, 'job queue error');
    });
  }

  register(definitions: readonly AnyDefinition<D>[]): void {
    for (const def of definitions) {
      if (this.#definitions.has(def.name)) throw new Error(`job ${def.name} registered twice`);
      this.#definitions.set(def.name, def);
    }
  }

  async start(deps: D): Promise<void> {
    await this.#boss.start();
    this.#started = true;
    for (const def of this.#definitions.values()) {
      await this.#boss.createQueue(def.name, {
        policy: def.policy,
        retryLimit: def.retry.limit,
        retryDelay: def.retry.delaySeconds,
        retryBackoff: def.retry.backoff,
        ...(def.retry.maxDelaySeconds ? { retryDelayMax: def.retry.maxDelaySeconds } : {}),
        expireInSeconds: def.expireInSeconds,
      });
      // pg-boss looks a queue up in its cache before inserting a job, and fills the cache over its
      // own connection. Inside a caller's transaction on the single-connection embedded database that
      // lookup would wait for the transaction and the transaction for it: warm the cache now.
      await this.#boss.getJobById(def.name, '00000000-0000-4000-8000-000000000000');
    }
    if (!this.#options.worker) return;
    for (const def of this.#definitions.values()) {
      await this.#boss.work<unknown>(
        def.name,
        {
          batchSize: 1,
          localConcurrency: def.concurrency,
          pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2,
        },
        async ([job]) => {
          if (!job) return;
          const payload: unknown = def.payload.parse(job.data);
          const log = this.#options.logger.child({ job: def.name, jobId: job.id });
          const startedAt = performance.now();
          try {
            await def.handler(payload, deps, {
              id: job.id,
              retryCount: job.retryCount,
              signal: job.signal,
            });
            log.debug({ ms: Math.round(performance.now() - startedAt) }, 'job done');
          } catch (err) {
            log.warn({ err, retryCount: job.retryCount }, 'job failed; will retry if allowed');
            throw err;
          }
        },
      );
      if (def.schedule) {
        await this.#boss.schedule(def.name, def.schedule.cron, def.schedule.payload as object, {
          tz: this.#options.timezone,
        });
      }
    }
  }

  async enqueue<P>(
    def: JobDefinition<P, D>,
    payload: P,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    if (!this.#started) throw new Error('job queue is not started');
    if (!this.#definitions.has(def.name)) throw new Error(`job ${def.name} is not registered`);
    const data = def.payload.parse(payload) as object;
    return this.#boss.send(def.name, data, {
      ...(options.startAfter === undefined ? {} : { startAfter: options.startAfter }),
      ...(options.singletonKey === undefined ? {} : { singletonKey: options.singletonKey }),
      ...(options.tx ? { db: fromDrizzle(options.tx as never, sql) } : {}),
    });
  }

  /** For operators' views and tests: counts per state of one queue. */
  async stats(name: string): Promise<{ queued: number; active: number; total: number }> {
    const q = await this.#boss.getQueue(name);
    return {
      queued: q?.queuedCount ?? 0,
      active: q?.activeCount ?? 0,
      total: q?.totalCount ?? 0,
    };
  }

  async findJob(name: string, id: string): Promise<{ state: string; retryCount: number } | null> {
    const job = await this.#boss.getJobById(name, id);
    return job ? { state: job.state, retryCount: job.retryCount } : null;
  }

  async schedules(): Promise<{ name: string; cron: string; timezone: string | null }[]> {
    const rows = await this.#boss.getSchedules();
    return rows.map((s) => ({ name: s.name, cron: s.cron, timezone: s.timezone ?? null }));
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.#boss.stop({ graceful: true, timeout: 10_000 });
  }
}
