import type { Row } from './reply.ts';

/** Book-keeping for one tagged command awaiting its replies. */
export interface PendingCommand {
  readonly tag: string;
  readonly command: string;
  /** Receives `!re` rows; when absent rows are collected into `rows`. */
  readonly onRow: ((row: Row) => void) | undefined;
  readonly rows: Row[];
  trap: { message: string; category: number | undefined } | undefined;
  empty: boolean;
  /** Set once the sentence was handed to the socket. */
  written: boolean;
  settled: boolean;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  /** Called exactly once with the outcome. */
  readonly done: (error: Error | undefined, ret: string | undefined, p: PendingCommand) => void;
}

/**
 * Maps tags to commands in flight. A tag is registered before its command is written, so a
 * reply can never arrive for a tag we do not know yet; replies for tags no longer registered
 * (cancelled, timed out) are dropped by the caller.
 */
export class TagRegistry {
  readonly #pending = new Map<string, PendingCommand>();
  #next = 0;

  /** A tag not in use on this connection. */
  nextTag(): string {
    this.#next = (this.#next + 1) % Number.MAX_SAFE_INTEGER;
    return this.#next.toString(36);
  }

  register(p: PendingCommand): void {
    this.#pending.set(p.tag, p);
  }

  get(tag: string): PendingCommand | undefined {
    return this.#pending.get(tag);
  }

  delete(tag: string): boolean {
    return this.#pending.delete(tag);
  }

  get size(): number {
    return this.#pending.size;
  }

  /** Removes and returns every pending command (the connection is going away). */
  drain(): PendingCommand[] {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    return all;
  }
}
