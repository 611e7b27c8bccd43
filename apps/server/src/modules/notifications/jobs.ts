import type { JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const notificationJobs: readonly JobDefinition<any, AppDeps>[] = [];
