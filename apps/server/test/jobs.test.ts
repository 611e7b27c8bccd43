import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../src/jobs/define-job.ts';
import type { AppDeps } from '../src/runtime/deps.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';
import { rawRows } from './support/network.ts';

const seen: string[] = [];
const attempts = new Map<string, number>();

const recordJob = defineJob<{ key: string }, AppDeps>({
  name: 'test.record',
  payload: z.object({ key: z.string() }),
  retry: { limit: 0, delaySeconds: 1, backoff: false },
  async handler(payload) {
    seen.push(payload.key);
  },
});

const flakyJob = defineJob<{ key: string; failTimes: number }, AppDeps>({
  name: 'test.flaky',
  payload: z.object({ key: z.string(), failTimes: z.number().int() }),
  retry: { limit: 3, delaySeconds: 1, backoff: false },
  async handler(payload) {
    const n = (attempts.get(payload.key) ?? 0) + 1;
    attempts.set(payload.key, n);
    if (n <= payload.failTimes) throw new Error(`attempt ${n} fails on purpose`);
    seen.push(payload.key);
  },
});

const scheduledJob = defineJob<Record<string, never>, AppDeps>({
  name: 'test.scheduled',
  payload: z.strictObject({}),
  schedule: { cron: '0 3 * * *', payload: {} },
  async handler() {},
});

// A job fetched in a batch with others, which fails its first attempt once the test lets it.
const batchAttempts = new Map<string, number>();
const { promise: failingMayEnd, resolve: letFailingEnd } = Promise.withResolvers<void>();
let batchRunning = 0;
let batchMostRunning = 0;

const batchedJob = defineJob<{ key: string; failFirst: boolean }, AppDeps>({
  name: 'test.batched',
  payload: z.object({ key: z.string(), failFirst: z.boolean() }),
  retry: { limit: 2, delaySeconds: 1, backoff: false },
  concurrency: 4,
  batchSize: 4,
  async handler(payload) {
    const n = (batchAttempts.get(payload.key) ?? 0) + 1;
    batchAttempts.set(payload.key, n);
    batchRunning += 1;
    batchMostRunning = Math.max(batchMostRunning, batchRunning);
    try {
      if (payload.failFirst && n === 1) {
        await failingMayEnd;
        throw new Error('first attempt fails on purpose');
      }
      // Long enough for the batch's jobs to overlap.
      await new Promise((r) => setTimeout(r, 50));
      seen.push(payload.key);
    } finally {
      batchRunning -= 1;
    }
  },
});

async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({
    worker: true,
    jobDefinitions: [recordJob, flakyJob, scheduledJob, batchedJob],
  });
}, 60_000);
afterAll(async () => {
  await env.close();
});

describe('job queue', () => {
  it('runs an enqueued job on a worker', async () => {
    const id = await env.deps.jobs.enqueue(recordJob, { key: 'plain' });
    expect(id).toBeTruthy();
    await waitFor(() => seen.includes('plain'));
  });

  it('enqueues inside a transaction: a rollback leaves no job, a commit leaves exactly one', async () => {
    let rolledBackId: string | null = null;
    await expect(
      env.deps.db.transaction(async (tx) => {
        rolledBackId = await env.deps.jobs.enqueue(recordJob, { key: 'rolled-back' }, { tx });
        tx.rollback();
      }),
    ).rejects.toThrow();
    expect(rolledBackId).toBeTruthy();
    expect(await env.deps.jobs.findJob(recordJob.name, rolledBackId ?? '')).toBeNull();

    const committedId = await env.deps.db.transaction(async (tx) =>
      env.deps.jobs.enqueue(recordJob, { key: 'committed' }, { tx }),
    );
    expect(committedId).toBeTruthy();
    await waitFor(() => seen.includes('committed'));
    // The worker had every chance to pick up the rolled-back job by now.
    expect(seen).not.toContain('rolled-back');
  });

  it('retries a failing job until it succeeds', async () => {
    const id = await env.deps.jobs.enqueue(flakyJob, { key: 'flaky', failTimes: 2 });
    await waitFor(() => seen.includes('flaky'), 30_000);
    expect(attempts.get('flaky')).toBe(3);
    const job = await env.deps.jobs.findJob(flakyJob.name, id ?? '');
    expect(job?.retryCount).toBe(2);
  }, 40_000);

  it('settles each job of a batch on its own: the others complete, only the failing one retries', async () => {
    const keys = ['batch-a', 'batch-b', 'batch-c', 'batch-failing'];
    // One transaction: the jobs become visible together, so the worker claims them in one fetch.
    const ids = await env.deps.db.transaction(async (tx) => {
      const out: string[] = [];
      for (const key of keys) {
        const id = await env.deps.jobs.enqueue(
          batchedJob,
          { key, failFirst: key === 'batch-failing' },
          { tx },
        );
        out.push(id ?? '');
      }
      return out;
    });
    const [aId, bId, cId, failingId] = ids as [string, string, string, string];
    const state = async (id: string): Promise<{ state: string; retryCount: number } | null> =>
      env.deps.jobs.findJob(batchedJob.name, id);

    // The others are completed while the failing job is still running: its batch holds nothing back.
    await waitFor(async () => {
      const states = await Promise.all([aId, bId, cId].map(state));
      return states.every((j) => j?.state === 'completed');
    });
    expect(await state(failingId)).toEqual({ state: 'active', retryCount: 0 });
    // All four were claimed by one fetch (one statement, one start time) and ran side by side.
    const started = await rawRows(
      env.deps.db,
      sql`select count(distinct started_on)::int as n from pgboss.job
          where id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
    expect(started[0]?.n).toBe(1);
    expect(batchMostRunning).toBe(4);

    letFailingEnd();
    await waitFor(() => seen.includes('batch-failing'), 30_000);
    await waitFor(async () => (await state(failingId))?.state === 'completed');
    expect(await state(failingId)).toEqual({ state: 'completed', retryCount: 1 });
    for (const id of [aId, bId, cId]) {
      expect(await state(id)).toEqual({ state: 'completed', retryCount: 0 });
    }
    expect(Object.fromEntries(batchAttempts)).toEqual({
      'batch-a': 1,
      'batch-b': 1,
      'batch-c': 1,
      'batch-failing': 2,
    });
  }, 40_000);

  it('refuses a batch larger than the concurrency it would run at', () => {
    expect(() =>
      defineJob<Record<string, never>, AppDeps>({
        name: 'test.too-big-batch',
        payload: z.strictObject({}),
        concurrency: 2,
        batchSize: 4,
        async handler() {},
      }),
    ).toThrow(/batchSize/);
  });

  it('refuses a payload that does not match the schema', async () => {
    await expect(
      env.deps.jobs.enqueue(recordJob, { key: 42 } as unknown as { key: string }),
    ).rejects.toThrow();
  });

  it('registers cron schedules in the app timezone', async () => {
    const schedules = await env.deps.jobs.schedules();
    expect(schedules).toContainEqual({
      name: 'test.scheduled',
      cron: '0 3 * * *',
      timezone: 'Asia/Jakarta',
    });
  });
});
