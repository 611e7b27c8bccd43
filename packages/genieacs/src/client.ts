/**
 * Typed GenieACS NBI client. One instance per ACS: it owns a keep-alive connection pool and
 * the circuit breaker for that ACS.
 */
import { CircuitBreaker } from './breaker.ts';
import { NbiCaller } from './call.ts';
import type { CallSpec } from './call.ts';
import type {
  CreateTaskOptions,
  DeviceQueryOptions,
  GenieAcsClient,
  GenieAcsClientOptions,
  IterateDevicesOptions,
  PresetDocument,
  ScriptDocument,
  TaskResult,
} from './client-types.ts';
import { encodePathSegment } from './device-id.ts';
import type { DeviceDocument } from './document.ts';
import { AcsError } from './errors.ts';
import { andQuery, collectionSearch } from './query.ts';
import type { CollectionQuery, NbiQuery } from './query.ts';
import { isTaskId, taskFaultId, taskProblems, taskSecrets } from './tasks.ts';
import type { FaultDocument, Task, TaskDocument } from './tasks.ts';
import { fetchTransport, nodeTransport } from './transport.ts';
import type { TransportResponse } from './transport.ts';

const DEFAULT_TASK_TIMEOUT_MS = 10_000;

function parseBaseUrl(raw: string): { url: URL; username: string; password: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError('baseUrl must be http: or https:');
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return { url, username, password };
}

function parseJson(res: TransportResponse, spec: CallSpec): unknown {
  try {
    return JSON.parse(res.body) as unknown;
  } catch (err) {
    throw new AcsError(`GenieACS NBI ${spec.method} ${spec.path}: answer is not JSON`, {
      code: 'invalid_response',
      status: res.status,
      retryable: false,
      method: spec.method,
      path: spec.path,
      cause: err,
    });
  }
}

function invalid(spec: CallSpec, res: TransportResponse, what: string): AcsError {
  return new AcsError(`GenieACS NBI ${spec.method} ${spec.path}: ${what}`, {
    code: 'invalid_response',
    status: res.status,
    retryable: false,
    method: spec.method,
    path: spec.path,
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Creates a client for one NBI. */
export function createGenieAcsClient(options: GenieAcsClientOptions): GenieAcsClient {
  const { url, ...fromUrl } = parseBaseUrl(options.baseUrl);
  const username = options.username ?? fromUrl.username;
  const password = options.password ?? fromUrl.password;
  const hasAuth = username !== '' || password !== '';
  const token = Buffer.from(`${username}:${password}`).toString('base64');
  const transport = options.fetch ? fetchTransport(options.fetch) : nodeTransport(options.tls);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const taskMarginMs = options.taskMarginMs ?? 30_000;
  const caller = new NbiCaller({
    baseUrl: url,
    authorization: hasAuth ? `Basic ${token}` : undefined,
    transport,
    breaker: new CircuitBreaker(options.breaker, options.onBreakerChange),
    retry: options.retry ?? {},
    timeoutMs,
    observer: options.observer,
    // Very short passwords are not searched for: blanking every "ab" would garble messages.
    secrets: hasAuth ? [token, password].filter((s) => s.length >= 3) : [],
  });

  /** Runs a call and throws for any status outside `ok`. */
  const expect = async (
    spec: CallSpec,
    ok: readonly number[] = [200],
  ): Promise<TransportResponse> => {
    const res = await caller.call(spec);
    if (!ok.includes(res.status)) throw caller.httpError(spec, res);
    return res;
  };

  const list = async <T>(collection: string, q: CollectionQuery = {}): Promise<T[]> => {
    const spec: CallSpec = {
      method: 'GET',
      path: `/${collection}/${collectionSearch(q)}`,
      idempotent: true,
    };
    const res = await expect(spec);
    const body = parseJson(res, spec);
    if (!Array.isArray(body)) throw invalid(spec, res, 'answer is not an array');
    return body as T[];
  };

  const send = async (
    method: 'PUT' | 'DELETE' | 'POST',
    path: string,
    body?: { text: string; type: string },
  ): Promise<void> => {
    await expect({
      method,
      path,
      idempotent: true,
      ...(body === undefined ? {} : { body: body.text, contentType: body.type }),
    });
  };

  const queryDevices = (q: DeviceQueryOptions = {}): Promise<DeviceDocument[]> =>
    list<DeviceDocument>('devices', q);

  async function* iterateDevices(
    o: IterateDevicesOptions = {},
  ): AsyncGenerator<DeviceDocument, void, undefined> {
    const pageSize = o.pageSize ?? 1000;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1)
      throw new RangeError('pageSize must be >= 1');
    let last: string | undefined;
    for (;;) {
      // A cursor on _id instead of skip: each page is an index range scan on the ACS side.
      const query = last === undefined ? o.query : andQuery(o.query, { _id: { $gt: last } });
      const page = await queryDevices({
        ...(query === undefined ? {} : { query }),
        ...(o.projection === undefined ? {} : { projection: o.projection }),
        sort: { _id: 1 },
        limit: pageSize,
      });
      for (const doc of page) yield doc;
      const tail = page[page.length - 1];
      if (page.length < pageSize || tail === undefined) return;
      last = tail._id;
    }
  }

  const countDevices = async (query?: NbiQuery): Promise<number> => {
    const spec: CallSpec = {
      method: 'HEAD',
      path: `/devices/${collectionSearch(query === undefined ? {} : { query })}`,
      idempotent: true,
    };
    const res = await expect(spec);
    // The NBI sends the match count as `total` (GenieACS's UI API uses X-Total-Count).
    const raw = res.header('total') ?? res.header('x-total-count');
    const n = raw === undefined ? NaN : Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) throw invalid(spec, res, 'no total count header');
    return n;
  };

  const getDevice = async (
    deviceId: string,
    projection?: readonly string[],
  ): Promise<DeviceDocument | null> => {
    const docs = await queryDevices({
      query: { _id: deviceId },
      ...(projection === undefined ? {} : { projection }),
      limit: 1,
    });
    return docs[0] ?? null;
  };

  const devicePath = (deviceId: string): string => `/devices/${encodePathSegment(deviceId)}`;

  const listFaults = (o: { readonly device?: string } = {}): Promise<FaultDocument[]> =>
    list<FaultDocument>('faults', o.device === undefined ? {} : { query: { device: o.device } });

  const createTask = async (
    deviceId: string,
    task: Task,
    o: CreateTaskOptions = {},
  ): Promise<TaskResult> => {
    const problems = taskProblems(task);
    if (problems.length > 0) {
      throw new AcsError(`invalid ${String(task.name)} task: ${problems.join('; ')}`, {
        code: 'bad_request',
        status: null,
        retryable: false,
        sent: false,
      });
    }
    const cr = o.connectionRequest ?? true;
    const taskTimeout = Math.max(1, Math.round(o.timeoutMs ?? DEFAULT_TASK_TIMEOUT_MS));
    const spec: CallSpec = {
      method: 'POST',
      path: `${devicePath(deviceId)}/tasks${cr ? `?connection_request&timeout=${taskTimeout}` : ''}`,
      body: JSON.stringify(task),
      timeoutMs: cr ? taskTimeout + taskMarginMs : timeoutMs,
      // Creating a task twice queues it twice: only retried when it provably never left.
      idempotent: false,
      secrets: taskSecrets(task),
    };
    const res = await expect(spec, [200, 202]);
    const doc = parseJson(res, spec);
    if (!isRecord(doc) || typeof doc['_id'] !== 'string')
      throw invalid(spec, res, 'no task in the answer');
    const taskDoc = doc as unknown as TaskDocument;
    if (res.status === 200) return { status: 'done', task: taskDoc };
    const reason = res.statusText;
    let fault: FaultDocument | undefined;
    if (reason === 'Task faulted') {
      // Best effort: the task exists either way, and that is what the caller must learn.
      const faultId = taskFaultId(taskDoc.device || deviceId, taskDoc._id);
      fault = (await list<FaultDocument>('faults', { query: { _id: faultId } }).catch(() => []))[0];
    }
    return {
      status: 'queued',
      task: taskDoc,
      ...(reason === '' || reason === 'Accepted' ? {} : { reason }),
      ...(fault === undefined ? {} : { fault }),
    };
  };

  const requestConnection = async (deviceId: string): Promise<boolean> => {
    const spec: CallSpec = {
      method: 'POST',
      path: `${devicePath(deviceId)}/tasks?connection_request`,
      idempotent: true,
      // The NBI answers 504 when the device did not answer the connection request.
      answers: [504],
    };
    const res = await expect(spec, [200, 504]);
    return res.status === 200;
  };

  const checkedTaskId = (taskId: string): string => {
    if (!isTaskId(taskId)) throw new RangeError('task ids are 24 hex digits');
    return taskId;
  };

  return {
    baseUrl: url.toString().replace(/\/$/, ''),
    get breakerState() {
      return caller.breakerState;
    },
    queryDevices,
    iterateDevices,
    countDevices,
    getDevice,
    deleteDevice: (deviceId) => send('DELETE', devicePath(deviceId)),
    createTask,
    requestConnection,
    async getTask(taskId) {
      const tasks = await list<TaskDocument>('tasks', { query: { _id: checkedTaskId(taskId) } });
      return tasks[0] ?? null;
    },
    listTasks: (o = {}) =>
      list<TaskDocument>('tasks', o.device === undefined ? {} : { query: { device: o.device } }),
    async deleteTask(taskId) {
      const res = await expect(
        { method: 'DELETE', path: `/tasks/${checkedTaskId(taskId)}`, idempotent: true },
        [200, 404],
      );
      return res.status === 200;
    },
    retryTask: (taskId) => send('POST', `/tasks/${checkedTaskId(taskId)}/retry`),
    listFaults,
    deleteFault: (faultId) => send('DELETE', `/faults/${encodePathSegment(faultId)}`),
    addTag: (deviceId, tag) =>
      send('POST', `${devicePath(deviceId)}/tags/${encodePathSegment(tag)}`),
    removeTag: (deviceId, tag) =>
      send('DELETE', `${devicePath(deviceId)}/tags/${encodePathSegment(tag)}`),
    listPresets: () => list<PresetDocument>('presets'),
    putPreset: (name, preset) =>
      send('PUT', `/presets/${encodePathSegment(name)}`, {
        text: JSON.stringify(preset),
        type: 'application/json',
      }),
    deletePreset: (name) => send('DELETE', `/presets/${encodePathSegment(name)}`),
    listProvisions: () => list<ScriptDocument>('provisions'),
    putProvision: (name, script) =>
      send('PUT', `/provisions/${encodePathSegment(name)}`, { text: script, type: 'text/plain' }),
    deleteProvision: (name) => send('DELETE', `/provisions/${encodePathSegment(name)}`),
    listVirtualParameters: () => list<ScriptDocument>('virtual_parameters'),
    putVirtualParameter: (name, script) =>
      send('PUT', `/virtual_parameters/${encodePathSegment(name)}`, {
        text: script,
        type: 'text/plain',
      }),
    deleteVirtualParameter: (name) =>
      send('DELETE', `/virtual_parameters/${encodePathSegment(name)}`),
    close: () => transport.close(),
  };
}
