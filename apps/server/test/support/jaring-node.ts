/**
 * A Jaring node in its own process (`node apps/server/src/main.ts <mode>`), as an operator runs
 * it: for tests of several nodes on one database and for benchmarks against a running server.
 * No vitest here, so benchmarks import it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** Variables a node must never inherit from the caller: each node gets exactly what it is given. */
const OWN_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_REPLICA_URL',
  'DATABASE_POOL_MAX',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'DATA_DIR',
  'APP_KEY',
  'APP_URL',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'ADMIN_EMAIL',
  'ADMIN_PASSWORD',
];

export type NodeMode = 'serve' | 'worker' | 'all';

export interface JaringNodeOptions {
  mode: NodeMode;
  /** DATABASE_URL or DATA_DIR, APP_KEY, ADMIN_EMAIL ... (PORT, HOST and APP_URL are set here). */
  env: Record<string, string>;
  /** Where the node's stdout and stderr go besides the in-memory tail (default: nowhere). */
  echo?: NodeJS.WritableStream;
  readyTimeoutMs?: number;
}

export interface JaringNode {
  mode: NodeMode;
  pid: number;
  /** `http://127.0.0.1:<port>`; serving modes only. */
  url: string | undefined;
  /** The last 64 KB the process wrote, for failure messages. */
  output(): string;
  /** Peak resident memory so far (VmHWM), in MB. */
  peakRssMb(): number;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts a node and resolves once it is ready: `/readyz` answers 200 for `serve` and `all`; a
 * worker is ready when it logs "jaring started" (so it runs at LOG_LEVEL info unless told).
 */
export async function startJaringNode(options: JaringNodeOptions): Promise<JaringNode> {
  const serves = options.mode !== 'worker';
  const port = serves ? await freePort() : 0;
  const url = serves ? `http://127.0.0.1:${port}` : undefined;
  const inherited = { ...process.env };
  for (const name of OWN_VARIABLES) delete inherited[name];
  const child = spawn(process.execPath, [MAIN, options.mode], {
    cwd: ROOT,
    env: {
      ...inherited,
      LOG_LEVEL: serves ? 'warn' : 'info',
      ...(url ? { PORT: String(port), HOST: '127.0.0.1', APP_URL: url } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  let started = false;
  const onOutput = (chunk: Buffer): void => {
    const text = chunk.toString('utf8');
    options.echo?.write(text);
    tail = (tail + text).slice(-65_536);
    if (!started && tail.includes('"msg":"jaring started"')) started = true;
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const pid = child.pid ?? 0;

  const node: JaringNode = {
    mode: options.mode,
    pid,
    url,
    output: () => tail,
    peakRssMb(): number {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    async stop(graceMs = 15_000): Promise<number | null> {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      try {
        return await done;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`jaring ${options.mode} exited before it was ready:\n${tail}`);
    }
    if (Date.now() > deadline) {
      await node.stop(2000);
      throw new Error(`jaring ${options.mode} was not ready in time:\n${tail}`);
    }
    if (url) {
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) return node;
      } catch {
        // not listening yet
      }
    } else if (started) {
      return node;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A staff session on a running node: its cookie and CSRF token on every request. */
export interface StaffSession {
  request(method: string, path: string, body?: unknown): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export async function staffLogin(
  baseUrl: string,
  email: string,
  password: string,
): Promise<StaffSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith('jaring_session='));
  if (!cookie) throw new Error('login set no session cookie');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const session: StaffSession = {
    request: (method, path, body) =>
      fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await session.request(method, path, body);
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return JSON.parse(text) as T;
    },
  };
  return session;
}
