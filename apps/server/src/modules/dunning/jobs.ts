import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { systemContext } from '../auth/principal.ts';
import { runDunning } from './service.ts';

/** Daily at 01:30 in APP_TIMEZONE, after the invoice run (01:00). Idempotent per day. */
export const dunningRunJob = defineJob<Record<string, never>, AppDeps>({
  name: 'dunning.run',
  payload: z.strictObject({}),
  schedule: { cron: '30 1 * * *', payload: {} },
  async handler(_payload, deps) {
    const r = await runDunning(deps, systemContext(), { dryRun: false });
    const { preview: _preview, ...counts } = r;
    deps.logger.info(counts, 'dunning pass');
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const dunningJobs: readonly JobDefinition<any, AppDeps>[] = [dunningRunJob];
