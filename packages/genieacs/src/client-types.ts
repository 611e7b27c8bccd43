/** Public types of the NBI client. */
import type { RetryOptions } from './backoff.ts';
import type { BreakerOptions, BreakerState } from './breaker.ts';
import type { AcsObserver } from './call.ts';
import type { DeviceDocument } from './document.ts';
import type { CollectionQuery, NbiQuery } from './query.ts';
import type { FaultDocument, Task, TaskDocument } from './tasks.ts';
import type { TlsOptions } from './transport.ts';

export interface GenieAcsClientOptions {
  /** NBI base URL, e.g. `http://10.0.0.5:7557` or `https://acs.example.net/nbi`. */
  readonly baseUrl: string;
  /** HTTP Basic credentials, for an NBI behind an authenticating reverse proxy. */
  readonly username?: string;
  readonly password?: string;
  /** For https base URLs (ignored with a custom `fetch`). */
  readonly tls?: TlsOptions;
  /** Deadline of one HTTP attempt (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * Added to a connection-request task's own timeout for its HTTP deadline: the NBI waits
   * that long for the device to start a session, then for the session to end (default 30 s).
   */
  readonly taskMarginMs?: number;
  readonly retry?: RetryOptions;
  readonly breaker?: BreakerOptions;
  /** Called after every HTTP attempt; must not throw (errors are swallowed). */
  readonly observer?: AcsObserver;
  /** Called when the breaker changes state. */
  readonly onBreakerChange?: (state: BreakerState) => void;
  /** Replaces the built-in node:http transport. */
  readonly fetch?: typeof fetch;
}

export type DeviceQueryOptions = CollectionQuery;

export interface IterateDevicesOptions {
  readonly query?: NbiQuery;
  readonly projection?: readonly string[];
  /** Devices per request (default 1000). */
  readonly pageSize?: number;
}

export interface CreateTaskOptions {
  /** Ask the ACS to wake the device now and wait for the outcome (default true). */
  readonly connectionRequest?: boolean;
  /** How long the ACS waits for the device to start a session (default 10 s). */
  readonly timeoutMs?: number;
}

export interface TaskResult {
  /** `done`: the device ran it (200). `queued`: it runs at the next session (202). */
  readonly status: 'done' | 'queued';
  readonly task: TaskDocument;
  /** The NBI's reason for a 202: `Task faulted`, `Device is offline`, `Task queued but not processed`... */
  readonly reason?: string;
  /** The fault, when the device rejected the task. */
  readonly fault?: FaultDocument;
}

export interface PresetDocument {
  readonly _id: string;
  readonly [field: string]: unknown;
}

/** A provision or virtual parameter: a named script. */
export interface ScriptDocument {
  readonly _id: string;
  readonly script: string;
}

export interface GenieAcsClient {
  /** The base URL without credentials. */
  readonly baseUrl: string;
  readonly breakerState: BreakerState;
  queryDevices(options?: DeviceQueryOptions): Promise<DeviceDocument[]>;
  /** Pages through matching devices by `_id`, cheaply, however many there are. */
  iterateDevices(options?: IterateDevicesOptions): AsyncGenerator<DeviceDocument, void, undefined>;
  countDevices(query?: NbiQuery): Promise<number>;
  getDevice(deviceId: string, projection?: readonly string[]): Promise<DeviceDocument | null>;
  deleteDevice(deviceId: string): Promise<void>;
  createTask(deviceId: string, task: Task, options?: CreateTaskOptions): Promise<TaskResult>;
  /** Wakes the device without a task; false when it could not be reached. */
  requestConnection(deviceId: string): Promise<boolean>;
  /** The queued task, or null once it is gone (done, deleted or expired). */
  getTask(taskId: string): Promise<TaskDocument | null>;
  listTasks(options?: { readonly device?: string }): Promise<TaskDocument[]>;
  /** False when there was no such task. */
  deleteTask(taskId: string): Promise<boolean>;
  /** Clears the task's fault so the device runs it again at its next session. */
  retryTask(taskId: string): Promise<void>;
  listFaults(options?: { readonly device?: string }): Promise<FaultDocument[]>;
  /** Deleting a task's fault also deletes the task (as GenieACS does). */
  deleteFault(faultId: string): Promise<void>;
  addTag(deviceId: string, tag: string): Promise<void>;
  removeTag(deviceId: string, tag: string): Promise<void>;
  listPresets(): Promise<PresetDocument[]>;
  putPreset(name: string, preset: Readonly<Record<string, unknown>>): Promise<void>;
  deletePreset(name: string): Promise<void>;
  listProvisions(): Promise<ScriptDocument[]>;
  putProvision(name: string, script: string): Promise<void>;
  deleteProvision(name: string): Promise<void>;
  listVirtualParameters(): Promise<ScriptDocument[]>;
  putVirtualParameter(name: string, script: string): Promise<void>;
  deleteVirtualParameter(name: string): Promise<void>;
  /** Closes pooled connections. */
  close(): void;
}
