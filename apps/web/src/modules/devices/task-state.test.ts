import { describe, expect, test } from 'vitest';
import {
  FAST_POLL_MS,
  SLOW_POLL_MS,
  isFinalTask,
  taskOutcome,
  taskPollInterval,
} from './task-state';

describe('device tasks', () => {
  test('done, faulted and cancelled are final', () => {
    expect(isFinalTask('done')).toBe(true);
    expect(isFinalTask('faulted')).toBe(true);
    expect(isFinalTask('cancelled')).toBe(true);
    expect(isFinalTask('queued')).toBe(false);
    expect(isFinalTask('sent')).toBe(false);
  });

  test('an unfinished change waits for an offline device', () => {
    expect(taskOutcome('queued', false)).toBe('waitingOffline');
    expect(taskOutcome('sent', false)).toBe('waitingOffline');
    expect(taskOutcome('sent', true)).toBe('applying');
    expect(taskOutcome('done', false)).toBe('applied');
    expect(taskOutcome('faulted', true)).toBe('failed');
    expect(taskOutcome('cancelled', true)).toBe('cancelled');
  });

  test('polls fast at first, slowly later, and stops when all are final', () => {
    const now = Date.parse('2026-05-01T10:00:00Z');
    const at = (seconds: number): string => new Date(now - seconds * 1000).toISOString();
    expect(taskPollInterval([], now)).toBe(false);
    expect(taskPollInterval([{ status: 'done', createdAt: at(1) }], now)).toBe(false);
    expect(taskPollInterval([{ status: 'queued', createdAt: at(5) }], now)).toBe(FAST_POLL_MS);
    expect(taskPollInterval([{ status: 'sent', createdAt: at(300) }], now)).toBe(SLOW_POLL_MS);
    expect(
      taskPollInterval(
        [
          { status: 'sent', createdAt: at(300) },
          { status: 'queued', createdAt: at(2) },
          { status: 'faulted', createdAt: at(1) },
        ],
        now,
      ),
    ).toBe(FAST_POLL_MS);
  });
});
