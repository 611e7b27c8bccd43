import { billingJobs } from '../modules/billing/jobs.ts';
import { deviceJobs } from '../modules/devices/jobs.ts';
import { dunningJobs } from '../modules/dunning/jobs.ts';
import { gatewayJobs } from '../modules/gateways/jobs.ts';
import { monitoringJobs } from '../modules/monitoring/jobs.ts';
import { notificationJobs } from '../modules/notifications/jobs.ts';
import { paymentJobs } from '../modules/payments/jobs.ts';
import { portalJobs } from '../modules/portal/jobs.ts';
import { reconcileAllRoutersJob, reconcileRouterJob } from '../modules/reconcile/jobs.ts';
import { pruneSessionsJob } from '../modules/sessions/jobs.ts';
import { applyScheduledPlanChangesJob } from '../modules/subscriptions/jobs.ts';
import type { AppDeps } from '../runtime/deps.ts';
import type { JobDefinition } from './define-job.ts';

/** Every job of every module; each node registers them all so any node can enqueue any job. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ALL_JOBS: readonly JobDefinition<any, AppDeps>[] = [
  pruneSessionsJob,
  reconcileRouterJob,
  reconcileAllRoutersJob,
  applyScheduledPlanChangesJob,
  ...billingJobs,
  ...paymentJobs,
  ...gatewayJobs,
  ...dunningJobs,
  ...notificationJobs,
  ...portalJobs,
  ...deviceJobs,
  ...monitoringJobs,
];
