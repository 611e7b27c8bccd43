import type { LiveEvent } from '@jaring/contracts';
import { describe, expect, it } from 'vitest';
import { LIVE_BACKOFF, parseLiveEvent, reconnectDelayMs } from './live-events';

describe('reconnectDelayMs', () => {
  it('doubles from the initial delay up to the cap, jittered within the upper half', () => {
    const low = (attempt: number): number => reconnectDelayMs(attempt, () => 0);
    const high = (attempt: number): number => reconnectDelayMs(attempt, () => 1);
    expect([0, 1, 2, 3].map(high)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect([0, 1, 2, 3].map(low)).toEqual([500, 1_000, 2_000, 4_000]);
    expect(high(20)).toBe(LIVE_BACKOFF.maxMs);
    expect(low(20)).toBe(LIVE_BACKOFF.maxMs / 2);
  });
});

describe('parseLiveEvent', () => {
  const event: LiveEvent = {
    type: 'subscriber.session',
    at: '2026-03-10T05:00:00.000Z',
    data: { subscriptionId: 's', routerId: 'r', online: true, at: '2026-03-10T05:00:00.000Z' },
  };

  it('reads a known event', () => {
    expect(parseLiveEvent(JSON.stringify(event))).toEqual(event);
  });

  it('skips what it does not know instead of throwing', () => {
    expect(parseLiveEvent('not json')).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, type: 'something.new' }))).toBeNull();
    expect(parseLiveEvent(JSON.stringify({ ...event, data: { online: 'yes' } }))).toBeNull();
    expect(parseLiveEvent(undefined)).toBeNull();
  });
});
