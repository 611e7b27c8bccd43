/**
 * The NBI routes, matched the way GenieACS matches them (same accepted characters, same
 * order), with the same status codes and reason phrases.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Script } from 'node:vm';
import type { SimCore } from './core.ts';
import type { SimDevice } from './device.ts';
import { TaskRejected, checkTask, taskDocument } from './engine.ts';
import type { TaskRecord } from './engine.ts';
import { QueryError, convertFaultQuery, convertTaskQuery } from './expand.ts';
import { decodeSegment, sendJson, sendText } from './http.ts';
import { BadQuery, parseQueryParams, queryDevices, queryDocuments } from './queries.ts';
import type { QueryResult } from './queries.ts';

const SEG = '([a-zA-Z0-9\\-_%]+)';
const DEVICE_TASKS = new RegExp(`^/devices/${SEG}/tasks/?$`);
const TASKS = new RegExp(`^/tasks/${SEG}(/[a-zA-Z_]*)?$`);
const TAGS = new RegExp(`^/devices/${SEG}/tags/${SEG}/?$`);
const PRESETS = new RegExp(`^/presets/${SEG}/?$`);
const PROVISIONS = new RegExp(`^/provisions/${SEG}/?$`);
const VIRTUAL_PARAMETERS = new RegExp(`^/virtual_parameters/${SEG}/?$`);
const FAULTS = /^\/faults\/([a-zA-Z0-9\-_%:]+)\/?$/;
const DEVICE = new RegExp(`^/devices/${SEG}/?$`);
const COLLECTION = /^\/([a-zA-Z0-9_]+)\/?$/;

const JSON_TYPE = { 'Content-Type': 'application/json' };

class Answer extends Error {
  readonly status: number;
  readonly text: string;
  readonly headers: Record<string, string>;
  constructor(status: number, text: string, headers: Record<string, string> = {}) {
    super(text);
    this.status = status;
    this.text = text;
    this.headers = headers;
  }
}

const notAllowed = (allow: string): Answer =>
  new Answer(405, '405 Method Not Allowed', { Allow: allow });

function decoded(s: string | undefined): string {
  const v = decodeSegment(s);
  if (v === undefined) throw new Answer(400, 'URIError: URI malformed');
  return v;
}

function checkScript(script: string): void {
  try {
    // Compiled, never run: GenieACS rejects scripts that do not parse.
    new Script(`"use strict";(function(){\n${script}\n})();`);
  } catch (err) {
    throw new Answer(400, `${(err as Error).name}: ${(err as Error).message}`);
  }
}

function scripts(method: string, store: Map<string, string>, name: string, body: string): void {
  if (method === 'PUT') {
    checkScript(body);
    store.set(name, body);
  } else if (method === 'DELETE') {
    store.delete(name);
  } else {
    throw notAllowed('PUT, DELETE');
  }
}

function collectionName(raw: string): string {
  return raw.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function runQuery(
  core: SimCore,
  collection: string,
  params: URLSearchParams,
): QueryResult | undefined {
  const p = parseQueryParams(params);
  switch (collection) {
    case 'devices':
      return queryDevices(core.store, p);
    case 'tasks':
      return queryDocuments(core.engine.taskDocuments(), p, convertTaskQuery);
    case 'faults':
      return queryDocuments(core.engine.faultDocuments(), p, convertFaultQuery);
    case 'presets':
      return queryDocuments(core.presets.values(), p);
    case 'provisions':
      return queryDocuments(
        [...core.provisions].map(([_id, script]) => ({ _id, script })),
        p,
      );
    case 'virtualParameters':
      return queryDocuments(
        [...core.virtualParameters].map(([_id, script]) => ({ _id, script })),
        p,
      );
    case 'files':
    case 'objects':
      return queryDocuments([], p);
    default:
      return undefined;
  }
}

function query(
  core: SimCore,
  method: string,
  collection: string,
  params: URLSearchParams,
  res: ServerResponse,
): void {
  if (method !== 'GET' && method !== 'HEAD') throw notAllowed('GET, HEAD');
  let result: QueryResult | undefined;
  try {
    result = runQuery(core, collectionName(collection), params);
  } catch (err) {
    if (err instanceof BadQuery) throw new Answer(400, err.message);
    if (err instanceof QueryError) throw new Answer(500, `${err.name}: ${err.message}`);
    throw err;
  }
  if (!result) throw new Answer(404, '404 Not Found');
  const headers = { ...JSON_TYPE, total: String(result.total) };
  if (method === 'HEAD') {
    res.writeHead(200, headers);
    res.end();
    return;
  }
  sendText(res, 200, `[\n${result.docs.map((d) => JSON.stringify(d)).join(',\n')}\n]`, headers);
}

async function connectionRequestOnly(
  core: SimCore,
  d: SimDevice,
  res: ServerResponse,
): Promise<void> {
  core.engine.stats.connectionRequests++;
  if (!d.online || !d.reachable) {
    sendText(res, 504, 'Device is offline', {}, 'Device is offline');
    return;
  }
  // The NBI answers once the device accepted the request; the session follows.
  core.later(core.options.sessionLatencyMs, () => {
    if (core.store.get(d.id) === d) core.engine.session(d);
  });
  await Promise.resolve();
  sendText(res, 200);
}

async function connectionRequest(
  core: SimCore,
  d: SimDevice,
  task: TaskRecord,
  timeoutMs: number,
): Promise<{ status: number; reason?: string; doc: unknown }> {
  core.engine.stats.connectionRequests++;
  if (!d.online || !d.reachable)
    return { status: 202, reason: 'Device is offline', doc: taskDocument(task) };
  const latency = core.options.sessionLatencyMs;
  const runSession = (): void => {
    if (core.store.get(d.id) === d && d.online) core.engine.session(d);
  };
  if (latency > timeoutMs) {
    core.later(latency, runSession);
    await core.delay(timeoutMs);
    return { status: 202, reason: 'Task queued but not processed', doc: taskDocument(task) };
  }
  await core.delay(latency);
  if (core.closed) throw new Answer(503, 'closing');
  runSession();
  const still = core.engine.tasks.get(task.id);
  if (core.engine.faults.has(`${d.id}:task_${task.id}`))
    return { status: 202, reason: 'Task faulted', doc: taskDocument(still ?? task) };
  if (still)
    return { status: 202, reason: 'Task queued but not processed', doc: taskDocument(still) };
  return { status: 200, doc: taskDocument(task) };
}

async function postTask(
  core: SimCore,
  method: string,
  deviceId: string,
  params: URLSearchParams,
  body: string,
  res: ServerResponse,
): Promise<void> {
  if (method !== 'POST') throw notAllowed('POST');
  const cr = params.has('connection_request');
  const d = core.store.get(deviceId);
  if (body.length === 0) {
    if (!cr) throw new Answer(400, '');
    if (!d) throw new Answer(404, 'No such device');
    await connectionRequestOnly(core, d, res);
    return;
  }
  let task: unknown;
  try {
    task = JSON.parse(body);
  } catch (err) {
    throw new Answer(400, `${(err as Error).name}: ${(err as Error).message}`);
  }
  if (!d) throw new Answer(404, 'No such device');
  if (typeof task !== 'object' || task === null || Array.isArray(task))
    throw new Answer(500, 'Error: Invalid task');
  try {
    checkTask(task as Record<string, unknown>);
  } catch (err) {
    if (err instanceof TaskRejected) throw new Answer(500, `Error: ${err.message}`);
    throw err;
  }
  const record = core.engine.insert(d.id, task as Record<string, unknown>);
  if (!cr) {
    sendJson(res, 202, taskDocument(record));
    return;
  }
  const timeout = Number.parseInt(params.get('timeout') ?? '', 10);
  const outcome = await connectionRequest(
    core,
    d,
    record,
    Number.isNaN(timeout) || timeout <= 0 ? core.options.deviceOnlineThresholdMs : timeout,
  );
  sendJson(res, outcome.status, outcome.doc, outcome.reason);
}

function tags(core: SimCore, method: string, deviceId: string, tag: string): void {
  const d = core.store.get(deviceId);
  // Like MongoDB's updateOne, an unknown device is not an error.
  if (method === 'POST') {
    if (d && !(d.tags ?? []).includes(tag)) d.tags = [...(d.tags ?? []), tag];
  } else if (method === 'DELETE') {
    if (d?.tags) d.tags = d.tags.filter((t) => t !== tag);
  } else {
    throw notAllowed('POST, DELETE');
  }
}

function tasks(core: SimCore, method: string, taskId: string, action: string | undefined): void {
  if (action === undefined || action === '/') {
    if (method !== 'DELETE') throw notAllowed('PUT DELETE');
    if (!core.engine.deleteTask(taskId)) throw new Answer(404, 'Task not found');
  } else if (action === '/retry') {
    if (method !== 'POST') throw notAllowed('POST');
    if (!core.engine.retry(taskId)) throw new Answer(404, 'Task not found');
  } else {
    throw new Answer(404, '');
  }
}

function presets(core: SimCore, method: string, name: string, body: string): void {
  if (method === 'PUT') {
    let preset: unknown;
    try {
      preset = JSON.parse(body);
    } catch (err) {
      throw new Answer(400, `${(err as Error).name}: ${(err as Error).message}`);
    }
    if (typeof preset !== 'object' || preset === null || Array.isArray(preset))
      throw new Answer(400, 'TypeError: preset must be an object');
    core.presets.set(name, { ...(preset as Record<string, unknown>), _id: name });
  } else if (method === 'DELETE') {
    core.presets.delete(name);
  } else {
    throw notAllowed('PUT, DELETE');
  }
}

/** Routes one NBI request (auth and fault injection are handled before). */
export async function handleNbi(
  core: SimCore,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://nbi');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  let m: RegExpExecArray | null;
  try {
    if ((m = PRESETS.exec(path))) presets(core, method, decoded(m[1]), body);
    else if ((m = PROVISIONS.exec(path))) scripts(method, core.provisions, decoded(m[1]), body);
    else if ((m = VIRTUAL_PARAMETERS.exec(path)))
      scripts(method, core.virtualParameters, decoded(m[1]), body);
    else if ((m = TAGS.exec(path))) tags(core, method, decoded(m[1]), decoded(m[2]));
    else if ((m = FAULTS.exec(path))) {
      if (method !== 'DELETE') throw notAllowed('DELETE');
      core.engine.deleteFault(decoded(m[1]));
    } else if ((m = DEVICE_TASKS.exec(path))) {
      await postTask(core, method, decoded(m[1]), url.searchParams, body, res);
      return;
    } else if ((m = TASKS.exec(path))) tasks(core, method, decoded(m[1]), m[2]);
    else if ((m = DEVICE.exec(path))) {
      if (method !== 'DELETE') throw notAllowed('DELETE');
      core.removeDevice(decoded(m[1]));
    } else if ((m = COLLECTION.exec(path))) {
      query(core, method, m[1] ?? '', url.searchParams, res);
      return;
    } else throw new Answer(404, '404 Not Found');
    sendText(res, 200);
  } catch (err) {
    if (!(err instanceof Answer)) throw err;
    sendText(res, err.status, err.text, err.headers);
  }
}
