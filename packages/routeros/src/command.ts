import type { Row } from './reply.ts';
import type { BoolStyle, Scalar, Where } from './query.ts';
import { compileQuery, formatScalar } from './query.ts';

/** A command as callers describe it; the same shape drives the API and REST transports. */
export interface Command {
  /** Full path with verb, e.g. `/ppp/secret/print`. */
  readonly command: string;
  /** `=key=value` attributes; `undefined` values are skipped. */
  readonly attributes?: Readonly<Record<string, Scalar | undefined>>;
  /** Query for `print` (ignored by commands that take none). */
  readonly where?: Where;
  /** Properties to return (`=.proplist=`). */
  readonly proplist?: readonly string[];
}

/** Per-call options. */
export interface ExecOptions {
  /** Fail with a timeout after this long (default: the connection's command timeout). */
  readonly timeoutMs?: number;
  /** Abort the call; the router is sent `/cancel` for it. */
  readonly signal?: AbortSignal;
  /**
   * Safe to send again after the connection dropped with the command in flight. Prints are
   * treated as idempotent automatically.
   */
  readonly idempotent?: boolean;
}

/** Outcome of a completed command. */
export interface Result {
  /** `!re` rows in order. */
  readonly rows: Row[];
  /** `=ret=` of `!done`: the new `.id` after `add`, the count after `count-only`. */
  readonly ret: string | undefined;
  /** The router said `!empty` (RouterOS >= 7.18, no rows). */
  readonly empty: boolean;
}

/** Normalises `exec('/x/print')` and `exec({ command })` forms. */
export function toCommand(cmd: Command | string): Command {
  return typeof cmd === 'string' ? { command: cmd } : cmd;
}

/** Whether a command only reads (safe to re-send after a dropped connection). */
export function isReadOnly(command: string): boolean {
  const verb = command.slice(command.lastIndexOf('/') + 1);
  return verb === 'print' || verb === 'getall' || command === '/system/resource/print';
}

/**
 * API words of a command, without the tag. `bools` sets how booleans in the query are
 * written; attributes always use `yes`/`no`, which every version accepts as input.
 */
export function commandWords(cmd: Command, bools: BoolStyle = 'yes-no'): string[] {
  const words = [cmd.command];
  if (cmd.attributes) {
    for (const [key, value] of Object.entries(cmd.attributes)) {
      if (value !== undefined) words.push(`=${key}=${formatScalar(value)}`);
    }
  }
  if (cmd.proplist && cmd.proplist.length > 0) words.push(`=.proplist=${cmd.proplist.join(',')}`);
  if (cmd.where !== undefined) words.push(...compileQuery(cmd.where, bools));
  return words;
}

/** Anything that runs commands: a connection, a reconnecting client, a pool, or REST. */
export interface Transport {
  /** Runs one command to completion. */
  exec(cmd: Command | string, options?: ExecOptions): Promise<Result>;
  /** Releases sockets and timers. */
  close(): Promise<void>;
}
