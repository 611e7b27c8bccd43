import type { z } from 'zod';

export interface JobRunInfo {
  id: string;
  retryCount: number;
  signal: AbortSignal;
}

export interface RetryPolicy {
  /** Attempts after the first one before the job is marked failed. */
  limit: number;
  /** First delay; doubled each attempt (with jitter) when `backoff` is true. */
  delaySeconds: number;
  backoff: boolean;
  maxDelaySeconds?: number;
}

export interface JobDefinition<P, D> {
  name: string;
  payload: z.ZodType<P>;
  /** Must be idempotent: a job can run more than once (retry after a crash, expiry). */
  handler: (payload: P, deps: D, run: JobRunInfo) => Promise<void>;
  retry: RetryPolicy;
  expireInSeconds: number;
  /** Jobs this worker processes at once. */
  concurrency: number;
  /**
   * Jobs fetched per poll (at most `concurrency`). Above 1 the worker claims up to this many at
   * once, runs them side by side and settles each one on its own as it ends, and keeps fetching
   * without the polling pause while batches come back full: for queues of many short jobs, where
   * one claim per poll leaves the worker idle between jobs.
   */
  batchSize: number;
  /**
   * `stately`: per singleton key at most one job waiting and one running, so a burst of sends
   * collapses into one pass and one key is never worked on twice at once.
   */
  policy: 'standard' | 'stately';
  /** Cron-like schedule (5 fields, in the app's timezone) with the payload to send. */
  schedule?: { cron: string; payload: P };
}

export type AnyJob<D> = JobDefinition<never, D> | JobDefinition<unknown, D>;

const DEFAULT_RETRY: RetryPolicy = {
  limit: 8,
  delaySeconds: 5,
  backoff: true,
  maxDelaySeconds: 3600,
};

/**
 * Declares a job once: its name, the schema its payload must satisfy, and the handler. Queue
 * settings live here too so every node creates the queue with the same policy.
 */
export function defineJob<P, D>(
  def: Pick<JobDefinition<P, D>, 'name' | 'payload' | 'handler'> &
    Partial<Omit<JobDefinition<P, D>, 'name' | 'payload' | 'handler'>>,
): JobDefinition<P, D> {
  if (!/^[a-z][a-z0-9.-]*$/.test(def.name)) {
    throw new Error(`job name "${def.name}" must be lowercase letters, digits, dots and dashes`);
  }
  const job: JobDefinition<P, D> = {
    retry: DEFAULT_RETRY,
    expireInSeconds: 15 * 60,
    concurrency: 1,
    batchSize: 1,
    policy: 'standard',
    ...def,
  };
  if (!Number.isInteger(job.concurrency) || job.concurrency < 1) {
    throw new Error(`job ${job.name}: concurrency must be a positive integer`);
  }
  if (!Number.isInteger(job.batchSize) || job.batchSize < 1 || job.batchSize > job.concurrency) {
    throw new Error(`job ${job.name}: batchSize must be an integer from 1 to its concurrency`);
  }
  return job;
}
