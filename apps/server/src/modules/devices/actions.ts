/**
 * Device actions as durable tasks. A request records the task and enqueues its job in one
 * transaction, then tries it at once so an online device answers within the request (200);
 * otherwise the answer is 202 and the task moves on by itself:
 *
 *   queued --ACS accepted, device ran it (NBI 200)--------------------------> done
 *   queued --ACS queued it for the device's next session (NBI 202)----------> sent
 *   queued --device rejected it, or the ACS refused the task----------------> faulted
 *   queued --ACS unreachable / breaker open: retried with backoff------------> queued
 *   sent   --gone from the ACS after the device informed--------------------> done
 *   sent   --a fault recorded for it--------------------------------------> faulted
 *   queued/sent --older than a week------------------------------------------> cancelled
 *
 * A lease on the row keeps two workers (or a worker and the request) from sending the same
 * task; GenieACS's `uniqueKey` makes a resend after an ambiguous timeout replace, not duplicate.
 */
import type { DeviceSsid, DeviceTaskKind } from '@jaring/contracts';
import {
  AcsError,
  taskFaultId,
  type FaultDocument,
  type Task,
  type TaskResult,
} from '@jaring/genieacs';
import type { Executor } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { acsClientFor, collectAcsCalls, logAcsCalls, logTaskOutcome } from './acs-clients.ts';
import { refreshObjectName, wifiParameterValues } from './param-map.ts';
import { refreshStoredDevice } from './sync.ts';
import {
  claimTask,
  findAcsServer,
  findDevice,
  findDeviceTask,
  findSubscriptionLink,
  insertDeviceTask,
  selectDueTasks,
  updateDeviceRow,
  updateDeviceTask,
  type AcsServerRow,
  type DeviceRow,
  type DeviceTaskRow,
} from './queries.ts';

export const TASK_SECRET_CONTEXT = 'device_tasks.secret';
/** A task that has not reached the device after this long is given up. */
export const TASK_EXPIRY_MS = 7 * 24 * 3_600_000;
const CHECK_EVERY_MS = 60_000;

export type ActionInput =
  | {
      kind: 'wifi';
      ssid?: string | undefined;
      password?: string | undefined;
      indexes?: number[] | undefined;
    }
  | { kind: 'reboot' }
  | { kind: 'refresh' }
  | { kind: 'factory_reset'; confirm: string };

export interface Requester {
  type: 'user' | 'customer' | 'system';
  id: string | null;
  name: string | null;
}

const LABEL: Readonly<Record<DeviceTaskKind, string>> = {
  wifi: 'WiFi change',
  reboot: 'reboot',
  refresh: 'refresh',
  factory_reset: 'factory reset',
};

/** Lease of one attempt: the ACS may hold the request for the task timeout plus its margin. */
function leaseMs(server: AcsServerRow): number {
  return server.taskTimeoutMs + server.timeoutMs + 30_000;
}

/** Delay before the next try of a task the ACS did not take: 30 s doubling, at most 15 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(15 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function wifiIndexes(device: DeviceRow, asked: number[] | undefined): number[] {
  const known = (device.ssids as DeviceSsid[]).map((s) => s.index);
  if (asked === undefined) {
    if (known.length === 0)
      throw invalidField('indexes', 'The device reports no WiFi network', 'no_wifi');
    return known;
  }
  const unknown = asked.filter((i) => !known.includes(i));
  if (known.length > 0 && unknown.length > 0)
    throw invalidField('indexes', `The device has no WiFi network ${unknown.join(', ')}`);
  return [...new Set(asked)].sort((a, b) => a - b);
}

/**
 * Records the task and its job (one transaction). The device must already be checked against
 * the caller's scope.
 */
export async function recordAction(
  deps: AppDeps,
  ctx: RequestContext,
  requester: Requester,
  device: DeviceRow,
  input: ActionInput,
  enqueue: (tx: Executor, task: DeviceTaskRow, startAfter: Date) => Promise<void>,
): Promise<DeviceTaskRow> {
  let params: Record<string, unknown> = {};
  let secretEnc: string | null = null;
  if (input.kind === 'wifi') {
    const indexes = wifiIndexes(device, input.indexes);
    params = {
      ...(input.ssid === undefined ? {} : { ssid: input.ssid }),
      passwordChanged: input.password !== undefined,
      indexes,
    };
    if (input.password !== undefined)
      secretEnc = deps.secretBox.encrypt(input.password, TASK_SECRET_CONTEXT);
  } else if (input.kind === 'factory_reset') {
    if (input.confirm.trim() !== device.serial) {
      throw new DomainError(
        'confirmation_mismatch',
        'Type the device serial exactly to confirm a factory reset',
        { fields: [{ path: 'confirm', message: 'does not match the serial', code: 'mismatch' }] },
      );
    }
    params = { confirmed: true };
  }
  const server = await findAcsServer(deps.db, device.acsServerId);
  if (!server) throw new DomainError('not_found', 'Device not found');
  const link = device.subscriptionId
    ? await findSubscriptionLink(deps.db, device.subscriptionId)
    : undefined;
  return deps.db.transaction(async (tx) => {
    const task = await insertDeviceTask(tx, {
      deviceId: device.id,
      subscriptionId: link?.subscriptionId ?? null,
      customerId: link?.customerId ?? null,
      kind: input.kind,
      params,
      secretEnc,
      status: 'queued',
      requestedByType: requester.type,
      requestedById: requester.id,
      requestedByName: requester.name,
      createdAt: deps.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: `device.${input.kind}`,
      // On the subscription when there is one, so the customer's timeline names who asked.
      entityType: link ? 'subscription' : 'device',
      entityId: link?.subscriptionId ?? device.id,
      after: {
        taskId: task.id,
        deviceId: device.id,
        serial: device.serial,
        params,
        requestedBy: requester,
      },
    });
    // The job is the safety net for the attempt made right after this commit: it starts once
    // that attempt's lease would have run out.
    await enqueue(tx, task, new Date(Date.now() + leaseMs(server)));
    return task;
  });
}

function nbiTask(deps: AppDeps, device: DeviceRow, task: DeviceTaskRow): Task {
  const common = { uniqueKey: `jaring-${task.id}`, expiry: Math.round(TASK_EXPIRY_MS / 1000) };
  switch (task.kind as DeviceTaskKind) {
    case 'wifi': {
      const p = task.params as { ssid?: string; indexes?: number[] };
      const password = task.secretEnc
        ? deps.secretBox.decrypt(task.secretEnc, TASK_SECRET_CONTEXT)
        : undefined;
      return {
        name: 'setParameterValues',
        parameterValues: wifiParameterValues(
          {
            dataModel: device.dataModel as 'tr098' | 'tr181' | null,
            manufacturer: device.manufacturer,
          },
          { ssid: p.ssid, password, indexes: p.indexes ?? [] },
        ),
        ...common,
      };
    }
    case 'reboot':
      return { name: 'reboot', ...common };
    case 'refresh':
      return {
        name: 'refreshObject',
        objectName: refreshObjectName(device.dataModel as 'tr098' | 'tr181' | null),
        ...common,
      };
    case 'factory_reset':
      return { name: 'factoryReset', ...common };
  }
}

interface Outcome {
  status: 'queued' | 'sent' | 'done' | 'faulted' | 'cancelled';
  acsTaskId?: string | null;
  fault?: { code: string; message: string } | null;
  lastError?: string | null;
  nextAttemptAt?: Date | null;
}

function faultOf(f: FaultDocument): { code: string; message: string } {
  return { code: String(f.code), message: String(f.message ?? '') };
}

/** What the stored device shows right after a WiFi change the device accepted. */
async function applyWifiToStored(
  deps: AppDeps,
  device: DeviceRow,
  task: DeviceTaskRow,
): Promise<void> {
  const p = task.params as { ssid?: string; indexes?: number[] };
  if (p.ssid === undefined) return;
  const indexes = new Set(p.indexes ?? []);
  const ssids = (device.ssids as DeviceSsid[]).map((s) =>
    indexes.has(s.index) ? { ...s, ssid: p.ssid ?? s.ssid } : s,
  );
  await updateDeviceRow(deps.db, device.id, { ssids });
}

async function settle(
  deps: AppDeps,
  server: AcsServerRow,
  task: DeviceTaskRow,
  outcome: Outcome,
  calls: Parameters<typeof logAcsCalls>[1],
  requestId: string | null,
): Promise<DeviceTaskRow> {
  const now = deps.clock.now();
  const final =
    outcome.status === 'done' || outcome.status === 'faulted' || outcome.status === 'cancelled';
  return deps.db.transaction(async (tx) => {
    const row = await updateDeviceTask(tx, task.id, {
      status: outcome.status,
      leaseUntil: null,
      ...(outcome.acsTaskId === undefined ? {} : { acsTaskId: outcome.acsTaskId }),
      ...(outcome.fault === undefined ? {} : { fault: outcome.fault }),
      lastError: outcome.lastError ?? null,
      nextAttemptAt: outcome.nextAttemptAt ?? null,
      // The password is needed only until the ACS holds the task.
      ...(outcome.status === 'queued' ? {} : { secretEnc: null }),
      ...(outcome.status === 'sent' && task.status === 'queued' ? { sentAt: now } : {}),
      ...(final ? { completedAt: now } : {}),
    });
    const owner = {
      acsServerName: server.name,
      operation: `device ${task.kind}`,
      customerId: task.customerId,
      subscriptionId: task.subscriptionId,
      requestId,
    };
    await logAcsCalls(tx, calls, owner);
    if (outcome.status !== task.status) {
      const what = LABEL[task.kind as DeviceTaskKind];
      const by = task.requestedByName ? ` (asked by ${task.requestedByName})` : '';
      await logTaskOutcome(tx, {
        customerId: task.customerId,
        subscriptionId: task.subscriptionId,
        operation: `device ${what}: ${outcome.status}`,
        ok: outcome.status !== 'faulted' && outcome.status !== 'cancelled',
        detail:
          outcome.status === 'sent'
            ? `queued at ${server.name} until the device's next session${by}`
            : outcome.status === 'queued'
              ? `waiting for ${server.name}${by}`
              : `${outcome.status}${by}`,
        error: outcome.fault
          ? `${outcome.fault.code} ${outcome.fault.message}`
          : (outcome.lastError ?? null),
        requestId,
      });
    }
    if (!row) throw new Error('device task vanished');
    return row;
  });
}

/** The error of a failed NBI call as a task outcome: retry later, or give up for good. */
function failureOutcome(err: unknown, task: DeviceTaskRow, now: Date): Outcome {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof AcsError && !err.retryable && err.code !== 'unauthorized') {
    return {
      status: 'faulted',
      fault: { code: `acs.${err.code}`, message: message.slice(0, 500) },
      lastError: null,
    };
  }
  return {
    status: 'queued',
    lastError: message.slice(0, 500),
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(task.attempts)),
  };
}

export interface AttemptContext {
  requestId?: string | null;
}

/**
 * One attempt at sending a queued task to the ACS. Answers the task as it stands afterwards;
 * when someone else holds it (or it is no longer queued), as it is.
 */
export async function attemptTask(
  deps: AppDeps,
  taskId: string,
  actx: AttemptContext = {},
): Promise<DeviceTaskRow | undefined> {
  const current = await findDeviceTask(deps.db, taskId);
  if (!current || current.status !== 'queued') return current;
  const device = await findDevice(deps.db, current.deviceId);
  const server = device ? await findAcsServer(deps.db, device.acsServerId) : undefined;
  if (!device || !server) return current;
  const now = deps.clock.now();
  if (now.getTime() - current.createdAt.getTime() > TASK_EXPIRY_MS) {
    return settle(
      deps,
      server,
      current,
      { status: 'cancelled', lastError: 'expired before the ACS took it' },
      [],
      actx.requestId ?? null,
    );
  }
  const task = await claimTask(
    deps.db,
    taskId,
    'queued',
    now,
    new Date(now.getTime() + leaseMs(server)),
  );
  if (!task) return findDeviceTask(deps.db, taskId);
  const client = acsClientFor(deps, server);
  const run = await collectAcsCalls(async (): Promise<{ r: TaskResult; refreshed: boolean }> => {
    const r = await client.createTask(device.acsDeviceId, nbiTask(deps, device, task), {
      connectionRequest: true,
      timeoutMs: server.taskTimeoutMs,
    });
    let refreshed = false;
    if (r.status === 'queued' && r.fault) {
      // A faulted task stays at the ACS and is retried at every session; the outcome is final
      // here (a reboot must not loop), so the fault and its task are cleared.
      await client.deleteFault(r.fault._id).catch(() => undefined);
    }
    if (r.status === 'done' && task.kind !== 'reboot' && task.kind !== 'factory_reset') {
      refreshed = await refreshAfterDone(deps, server, device, task);
    }
    return { r, refreshed };
  });
  let outcome: Outcome;
  if ('error' in run) outcome = failureOutcome(run.error, task, now);
  else if (run.result.r.status === 'done')
    outcome = { status: 'done', acsTaskId: run.result.r.task._id };
  else if (run.result.r.fault)
    outcome = {
      status: 'faulted',
      acsTaskId: run.result.r.task._id,
      fault: faultOf(run.result.r.fault),
    };
  else
    outcome = {
      status: 'sent',
      acsTaskId: run.result.r.task._id,
      nextAttemptAt: new Date(now.getTime() + CHECK_EVERY_MS),
    };
  if ('error' in run && !(run.error instanceof AcsError)) {
    await updateDeviceTask(deps.db, task.id, { leaseUntil: null });
    throw run.error;
  }
  return settle(deps, server, task, outcome, run.calls, actx.requestId ?? null);
}

async function refreshAfterDone(
  deps: AppDeps,
  server: AcsServerRow,
  device: DeviceRow,
  task: DeviceTaskRow,
): Promise<boolean> {
  if (task.kind === 'wifi') await applyWifiToStored(deps, device, task);
  try {
    return await refreshStoredDevice(deps, server, device.acsDeviceId);
  } catch (err) {
    // The task is done whatever the re-read says; the next sync brings the record up to date.
    deps.logger.debug({ err, deviceId: device.id }, 'device re-read after a task failed');
    return false;
  }
}

/** Asks the ACS what became of a task it queued for the device's next session. */
export async function checkSentTask(
  deps: AppDeps,
  taskId: string,
  actx: AttemptContext = {},
): Promise<DeviceTaskRow | undefined> {
  const current = await findDeviceTask(deps.db, taskId);
  if (!current || current.status !== 'sent' || !current.acsTaskId) return current;
  const device = await findDevice(deps.db, current.deviceId);
  const server = device ? await findAcsServer(deps.db, device.acsServerId) : undefined;
  if (!device || !server) return current;
  const now = deps.clock.now();
  const task = await claimTask(
    deps.db,
    taskId,
    'sent',
    now,
    new Date(now.getTime() + leaseMs(server)),
  );
  if (!task?.acsTaskId) return findDeviceTask(deps.db, taskId);
  const acsTaskId = task.acsTaskId;
  const client = acsClientFor(deps, server);
  const expired = now.getTime() - (task.sentAt ?? task.createdAt).getTime() > TASK_EXPIRY_MS;
  const run = await collectAcsCalls(async (): Promise<Outcome> => {
    const doc = await client.getTask(acsTaskId);
    if (doc) {
      const faultId = taskFaultId(doc.device || device.acsDeviceId, acsTaskId);
      const fault = (await client.listFaults({ device: doc.device || device.acsDeviceId })).find(
        (f) => f._id === faultId,
      );
      if (fault) {
        await client.deleteFault(fault._id).catch(() => undefined);
        return { status: 'faulted', fault: faultOf(fault) };
      }
      if (expired) {
        await client.deleteTask(acsTaskId);
        return { status: 'cancelled', lastError: 'the device did not connect within a week' };
      }
      const age = now.getTime() - (task.sentAt ?? task.createdAt).getTime();
      // Checked every minute at first, then less often for a device that stays away.
      const wait = Math.min(15 * 60_000, Math.max(CHECK_EVERY_MS, Math.round(age / 10)));
      return { status: 'sent', nextAttemptAt: new Date(now.getTime() + wait) };
    }
    // Gone: the device ran it, unless it never came back (the task expired or was deleted).
    const seen = await client.getDevice(device.acsDeviceId, ['_lastInform']);
    const informed = seen?._lastInform ? Date.parse(seen._lastInform) : NaN;
    const sentAt = (task.sentAt ?? task.createdAt).getTime();
    if (!Number.isNaN(informed) && informed >= sentAt - 1000) {
      if (task.kind !== 'reboot' && task.kind !== 'factory_reset')
        await refreshAfterDone(deps, server, device, task);
      return { status: 'done' };
    }
    return { status: 'cancelled', lastError: 'removed at the ACS before the device ran it' };
  });
  if ('error' in run) {
    if (!(run.error instanceof AcsError)) {
      await updateDeviceTask(deps.db, task.id, { leaseUntil: null });
      throw run.error;
    }
    return settle(
      deps,
      server,
      task,
      {
        status: 'sent',
        lastError: run.error.message.slice(0, 500),
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(2)),
      },
      run.calls,
      actx.requestId ?? null,
    );
  }
  return settle(deps, server, task, run.result, run.calls, actx.requestId ?? null);
}

/** Every pending task whose turn has come: one pass of the periodic job. */
export async function runDueTasks(deps: AppDeps, limit = 100): Promise<number> {
  const due = await selectDueTasks(deps.db, deps.clock.now(), limit);
  let n = 0;
  for (let i = 0; i < due.length; i += 4) {
    await Promise.all(
      due.slice(i, i + 4).map(async (t) => {
        try {
          if (t.status === 'queued') await attemptTask(deps, t.id);
          else await checkSentTask(deps, t.id);
          n++;
        } catch (err) {
          deps.logger.warn({ err, taskId: t.id }, 'device task check failed');
        }
      }),
    );
  }
  return n;
}

/** Whether the task has reached an end the caller can be told about now. */
export function isFinal(task: Pick<DeviceTaskRow, 'status'>): boolean {
  return task.status === 'done' || task.status === 'faulted' || task.status === 'cancelled';
}
