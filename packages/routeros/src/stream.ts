import type { Row } from './reply.ts';

/**
 * A long-running command (`listen`, `monitor-traffic` without `once`, `follow`) as an async
 * iterable of rows. Breaking out of a `for await` loop cancels it on the router.
 */
export interface CommandStream extends AsyncIterable<Row> {
  /** Tag of the command on its connection. */
  readonly tag: string;
  /** Sends `/cancel` and resolves once the router confirmed the end of the stream. */
  cancel(): Promise<void>;
  /** Settles when the stream ends: resolves on `!done`/cancel, rejects on errors. */
  readonly finished: Promise<void>;
}

/**
 * Unbounded hand-off between the socket reader and a `for await` consumer. Rows arriving
 * faster than they are consumed are buffered; a consumer that stops reading should cancel.
 */
export class RowQueue implements AsyncIterable<Row> {
  #rows: Row[] = [];
  #waiter: ((r: IteratorResult<Row>) => void) | undefined;
  #failWaiter: ((e: Error) => void) | undefined;
  #ended = false;
  #error: Error | undefined;
  #onReturn: () => Promise<void>;

  constructor(onReturn: () => Promise<void>) {
    this.#onReturn = onReturn;
  }

  push(row: Row): void {
    if (this.#ended) return;
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      this.#failWaiter = undefined;
      w({ value: row, done: false });
    } else {
      this.#rows.push(row);
    }
  }

  end(error?: Error): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    if (this.#waiter) {
      const w = this.#waiter;
      const f = this.#failWaiter;
      this.#waiter = undefined;
      this.#failWaiter = undefined;
      if (error !== undefined && f) f(error);
      else w({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Row> {
    return {
      next: (): Promise<IteratorResult<Row>> => {
        const row = this.#rows.shift();
        if (row !== undefined) return Promise.resolve({ value: row, done: false });
        if (this.#ended) {
          if (this.#error !== undefined) {
            const e = this.#error;
            this.#error = undefined;
            return Promise.reject(e);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.#waiter = resolve;
          this.#failWaiter = reject;
        });
      },
      return: async (): Promise<IteratorResult<Row>> => {
        this.#rows = [];
        await this.#onReturn();
        return { value: undefined, done: true };
      },
    };
  }
}
