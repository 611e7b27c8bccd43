/**
 * Command timeouts grouped into coarse buckets: a burst of thousands of pipelined commands with
 * the same timeout shares one timer instead of allocating one each. A timeout may fire up to
 * one bucket late, which is noise next to timeouts measured in seconds.
 */
export class Deadlines<T> {
  readonly #resolutionMs: number;
  readonly #onExpire: (item: T) => void;
  readonly #buckets = new Map<number, { timer: NodeJS.Timeout; items: Set<T> }>();
  readonly #bucketOf = new Map<T, number>();

  constructor(onExpire: (item: T) => void, resolutionMs = 10) {
    this.#onExpire = onExpire;
    this.#resolutionMs = resolutionMs;
  }

  /** Calls `onExpire(item)` at (or just after) `deadline` (epoch ms) unless deleted first. */
  add(item: T, deadline: number): void {
    const key = Math.ceil(deadline / this.#resolutionMs) * this.#resolutionMs;
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      const items = new Set<T>();
      const timer = setTimeout(() => this.#fire(key), Math.max(0, key - Date.now()));
      bucket = { timer, items };
      this.#buckets.set(key, bucket);
    }
    bucket.items.add(item);
    this.#bucketOf.set(item, key);
  }

  delete(item: T): void {
    const key = this.#bucketOf.get(item);
    if (key === undefined) return;
    this.#bucketOf.delete(item);
    const bucket = this.#buckets.get(key);
    if (!bucket) return;
    bucket.items.delete(item);
    if (bucket.items.size === 0) {
      clearTimeout(bucket.timer);
      this.#buckets.delete(key);
    }
  }

  /** Cancels every pending deadline. */
  clear(): void {
    for (const b of this.#buckets.values()) clearTimeout(b.timer);
    this.#buckets.clear();
    this.#bucketOf.clear();
  }

  #fire(key: number): void {
    const bucket = this.#buckets.get(key);
    this.#buckets.delete(key);
    if (!bucket) return;
    for (const item of bucket.items) {
      this.#bucketOf.delete(item);
      this.#onExpire(item);
    }
  }
}
