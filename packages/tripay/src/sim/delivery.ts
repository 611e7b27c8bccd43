import { setTimeout as sleep } from 'node:timers/promises';
import { CALLBACK_EVENT } from '../callback.ts';
import { isRecord } from '../fields.ts';

/** How the simulator delivers callbacks; replaced as a whole by `setDelivery`. */
export interface DeliveryOptions {
  /** Deliveries of each callback (default 1), one after the other. */
  repeat?: number;
  /** Wait before delivering (default 0). */
  delayMs?: number;
  /** Never deliver. */
  drop?: boolean;
  /** Hold callbacks until `flush()`, which delivers the newest first. */
  reorder?: boolean;
  /**
   * Default true: a non-2xx answer, a body without `success: true` or a connection error is
   * retried up to 3 more times, after 50 ms, 200 ms and 1 s.
   */
  retryOnFailure?: boolean;
}

/** One POST attempt of a callback. */
export interface SimDelivery {
  reference: string;
  status: string;
  url: string;
  /** null when no response arrived (refused, timed out). */
  httpStatus: number | null;
  /** 1 for the first try, up to 4 with retries. */
  attempt: number;
  at: Date;
  body: string;
  /** 2xx with a JSON body whose `success` is true. */
  answeredSuccess: boolean;
}

/** A callback ready to send: body and signature are fixed when the status changes. */
export interface OutgoingCallback {
  reference: string;
  status: string;
  url: string;
  body: string;
  signature: string;
}

const RETRY_DELAYS_MS = [50, 200, 1000] as const;
const REQUEST_TIMEOUT_MS = 5000;

interface Held {
  callback: OutgoingCallback;
  options: DeliveryOptions;
}

/** Sends callbacks the way the delivery options say and remembers every attempt. */
export class CallbackDeliverer {
  #options: DeliveryOptions;
  readonly #held: Held[] = [];
  readonly #active = new Set<Promise<void>>();
  readonly #log: SimDelivery[] = [];
  readonly #closing = new AbortController();

  constructor(options: DeliveryOptions = {}) {
    this.#options = { ...options };
  }

  setOptions(options: DeliveryOptions): void {
    this.#options = { ...options };
  }

  /**
   * Delivers one callback. Resolves once it has been delivered (every repeat and retry), or
   * at once when the options drop or hold it.
   */
  dispatch(callback: OutgoingCallback): Promise<void> {
    const options = { ...this.#options };
    if (options.drop === true) return Promise.resolve();
    if (options.reorder === true) {
      this.#held.push({ callback, options });
      return Promise.resolve();
    }
    return this.#track(this.#run(callback, options, options.delayMs ?? 0));
  }

  /** Delivers held callbacks newest first, one after another, so the receiver sees that order. */
  flush(): Promise<void> {
    const held = this.#held.splice(0).reverse();
    return this.#track(
      (async () => {
        for (const { callback, options } of held) await this.#run(callback, options, 0);
      })(),
    );
  }

  /** Resolves when nothing is in flight or waiting on a delay or retry timer. */
  async idle(): Promise<void> {
    while (this.#active.size > 0) await Promise.allSettled([...this.#active]);
  }

  deliveries(): SimDelivery[] {
    return this.#log.map((d) => ({ ...d, at: new Date(d.at) }));
  }

  /** Cancels timers and requests in flight; held callbacks are discarded. */
  close(): void {
    this.#held.length = 0;
    this.#closing.abort();
  }

  #track(work: Promise<void>): Promise<void> {
    const tracked = work.finally(() => this.#active.delete(tracked));
    this.#active.add(tracked);
    return tracked;
  }

  async #pause(ms: number): Promise<boolean> {
    if (ms <= 0) return !this.#closing.signal.aborted;
    try {
      await sleep(ms, undefined, { signal: this.#closing.signal });
      return true;
    } catch {
      return false;
    }
  }

  async #run(callback: OutgoingCallback, options: DeliveryOptions, delayMs: number): Promise<void> {
    if (!(await this.#pause(delayMs))) return;
    const repeat = Math.max(1, Math.floor(options.repeat ?? 1));
    const attempts = options.retryOnFailure === false ? 1 : 1 + RETRY_DELAYS_MS.length;
    for (let r = 0; r < repeat; r++) {
      for (let attempt = 1; attempt <= attempts; attempt++) {
        if (this.#closing.signal.aborted) return;
        if (await this.#post(callback, attempt)) break;
        if (attempt < attempts && !(await this.#pause(RETRY_DELAYS_MS[attempt - 1] ?? 0))) return;
      }
    }
  }

  async #post(callback: OutgoingCallback, attempt: number): Promise<boolean> {
    const at = new Date();
    let httpStatus: number | null = null;
    let answeredSuccess = false;
    try {
      const res = await fetch(callback.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-callback-event': CALLBACK_EVENT,
          'x-callback-signature': callback.signature,
        },
        body: callback.body,
        signal: AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), this.#closing.signal]),
      });
      httpStatus = res.status;
      const text = await res.text();
      answeredSuccess = res.ok && answersSuccess(text);
    } catch {
      // Refused, reset or timed out: recorded with no HTTP status and retried like a failure.
    }
    this.#log.push({
      reference: callback.reference,
      status: callback.status,
      url: callback.url,
      httpStatus,
      attempt,
      at,
      body: callback.body,
      answeredSuccess,
    });
    return answeredSuccess;
  }
}

function answersSuccess(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return isRecord(json) && json['success'] === true;
  } catch {
    return false;
  }
}
