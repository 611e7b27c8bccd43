import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { sendPending } from './sender.ts';

/**
 * Sends the outbox. Every minute (the rate limits' window, and the pick-up of retries), and
 * woken right after something is queued. `stately` + one singleton key: one pass at a time per
 * queue, a burst of wake-ups collapses into one waiting run.
 */
export const sendNotificationsJob = defineJob<Record<string, never>, AppDeps>({
  name: 'notifications.send',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '* * * * *', payload: {} },
  // A failed pass is simply the next minute's pass.
  retry: { limit: 0, delaySeconds: 60, backoff: false },
  async handler(_payload, deps) {
    const r = await sendPending(deps);
    if (r.sent + r.failed + r.expired > 0) deps.logger.info(r, 'notifications sent');
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const notificationJobs: readonly JobDefinition<any, AppDeps>[] = [sendNotificationsJob];
