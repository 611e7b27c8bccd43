import { sql } from 'drizzle-orm';
import {
  PgBoss,
  fromDrizzle,
  fromPglite,
  type Job,
  type JobAttempt,
  type JobResult,
} from 'pg-boss';
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

/**
 * How long the finished jobs of a batch wait for a straggler before they are completed on their
 * own. Jobs of a batch usually end within a few milliseconds of each other and are then completed
 * together, in one statement.
 */
const BATCH_STRAGGLER_MS = 250;

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
      const polling = { pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2 };
      if (def.batchSize === 1) {
        await this.#boss.work<unknown>(
          def.name,
          { ...polling, batchSize: 1, localConcurrency: def.concurrency },
          async ([job]) => {
            // pg-boss completes the job when this returns and fails it (retry with backoff) on a throw.
            if (job) await this.#run(def, job, deps);
          },
        );
      } else {
        // Each worker claims up to batchSize jobs per fetch; workers x batchSize never exceeds the
        // job's concurrency. While fetches come back full there is more work waiting, so a worker
        // fetches again at once instead of sleeping a polling interval between every few jobs.
        await this.#boss.work<unknown>(
          def.name,
          {
            ...polling,
            batchSize: def.batchSize,
            localConcurrency: Math.floor(def.concurrency / def.batchSize),
            burstWhenBatchFull: true,
            perJobResults: true,
          },
          async (jobs) => this.#runBatch(def, jobs, deps),
        );
      }
      if (def.schedule) {
        await this.#boss.schedule(def.name, def.schedule.cron, def.schedule.payload as object, {
          tz: this.#options.timezone,
        });
      }
    }
  }

  async #run(def: AnyDefinition<D>, job: Job<unknown>, deps: D): Promise<void> {
    // Let I/O in before each job. On the embedded database a query resolves without leaving the
    // microtask queue, so a worker with a backlog would otherwise keep the event loop to itself
    // and starve the HTTP server: during a storm of payment notifications, answers to the
    // gateways took seconds.
    await new Promise((resolve) => setImmediate(resolve));
    const log = this.#options.logger.child({ job: def.name, jobId: job.id });
    const startedAt = performance.now();
    try {
      const payload: unknown = def.payload.parse(job.data);
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
  }

  /**
   * Runs a fetched batch side by side and reports each job's own outcome: pg-boss then completes
   * the finished jobs in one statement and fails the failed ones, each retried with its queue's
   * backoff exactly as a lone job would be. A failure is settled at once, and jobs done while a
   * straggler (an unreachable router waiting out its timeouts) still runs are completed after a
   * short pause, so one slow job never holds the others' settlement. Settling twice is harmless:
   * every settle is fenced to the attempt fetched, so pg-boss's own pass skips what was settled.
   */
  async #runBatch(def: AnyDefinition<D>, jobs: Job<unknown>[], deps: D): Promise<JobResult[]> {
    const finished: JobAttempt[] = [];
    let flushTimer: NodeJS.Timeout | undefined;
    const settle = (work: Promise<unknown>): void => {
      // Only an early settle; the result returned below still settles the job if this fails.
      work.catch((err: unknown) => {
        this.#options.logger.warn({ err, job: def.name }, 'early job settle failed');
      });
    };
    const flush = (): void => {
      flushTimer = undefined;
      const attempts = finished.splice(0);
      if (attempts.length > 0) settle(this.#boss.complete(def.name, attempts));
    };
    const results = await Promise.all(
      jobs.map(async (job): Promise<JobResult> => {
        const attempt = { id: job.id, retryCount: job.retryCount };
        try {
          await this.#run(def, job, deps);
        } catch (err) {
          settle(this.#boss.fail(def.name, attempt, err as object));
          return { id: job.id, status: 'failed', output: err };
        }
        finished.push(attempt);
        flushTimer ??= setTimeout(flush, BATCH_STRAGGLER_MS);
        return { id: job.id, status: 'completed' };
      }),
    );
    clearTimeout(flushTimer);
    return results;
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

  /**
   * Many jobs of one kind in one statement: inside `tx` they exist if and only if it commits, as
   * with `enqueue`. For writes that batch many business rows in one transaction.
   */
  async enqueueMany<P>(
    def: JobDefinition<P, D>,
    payloads: readonly P[],
    options: Pick<EnqueueOptions, 'tx'> = {},
  ): Promise<void> {
    if (!this.#started) throw new Error('job queue is not started');
    if (!this.#definitions.has(def.name)) throw new Error(`job ${def.name} is not registered`);
    if (payloads.length === 0) return;
    const jobs = payloads.map((p) => ({ data: def.payload.parse(p) as object }));
    await this.#boss.insert(
      def.name,
      jobs,
      options.tx ? { db: fromDrizzle(options.tx as never, sql) } : {},
    );
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
