import type {
  LiveAlert,
  MonitoringSummary,
  RouterHealth,
  RouterMonitorDetail,
} from '@jaring/contracts';
import { describe, expect, test } from 'vitest';
import {
  applyAlertToRouters,
  applyAlertToSummary,
  applyDetailStatus,
  applyRates,
  applyRouterStatus,
  applySession,
  applySessionToRouters,
  applySummaryStatus,
  pushArrived,
  routerCounts,
  sortRouters,
  utilisation,
} from './live-cache';

const AT = '2026-01-01T00:00:00.000Z';

function router(id: string, name: string, status: RouterHealth['status']): RouterHealth {
  return {
    routerId: id,
    name,
    status,
    statusSince: AT,
    monitoringEnabled: true,
    latencyMs: 5,
    cpuLoad: 10,
    memoryUsed: 1,
    memoryTotal: 2,
    uptimeS: 100,
    version: '7.16',
    board: 'hEX',
    temperatureC: null,
    voltageV: null,
    activeSessions: 3,
    lastPollAt: AT,
    lastError: null,
    latitude: null,
    longitude: null,
    openAlerts: 0,
  };
}

const summary: MonitoringSummary = {
  generatedAt: AT,
  routers: { total: 3, up: 2, down: 1, unknown: 0 },
  activeSessions: 10,
  alerts: { open: 1, critical: 1, warning: 0, info: 0 },
  throughput: [],
  topTalkers: [],
  uptimePercent30d: 99.5,
};

describe('router status', () => {
  test('sorts down first, then unknown, then up, by name', () => {
    const sorted = sortRouters([
      router('1', 'b', 'up'),
      router('2', 'a', 'up'),
      router('3', 'z', 'down'),
      router('4', 'c', 'unknown'),
    ]);
    expect(sorted.map((r) => r.name)).toEqual(['z', 'c', 'a', 'b']);
  });

  test('counts', () => {
    expect(routerCounts([router('1', 'a', 'up'), router('2', 'b', 'down')])).toEqual({
      total: 2,
      up: 1,
      down: 1,
      unknown: 0,
    });
  });

  test('updates the one router and reports its previous status', () => {
    const list = [router('1', 'a', 'up'), router('2', 'b', 'up')];
    const { routers, previous } = applyRouterStatus(list, {
      routerId: '2',
      status: 'down',
      since: '2026-01-01T01:00:00.000Z',
      latencyMs: null,
    });
    expect(previous).toBe('up');
    expect(routers[1]).toMatchObject({
      status: 'down',
      statusSince: '2026-01-01T01:00:00.000Z',
      latencyMs: null,
    });
    expect(routers[0]).toBe(list[0]);
    expect(
      applyRouterStatus(list, { routerId: 'x', status: 'down', since: AT, latencyMs: 1 }).previous,
    ).toBeNull();
  });

  test('moves one router between summary counts', () => {
    expect(applySummaryStatus(summary, 'up', 'down').routers).toEqual({
      total: 3,
      up: 1,
      down: 2,
      unknown: 0,
    });
    expect(applySummaryStatus(summary, 'up', 'up')).toBe(summary);
    expect(applySummaryStatus(summary, 'unknown', 'up').routers.unknown).toBe(0);
  });

  test('detail status only for its router', () => {
    const detail = {
      ...router('1', 'a', 'up'),
      settings: { enabled: true, healthIntervalS: 30, usageIntervalS: 300 },
      interfaces: [],
    };
    expect(
      applyDetailStatus(detail, { routerId: '1', status: 'down', since: AT, latencyMs: 2.6 }),
    ).toMatchObject({ status: 'down', latencyMs: 3, interfaces: [] });
    expect(
      applyDetailStatus(detail, { routerId: '2', status: 'down', since: AT, latencyMs: 1 }),
    ).toBe(detail);
  });
});

describe('rates', () => {
  const detail: RouterMonitorDetail = {
    ...router('1', 'a', 'up'),
    settings: { enabled: true, healthIntervalS: 30, usageIntervalS: 300 },
    interfaces: [
      {
        name: 'ether1',
        type: 'ether',
        running: true,
        disabled: false,
        uplink: true,
        capacityBps: 100_000_000,
        rxBps: 0,
        txBps: 0,
        utilisationPercent: 0,
        lastSeenAt: AT,
      },
      {
        name: 'ether2',
        type: 'ether',
        running: true,
        disabled: false,
        uplink: false,
        capacityBps: null,
        rxBps: 5,
        txBps: 5,
        utilisationPercent: null,
        lastSeenAt: AT,
      },
    ],
  };

  test('utilisation is the higher direction over capacity', () => {
    expect(utilisation(10, 50, 100)).toBe(50);
    expect(utilisation(500, 0, 100)).toBe(100);
    expect(utilisation(10, 10, null)).toBeNull();
  });

  test('applies interface rates and cpu', () => {
    const next = applyRates(detail, {
      routerId: '1',
      at: '2026-01-01T00:00:05.000Z',
      cpuLoad: 42,
      interfaces: [{ name: 'ether1', rxBps: 25_000_000, txBps: 1_000_000 }],
    });
    expect(next.cpuLoad).toBe(42);
    expect(next.interfaces[0]).toMatchObject({
      rxBps: 25_000_000,
      utilisationPercent: 25,
      lastSeenAt: '2026-01-01T00:00:05.000Z',
    });
    expect(next.interfaces[1]).toBe(detail.interfaces[1]);
    expect(
      applyRates(detail, { routerId: '1', at: AT, cpuLoad: null, interfaces: [] }).cpuLoad,
    ).toBe(10);
    expect(applyRates(detail, { routerId: '2', at: AT, cpuLoad: 1, interfaces: [] })).toBe(detail);
  });
});

describe('alerts and sessions', () => {
  test('alert counts move on open and resolve only', () => {
    expect(applyAlertToSummary(summary, 'alert.opened', { severity: 'warning' }).alerts).toEqual({
      open: 2,
      critical: 1,
      warning: 1,
      info: 0,
    });
    expect(applyAlertToSummary(summary, 'alert.resolved', { severity: 'critical' }).alerts).toEqual(
      { open: 0, critical: 0, warning: 0, info: 0 },
    );
    expect(applyAlertToSummary(summary, 'alert.resolved', { severity: 'info' }).alerts.info).toBe(
      0,
    );
    expect(applyAlertToSummary(summary, 'alert.updated', { severity: 'info' })).toBe(summary);
  });

  test('router alert counts', () => {
    const list = [router('1', 'a', 'up')];
    expect(applyAlertToRouters(list, 'alert.opened', { routerId: '1' })[0]?.openAlerts).toBe(1);
    expect(applyAlertToRouters(list, 'alert.resolved', { routerId: '1' })[0]?.openAlerts).toBe(0);
    expect(applyAlertToRouters(list, 'alert.opened', { routerId: null })[0]?.openAlerts).toBe(0);
  });

  test('sessions', () => {
    expect(applySession(summary, true).activeSessions).toBe(11);
    expect(applySession({ ...summary, activeSessions: 0 }, false).activeSessions).toBe(0);
    expect(applySessionToRouters([router('1', 'a', 'up')], '1', false)[0]?.activeSessions).toBe(2);
  });

  test('arrived alerts: newest first, deduplicated, bounded', () => {
    const alert = (id: string): LiveAlert => ({
      id,
      rule: 'router_down',
      severity: 'critical' as const,
      status: 'open' as const,
      title: id,
      entityType: 'router',
      entityId: null,
      openedAt: AT,
    });
    let list = pushArrived([], alert('a'), 1);
    list = pushArrived(list, alert('b'), 2);
    list = pushArrived(list, alert('a'), 3);
    expect(list.map((i) => i.alert.id)).toEqual(['a', 'b']);
    for (let i = 0; i < 10; i += 1) list = pushArrived(list, alert(`x${i}`), 10 + i, 3);
    expect(list).toHaveLength(3);
  });
});
