import type { DeviceTaskStatus } from '@jaring/contracts';

/** `done`, `faulted` and `cancelled` never change again; `queued` and `sent` still may. */
export function isFinalTask(status: DeviceTaskStatus): boolean {
  return status === 'done' || status === 'faulted' || status === 'cancelled';
}

/**
 * What a change means for the person who asked: applied, failed, withdrawn, or still on its way,
 * either soon (the device is online) or whenever the device next comes online.
 */
export type TaskOutcome = 'applied' | 'failed' | 'cancelled' | 'applying' | 'waitingOffline';

export function taskOutcome(status: DeviceTaskStatus, deviceOnline: boolean): TaskOutcome {
  if (status === 'done') return 'applied';
  if (status === 'faulted') return 'failed';
  if (status === 'cancelled') return 'cancelled';
  return deviceOnline ? 'applying' : 'waitingOffline';
}

/** Fast polling just after a change, slower once it has waited a minute (an offline device). */
export const FAST_POLL_MS = 2_000;
export const SLOW_POLL_MS = 15_000;
const FAST_FOR_MS = 60_000;

/**
 * How often to ask again about these tasks: never when all are final, otherwise fast while the
 * newest unfinished one is young and slowly after that.
 */
export function taskPollInterval(
  tasks: readonly { status: DeviceTaskStatus; createdAt: string }[],
  now: number = Date.now(),
): number | false {
  const open = tasks.filter((task) => !isFinalTask(task.status));
  if (open.length === 0) return false;
  const newest = Math.max(...open.map((task) => Date.parse(task.createdAt) || 0));
  return now - newest < FAST_FOR_MS ? FAST_POLL_MS : SLOW_POLL_MS;
}
