import { describe, expect, it } from 'vitest';
import { retryDelay } from './backoff.ts';
import { CircuitBreaker } from './breaker.ts';
import type { BreakerState } from './breaker.ts';

describe('circuit breaker', () => {
  it('opens after N consecutive failures, admits one trial after the reset time', () => {
    const states: BreakerState[] = [];
    const b = new CircuitBreaker({ failureThreshold: 3, resetMs: 1000 }, (s) => states.push(s));
    for (let i = 0; i < 2; i++) {
      expect(b.allow(0)).toBe(true);
      b.failure(0);
    }
    b.success();
    for (let i = 0; i < 3; i++) {
      expect(b.allow(10)).toBe(true);
      b.failure(10);
    }
    expect(b.state).toBe('open');
    expect(b.allow(500)).toBe(false);
    expect(b.allow(1010)).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.allow(1011)).toBe(false); // one trial at a time
    b.failure(1020);
    expect(b.state).toBe('open');
    expect(b.allow(2019)).toBe(false);
    expect(b.allow(2020)).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('retry delay', () => {
  it('grows exponentially with jitter between half and all of the ceiling, capped', () => {
    const o = { baseDelayMs: 200, maxDelayMs: 5000 };
    expect(retryDelay(1, o, () => 0)).toBe(100);
    expect(retryDelay(1, o, () => 1)).toBe(200);
    expect(retryDelay(3, o, () => 1)).toBe(800);
    expect(retryDelay(10, o, () => 0.5)).toBe(3750);
  });
});
