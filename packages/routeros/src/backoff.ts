/** Exponential backoff with jitter, so many workers reconnecting to one router spread out. */
export interface BackoffOptions {
  /** First delay (default 250 ms). */
  readonly initialMs?: number;
  /** Cap (default 30 s). */
  readonly maxMs?: number;
  /** Growth per failure (default 2). */
  readonly factor?: number;
  /** Fraction of the delay randomised away, 0..1 (default 0.5). */
  readonly jitter?: number;
}

/** Delay before attempt number `failures` (1 = after the first failure). */
export function backoffDelay(
  failures: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const initial = options.initialMs ?? 250;
  const max = options.maxMs ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.5));
  const base = Math.min(max, initial * factor ** Math.max(0, failures - 1));
  return Math.round(base * (1 - jitter * random()));
}

/** Resolves after `ms`; the timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });
}
