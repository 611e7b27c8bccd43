import type { BreakerOptions } from './breaker.ts';
import { CircuitBreaker } from './breaker.ts';
import type { ClientOptions } from './client.ts';
import { parseAddress, RouterOSClient } from './client.ts';
import type { Command, ExecOptions, Result, Transport } from './command.ts';
import { toCommand } from './command.ts';
import {
  BreakerOpenError,
  ConnectionError,
  FatalError,
  LoginError,
  RestError,
  RouterOSError,
  TimeoutError,
} from './errors.ts';
import type { BreakerState, RouterOSObserver } from './observer.ts';
import { notify } from './observer.ts';
import type { RestOptions } from './rest.ts';
import { RestTransport } from './rest.ts';
import type { CommandStream } from './stream.ts';

/** Options of {@link RouterPool}. */
export interface RouterPoolOptions extends Omit<ClientOptions, 'name' | 'observer'> {
  /** Router name for metrics and errors (e.g. the router's id in the database). */
  readonly name: string;
  /** `api` (binary API, default) or `rest` (v7 REST over HTTPS, see `rest`). */
  readonly protocol?: 'api' | 'rest';
  /** REST settings when `protocol` is `rest`; user, password and the first address are reused. */
  readonly rest?: Omit<RestOptions, 'url' | 'user' | 'password'> & { readonly url?: string };
  /** API connections kept to the router (default 2). */
  readonly size?: number;
  /** Breaker settings; `false` disables it. */
  readonly breaker?: BreakerOptions | false;
  /** Interval of the `/system/identity/print` health check (default 30 s; 0 disables). */
  readonly healthCheckMs?: number;
  readonly observer?: RouterOSObserver;
}

/** Errors that mean the router (or the path to it) is unhealthy, as opposed to a refusal. */
function isRouterFailure(err: unknown): boolean {
  if (err instanceof RestError) return err.retryable;
  return (
    err instanceof ConnectionError ||
    err instanceof TimeoutError ||
    err instanceof FatalError ||
    err instanceof LoginError
  );
}

/**
 * Connections to one router shared by all callers in a process: picks the least busy
 * connection, guards the router with a circuit breaker, health-checks idle links and reports
 * latency, errors and breaker state to an observer.
 */
export class RouterPool implements Transport {
  readonly name: string;
  readonly protocol: 'api' | 'rest';
  readonly #clients: RouterOSClient[] = [];
  readonly #rest: RestTransport[] = [];
  #restPreferred = 0;
  readonly #breaker: CircuitBreaker | undefined;
  readonly #observer: RouterOSObserver | undefined;
  readonly #health: NodeJS.Timeout | undefined;
  #rr = 0;
  #closed = false;

  constructor(options: RouterPoolOptions) {
    this.name = options.name;
    this.protocol = options.protocol ?? 'api';
    this.#observer = options.observer;
    if (options.breaker !== false) {
      this.#breaker = new CircuitBreaker(options.breaker ?? {}, (state) =>
        notify(this.#observer, 'onBreakerState', { router: this.name, state }),
      );
    }
    if (this.protocol === 'rest') {
      const urls = options.rest?.url
        ? [options.rest.url]
        : options.addresses.map((a) => {
            const { host, port } = parseAddress(a);
            const h = host.includes(':') ? `[${host}]` : host;
            return `https://${h}${port ? `:${port}` : ''}`;
          });
      for (const url of urls) {
        this.#rest.push(
          new RestTransport({
            ...options.rest,
            url,
            user: options.user,
            password: options.password,
          }),
        );
      }
    } else {
      const size = Math.max(1, options.size ?? 2);
      for (let i = 0; i < size; i++) {
        this.#clients.push(
          new RouterOSClient({ ...options, name: this.name, observer: this.#observer }),
        );
      }
    }
    const every = options.healthCheckMs ?? 30_000;
    if (every > 0) {
      this.#health = setInterval(() => void this.#healthCheck(), every);
      this.#health.unref();
    }
  }

  /** Breaker state (`closed` when the breaker is disabled). */
  get breakerState(): BreakerState {
    return this.#breaker?.state ?? 'closed';
  }

  /** Commands in flight across the pool's connections. */
  get inFlight(): number {
    return this.#clients.reduce((n, c) => n + c.inFlight, 0);
  }

  async exec(cmd: Command | string, options: ExecOptions = {}): Promise<Result> {
    const command = toCommand(cmd);
    if (this.#closed) throw new ConnectionError(`pool ${this.name} is closed`, false);
    const started = performance.now();
    if (this.#breaker && !this.#breaker.allow()) {
      const err = new BreakerOpenError(this.name, this.#breaker.retryAt);
      this.#report(command.command, started, err);
      throw err;
    }
    try {
      const result =
        this.#rest.length > 0
          ? await this.#restExec(command, options)
          : await this.#pick().exec(command, options);
      this.#breaker?.success();
      this.#report(command.command, started, undefined);
      return result;
    } catch (err) {
      if (isRouterFailure(err)) this.#breaker?.failure();
      else this.#breaker?.success();
      this.#report(command.command, started, err);
      throw err;
    }
  }

  /** Starts a streaming command (API only). */
  async stream(
    cmd: Command | string,
    options: { signal?: AbortSignal } = {},
  ): Promise<CommandStream> {
    if (this.#rest.length > 0)
      throw new RouterOSError('ROS_UNSUPPORTED', 'streaming commands need the binary API', false);
    if (this.#breaker && !this.#breaker.allow())
      throw new BreakerOpenError(this.name, this.#breaker.retryAt);
    try {
      const s = await this.#pick().stream(cmd, options);
      this.#breaker?.success();
      return s;
    } catch (err) {
      if (isRouterFailure(err)) this.#breaker?.failure();
      throw err;
    }
  }

  /** REST with failover: a request that never reached an address is tried on the next. */
  async #restExec(command: Command, options: ExecOptions): Promise<Result> {
    const n = this.#rest.length;
    let last: unknown;
    for (let k = 0; k < n; k++) {
      const idx = (this.#restPreferred + k) % n;
      try {
        const r = await (this.#rest[idx] as RestTransport).exec(command, options);
        this.#restPreferred = idx;
        return r;
      } catch (err) {
        if (!(err instanceof ConnectionError) || err.sent) throw err;
        last = err;
      }
    }
    throw last;
  }

  /** Runs the health check now; resolves true when the router answered. */
  async #healthCheck(): Promise<boolean> {
    if (this.#closed) return false;
    try {
      await this.exec('/system/identity/print', { timeoutMs: 10_000 });
      return true;
    } catch {
      return false;
    }
  }

  /** Checks the router now; true when it answered. */
  check(): Promise<boolean> {
    return this.#healthCheck();
  }

  #pick(): RouterOSClient {
    let best: RouterOSClient | undefined;
    for (const c of this.#clients) {
      if (c.state !== 'open') continue;
      if (!best || c.inFlight < best.inFlight) best = c;
    }
    if (best) return best;
    // None open: spread the (re)connect work round-robin.
    this.#rr = (this.#rr + 1) % this.#clients.length;
    return this.#clients[this.#rr] as RouterOSClient;
  }

  #report(command: string, started: number, err: unknown): void {
    notify(this.#observer, 'onCommand', {
      router: this.name,
      command,
      transport: this.protocol,
      durationMs: performance.now() - started,
      ok: err === undefined,
      ...(err === undefined
        ? {}
        : { errorCode: err instanceof RouterOSError ? err.code : 'ERROR' }),
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#health) clearInterval(this.#health);
    await Promise.all([
      ...this.#clients.map((c) => c.close()),
      ...this.#rest.map((r) => r.close()),
    ]);
  }
}

/**
 * Pools by router key, so every caller in a process shares one pool per router. A changed
 * configuration (new address or password) replaces the pool.
 */
export class PoolRegistry {
  readonly #pools = new Map<string, { pool: RouterPool; fingerprint: string }>();
  readonly #defaults: Partial<RouterPoolOptions>;

  constructor(defaults: Partial<RouterPoolOptions> = {}) {
    this.#defaults = defaults;
  }

  /** The pool for `key`, created or replaced as needed. */
  get(key: string, options: Omit<RouterPoolOptions, 'name'> & { name?: string }): RouterPool {
    const merged = {
      ...this.#defaults,
      ...options,
      name: options.name ?? key,
    } as RouterPoolOptions;
    const fingerprint = JSON.stringify({ ...merged, observer: undefined });
    const existing = this.#pools.get(key);
    if (existing && existing.fingerprint === fingerprint) return existing.pool;
    if (existing) void existing.pool.close();
    const pool = new RouterPool(merged);
    this.#pools.set(key, { pool, fingerprint });
    return pool;
  }

  /** Closes and forgets one router's pool. */
  async delete(key: string): Promise<void> {
    const e = this.#pools.get(key);
    this.#pools.delete(key);
    await e?.pool.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(all.map((e) => e.pool.close()));
  }
}
