import { describe, expect, it } from 'vitest';
import {
  parseHealth,
  parsePair,
  parseResource,
  parseRouterDuration,
  queueUsername,
} from './parse.ts';

describe('RouterOS value parsing', () => {
  it('reads durations in both notations', () => {
    expect(parseRouterDuration('1w2d3h4m5s')).toBe(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(parseRouterDuration('2d03:04:05')).toBe(2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    expect(parseRouterDuration('00:01:02')).toBe(62);
    expect(parseRouterDuration('4m5s100ms')).toBe(245);
    expect(parseRouterDuration('')).toBeNull();
    expect(parseRouterDuration('soon')).toBeNull();
  });

  it('reads queue pairs as upload/download', () => {
    expect(parsePair('100/2000')).toEqual([100, 2000]);
    expect(parsePair('x/1')).toBeNull();
    expect(parsePair(undefined)).toBeNull();
  });

  it('reads resource rows and derives used memory', () => {
    expect(
      parseResource({
        uptime: '1d00:00:10',
        version: '7.16.2 (stable)',
        'board-name': 'RB4011iGS+',
        'cpu-load': '12',
        'free-memory': '300',
        'total-memory': '1000',
      }),
    ).toEqual({
      uptimeS: 86410,
      version: '7.16.2',
      board: 'RB4011iGS+',
      cpuLoad: 12,
      memoryUsed: 700,
      memoryTotal: 1000,
    });
    expect(parseResource(undefined).cpuLoad).toBeNull();
  });

  it('reads health in the v7 row-per-sensor and v6 single-row formats', () => {
    expect(
      parseHealth([
        { name: 'voltage', value: '24.1', type: 'V' },
        { name: 'temperature', value: '41', type: 'C' },
      ]),
    ).toEqual({ voltageV: 24.1, temperatureC: 41 });
    expect(parseHealth([{ voltage: '23.9', temperature: '38' }])).toEqual({
      voltageV: 23.9,
      temperatureC: 38,
    });
    expect(parseHealth([])).toEqual({ voltageV: null, temperatureC: null });
  });

  it('finds the subscriber of a dynamic PPP queue', () => {
    expect(queueUsername('<pppoe-budi.santoso>')).toEqual({
      username: 'budi.santoso',
      service: 'pppoe',
    });
    expect(queueUsername('uplink-limit')).toBeNull();
  });
});
