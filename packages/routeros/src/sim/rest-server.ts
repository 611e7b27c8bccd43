import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Item } from './model.ts';
import type { SimRouter } from './router.ts';
import { SimTrap } from './router.ts';

/** Settings the REST handler reads per request. */
export interface RestContext {
  readonly router: SimRouter;
  readonly user: string;
  readonly password: string;
  readonly latencyMs: () => number;
}

class HttpError extends Error {
  readonly status: number;
  readonly detail: string | undefined;
  constructor(status: number, message: string, detail?: string) {
    super(message);
    this.status = status;
    this.detail = detail;
  }
}

function authorised(req: IncomingMessage, ctx: RestContext): boolean {
  const h = req.headers.authorization ?? '';
  if (!h.startsWith('Basic ')) return false;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i >= 0 && decoded.slice(0, i) === ctx.user && decoded.slice(i + 1) === ctx.password;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1024 * 1024) throw new HttpError(413, 'Payload Too Large');
    chunks.push(c as Buffer);
  }
  if (size === 0) return {};
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
    return v as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'Bad Request', 'invalid JSON');
  }
}

function toAttrs(body: Record<string, unknown>): {
  attrs: Record<string, string>;
  queries: string[];
} {
  const attrs: Record<string, string> = {};
  let queries: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (k === '.query') {
      if (!Array.isArray(v)) throw new HttpError(400, 'Bad Request', '.query must be an array');
      queries = v.map((w) => `?${String(w)}`);
    } else if (k === '.proplist') {
      attrs[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
    } else {
      attrs[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return { attrs, queries };
}

function run(
  ctx: RestContext,
  command: string,
  attrs: Record<string, string>,
  queries: string[],
): { rows: Item[]; ret?: string } {
  try {
    const out = ctx.router.execute(command, attrs, queries);
    if (out.kind === 'done')
      return out.ret === undefined ? { rows: out.rows } : { rows: out.rows, ret: out.ret };
    if (out.kind === 'stream')
      throw new HttpError(400, 'Bad Request', 'streaming commands are not available over REST');
    throw new HttpError(400, 'Bad Request', 'reboot is not simulated over REST');
  } catch (err) {
    if (err instanceof SimTrap) {
      if (err.message === 'no such item') throw new HttpError(404, 'Not Found', err.message);
      throw new HttpError(400, 'Bad Request', err.message);
    }
    throw err;
  }
}

/** Handles `/rest/...` the way RouterOS v7 does (all values strings, errors as JSON). */
export async function handleRest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: RestContext,
): Promise<void> {
  const send = (status: number, body: unknown): void => {
    const delay = ctx.latencyMs();
    const finish = (): void => {
      if (body === undefined) {
        res.writeHead(status).end();
        return;
      }
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    };
    if (delay > 0) setTimeout(finish, delay);
    else finish();
  };
  try {
    if (!authorised(req, ctx)) {
      res.setHeader('www-authenticate', 'Basic realm="REST API"');
      throw new HttpError(401, 'Unauthorized');
    }
    const url = new URL(req.url ?? '/', 'http://sim');
    if (!url.pathname.startsWith('/rest/')) throw new HttpError(404, 'Not Found');
    const parts = url.pathname.slice(5).split('/').filter(Boolean).map(decodeURIComponent);
    const last = parts[parts.length - 1] ?? '';
    const id = last.startsWith('*') ? last : undefined;
    const path = `/${(id ? parts.slice(0, -1) : parts).join('/')}`;
    const method = req.method ?? 'GET';
    if (method === 'GET') {
      const attrs: Record<string, string> = {};
      const queries: string[] = [];
      for (const [k, v] of url.searchParams) {
        if (k === '.proplist') attrs[k] = v;
        else queries.push(`?${k}=${v}`);
      }
      if (id) queries.push(`?.id=${id}`);
      const singleton = path === '/system/resource' || path === '/system/identity';
      const { rows } = run(ctx, `${path}/print`, attrs, queries);
      if (id || singleton) {
        if (!rows[0]) throw new HttpError(404, 'Not Found');
        send(200, rows[0]);
      } else send(200, rows);
      return;
    }
    const body = await readJson(req);
    const { attrs, queries } = toAttrs(body);
    if (method === 'PUT') {
      const { ret } = run(ctx, `${path}/add`, attrs, []);
      const { rows } = run(ctx, `${path}/print`, {}, [`?.id=${ret ?? ''}`]);
      send(201, rows[0] ?? { '.id': ret });
      return;
    }
    if (method === 'PATCH') {
      if (!id) throw new HttpError(400, 'Bad Request', 'missing item id');
      run(ctx, `${path}/set`, { ...attrs, '.id': id }, []);
      const { rows } = run(ctx, `${path}/print`, {}, [`?.id=${id}`]);
      send(200, rows[0]);
      return;
    }
    if (method === 'DELETE') {
      if (!id) throw new HttpError(400, 'Bad Request', 'missing item id');
      run(ctx, `${path}/remove`, { '.id': id }, []);
      send(204, undefined);
      return;
    }
    if (method === 'POST') {
      const out = run(ctx, path, attrs, queries);
      if (out.ret !== undefined) send(200, { ret: out.ret });
      else send(200, out.rows);
      return;
    }
    throw new HttpError(405, 'Method Not Allowed');
  } catch (err) {
    if (err instanceof HttpError) {
      send(err.status, {
        error: err.status,
        message: err.message,
        ...(err.detail ? { detail: err.detail } : {}),
      });
    } else {
      send(500, { error: 500, message: 'Internal Server Error' });
    }
  }
}
