import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { systemContext } from '../auth/principal.ts';
import { runInvoices } from './invoice-run.ts';

/** Daily at 01:00 in APP_TIMEZONE: issue every invoice due today. Idempotent per period. */
export const invoiceRunJob = defineJob<Record<string, never>, AppDeps>({
  name: 'billing.invoice-run',
  payload: z.strictObject({}),
  schedule: { cron: '0 1 * * *', payload: {} },
  async handler(_payload, deps) {
    const r = await runInvoices(deps, systemContext(), { dryRun: false });
    if (r.count > 0) {
      deps.logger.info(
        { issued: r.count, total: r.total.toString(), first: r.firstNumber, last: r.lastNumber },
        'invoices issued',
      );
    }
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const billingJobs: readonly JobDefinition<any, AppDeps>[] = [invoiceRunJob];
