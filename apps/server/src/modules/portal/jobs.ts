import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { deleteExpiredPortalRows } from './queries.ts';

/**
 * Daily at 03:30 in APP_TIMEZONE: expired portal sessions and login links can never be used
 * again (every lookup checks the expiry), so they only cost space. Idempotent.
 */
export const portalCleanupJob = defineJob<Record<string, never>, AppDeps>({
  name: 'portal.cleanup',
  payload: z.strictObject({}),
  schedule: { cron: '30 3 * * *', payload: {} },
  async handler(_payload, deps) {
    const removed = await deleteExpiredPortalRows(deps.db, deps.clock.now());
    if (removed.sessions + removed.links > 0) {
      deps.logger.info(removed, 'expired portal sessions and links removed');
    }
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const portalJobs: readonly JobDefinition<any, AppDeps>[] = [portalCleanupJob];
