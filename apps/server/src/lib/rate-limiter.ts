import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  /** Milliseconds until the window resets; meaningful when not allowed. */
  retryAfterMs: number;
}

/**
 * Fixed-window counters. With Redis they are shared by every API node; without it, by this
 * process only (which is all one node needs).
 */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
  /** Hits counted in the key's current window, without counting one more. */
  peek(key: string): Promise<{ count: number; retryAfterMs: number }>;
  reset(key: string): Promise<void>;
}

export function createMemoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let lastSweep = now();
  return {
    hit(key, limit, windowMs): Promise<RateLimitResult> {
      const t = now();
      if (t - lastSweep > 60_000) {
        for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
        lastSweep = t;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowMs };
        windows.set(key, w);
      }
      w.count += 1;
      return Promise.resolve({
        allowed: w.count <= limit,
        remaining: Math.max(0, limit - w.count),
        retryAfterMs: Math.max(0, w.resetAt - t),
      });
    },
    peek(key): Promise<{ count: number; retryAfterMs: number }> {
      const w = windows.get(key);
      const t = now();
      if (!w || w.resetAt <= t) return Promise.resolve({ count: 0, retryAfterMs: 0 });
      return Promise.resolve({ count: w.count, retryAfterMs: w.resetAt - t });
    },
    reset(key): Promise<void> {
      windows.delete(key);
      return Promise.resolve();
    },
  };
}

export function createRedisRateLimiter(redis: Redis, prefix = 'rl:'): RateLimiter {
  return {
    async hit(key, limit, windowMs): Promise<RateLimitResult> {
      const k = prefix + key;
      const [[, count], [, ttl]] = (await redis.multi().incr(k).pttl(k).exec()) as [
        [null, number],
        [null, number],
      ];
      let ttlMs = ttl;
      if (ttl < 0) {
        await redis.pexpire(k, windowMs);
        ttlMs = windowMs;
      }
      return {
        allowed: count <= limit,
        remaining: Math.max(0, limit - count),
        retryAfterMs: ttlMs,
      };
    },
    async peek(key): Promise<{ count: number; retryAfterMs: number }> {
      const [[, count], [, ttl]] = (await redis
        .multi()
        .get(prefix + key)
        .pttl(prefix + key)
        .exec()) as [[null, string | null], [null, number]];
      return { count: Number(count ?? 0), retryAfterMs: Math.max(0, ttl) };
    },
    async reset(key): Promise<void> {
      await redis.del(prefix + key);
    },
  };
}
