import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Command, ExecOptions, Result, Transport } from './command.ts';
import { toCommand } from './command.ts';
import {
  CancelledError,
  ConnectionError,
  LoginError,
  RestError,
  TimeoutError,
  TrapError,
} from './errors.ts';
import { compileQuery, formatScalar, toQuery } from './query.ts';
import type { Row } from './reply.ts';
import { normaliseFingerprint } from './socket.ts';

/** Options of {@link RestTransport}. */
export interface RestOptions {
  /** Base URL, e.g. `https://10.0.0.1` (www-ssl) or `http://10.0.0.1:8080` (www, 7.9+). */
  readonly url: string;
  readonly user: string;
  readonly password: string;
  /** Private CA for the router certificate. */
  readonly ca?: string | Buffer;
  /** Pin the certificate's SHA-256 instead of verifying its chain. */
  readonly fingerprint256?: string;
  /** Per-request timeout (default 60 s, RouterOS's own limit for REST commands). */
  readonly timeoutMs?: number;
}

const SPLIT = /^(.*)\/([^/]+)$/;

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/**
 * REST transport for RouterOS v7 behind the same {@link Transport} interface as the API:
 * print maps to GET (or POST `.../print` when the query needs the `?#` stack), add to PUT,
 * set to PATCH, remove to DELETE, anything else to POST. Errors come back as the same typed
 * errors the API raises, so callers do not care which transport a router uses.
 */
export class RestTransport implements Transport {
  readonly #base: URL;
  readonly #auth: string;
  readonly #options: RestOptions;
  readonly #agent: HttpAgent | HttpsAgent;
  readonly #https: boolean;

  constructor(options: RestOptions) {
    this.#options = options;
    this.#base = new URL(options.url);
    this.#https = this.#base.protocol === 'https:';
    this.#auth = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
    this.#agent = this.#https
      ? new HttpsAgent({
          keepAlive: true,
          maxSockets: 8,
          ...(options.ca ? { ca: options.ca } : {}),
          // Pinning replaces chain verification; the pin is checked on every new socket.
          rejectUnauthorized: options.fingerprint256 === undefined,
        })
      : new HttpAgent({ keepAlive: true, maxSockets: 8 });
  }

  async exec(cmd: Command | string, options: ExecOptions = {}): Promise<Result> {
    const command = toCommand(cmd);
    const m = SPLIT.exec(command.command);
    if (!m) throw new TrapError('no such command or directory', 0, command.command);
    const menu = m[1] as string;
    const verb = m[2] as string;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(command.attributes ?? {})) {
      if (v !== undefined) attrs[k] = formatScalar(v, 'true-false');
    }
    const id = attrs['.id'] ?? attrs['numbers'];
    const single = id !== undefined && !id.includes(',');
    switch (verb) {
      case 'print':
      case 'getall': {
        const simple =
          !('count-only' in attrs) &&
          Object.keys(attrs).length === 0 &&
          (command.where === undefined || isSimple(command.where));
        if (simple) {
          const params = new URLSearchParams();
          if (command.where !== undefined) {
            const q = toQuery(command.where);
            const leaves = q.op === 'and' ? q.items : [q];
            for (const leaf of leaves) {
              if (leaf.op === 'eq') params.append(leaf.key, formatScalar(leaf.value, 'true-false'));
            }
          }
          if (command.proplist?.length) params.set('.proplist', command.proplist.join(','));
          const qs = params.toString();
          const body = await this.#request(
            'GET',
            `${menu}${qs ? `?${qs}` : ''}`,
            undefined,
            command,
            options,
          );
          return toResult(body);
        }
        const body: Record<string, unknown> = { ...attrs };
        if (command.proplist?.length) body['.proplist'] = command.proplist;
        if (command.where !== undefined)
          body['.query'] = compileQuery(command.where, 'true-false').map((w) => w.slice(1));
        return toResult(await this.#request('POST', `${menu}/print`, body, command, options));
      }
      case 'add': {
        const created = await this.#request('PUT', menu, attrs, command, options);
        const ret = isObject(created) ? created['.id'] : undefined;
        return { rows: [], ret: typeof ret === 'string' ? ret : undefined, empty: false };
      }
      case 'set':
        if (single) {
          const rest = { ...attrs };
          delete rest['.id'];
          delete rest['numbers'];
          await this.#request('PATCH', `${menu}/${encodeURIComponent(id)}`, rest, command, options);
          return { rows: [], ret: undefined, empty: false };
        }
        break;
      case 'remove':
        if (single && Object.keys(attrs).length === 1) {
          await this.#request(
            'DELETE',
            `${menu}/${encodeURIComponent(id)}`,
            undefined,
            command,
            options,
          );
          return { rows: [], ret: undefined, empty: false };
        }
        break;
      default:
        break;
    }
    const body: Record<string, unknown> = { ...attrs };
    if (command.proplist?.length) body['.proplist'] = command.proplist;
    if (command.where !== undefined)
      body['.query'] = compileQuery(command.where, 'true-false').map((w) => w.slice(1));
    return toResult(await this.#request('POST', command.command, body, command, options));
  }

  #request(
    method: string,
    path: string,
    body: unknown,
    command: Command,
    options: ExecOptions,
  ): Promise<unknown> {
    const url = new URL(`/rest${path}`, this.#base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? 60_000;
    const request = this.#https ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.#agent,
          headers: {
            authorization: this.#auth,
            accept: 'application/json',
            ...(payload
              ? { 'content-type': 'application/json', 'content-length': payload.length }
              : {}),
          },
          signal: options.signal,
        },
        (res) => {
          void collect(res).then((text) => {
            clearTimeout(timer);
            const status = res.statusCode ?? 0;
            let json: unknown;
            try {
              json = text === '' ? undefined : JSON.parse(text);
            } catch {
              json = undefined;
            }
            if (status >= 200 && status < 300) {
              resolve(json);
              return;
            }
            reject(toError(status, json, command.command));
          }, reject);
        },
      );
      const timer = setTimeout(() => {
        req.destroy(
          new TimeoutError(`${command.command} over REST timed out after ${timeoutMs} ms`, true),
        );
      }, timeoutMs);
      if (this.#https && this.#options.fingerprint256 !== undefined) {
        const want = normaliseFingerprint(this.#options.fingerprint256);
        req.on('socket', (socket) => {
          const check = (): void => {
            const got = normaliseFingerprint(
              (socket as TLSSocket).getPeerCertificate().fingerprint256 ?? '',
            );
            if (got !== want)
              req.destroy(
                new ConnectionError(`certificate fingerprint mismatch: got ${got}`, false),
              );
          };
          if (
            (socket as TLSSocket).authorized !== undefined &&
            (socket as TLSSocket).encrypted &&
            !socket.connecting
          )
            check();
          else socket.once('secureConnect', check);
        });
      }
      req.on('error', (err) => {
        clearTimeout(timer);
        if (err instanceof TimeoutError || err instanceof ConnectionError) reject(err);
        else if (err.name === 'AbortError') reject(new CancelledError());
        else {
          // A request that never reached the router may go to another address.
          const code = (err as NodeJS.ErrnoException).code ?? '';
          const unsent = NOT_SENT_CODES.has(code) || method === 'GET';
          reject(
            new ConnectionError(`REST ${method} ${url.pathname}: ${err.message}`, !unsent, {
              cause: err,
            }),
          );
        }
      });
      req.end(payload);
    });
  }

  async close(): Promise<void> {
    this.#agent.destroy();
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSimple(where: NonNullable<Command['where']>): boolean {
  const q = toQuery(where);
  const leaves = q.op === 'and' ? q.items : [q];
  return leaves.every((l) => l.op === 'eq');
}

function toRow(v: unknown): Row {
  const row: Row = {};
  if (isObject(v))
    for (const [k, x] of Object.entries(v)) row[k] = typeof x === 'string' ? x : JSON.stringify(x);
  return row;
}

function toResult(body: unknown): Result {
  if (Array.isArray(body))
    return { rows: body.map(toRow), ret: undefined, empty: body.length === 0 };
  if (isObject(body)) {
    if (typeof body['ret'] === 'string' && Object.keys(body).length === 1) {
      return { rows: [], ret: body['ret'], empty: false };
    }
    return { rows: [toRow(body)], ret: undefined, empty: false };
  }
  return { rows: [], ret: undefined, empty: true };
}

function collect(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/** Maps REST errors to the API's typed errors: 400/404 with a detail are the router's trap. */
function toError(status: number, json: unknown, command: string): Error {
  const message =
    isObject(json) && typeof json['message'] === 'string' ? json['message'] : `HTTP ${status}`;
  const detail = isObject(json) && typeof json['detail'] === 'string' ? json['detail'] : undefined;
  if (status === 401) return new LoginError(`REST login rejected (${message})`);
  if (status === 400 || status === 404) {
    return new TrapError(
      detail ?? (status === 404 ? 'no such item' : message),
      status === 404 ? 0 : 1,
      command,
    );
  }
  return new RestError(status, message, detail);
}
