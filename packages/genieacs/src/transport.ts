/**
 * One HTTP exchange with the NBI. The default transport uses node:http(s) with keep-alive
 * agents, so TLS options (`ca`, `rejectUnauthorized`) apply and the client can tell whether a
 * request provably never left (no connection was established). A caller-supplied `fetch` is
 * supported for tests and unusual runtimes.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

export interface TransportResponse {
  readonly status: number;
  /** The reason phrase; the NBI uses it to say why a task was queued (`Task faulted`). */
  readonly statusText: string;
  readonly body: string;
  header(name: string): string | undefined;
}

export interface TlsOptions {
  /** Extra trusted CA certificate(s), PEM. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** Verify the NBI's certificate (default true). */
  readonly rejectUnauthorized?: boolean;
}

/** Certificate problems: retrying cannot fix them. */
const PERMANENT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Errors that happen before a connection exists (used for `fetch`, which hides the socket). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The exchange failed without an HTTP answer. */
export class TransportFailure extends Error {
  override name = 'TransportFailure';
  readonly kind: 'network' | 'timeout';
  /** False when the request provably never reached the server. */
  readonly reached: boolean;
  /** Socket error code such as `ECONNREFUSED`, when known. */
  readonly errno: string | undefined;
  /** Retrying cannot help (certificate errors). */
  readonly permanent: boolean;
  constructor(
    kind: 'network' | 'timeout',
    message: string,
    reached: boolean,
    errno?: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.kind = kind;
    this.reached = reached;
    this.errno = errno;
    this.permanent = errno !== undefined && PERMANENT_CODES.has(errno);
  }
}

export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. */
  close(): void;
}

function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('response aborted')));
  });
}

/** node:http(s) transport with keep-alive agents. */
export function nodeTransport(tls: TlsOptions = {}): Transport {
  const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const httpsAgent = new HttpsAgent({
    keepAlive: true,
    maxSockets: 16,
    ...(tls.ca === undefined ? {} : { ca: tls.ca as string | Buffer | (string | Buffer)[] }),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
  });

  const send = (req: TransportRequest): Promise<TransportResponse> =>
    new Promise((resolve, reject) => {
      const https = req.url.protocol === 'https:';
      let reached = false;
      let settled = false;
      const fail = (f: TransportFailure): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(f);
      };
      const r = (https ? httpsRequest : httpRequest)(req.url, {
        method: req.method,
        headers: req.headers,
        agent: https ? httpsAgent : httpAgent,
      });
      const timer = setTimeout(() => {
        fail(
          new TransportFailure(
            'timeout',
            `no answer within ${req.timeoutMs} ms`,
            reached,
            'ETIMEDOUT',
          ),
        );
        r.destroy();
      }, req.timeoutMs);
      r.on('socket', (socket: Socket) => {
        // A pooled socket is connected; a new one counts once the (TLS) handshake is done:
        // before that the server cannot have seen a byte of the request.
        if (r.reusedSocket) reached = true;
        else
          socket.once(https ? 'secureConnect' : 'connect', () => {
            reached = true;
          });
      });
      r.on('error', (err) => {
        const errno = errnoOf(err);
        fail(new TransportFailure('network', errno ?? err.message, reached, errno, err));
      });
      r.on('response', (res) => {
        readBody(res).then(
          (body) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              body,
              header: (name) => {
                const v = res.headers[name.toLowerCase()];
                return Array.isArray(v) ? v.join(', ') : v;
              },
            });
          },
          (err: unknown) => {
            fail(
              new TransportFailure(
                'network',
                'connection lost in the answer',
                true,
                errnoOf(err),
                err,
              ),
            );
          },
        );
      });
      r.end(req.body);
    });

  return {
    send,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** Transport over a caller-supplied `fetch` (TLS options do not apply). */
export function fetchTransport(fetchFn: typeof fetch): Transport {
  return {
    async send(req) {
      let res: Response;
      let body: string;
      try {
        res = await fetchFn(req.url, {
          method: req.method,
          headers: req.headers,
          ...(req.body === undefined ? {} : { body: req.body }),
          signal: AbortSignal.timeout(req.timeoutMs),
          redirect: 'manual',
        });
        body = await res.text();
      } catch (err) {
        const name = err instanceof Error ? err.name : '';
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new TransportFailure(
            'timeout',
            `no answer within ${req.timeoutMs} ms`,
            true,
            'ETIMEDOUT',
            err,
          );
        }
        // undici hides the socket error in `cause`.
        const cause = err instanceof Error ? err.cause : undefined;
        const errno = errnoOf(cause) ?? errnoOf(err);
        const reached = errno === undefined || !NOT_SENT_CODES.has(errno);
        throw new TransportFailure('network', errno ?? String(err), reached, errno, err);
      }
      return {
        status: res.status,
        statusText: res.statusText,
        body,
        header: (name) => res.headers.get(name) ?? undefined,
      };
    },
    close: () => {},
  };
}
