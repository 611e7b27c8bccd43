/**
 * The control API under `/_sim/` for tests and demos that run the simulator in another
 * process. Device ids in paths are encoded like NBI paths (escaped id, URL-encoded again).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimCore } from './core.ts';
import { UnknownTarget } from './core.ts';
import type { SimDeviceSpec } from './fleet.ts';
import { decodeSegment, sendJson } from './http.ts';

export type DownMode = 'refuse' | 'http500' | 'hang' | null;

export interface ControlContext {
  readonly core: SimCore;
  setDown(mode: DownMode, durationMs?: number): Promise<void>;
}

function parse(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  const v: unknown = JSON.parse(body);
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new TypeError('body must be a JSON object');
  return v as Record<string, unknown>;
}

function bool(v: unknown, name: string): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be true or false`);
  return v;
}

function downMode(v: unknown): DownMode {
  if (v === null || v === 'refuse' || v === 'http500' || v === 'hang') return v;
  throw new TypeError("mode must be 'refuse', 'http500', 'hang' or null");
}

async function route(
  ctx: ControlContext,
  method: string,
  path: string,
  o: Record<string, unknown>,
): Promise<unknown> {
  const { core } = ctx;
  if (method === 'GET' && path === '/stats') return core.stats();
  if (method === 'POST' && path === '/devices')
    return { id: core.addDevice(o as unknown as SimDeviceSpec) };
  if (method === 'POST' && path === '/inform-all') return { informed: core.informAll() };
  if (method === 'POST' && path === '/touch')
    return { ids: core.touch(Number(o['fraction'] ?? 0)) };
  if (method === 'POST' && path === '/down') {
    const duration = o['durationMs'];
    await ctx.setDown(
      downMode(o['mode'] ?? null),
      typeof duration === 'number' ? duration : undefined,
    );
    return { mode: o['mode'] ?? null };
  }
  const m = /^\/devices\/([^/]+)(?:\/([a-z-]+))?$/.exec(path);
  const id = decodeSegment(m?.[1]);
  if (!m || id === undefined) throw new UnknownTarget(`no control ${method} /_sim${path}`);
  switch (`${method} ${m[2] ?? ''}`) {
    case 'GET ':
      return core.state(id);
    case 'POST online':
      core.setOnline(id, bool(o['online'], 'online'));
      return core.state(id);
    case 'POST reachable':
      core.setReachable(id, bool(o['reachable'], 'reachable'));
      return core.state(id);
    case 'POST inform':
      core.inform(id);
      return core.state(id);
    case 'POST param':
      core.setParam(id, String(o['path']), o['value']);
      return core.state(id);
    case 'POST fail-next-task':
      core.failNextTask(id, o);
      return { ok: true };
    default:
      throw new UnknownTarget(`no control ${method} /_sim${path}`);
  }
}

/** Handles `/_sim/...`; `path` is what follows `/_sim`. */
export async function handleControl(
  ctx: ControlContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  body: string,
): Promise<void> {
  try {
    sendJson(res, 200, await route(ctx, req.method ?? 'GET', path, parse(body)));
  } catch (err) {
    const status = err instanceof UnknownTarget ? 404 : 400;
    sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
  }
}
