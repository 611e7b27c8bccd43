/**
 * NBI task and fault shapes. Validation mirrors the checks GenieACS applies on insert, so the
 * client refuses a task the ACS would reject (it answers those with a 500, not a 400).
 */
import type { ParameterValue } from './document.ts';

/** Common CWMP value types; GenieACS passes any `xsd:` type through. */
export type XsdType =
  | 'xsd:string'
  | 'xsd:int'
  | 'xsd:unsignedInt'
  | 'xsd:long'
  | 'xsd:unsignedLong'
  | 'xsd:boolean'
  | 'xsd:dateTime'
  | 'xsd:base64'
  | 'xsd:hexBinary';

/** `[path, value, type]`; without a type GenieACS uses the one it already knows. */
export type ParameterValueTriple =
  | readonly [path: string, value: ParameterValue]
  | readonly [path: string, value: ParameterValue, type: XsdType];

/** Options GenieACS accepts on every task. */
export interface TaskCommon {
  /** Seconds after creation when an undelivered task is dropped. */
  readonly expiry?: number;
  /** A new task with the same key replaces the device's queued one. */
  readonly uniqueKey?: string;
}

export interface GetParameterValuesTask extends TaskCommon {
  readonly name: 'getParameterValues';
  readonly parameterNames: readonly string[];
}
export interface SetParameterValuesTask extends TaskCommon {
  readonly name: 'setParameterValues';
  readonly parameterValues: readonly ParameterValueTriple[];
}
export interface RefreshObjectTask extends TaskCommon {
  readonly name: 'refreshObject';
  /** Object path; `''` refreshes the whole tree. */
  readonly objectName: string;
}
export interface RebootTask extends TaskCommon {
  readonly name: 'reboot';
}
export interface FactoryResetTask extends TaskCommon {
  readonly name: 'factoryReset';
}
export interface AddObjectTask extends TaskCommon {
  readonly name: 'addObject';
  /** The multi-instance object, e.g. `...WANDevice.1.WANConnectionDevice`. */
  readonly objectName: string;
  readonly parameterValues?: readonly ParameterValueTriple[];
}
export interface DeleteObjectTask extends TaskCommon {
  readonly name: 'deleteObject';
  /** The instance to delete, e.g. `...WANConnectionDevice.2`. */
  readonly objectName: string;
}
export interface DownloadTask extends TaskCommon {
  readonly name: 'download';
  /** GenieACS file id (alternative to fileType + fileName). */
  readonly file?: string;
  /** e.g. `1 Firmware Upgrade Image`. */
  readonly fileType?: string;
  readonly fileName?: string;
  readonly targetFileName?: string;
}

export type Task =
  | GetParameterValuesTask
  | SetParameterValuesTask
  | RefreshObjectTask
  | RebootTask
  | FactoryResetTask
  | AddObjectTask
  | DeleteObjectTask
  | DownloadTask;

export type TaskName = Task['name'];

/** A task as the NBI stores and returns it. */
export type TaskDocument = Task & {
  /** 24 hex digits (a MongoDB ObjectId). */
  readonly _id: string;
  readonly device: string;
  /** ISO time of creation. */
  readonly timestamp: string;
};

/** A fault record (`GET /faults/`). Task faults use channel `task_<taskId>`. */
export interface FaultDocument {
  /** `<deviceId>:<channel>`. */
  readonly _id: string;
  readonly device: string;
  readonly channel: string;
  /** e.g. `cwmp.9003` for a CPE fault, `timeout`, `script.*` for provisions. */
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
  /** ISO time of the (last) failure. */
  readonly timestamp: string;
  readonly retries: number;
  readonly provisions?: unknown;
}

/** The id of the fault a failed task leaves. */
export function taskFaultId(deviceId: string, taskId: string): string {
  return `${deviceId}:task_${taskId}`;
}

const TASK_ID = /^[0-9a-f]{24}$/i;

/** Whether `id` looks like a task id (the NBI fails with a 500 on anything else). */
export function isTaskId(id: string): boolean {
  return TASK_ID.test(id);
}

function validTriple(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'string' &&
    p[0] !== '' &&
    ['string', 'number', 'boolean'].includes(typeof p[1]) &&
    (p[2] === undefined || p[2] === null || typeof p[2] === 'string')
  );
}

/**
 * What GenieACS would reject about a task, as messages; empty when it is acceptable. Values
 * are never quoted in the messages (they may be WiFi or PPPoE passwords).
 */
export function taskProblems(task: Task): string[] {
  const t = task as unknown as Record<string, unknown>;
  const problems: string[] = [];
  switch (task.name) {
    case 'getParameterValues': {
      const names = t['parameterNames'];
      if (!Array.isArray(names) || names.length === 0) problems.push("missing 'parameterNames'");
      else if (!names.every((n) => typeof n === 'string' && n !== ''))
        problems.push("empty or non-string entry in 'parameterNames'");
      break;
    }
    case 'setParameterValues': {
      const values = t['parameterValues'];
      if (!Array.isArray(values) || values.length === 0) problems.push("missing 'parameterValues'");
      else if (!values.every(validTriple)) problems.push("malformed entry in 'parameterValues'");
      break;
    }
    case 'refreshObject':
      if (typeof t['objectName'] !== 'string') problems.push("missing 'objectName'");
      break;
    case 'deleteObject':
      if (typeof t['objectName'] !== 'string' || t['objectName'] === '')
        problems.push("missing 'objectName'");
      break;
    case 'addObject': {
      if (typeof t['objectName'] !== 'string' || t['objectName'] === '')
        problems.push("missing 'objectName'");
      const values = t['parameterValues'];
      if (values !== undefined && (!Array.isArray(values) || !values.every(validTriple)))
        problems.push("malformed 'parameterValues'");
      break;
    }
    case 'download':
      if (t['file'] === undefined) {
        if (typeof t['fileType'] !== 'string' || t['fileType'] === '')
          problems.push("missing 'fileType'");
        if (typeof t['fileName'] !== 'string' || t['fileName'] === '')
          problems.push("missing 'fileName'");
      }
      break;
    case 'reboot':
    case 'factoryReset':
      break;
    default:
      problems.push(`unknown task name '${String(t['name'])}'`);
  }
  return problems;
}

/** The values a task carries, so error texts and logs can blank them out. */
export function taskSecrets(task: Task): string[] {
  const values =
    task.name === 'setParameterValues' || task.name === 'addObject'
      ? (task.parameterValues ?? [])
      : [];
  return values.map((p) => String(p[1])).filter((v) => v.length >= 3);
}
