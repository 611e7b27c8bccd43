import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { selectAllRouterIds } from './queries.ts';
import { reconcileRouter } from './reconciler.ts';

export const reconcileRouterJob = defineJob<{ routerId: string }, AppDeps>({
  name: 'router.reconcile',
  payload: z.object({ routerId: z.uuid() }),
  // An offline router is retried with backoff up to about a day; the periodic drift repair picks
  // it up again after that, so nothing is ever dropped.
  retry: { limit: 20, delaySeconds: 5, backoff: true, maxDelaySeconds: 900 },
  expireInSeconds: 15 * 60,
  concurrency: 16,
  // A drift pass or a bulk change queues a job for every router at once. Four workers each claim four
  // per fetch and fetch again at once while more wait, instead of one claim per poll; a router that
  // fails is still failed, and retried with backoff, on its own.
  batchSize: 4,
  // One pass per router at a time, and one more queued behind it for changes made meanwhile.
  policy: 'stately',
  async handler(payload, deps) {
    await reconcileRouter(deps, payload.routerId);
  },
});

/**
 * Drift repair: someone may edit a router by hand, or a router may have been unreachable for
 * longer than the retries of its last job. Every router gets a pass on this schedule.
 */
export const reconcileAllRoutersJob = defineJob<Record<string, never>, AppDeps>({
  name: 'router.reconcile-all',
  payload: z.strictObject({}),
  schedule: { cron: '*/15 * * * *', payload: {} },
  async handler(_payload, deps) {
    for (const routerId of await selectAllRouterIds(deps.db)) {
      await deps.jobs.enqueue(reconcileRouterJob, { routerId }, { singletonKey: routerId });
    }
  },
});
