import { describe, expect, test } from 'vitest';
import { odpHealth } from './map-health';

describe('ODP colour', () => {
  test('outage wins, then some offline, then all online', () => {
    expect(odpHealth({ outage: true, offline: 0, subscribers: 10 })).toBe('outage');
    expect(odpHealth({ outage: false, offline: 2, subscribers: 10 })).toBe('degraded');
    expect(odpHealth({ outage: false, offline: 0, subscribers: 10 })).toBe('ok');
    expect(odpHealth({ outage: false, offline: 0, subscribers: 0 })).toBe('empty');
  });
});
