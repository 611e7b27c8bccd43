import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import type { Codepage, CodepageName } from './codec/codepage.ts';
import { getCodepage } from './codec/codepage.ts';
import type { ParserLimits } from './codec/parser.ts';
import { SentenceParser } from './codec/parser.ts';
import { encodeSentence } from './codec/sentence.ts';
import type { Command, ExecOptions, Result, Transport } from './command.ts';
import { commandWords, toCommand } from './command.ts';
import type { RouterOSError } from './errors.ts';
import {
  CancelledError,
  ConnectionError,
  FatalError,
  LoginError,
  TimeoutError,
  TrapError,
} from './errors.ts';
import { login } from './login.ts';
import type { BoolStyle } from './query.ts';
import type { Row } from './reply.ts';
import { parseReply } from './reply.ts';
import type { TlsMode } from './socket.ts';
import { openSocket } from './socket.ts';
import type { CommandStream } from './stream.ts';
import { RowQueue } from './stream.ts';
import type { PendingCommand } from './tags.ts';
import { TagRegistry } from './tags.ts';
import { Deadlines } from './deadlines.ts';

/** Options of one API connection. */
export interface ConnectionOptions {
  readonly host: string;
  /** Default 8728, or 8729 with `tls`. */
  readonly port?: number;
  readonly user: string;
  readonly password: string;
  /** API-SSL; see {@link TlsMode}. */
  readonly tls?: TlsMode;
  /** Router's codepage for values (default `windows-1252`). */
  readonly codepage?: CodepageName | Codepage;
  /** Connect plus login deadline (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** Default per-command timeout (default 30 s). */
  readonly commandTimeoutMs?: number;
  /** TCP keepalive initial delay (default 30 s). */
  readonly keepAliveMs?: number;
  /** Most commands in flight; more are queued locally (default 1024). */
  readonly window?: number;
  /** Parser limits against hostile streams. */
  readonly limits?: ParserLimits;
  /**
   * Read `/system/resource` version after login (default true), so boolean query values are
   * written the way that version prints them.
   */
  readonly detectVersion?: boolean;
}

/** Events: `close` (error or undefined when closed by us). */
export interface ConnectionEvents {
  close: [error: RouterOSError | undefined];
}

interface Queued {
  readonly pending: PendingCommand;
  readonly bytes: Buffer;
}

/**
 * One logged-in API connection with pipelining: any number of tagged commands may be in flight;
 * replies are matched by tag wherever `.tag` stands in the sentence.
 */
export class Connection extends EventEmitter<ConnectionEvents> implements Transport {
  readonly host: string;
  readonly port: number;
  /** Which login worked: `plain` (>= 6.43) or `challenge` (older). */
  loginMethod: 'plain' | 'challenge' | undefined;
  /** RouterOS version read after login, e.g. `7.18` (unless `detectVersion` is false). */
  routerVersion: string | undefined;
  #bools: BoolStyle = 'yes-no';
  readonly #socket: Socket;
  readonly #codepage: Codepage;
  readonly #parser: SentenceParser;
  readonly #tags = new TagRegistry();
  readonly #deadlines = new Deadlines<PendingCommand>((p) => this.#expire(p));
  readonly #queue: Queued[] = [];
  readonly #window: number;
  readonly #commandTimeoutMs: number;
  #inFlight = 0;
  #closed = false;
  #corked = false;

  private constructor(socket: Socket, host: string, port: number, options: ConnectionOptions) {
    super();
    this.#socket = socket;
    this.host = host;
    this.port = port;
    this.#codepage = getCodepage(options.codepage);
    this.#parser = new SentenceParser(options.limits);
    this.#window = Math.max(1, options.window ?? 1024);
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 30_000;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (err) =>
      this.#shutdown(new ConnectionError(err.message, true, { cause: err })),
    );
    socket.on('close', () =>
      this.#shutdown(new ConnectionError('connection closed by router', true)),
    );
    socket.on('end', () => {
      try {
        this.#parser.end();
      } catch {
        // A truncated final sentence is reported by the close below.
      }
    });
  }

  /** Opens a socket, logs in and returns a ready connection. */
  static async open(options: ConnectionOptions): Promise<Connection> {
    const port = options.port ?? (options.tls ? 8729 : 8728);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const started = Date.now();
    const socket = await openSocket({
      host: options.host,
      port,
      tls: options.tls,
      connectTimeoutMs: timeoutMs,
      keepAliveMs: options.keepAliveMs,
    });
    const conn = new Connection(socket, options.host, port, options);
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    try {
      conn.loginMethod = await login(
        async (command, attributes) => {
          const r = await conn.exec({ command, attributes }, { timeoutMs: remaining });
          return { ret: r.ret };
        },
        options.user,
        options.password,
        conn.#codepage,
      );
      if (options.detectVersion !== false) {
        // Queries compare against printed values, and v7 prints booleans as true/false.
        const r = await conn
          .exec(
            { command: '/system/resource/print', proplist: ['version'] },
            { timeoutMs: remaining },
          )
          .catch((err: unknown) => {
            if (err instanceof TrapError) return undefined;
            throw err;
          });
        const version = r?.rows[0]?.['version'];
        if (version) {
          conn.routerVersion = version.split(' ')[0];
          if (Number(version.split('.')[0]) >= 7) conn.#bools = 'true-false';
        }
      }
    } catch (err) {
      conn.destroy();
      const fatal = err instanceof FatalError ? err : (err as Error).cause;
      if (fatal instanceof FatalError) {
        throw new LoginError(`login refused: ${fatal.message}`, { cause: fatal });
      }
      if (err instanceof TimeoutError) {
        throw new TimeoutError(
          `login to ${options.host}:${port} got no answer in ${remaining} ms`,
          false,
        );
      }
      if (err instanceof ConnectionError) {
        // Nothing of the caller's was sent yet; say so, so it may be retried anywhere.
        throw new ConnectionError(
          `connection to ${options.host}:${port} lost during login`,
          false,
          {
            cause: err,
          },
        );
      }
      throw err;
    }
    return conn;
  }

  /** Commands sent or queued and not yet answered. */
  get inFlight(): number {
    return this.#inFlight + this.#queue.length;
  }

  /** False once the socket closed or failed. */
  get alive(): boolean {
    return !this.#closed;
  }

  /** Runs a command to its `!done`. */
  exec(cmd: Command | string, options: ExecOptions = {}): Promise<Result> {
    const command = toCommand(cmd);
    return new Promise<Result>((resolve, reject) => {
      this.#start(command, options, undefined, (err, ret, p) => {
        if (err) reject(err);
        else resolve({ rows: p.rows, ret, empty: p.empty });
      });
    });
  }

  /** Starts a streaming command (`listen`, `monitor-traffic`, ...). */
  stream(
    cmd: Command | string,
    options: Omit<ExecOptions, 'timeoutMs' | 'idempotent'> = {},
  ): CommandStream {
    const command = toCommand(cmd);
    let done = false;
    let resolveFinished: () => void = () => undefined;
    let rejectFinished: (e: Error) => void = () => undefined;
    const finished = new Promise<void>((res, rej) => {
      resolveFinished = res;
      rejectFinished = rej;
    });
    // Callers that only iterate should not see an unhandled rejection from `finished`.
    finished.catch(() => undefined);
    // The queue's cancel needs the command, which is created after the queue.
    const ref: { pending?: PendingCommand | undefined } = {};
    const cancel = async (): Promise<void> => {
      const pending = ref.pending;
      if (done || this.#closed || !pending) return;
      await this.#cancelTag(pending.tag).catch(() => undefined);
      // The router confirms with `!trap interrupted` + `!done`; do not hang if it never does.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        finished.catch(() => undefined),
        new Promise<void>((r) => (timer = setTimeout(r, 2000))),
      ]);
      clearTimeout(timer);
      if (!done) this.#abandon(pending, undefined);
    };
    const queue = new RowQueue(cancel);
    ref.pending = this.#start(
      command,
      { ...options, timeoutMs: 0 },
      (row) => queue.push(row),
      (err) => {
        done = true;
        if (err && !(err instanceof TrapError && err.category === 2)) {
          queue.end(err);
          rejectFinished(err);
        } else {
          // `interrupted` (category 2) is how the router confirms a cancel.
          queue.end();
          resolveFinished();
        }
      },
    );
    const tag = ref.pending?.tag ?? '';
    return {
      tag,
      cancel,
      finished,
      [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
    };
  }

  /** Asks the router to stop a command; its late sentences are dropped. */
  async #cancelTag(tag: string): Promise<void> {
    await this.exec({ command: '/cancel', attributes: { tag } }, { timeoutMs: 10_000 });
  }

  /** Registers, encodes and writes (or queues) a command; undefined if it failed at once. */
  #start(
    command: Command,
    options: ExecOptions,
    onRow: ((row: Row) => void) | undefined,
    done: PendingCommand['done'],
  ): PendingCommand | undefined {
    const timeoutMs = options.timeoutMs ?? this.#commandTimeoutMs;
    const p: PendingCommand = {
      tag: '',
      command: command.command,
      onRow,
      rows: [],
      trap: undefined,
      empty: false,
      written: false,
      settled: false,
      timeoutMs,
      signal: options.signal,
      onAbort: undefined,
      done,
    };
    if (this.#closed) {
      done(new ConnectionError('connection is closed', false), undefined, p);
      return undefined;
    }
    if (options.signal?.aborted) {
      done(new CancelledError(), undefined, p);
      return undefined;
    }
    const pending: PendingCommand = { ...p, tag: this.#tags.nextTag() };
    const words = commandWords(command, this.#bools);
    words.push(`.tag=${pending.tag}`);
    if (timeoutMs > 0) this.#deadlines.add(pending, Date.now() + timeoutMs);
    if (options.signal) {
      pending.onAbort = (): void => this.#abandon(pending, new CancelledError());
      options.signal.addEventListener('abort', pending.onAbort, { once: true });
    }
    this.#tags.register(pending);
    const bytes = encodeSentence(words, this.#codepage);
    if (this.#inFlight < this.#window && this.#queue.length === 0) this.#write(pending, bytes);
    else this.#queue.push({ pending, bytes });
    return pending;
  }

  #settle(p: PendingCommand, err: Error | undefined, ret: string | undefined): void {
    if (p.settled) return;
    p.settled = true;
    this.#deadlines.delete(p);
    if (p.onAbort) p.signal?.removeEventListener('abort', p.onAbort);
    if (p.written) {
      this.#inFlight--;
      this.#pump();
    }
    p.done(err, ret, p);
  }

  #expire(p: PendingCommand): void {
    this.#abandon(p, new TimeoutError(`${p.command} timed out after ${p.timeoutMs} ms`, p.written));
  }

  /** Gives up on a command locally and tells the router to stop it. */
  #abandon(pending: PendingCommand, err: Error | undefined): void {
    if (!this.#tags.delete(pending.tag)) return;
    if (!pending.written) {
      const i = this.#queue.findIndex((q) => q.pending === pending);
      if (i >= 0) this.#queue.splice(i, 1);
    } else if (!this.#closed && err !== undefined) {
      this.#cancelTag(pending.tag).catch(() => undefined);
    }
    this.#settle(pending, err, undefined);
  }

  #write(pending: PendingCommand, bytes: Buffer): void {
    pending.written = true;
    this.#inFlight++;
    // Sentences written in the same tick share one TCP segment where possible.
    if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#socket.uncork();
      });
    }
    this.#socket.write(bytes);
  }

  #pump(): void {
    while (this.#inFlight < this.#window && this.#queue.length > 0 && !this.#closed) {
      const next = this.#queue.shift() as Queued;
      this.#write(next.pending, next.bytes);
    }
  }

  #onData(chunk: Buffer): void {
    let sentences: Buffer[][];
    try {
      sentences = this.#parser.push(chunk);
    } catch (err) {
      this.#shutdown(
        new ConnectionError(`protocol error: ${(err as Error).message}`, true, { cause: err }),
      );
      return;
    }
    for (const words of sentences) {
      if (this.#closed) return;
      this.#dispatch(parseReply(words.map((w) => this.#codepage.decode(w))));
    }
  }

  #dispatch(reply: ReturnType<typeof parseReply>): void {
    if (reply.type === '!fatal') {
      const reason = reply.bare.join(' ') || reply.attributes['message'] || 'fatal error';
      this.#shutdown(new FatalError(reason));
      return;
    }
    if (reply.tag === undefined) return;
    const p = this.#tags.get(reply.tag);
    if (!p) return;
    switch (reply.type) {
      case '!re':
        if (p.onRow) p.onRow(reply.attributes);
        else p.rows.push(reply.attributes);
        return;
      case '!trap': {
        const cat = reply.attributes['category'];
        p.trap = {
          message: reply.attributes['message'] ?? 'unknown error',
          category: cat === undefined ? undefined : Number(cat),
        };
        return;
      }
      case '!empty':
        p.empty = true;
        return;
      case '!done':
        this.#tags.delete(p.tag);
        if (p.trap)
          this.#settle(p, new TrapError(p.trap.message, p.trap.category, p.command), undefined);
        else this.#settle(p, undefined, reply.attributes['ret']);
        return;
      default:
        // Unknown reply types from future versions are ignored rather than fatal.
        return;
    }
  }

  #shutdown(err: RouterOSError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    const reason = err ?? new ConnectionError('connection closed', true);
    const queued = new Set(this.#queue.map((q) => q.pending));
    this.#queue.length = 0;
    for (const p of this.#tags.drain()) {
      if (queued.has(p)) {
        this.#settle(
          p,
          new ConnectionError(`not sent: ${reason.message}`, false, { cause: reason }),
          undefined,
        );
      } else if (reason instanceof ConnectionError || reason instanceof FatalError) {
        this.#settle(
          p,
          new ConnectionError(
            `connection lost with ${p.command} in flight: ${reason.message}`,
            true,
            {
              cause: reason,
            },
          ),
          undefined,
        );
      } else {
        this.#settle(p, reason, undefined);
      }
    }
    this.#deadlines.clear();
    this.#socket.destroy();
    this.emit('close', err);
  }

  /** Closes immediately; in-flight commands fail with a retryable error. */
  destroy(): void {
    this.#shutdown(undefined);
  }

  /** Closes gracefully with `/quit`, waiting briefly for the router to confirm. */
  async close(): Promise<void> {
    if (this.#closed) return;
    const closed = new Promise<void>((resolve) => this.once('close', () => resolve()));
    this.#socket.write(encodeSentence(['/quit'], this.#codepage));
    const t = setTimeout(() => this.destroy(), 1000);
    await closed;
    clearTimeout(t);
  }
}
