import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  type RateLimiter,
} from './rate-limiter.ts';

async function exercise(
  limiter: RateLimiter,
  advance: (ms: number) => Promise<void>,
): Promise<void> {
  const key = `k-${randomBytes(4).toString('hex')}`;
  for (let i = 1; i <= 3; i++) {
    const r = await limiter.hit(key, 3, 1000);
    expect(r).toMatchObject({ allowed: true, remaining: 3 - i });
  }
  expect((await limiter.peek(key)).count).toBe(3);
  expect((await limiter.peek(`${key}-never`)).count).toBe(0);
  const blocked = await limiter.hit(key, 3, 1000);
  expect(blocked.allowed).toBe(false);
  expect(blocked.retryAfterMs).toBeGreaterThan(0);
  expect(blocked.retryAfterMs).toBeLessThanOrEqual(1000);
  expect((await limiter.hit(`${key}-other`, 3, 1000)).allowed).toBe(true);
  await advance(1100);
  expect((await limiter.hit(key, 3, 1000)).allowed).toBe(true);
  await limiter.hit(key, 3, 1000);
  await limiter.hit(key, 3, 1000);
  expect((await limiter.hit(key, 3, 1000)).allowed).toBe(false);
  await limiter.reset(key);
  expect((await limiter.hit(key, 3, 1000)).allowed).toBe(true);
}

describe('memory rate limiter', () => {
  it('counts per key in fixed windows and resets', async () => {
    let now = 1_000_000;
    await exercise(
      createMemoryRateLimiter(() => now),
      async (ms) => {
        now += ms;
      },
    );
  });
});

const redisUrl = process.env.REDIS_URL;
// The Redis store is only reachable when a Redis is configured (CI's second pass sets it).
if (redisUrl) {
  describe('redis rate limiter', () => {
    const redis = new Redis(redisUrl, {
      keyPrefix: `jaring-test-${randomBytes(4).toString('hex')}:`,
    });
    afterAll(async () => {
      await redis.quit();
    });
    it('counts per key in fixed windows shared by every client, and resets', async () => {
      await exercise(createRedisRateLimiter(redis), (ms) => new Promise((r) => setTimeout(r, ms)));
      // A second client on the same Redis sees the same counters.
      const other = new Redis(redisUrl, { keyPrefix: redis.options.keyPrefix ?? '' });
      try {
        const a = createRedisRateLimiter(redis);
        const b = createRedisRateLimiter(other);
        await a.hit('shared', 2, 5000);
        await b.hit('shared', 2, 5000);
        expect((await a.hit('shared', 2, 5000)).allowed).toBe(false);
      } finally {
        await other.quit();
      }
    });
  });
}
