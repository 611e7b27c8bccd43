import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { attemptTask, checkSentTask, runDueTasks } from './actions.ts';
import { findAcsServer, selectEnabledAcsServers, selectSentTasksOfServer } from './queries.ts';
import { syncAcsServer, type SyncMode, type SyncResult } from './sync.ts';
import { syncTags } from './tags.ts';

const modeSchema = z.enum(['incremental', 'full']);

/**
 * One sync of one ACS server, then what a sync makes due: tasks queued at the ACS for devices
 * that informed again are checked, and tag differences go to the tags job.
 */
export async function runSync(
  deps: AppDeps,
  acsServerId: string,
  mode: SyncMode,
): Promise<SyncResult | null> {
  const previous = deps.clock.now();
  const result = await syncAcsServer(deps, acsServerId, mode);
  if (!result) return null;
  for (const taskId of await selectSentTasksOfServer(deps.db, acsServerId, previous)) {
    try {
      await checkSentTask(deps, taskId);
    } catch (err) {
      deps.logger.warn({ err, taskId }, 'device task check after sync failed');
    }
  }
  await deps.jobs.enqueue(devicesTagsJob, { acsServerId }, { singletonKey: acsServerId });
  return result;
}

export interface SyncPayload {
  acsServerId: string;
  mode: SyncMode;
}

export const devicesSyncJob = defineJob<SyncPayload, AppDeps>({
  name: 'devices.sync',
  payload: z.strictObject({ acsServerId: z.uuid(), mode: modeSchema }),
  // One sync per server waiting and one running; a burst of "sync now" clicks is one sync.
  policy: 'stately',
  concurrency: 4,
  retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 900 },
  expireInSeconds: 3600,
  async handler(payload, deps) {
    // Deleted since it was queued: nothing to do.
    if (!(await findAcsServer(deps.db, payload.acsServerId))) return;
    const result = await runSync(deps, payload.acsServerId, payload.mode);
    // A full sync must not be lost to an incremental one still running: try again later.
    if (!result && payload.mode === 'full') throw new Error('another sync of this ACS is running');
    if (result) deps.logger.info({ acsServerId: payload.acsServerId, ...result }, 'ACS synced');
  },
});

/** Every minute: an incremental sync for each enabled server whose interval has passed. */
export const devicesSyncDueJob = defineJob<Record<string, never>, AppDeps>({
  name: 'devices.sync-due',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '* * * * *', payload: {} },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  async handler(_payload, deps) {
    const now = deps.clock.now().getTime();
    for (const s of await selectEnabledAcsServers(deps.db)) {
      const due =
        s.lastSyncAt === null ||
        now - s.lastSyncAt.getTime() >= s.syncIntervalMinutes * 60_000 - 5_000;
      if (!due) continue;
      const mode: SyncMode = s.lastFullSyncAt === null ? 'full' : 'incremental';
      const payload: SyncPayload = { acsServerId: s.id, mode };
      await deps.jobs.enqueue(devicesSyncJob, payload, { singletonKey: `${s.id}:${mode}` });
    }
  },
});

/**
 * Nightly full sync: catches devices deleted from the ACS and anything an incremental sync
 * cannot see (a device whose `_lastInform` did not move but whose parameters were changed).
 */
export const devicesFullSyncJob = defineJob<Record<string, never>, AppDeps>({
  name: 'devices.full-sync',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '15 3 * * *', payload: {} },
  async handler(_payload, deps) {
    for (const s of await selectEnabledAcsServers(deps.db)) {
      const payload: SyncPayload = { acsServerId: s.id, mode: 'full' };
      await deps.jobs.enqueue(devicesSyncJob, payload, { singletonKey: `${s.id}:full` });
    }
  },
});

/** One device action. Retried with backoff while the ACS does not take it. */
export const devicesTaskJob = defineJob<{ taskId: string }, AppDeps>({
  name: 'devices.task',
  payload: z.strictObject({ taskId: z.uuid() }),
  concurrency: 8,
  batchSize: 4,
  retry: { limit: 20, delaySeconds: 30, backoff: true, maxDelaySeconds: 900 },
  expireInSeconds: 300,
  async handler(payload, deps) {
    const task = await attemptTask(deps, payload.taskId);
    if (task?.status === 'queued' && task.lastError !== null && task.leaseUntil === null) {
      throw new Error(`ACS did not take the task yet: ${task.lastError}`);
    }
  },
});

/**
 * Every minute: tasks queued at the ACS are checked (done, faulted), and tasks the ACS never
 * took are tried again once their backoff has passed, whatever became of their jobs.
 */
export const devicesCheckTasksJob = defineJob<Record<string, never>, AppDeps>({
  name: 'devices.check-tasks',
  payload: z.strictObject({}),
  policy: 'stately',
  schedule: { cron: '* * * * *', payload: {} },
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 600,
  async handler(_payload, deps) {
    const n = await runDueTasks(deps);
    if (n > 0) deps.logger.debug({ checked: n }, 'device tasks checked');
  },
});

/** Applies GenieACS tag differences of one server (see tags.ts). */
export const devicesTagsJob = defineJob<{ acsServerId: string }, AppDeps>({
  name: 'devices.tags',
  payload: z.strictObject({ acsServerId: z.uuid() }),
  policy: 'stately',
  concurrency: 2,
  retry: { limit: 10, delaySeconds: 60, backoff: true, maxDelaySeconds: 3600 },
  expireInSeconds: 3600,
  async handler(payload, deps) {
    const r = await syncTags(deps, payload.acsServerId);
    if (r.remaining) {
      await deps.jobs.enqueue(devicesTagsJob, payload, { singletonKey: payload.acsServerId });
    }
  },
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const deviceJobs: readonly JobDefinition<any, AppDeps>[] = [
  devicesSyncJob,
  devicesSyncDueJob,
  devicesFullSyncJob,
  devicesTaskJob,
  devicesCheckTasksJob,
  devicesTagsJob,
];
