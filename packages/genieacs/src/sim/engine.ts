/**
 * Tasks, faults and CWMP sessions. A session (an inform, or the device answering a connection
 * request) bumps `_lastInform` and runs the device's queued tasks in order; a task that faults
 * stays queued with a fault `<deviceId>:task_<id>` and is retried after GenieACS's retry delay
 * doubling per retry, or at once after `POST /tasks/<id>/retry`.
 */
import type { SimDevice } from './device.ts';
import { applyTask, cpeFault, refreshUptime } from './effects.ts';
import type { FaultBody } from './effects.ts';
import { hex } from './random.ts';
import type { DeviceStore } from './store.ts';

export interface TaskRecord {
  readonly id: string;
  readonly device: string;
  /** The task as posted (name and arguments). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly timestamp: number;
  readonly expiry: number | undefined;
}

export interface FaultRecord extends FaultBody {
  readonly id: string;
  readonly device: string;
  readonly channel: string;
  readonly timestamp: number;
  readonly retries: number;
}

export interface SimStats {
  /** NBI requests (control requests not included). */
  requests: number;
  tasksCreated: number;
  tasksExecuted: number;
  tasksFaulted: number;
  sessions: number;
  connectionRequests: number;
}

/** GenieACS refuses the task on insert (the NBI answers 500 `Error: <message>`). */
export class TaskRejected extends Error {
  override name = 'Error';
}

function validParamValue(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'string' &&
    p[0] !== '' &&
    ['string', 'boolean', 'number'].includes(typeof p[1]) &&
    (p[2] === undefined || p[2] === null || typeof p[2] === 'string')
  );
}

function nonEmptyString(v: unknown): boolean {
  return typeof v === 'string' && v !== '';
}

/** The checks GenieACS applies when a task is inserted. */
export function checkTask(t: Record<string, unknown>): void {
  switch (t['name']) {
    case 'getParameterValues': {
      const names = t['parameterNames'];
      if (!Array.isArray(names) || names.length === 0)
        throw new TaskRejected("Missing 'parameterNames' property");
      for (const n of names)
        if (!nonEmptyString(n)) throw new TaskRejected(`Invalid parameter name '${String(n)}'`);
      break;
    }
    case 'setParameterValues': {
      const values = t['parameterValues'];
      if (!Array.isArray(values) || values.length === 0)
        throw new TaskRejected("Missing 'parameterValues' property");
      // The real message quotes the value; a simulator has no reason to echo passwords.
      for (const p of values)
        if (!validParamValue(p)) throw new TaskRejected('Invalid parameter value');
      break;
    }
    case 'refreshObject':
      if (typeof t['objectName'] !== 'string')
        throw new TaskRejected("Missing 'objectName' property");
      break;
    case 'deleteObject':
    case 'addObject':
      if (!nonEmptyString(t['objectName'])) throw new TaskRejected("Missing 'objectName' property");
      if (t['parameterValues'] !== undefined) {
        const values = t['parameterValues'];
        if (!Array.isArray(values) || !values.every(validParamValue))
          throw new TaskRejected("Invalid 'parameterValues' property");
      }
      break;
    case 'download':
      if (!t['file']) {
        if (!nonEmptyString(t['fileType'])) throw new TaskRejected("Missing 'fileType' property");
        if (!nonEmptyString(t['fileName'])) throw new TaskRejected("Missing 'fileName' property");
      }
      break;
    case 'reboot':
    case 'factoryReset':
      break;
    default:
      throw new TaskRejected(`Invalid task name '${String(t['name'])}'`);
  }
}

export interface EngineOptions {
  readonly faultRetryDelayMs: number;
  readonly now: () => number;
}

export class TaskEngine {
  readonly tasks = new Map<string, TaskRecord>();
  readonly faults = new Map<string, FaultRecord>();
  readonly stats: SimStats = {
    requests: 0,
    tasksCreated: 0,
    tasksExecuted: 0,
    tasksFaulted: 0,
    sessions: 0,
    connectionRequests: 0,
  };
  readonly #store: DeviceStore;
  readonly #opts: EngineOptions;
  #counter = Math.floor(Math.random() * 0xffffff);

  constructor(store: DeviceStore, opts: EngineOptions) {
    this.#store = store;
    this.#opts = opts;
  }

  /** Inserts a task (already checked) for a known device. */
  insert(deviceId: string, body: Record<string, unknown>): TaskRecord {
    const now = this.#opts.now();
    const uniqueKey = body['uniqueKey'];
    if (typeof uniqueKey === 'string') {
      for (const t of this.tasks.values())
        if (t.device === deviceId && t.body['uniqueKey'] === uniqueKey) this.deleteTask(t.id);
    }
    const expiry = typeof body['expiry'] === 'number' ? now + body['expiry'] * 1000 : undefined;
    const id =
      `${hex(Math.floor(now / 1000), 8)}${hex(0x5a17, 4)}${hex(this.#counter++, 12)}`.toLowerCase();
    const { expiry: _e, ...rest } = body;
    const task: TaskRecord = { id, device: deviceId, body: rest, timestamp: now, expiry };
    this.tasks.set(id, task);
    this.stats.tasksCreated++;
    return task;
  }

  tasksOf(deviceId: string): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.device === deviceId);
  }

  faultOf(task: TaskRecord): FaultRecord | undefined {
    return this.faults.get(`${task.device}:task_${task.id}`);
  }

  /** A CWMP session: the device informs and runs what is queued for it. */
  session(d: SimDevice): void {
    const now = this.#opts.now();
    this.stats.sessions++;
    this.#store.setLastInform(d, now);
    refreshUptime(d, now);
    for (const task of this.tasksOf(d.id)) {
      if (task.expiry !== undefined && now > task.expiry) {
        this.deleteTask(task.id);
        continue;
      }
      const faultId = `${d.id}:task_${task.id}`;
      const previous = this.faults.get(faultId);
      if (
        previous &&
        now < previous.timestamp + this.#opts.faultRetryDelayMs * 2 ** previous.retries
      )
        continue;
      let fault: FaultBody | undefined;
      if (d.pendingFault) {
        const f = d.pendingFault;
        d.pendingFault = undefined;
        const base = cpeFault('9002');
        fault = {
          code: f.code ?? base.code,
          message: f.message ?? base.message,
          detail: f.detail ?? base.detail,
        };
      } else {
        fault = applyTask(d, task.body, now);
      }
      if (fault) {
        this.stats.tasksFaulted++;
        this.faults.set(faultId, {
          ...fault,
          id: faultId,
          device: d.id,
          channel: `task_${task.id}`,
          timestamp: now,
          retries: previous ? previous.retries + 1 : 0,
        });
      } else {
        this.stats.tasksExecuted++;
        this.tasks.delete(task.id);
        this.faults.delete(faultId);
      }
    }
  }

  /** False when there is no such task. Deletes its fault too. */
  deleteTask(id: string): boolean {
    const t = this.tasks.get(id);
    if (!t) return false;
    this.tasks.delete(id);
    this.faults.delete(`${t.device}:task_${id}`);
    return true;
  }

  /** Clears a task's fault so it runs at the next session; false when there is no such task. */
  retry(id: string): boolean {
    const t = this.tasks.get(id);
    if (!t) return false;
    this.faults.delete(`${t.device}:task_${id}`);
    return true;
  }

  /** Deleting a task's fault deletes the task as well, as GenieACS does. */
  deleteFault(id: string): void {
    const f = this.faults.get(id);
    this.faults.delete(id);
    const channel = f?.channel ?? id.slice(id.indexOf(':') + 1);
    if (channel.startsWith('task_')) this.tasks.delete(channel.slice(5));
  }

  forgetDevice(deviceId: string): void {
    for (const t of this.tasks.values()) if (t.device === deviceId) this.tasks.delete(t.id);
    for (const f of this.faults.values()) if (f.device === deviceId) this.faults.delete(f.id);
  }

  /** Tasks as the collection stores them (dates as `Date`). */
  *taskDocuments(): Generator<Record<string, unknown>> {
    for (const t of this.tasks.values()) yield taskDocument(t);
  }

  *faultDocuments(): Generator<Record<string, unknown>> {
    for (const f of this.faults.values()) {
      yield {
        _id: f.id,
        device: f.device,
        channel: f.channel,
        timestamp: new Date(f.timestamp),
        provisions: [],
        retries: f.retries,
        code: f.code,
        message: f.message,
        detail: f.detail,
      };
    }
  }
}

export function taskDocument(t: TaskRecord): Record<string, unknown> {
  return {
    ...t.body,
    device: t.device,
    timestamp: new Date(t.timestamp),
    ...(t.expiry === undefined ? {} : { expiry: new Date(t.expiry) }),
    _id: t.id,
  };
}
