export interface RetryOptions {
  /** Tries per call, the first included (default 3; 1 disables retries). */
  readonly attempts?: number;
  /** Delay before the second try (default 200 ms); doubles per try. */
  readonly baseDelayMs?: number;
  /** Cap of one delay (default 5 s). */
  readonly maxDelayMs?: number;
}

/**
 * Delay before retry number `retry` (1 = after the first failure): exponential with "equal
 * jitter", so many workers hitting a recovering ACS spread out but never retry instantly.
 */
export function retryDelay(
  retry: number,
  options: RetryOptions = {},
  random: () => number = Math.random,
): number {
  const base = Math.max(0, options.baseDelayMs ?? 200);
  const max = Math.max(base, options.maxDelayMs ?? 5_000);
  const ceiling = Math.min(max, base * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}
