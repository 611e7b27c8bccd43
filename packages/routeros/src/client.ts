import type { BackoffOptions } from './backoff.ts';
import { backoffDelay, sleep } from './backoff.ts';
import type { Command, ExecOptions, Result, Transport } from './command.ts';
import { isReadOnly, toCommand } from './command.ts';
import type { ConnectionOptions } from './connection.ts';
import { Connection } from './connection.ts';
import { ConnectionError, LoginError, RouterOSError, TimeoutError } from './errors.ts';
import type { RouterOSObserver } from './observer.ts';
import { notify } from './observer.ts';
import type { CommandStream } from './stream.ts';

/** One address of a router; a router may have several (management IP, VPN IP, ...). */
export interface Address {
  readonly host: string;
  readonly port?: number;
}

/** Options of {@link RouterOSClient}. */
export interface ClientOptions extends Omit<ConnectionOptions, 'host' | 'port'> {
  /** Tried in order on failure; the last address that worked is tried first next time. */
  readonly addresses: readonly (Address | string)[];
  /** Reconnect backoff; `false` disables background reconnects. */
  readonly reconnect?: BackoffOptions | false;
  /** Times a command is re-sent after a dropped connection when that is safe (default 1). */
  readonly retries?: number;
  /** Name reported to the observer (default: first address). */
  readonly name?: string;
  readonly observer?: RouterOSObserver;
}

/** `host`, `host:port` or `[v6]:port`. */
export function parseAddress(a: Address | string): Address {
  if (typeof a !== 'string') return a;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(a);
  if (v6) return v6[2] ? { host: v6[1] as string, port: Number(v6[2]) } : { host: v6[1] as string };
  const i = a.lastIndexOf(':');
  if (i > 0 && a.indexOf(':') === i) return { host: a.slice(0, i), port: Number(a.slice(i + 1)) };
  return { host: a };
}

/** Client lifecycle state. */
export type ClientState = 'idle' | 'connecting' | 'open' | 'backoff' | 'closed';

/**
 * One logical connection to a router that survives link loss: it connects lazily, fails over
 * across addresses, reconnects with jittered exponential backoff, and re-sends a command whose
 * connection dropped only when the command never left or is idempotent.
 */
export class RouterOSClient implements Transport {
  readonly name: string;
  readonly #options: ClientOptions;
  readonly #addresses: Address[];
  #preferred = 0;
  #conn: Connection | undefined;
  #attempt: Promise<Connection> | undefined;
  #failures = 0;
  #nextAttemptAt = 0;
  #lastError: RouterOSError | undefined;
  #closed = false;
  #timer: NodeJS.Timeout | undefined;
  #everConnected = false;

  constructor(options: ClientOptions) {
    if (options.addresses.length === 0) throw new RangeError('at least one address is required');
    this.#options = options;
    this.#addresses = options.addresses.map(parseAddress);
    const first = this.#addresses[0] as Address;
    this.name = options.name ?? `${first.host}:${first.port ?? (options.tls ? 8729 : 8728)}`;
  }

  get state(): ClientState {
    if (this.#closed) return 'closed';
    if (this.#conn?.alive) return 'open';
    if (this.#attempt) return 'connecting';
    if (this.#failures > 0) return 'backoff';
    return 'idle';
  }

  /** Commands in flight or queued on the current connection. */
  get inFlight(): number {
    return this.#conn?.inFlight ?? 0;
  }

  /** Address of the live connection, if any. */
  get address(): string | undefined {
    return this.#conn ? `${this.#conn.host}:${this.#conn.port}` : undefined;
  }

  /** Connects now (otherwise the first command does). */
  async connect(): Promise<void> {
    await this.#ready(
      Date.now() + (this.#options.connectTimeoutMs ?? 10_000) * this.#addresses.length,
    );
  }

  async exec(cmd: Command | string, options: ExecOptions = {}): Promise<Result> {
    const command = toCommand(cmd);
    const idempotent = options.idempotent ?? isReadOnly(command.command);
    const timeoutMs = options.timeoutMs ?? this.#options.commandTimeoutMs ?? 30_000;
    const deadline = Date.now() + timeoutMs;
    const retries = this.#options.retries ?? 1;
    for (let attempt = 0; ; attempt++) {
      // Skip the connect machinery (and a microtask) when the link is up.
      const live = this.#conn;
      const conn = live?.alive ? live : await this.#ready(deadline);
      try {
        return await conn.exec(command, {
          signal: options.signal,
          timeoutMs: Math.max(1, deadline - Date.now()),
        });
      } catch (err) {
        const safe = err instanceof ConnectionError && (!err.sent || idempotent);
        if (safe && attempt < retries && !this.#closed && Date.now() < deadline) continue;
        throw err;
      }
    }
  }

  /** Starts a streaming command on the current connection (it ends if the link drops). */
  async stream(
    cmd: Command | string,
    options: { signal?: AbortSignal } = {},
  ): Promise<CommandStream> {
    const conn = await this.#ready(Date.now() + (this.#options.connectTimeoutMs ?? 10_000));
    return conn.stream(cmd, options);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const conn = this.#conn;
    this.#conn = undefined;
    if (conn) await conn.close();
  }

  async #ready(deadline: number): Promise<Connection> {
    // One failed attempt may be a blip (a drop during login); a second one is reported.
    let failed = 0;
    for (;;) {
      if (this.#closed) throw new ConnectionError('client is closed', false);
      if (this.#conn?.alive) return this.#conn;
      if (!this.#attempt) {
        const wait = this.#nextAttemptAt - Date.now();
        if (wait > 0) {
          if (Date.now() + wait > deadline) {
            throw this.#lastError ?? new ConnectionError(`${this.name} is reconnecting`, false);
          }
          await sleep(wait);
          continue;
        }
        this.#startAttempt();
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new TimeoutError(`no connection to ${this.name} before the deadline`, false);
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          this.#attempt as Promise<Connection>,
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(
                  new TimeoutError(
                    `no connection to ${this.name} within the command timeout`,
                    false,
                  ),
                ),
              remaining,
            );
          }),
        ]);
      } catch (err) {
        failed++;
        const retry =
          failed < 2 &&
          !(err instanceof LoginError) &&
          !(err instanceof TimeoutError) &&
          this.#nextAttemptAt < deadline;
        if (!retry) throw err;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  #startAttempt(): void {
    const attempt = this.#connectAny();
    this.#attempt = attempt;
    attempt.then(
      () => {
        this.#attempt = undefined;
      },
      () => {
        this.#attempt = undefined;
      },
    );
  }

  async #connectAny(): Promise<Connection> {
    let lastErr: RouterOSError | undefined;
    const n = this.#addresses.length;
    for (let k = 0; k < n; k++) {
      const idx = (this.#preferred + k) % n;
      const addr = this.#addresses[idx] as Address;
      const port = addr.port ?? (this.#options.tls ? 8729 : 8728);
      const started = Date.now();
      try {
        const conn = await Connection.open({ ...this.#options, host: addr.host, port });
        notify(this.#options.observer, 'onConnect', {
          router: this.name,
          address: `${addr.host}:${port}`,
          ok: true,
          durationMs: Date.now() - started,
        });
        if (this.#closed) {
          conn.destroy();
          throw new ConnectionError('client is closed', false);
        }
        this.#preferred = idx;
        this.#failures = 0;
        this.#nextAttemptAt = 0;
        this.#lastError = undefined;
        this.#conn = conn;
        this.#everConnected = true;
        conn.once('close', (reason) => this.#onClose(conn, reason));
        return conn;
      } catch (err) {
        const e =
          err instanceof RouterOSError
            ? err
            : new ConnectionError(String(err), false, { cause: err });
        notify(this.#options.observer, 'onConnect', {
          router: this.name,
          address: `${addr.host}:${port}`,
          ok: false,
          durationMs: Date.now() - started,
          errorCode: e.code,
        });
        lastErr = e;
        // Other addresses reach the same router with the same credentials.
        if (e instanceof LoginError) break;
      }
    }
    this.#failures++;
    this.#lastError = lastErr;
    this.#nextAttemptAt = Date.now() + backoffDelay(this.#failures, this.#options.reconnect || {});
    // Keep trying in the background only for a link we had; never hammer bad credentials.
    if (this.#everConnected && !(lastErr instanceof LoginError)) this.#scheduleReconnect();
    throw lastErr ?? new ConnectionError(`cannot connect to ${this.name}`, false);
  }

  #onClose(conn: Connection, reason: RouterOSError | undefined): void {
    if (this.#conn === conn) this.#conn = undefined;
    notify(this.#options.observer, 'onDisconnect', {
      router: this.name,
      address: `${conn.host}:${conn.port}`,
      reason: reason?.message,
    });
    if (this.#closed || reason === undefined) return;
    // Reconnect straight away after losing an established link; back off only on failures.
    this.#nextAttemptAt = 0;
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#options.reconnect === false) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        if (this.#closed || this.#conn?.alive || this.#attempt) return;
        this.#startAttempt();
      },
      Math.max(0, this.#nextAttemptAt - Date.now()),
    );
    this.#timer.unref();
  }
}
