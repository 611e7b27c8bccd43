/**
 * GenieACS NBI client: device queries and paging, tasks, faults, tags, presets, provisions and
 * virtual parameters, with retries and a circuit breaker. The NBI simulator lives in
 * `@jaring/genieacs/sim`.
 */
export { createGenieAcsClient } from './client.ts';
export type {
  CreateTaskOptions,
  DeviceQueryOptions,
  GenieAcsClient,
  GenieAcsClientOptions,
  IterateDevicesOptions,
  PresetDocument,
  ScriptDocument,
  TaskResult,
} from './client-types.ts';
export type { AcsCallEvent, AcsObserver } from './call.ts';
export type { BreakerOptions, BreakerState } from './breaker.ts';
export type { RetryOptions } from './backoff.ts';
export type { TlsOptions } from './transport.ts';
export { AcsError, AcsTimeoutError, AcsUnavailableError } from './errors.ts';
export type { AcsErrorCode } from './errors.ts';
export {
  buildDeviceId,
  decodeDeviceIdPart,
  encodeDeviceIdPart,
  encodePathSegment,
  parseDeviceId,
} from './device-id.ts';
export type { DeviceIdParts } from './device-id.ts';
export {
  documentTime,
  listInstances,
  readNode,
  readParam,
  readString,
  readTimestamp,
} from './document.ts';
export type { DeviceDocument, DeviceIdentity, ParameterNode, ParameterValue } from './document.ts';
export {
  dataModelOf,
  dbmToZteRxPower,
  readRxPower,
  RX_POWER_PATHS,
  TR098_PATHS,
  TR181_PATHS,
  VIRTUAL_PATHS,
  zteRxPowerToDbm,
} from './params.ts';
export type { DataModel, RxPowerReading } from './params.ts';
export { andQuery } from './query.ts';
export type { CollectionQuery, NbiQuery, SortSpec } from './query.ts';
export { isTaskId, taskFaultId, taskProblems } from './tasks.ts';
export type {
  AddObjectTask,
  DeleteObjectTask,
  DownloadTask,
  FactoryResetTask,
  FaultDocument,
  GetParameterValuesTask,
  ParameterValueTriple,
  RebootTask,
  RefreshObjectTask,
  SetParameterValuesTask,
  Task,
  TaskCommon,
  TaskDocument,
  TaskName,
  XsdType,
} from './tasks.ts';
