import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { systemContext } from '../auth/principal.ts';
import { processEvent } from './inbox.ts';
import { dailyReconciliation } from './reconciliation.ts';
import { pollDueTransactions } from './status-check.ts';

/**
 * One stored notification to apply. Many run side by side: notifications of different orders
 * never wait for each other, and those of one order queue on its row lock.
 */
export const gatewayEventJob = defineJob<{ eventId: string }, AppDeps>({
  name: 'payments.gateway-event',
  payload: z.strictObject({ eventId: z.uuid() }),
  concurrency: 8,
  batchSize: 4,
  retry: { limit: 12, delaySeconds: 2, backoff: true, maxDelaySeconds: 900 },
  expireInSeconds: 120,
  async handler(payload, deps) {
    await processEvent(deps, payload.eventId);
  },
});

/**
 * Every minute: ask the gateways about transactions still open past their check time (a few
 * minutes after creation, backing off, and once just after expiry), so a lost notification
 * never leaves a paid customer isolated.
 */
export const gatewayPollJob = defineJob<Record<string, never>, AppDeps>({
  name: 'payments.gateway-poll',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '* * * * *', payload: {} },
  retry: { limit: 2, delaySeconds: 10, backoff: false },
  expireInSeconds: 600,
  async handler(_payload, deps) {
    const checked = await pollDueTransactions(deps, systemContext());
    if (checked > 0) deps.logger.debug({ checked }, 'gateway transactions checked');
  },
});

/**
 * Daily at 02:30: every transaction of the day before that is not settled is asked once more,
 * then the day is compared with the payments recorded; differences are logged for finance and
 * shown in the reconciliation report.
 */
export const gatewayReconcileJob = defineJob<Record<string, never>, AppDeps>({
  name: 'payments.gateway-reconcile',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '30 2 * * *', payload: {} },
  retry: { limit: 3, delaySeconds: 300, backoff: true },
  expireInSeconds: 3600,
  async handler(_payload, deps) {
    const report = await dailyReconciliation(deps, systemContext());
    if (report.discrepancies.length > 0) {
      deps.logger.warn(
        { date: report.date, discrepancies: report.discrepancies.length },
        'gateway reconciliation found differences',
      );
    }
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const gatewayJobs: readonly JobDefinition<any, AppDeps>[] = [
  gatewayEventJob,
  gatewayPollJob,
  gatewayReconcileJob,
];
