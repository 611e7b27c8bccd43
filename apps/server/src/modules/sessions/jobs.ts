import { z } from 'zod';
import { defineJob } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { deleteExpiredSessions } from './queries.ts';

export const pruneSessionsJob = defineJob<Record<string, never>, AppDeps>({
  name: 'sessions.prune',
  payload: z.strictObject({}),
  schedule: { cron: '17 * * * *', payload: {} },
  async handler(_payload, deps) {
    const removed = await deleteExpiredSessions(deps.db, deps.clock.now());
    if (removed > 0) deps.logger.info({ removed }, 'expired sessions removed');
  },
});
