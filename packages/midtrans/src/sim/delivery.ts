import { setTimeout as sleep } from 'node:timers/promises';

export interface DeliveryOptions {
  /** Each notification is POSTed this many times (default 1), as Midtrans sometimes does. */
  readonly repeat?: number;
  /** Wait before delivering (default 0). */
  readonly delayMs?: number;
  /** Do not deliver at all; recorded as dropped. */
  readonly drop?: boolean;
  /** Hold notifications; `flush()` delivers them newest first. */
  readonly reorder?: boolean;
  /**
   * Default true: a non-2xx answer or connection error is retried up to 3 more times
   * (50 ms, 200 ms, 1 s), a compressed version of Midtrans retrying over hours.
   */
  readonly retryOnFailure?: boolean;
}

/** One notification POST (or a dropped one). */
export interface SimDelivery {
  readonly orderId: string;
  readonly transactionStatus: string;
  /** Target URL; empty when there was none to deliver to. */
  readonly url: string;
  /** Answer status; null when dropped or no answer came. */
  readonly httpStatus: number | null;
  /** 1 for the first POST, 2.. for retries; 0 when dropped. */
  readonly attempt: number;
  readonly at: Date;
  readonly body: string;
  /** Not sent: `drop` was on, or no notification URL was known. */
  readonly dropped: boolean;
  /** Why the POST failed without an answer, or why it was dropped. */
  readonly error?: string;
}

/** A notification ready to send: the body is final, signature included. */
export interface Notice {
  readonly orderId: string;
  readonly transactionStatus: string;
  readonly url: string | undefined;
  readonly body: string;
}

const RETRY_DELAYS_MS = [50, 200, 1000];
const REQUEST_TIMEOUT_MS = 5000;

type Resolved = Required<DeliveryOptions>;

function resolve(o: DeliveryOptions): Resolved {
  return {
    repeat: Math.max(1, Math.floor(o.repeat ?? 1)),
    delayMs: Math.max(0, o.delayMs ?? 0),
    drop: o.drop ?? false,
    reorder: o.reorder ?? false,
    retryOnFailure: o.retryOnFailure ?? true,
  };
}

/** Delivers notifications with the configured faults and keeps a log of every attempt. */
export class Notifier {
  #options: Resolved;
  readonly #log: SimDelivery[] = [];
  readonly #held: { notice: Notice; options: Resolved }[] = [];
  readonly #inflight = new Set<Promise<void>>();
  readonly #closing = new AbortController();

  constructor(options: DeliveryOptions = {}) {
    this.#options = resolve(options);
  }

  /** Replaces the delivery options for notifications produced from now on. */
  setOptions(options: DeliveryOptions): void {
    this.#options = resolve(options);
  }

  deliveries(): SimDelivery[] {
    return [...this.#log];
  }

  /**
   * Sends notices in order. Resolves once each immediate one had its first attempt; delayed
   * ones and retries continue in the background (see {@link idle}). Never rejects.
   */
  async send(notices: readonly Notice[]): Promise<void> {
    const options = this.#options;
    const deliverable: Notice[] = [];
    for (const n of notices) {
      if (options.drop) this.#dropped(n, options.repeat, 'dropped by simulator');
      else if (n.url === undefined) this.#dropped(n, 1, 'no notification URL');
      else if (options.reorder) this.#held.push({ notice: n, options });
      else deliverable.push(n);
    }
    if (deliverable.length === 0) return;
    const run = async (): Promise<void> => {
      if (options.delayMs > 0) await sleep(options.delayMs, undefined, { signal: this.#signal() });
      for (const n of deliverable) await this.#deliver(n, options);
    };
    const task = this.#track(run());
    if (options.delayMs === 0) await task;
  }

  /** Delivers held notices, newest first, each after the previous one's first attempt. */
  async flush(): Promise<void> {
    const held = this.#held.splice(0).reverse();
    await this.#track(
      (async () => {
        for (const h of held) await this.#deliver(h.notice, h.options);
      })(),
    );
  }

  /** Resolves when nothing is in flight or scheduled (held notices wait for `flush`). */
  async idle(): Promise<void> {
    while (this.#inflight.size > 0) await Promise.allSettled([...this.#inflight]);
  }

  /** Abandons scheduled retries and open requests. */
  close(): void {
    this.#closing.abort();
  }

  #signal(): AbortSignal {
    return this.#closing.signal;
  }

  #track(p: Promise<void>): Promise<void> {
    // Swallowed here because aborting on close is the only way these fail.
    const task = p.catch(() => undefined);
    this.#inflight.add(task);
    void task.finally(() => this.#inflight.delete(task));
    return task;
  }

  #dropped(n: Notice, count: number, error: string): void {
    for (let i = 0; i < count; i++) {
      this.#log.push({
        orderId: n.orderId,
        transactionStatus: n.transactionStatus,
        url: n.url ?? '',
        httpStatus: null,
        attempt: 0,
        at: new Date(),
        body: n.body,
        dropped: true,
        error,
      });
    }
  }

  async #deliver(n: Notice, options: Resolved): Promise<void> {
    for (let copy = 0; copy < options.repeat; copy++) {
      const ok = await this.#attempt(n, 1);
      if (!ok && options.retryOnFailure) void this.#track(this.#retry(n));
    }
  }

  async #retry(n: Notice): Promise<void> {
    for (const [i, delay] of RETRY_DELAYS_MS.entries()) {
      await sleep(delay, undefined, { signal: this.#signal() });
      if (await this.#attempt(n, i + 2)) return;
    }
  }

  async #attempt(n: Notice, attempt: number): Promise<boolean> {
    if (this.#closing.signal.aborted) return false;
    const at = new Date();
    const url = n.url ?? '';
    let httpStatus: number | null = null;
    let error: string | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: n.body,
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), this.#signal()]),
      });
      httpStatus = res.status;
      await res.arrayBuffer();
    } catch (err) {
      const cause = err instanceof Error ? err.cause : undefined;
      error =
        cause instanceof Error
          ? ((cause as NodeJS.ErrnoException).code ?? cause.message)
          : err instanceof Error
            ? err.message
            : String(err);
    }
    this.#log.push({
      orderId: n.orderId,
      transactionStatus: n.transactionStatus,
      url,
      httpStatus,
      attempt,
      at,
      body: n.body,
      dropped: false,
      ...(error === undefined ? {} : { error }),
    });
    return httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  }
}
