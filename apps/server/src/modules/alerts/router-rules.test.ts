import { DEFAULT_MONITORING_SETTINGS } from '@jaring/contracts';
import { describe, expect, it } from 'vitest';
import { routerConditions, type RouterReading } from './router-rules.ts';

const reading: RouterReading = {
  routerId: 'r1',
  routerName: 'POP Bogor',
  reachable: true,
  error: null,
  cpuLoad: 95,
  memoryUsed: 500,
  memoryTotal: 1000,
  uplinks: [{ name: 'sfp1', capacityBps: 1_000_000_000, rxBps: 950_000_000, txBps: 100_000_000 }],
};

describe('routerConditions', () => {
  it('judges cpu, memory and uplink utilisation against the rules', () => {
    const c = routerConditions(DEFAULT_MONITORING_SETTINGS, reading);
    const byRule = Object.fromEntries(c.map((x) => [x.rule, x]));
    expect(byRule['router_down']?.active).toBe(false);
    expect(byRule['router_cpu']).toMatchObject({ active: true, forMs: 10 * 60_000 });
    expect(byRule['router_memory']?.active).toBe(false);
    expect(byRule['interface_utilisation']).toMatchObject({
      active: true,
      key: 'interface_utilisation:r1:sfp1',
      title: 'POP Bogor sfp1 at 95% of capacity',
    });
  });

  it('judges nothing but reachability while the router does not answer', () => {
    const c = routerConditions(DEFAULT_MONITORING_SETTINGS, { ...reading, reachable: false });
    expect(c.map((x) => [x.rule, x.active])).toEqual([['router_down', true]]);
  });

  it('reports a disabled rule as clear, so its open alert resolves', () => {
    const settings = structuredClone(DEFAULT_MONITORING_SETTINGS);
    settings.rules.routerCpu.enabled = false;
    const cpu = routerConditions(settings, reading).find((x) => x.rule === 'router_cpu');
    expect(cpu?.active).toBe(false);
  });
});
