import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob } from '../src/jobs/define-job.ts';
import type { AppDeps } from '../src/runtime/deps.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';

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

async function waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ worker: true, jobDefinitions: [recordJob, flakyJob, scheduledJob] });
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
