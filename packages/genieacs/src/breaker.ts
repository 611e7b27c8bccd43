/** Breaker states as reported to observers. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failed calls that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays open before one trial call may go through (default 30 s). */
  readonly resetMs?: number;
}

/**
 * Consecutive-failure circuit breaker for one ACS. Only signs of an unhealthy ACS count
 * (network errors, timeouts, 5xx); a 4xx is a healthy server saying no. While half-open
 * exactly one trial call is admitted; its outcome closes or re-opens the breaker.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #resetMs: number;
  readonly #onChange: (state: BreakerState) => void;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trialInFlight = false;

  constructor(options: BreakerOptions = {}, onChange: (state: BreakerState) => void = () => {}) {
    this.#threshold = Math.max(1, options.failureThreshold ?? 5);
    this.#resetMs = Math.max(0, options.resetMs ?? 30_000);
    this.#onChange = onChange;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Epoch ms when an open breaker admits a trial call. */
  get retryAt(): number {
    return this.#openedAt + this.#resetMs;
  }

  /** Whether a call may start now. An admitted call must end in `success` or `failure`. */
  allow(now = Date.now()): boolean {
    if (this.#state === 'closed') return true;
    if (this.#state === 'open') {
      if (now < this.retryAt) return false;
      this.#set('half-open');
      this.#trialInFlight = false;
    }
    if (this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  success(): void {
    this.#failures = 0;
    this.#trialInFlight = false;
    if (this.#state !== 'closed') this.#set('closed');
  }

  failure(now = Date.now()): void {
    this.#failures++;
    this.#trialInFlight = false;
    if (
      this.#state === 'half-open' ||
      (this.#state === 'closed' && this.#failures >= this.#threshold)
    ) {
      this.#openedAt = now;
      this.#set('open');
    }
  }

  #set(state: BreakerState): void {
    this.#state = state;
    try {
      this.#onChange(state);
    } catch {
      // A metrics hook must never change the outcome of a call.
    }
  }
}
