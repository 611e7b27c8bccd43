import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../src/backoff.ts';
import { CircuitBreaker } from '../src/breaker.ts';
import type { BreakerState } from '../src/observer.ts';
import { MetricsRecorder } from '../src/observer.ts';

describe('circuit breaker', () => {
  it('opens after consecutive failures, admits one trial after the timeout, and closes on success', () => {
    const states: BreakerState[] = [];
    const b = new CircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 1000 }, (s) =>
      states.push(s),
    );
    b.failure(0);
    b.success();
    b.failure(0);
    expect(b.state).toBe('closed');
    b.failure(10);
    expect(b.state).toBe('open');
    expect(b.allow(500)).toBe(false);
    expect(b.allow(1010)).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.allow(1011)).toBe(false);
    b.failure(1020);
    expect(b.state).toBe('open');
    expect(b.retryAt).toBe(2020);
    expect(b.allow(2020)).toBe(true);
    b.success();
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap and jitters downwards only', () => {
    const opts = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0.5 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, opts, () => 0))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
    expect(backoffDelay(3, opts, () => 1)).toBe(200);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(4, opts);
      expect(d).toBeGreaterThanOrEqual(400);
      expect(d).toBeLessThanOrEqual(800);
    }
  });
});

describe('metrics recorder', () => {
  it('aggregates a cumulative latency histogram and errors by code', () => {
    const m = new MetricsRecorder();
    m.onCommand({ router: 'r', command: '/x/print', transport: 'api', durationMs: 3, ok: true });
    m.onCommand({
      router: 'r',
      command: '/x/add',
      transport: 'api',
      durationMs: 70,
      ok: false,
      errorCode: 'ROS_TRAP',
    });
    m.onCommand({
      router: 'r',
      command: '/x/add',
      transport: 'api',
      durationMs: 60_000,
      ok: false,
      errorCode: 'ROS_TIMEOUT',
    });
    const snap = m.snapshot();
    expect(snap.latency['r']?.buckets['0.005']).toBe(1);
    expect(snap.latency['r']?.buckets['0.1']).toBe(2);
    expect(snap.latency['r']?.buckets['30']).toBe(2);
    expect(snap.latency['r']?.buckets['+Inf']).toBe(3);
    expect(snap.errors['r']).toEqual({ ROS_TRAP: 1, ROS_TIMEOUT: 1 });
  });
});

describe('redaction', () => {
  it('masks password-like attributes for logs', async () => {
    const { redactAttributes } = await import('../src/redact.ts');
    expect(
      redactAttributes({
        name: 'budi',
        password: 'x',
        'shared-secret': 'y',
        disabled: false,
        n: undefined,
      }),
    ).toEqual({
      name: 'budi',
      password: '***',
      'shared-secret': '***',
      disabled: 'no',
    });
  });
});

describe('deadline buckets', () => {
  it('fires each item once after its deadline unless deleted', async () => {
    const { Deadlines } = await import('../src/deadlines.ts');
    const fired: string[] = [];
    const d = new Deadlines<string>((item) => fired.push(item), 10);
    const now = Date.now();
    d.add('a', now + 20);
    d.add('b', now + 20);
    d.add('c', now + 20);
    d.add('late', now + 60);
    d.delete('b');
    await new Promise((r) => setTimeout(r, 45));
    expect(fired.sort()).toEqual(['a', 'c']);
    d.clear();
    await new Promise((r) => setTimeout(r, 40));
    expect(fired).toHaveLength(2);
  });
});
