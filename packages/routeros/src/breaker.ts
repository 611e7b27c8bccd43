import type { BreakerState } from './observer.ts';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker (default 5). */
  readonly failureThreshold?: number;
  /** How long it stays open before letting a trial call through (default 10 s). */
  readonly resetTimeoutMs?: number;
  /** Trial calls allowed at once while half-open (default 1). */
  readonly halfOpenMax?: number;
}

/**
 * Consecutive-failure circuit breaker. Only failures that say the router is unhealthy
 * (unreachable, timing out, dropping links) count; a `!trap` is a healthy router saying no.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #resetMs: number;
  readonly #halfOpenMax: number;
  readonly #onChange: (state: BreakerState) => void;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #trials = 0;

  constructor(
    options: BreakerOptions = {},
    onChange: (state: BreakerState) => void = () => undefined,
  ) {
    this.#threshold = Math.max(1, options.failureThreshold ?? 5);
    this.#resetMs = options.resetTimeoutMs ?? 10_000;
    this.#halfOpenMax = Math.max(1, options.halfOpenMax ?? 1);
    this.#onChange = onChange;
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Epoch ms when an open breaker admits a trial. */
  get retryAt(): number {
    return this.#openedAt + this.#resetMs;
  }

  /** Whether a call may proceed now; a half-open admission must be followed by success/failure. */
  allow(now = Date.now()): boolean {
    if (this.#state === 'closed') return true;
    if (this.#state === 'open') {
      if (now < this.retryAt) return false;
      this.#set('half-open');
      this.#trials = 0;
    }
    if (this.#trials >= this.#halfOpenMax) return false;
    this.#trials++;
    return true;
  }

  success(): void {
    this.#failures = 0;
    if (this.#state !== 'closed') this.#set('closed');
  }

  failure(now = Date.now()): void {
    this.#failures++;
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
    this.#onChange(state);
  }
}
