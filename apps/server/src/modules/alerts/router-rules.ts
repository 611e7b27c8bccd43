import type { MonitoringSettings } from '@jaring/contracts';
import type { ConditionInput } from './conditions.ts';

export interface RouterReading {
  routerId: string;
  routerName: string;
  /** The poll reached the router. */
  reachable: boolean;
  error: string | null;
  cpuLoad: number | null;
  memoryUsed: number | null;
  memoryTotal: number | null;
  /** Uplinks with a known capacity and their current rates. */
  uplinks: { name: string; capacityBps: number; rxBps: number; txBps: number }[];
}

const MINUTE = 60_000;

/**
 * The router-level conditions one health poll decides. A disabled rule reports its condition as
 * clear, so turning a rule off resolves what it had opened. CPU, memory and links are not judged
 * while the router is unreachable: no reading is not a low reading.
 */
export function routerConditions(
  settings: MonitoringSettings,
  r: RouterReading,
  previousUplinks: readonly string[] = [],
): ConditionInput[] {
  const rules = settings.rules;
  const base = { routerId: r.routerId, entityType: 'router' as const, entityId: r.routerId };
  const out: ConditionInput[] = [
    {
      ...base,
      rule: 'router_down',
      key: `router_down:${r.routerId}`,
      active: rules.routerDown.enabled && !r.reachable,
      severity: rules.routerDown.severity,
      title: `Router ${r.routerName} is down`,
      details: { router: r.routerName, error: r.error },
      forMs: rules.routerDown.forMinutes * MINUTE,
      notify: rules.routerDown.notify,
    },
  ];
  if (!r.reachable) return out;
  const cpu = r.cpuLoad;
  out.push({
    ...base,
    rule: 'router_cpu',
    key: `router_cpu:${r.routerId}`,
    active: rules.routerCpu.enabled && cpu !== null && cpu >= rules.routerCpu.thresholdPercent,
    severity: rules.routerCpu.severity,
    title: `Router ${r.routerName} CPU at ${cpu ?? '?'}%`,
    details: {
      router: r.routerName,
      cpuLoad: cpu,
      thresholdPercent: rules.routerCpu.thresholdPercent,
    },
    forMs: rules.routerCpu.forMinutes * MINUTE,
    notify: rules.routerCpu.notify,
  });
  const memPct =
    r.memoryUsed !== null && r.memoryTotal
      ? Math.round((r.memoryUsed / r.memoryTotal) * 100)
      : null;
  out.push({
    ...base,
    rule: 'router_memory',
    key: `router_memory:${r.routerId}`,
    active:
      rules.routerMemory.enabled &&
      memPct !== null &&
      memPct >= rules.routerMemory.thresholdPercent,
    severity: rules.routerMemory.severity,
    title: `Router ${r.routerName} memory at ${memPct ?? '?'}%`,
    details: {
      router: r.routerName,
      memoryPercent: memPct,
      thresholdPercent: rules.routerMemory.thresholdPercent,
    },
    forMs: rules.routerMemory.forMinutes * MINUTE,
    notify: rules.routerMemory.notify,
  });
  const seen = new Set<string>();
  for (const u of r.uplinks) {
    seen.add(u.name);
    const pct = Math.round((Math.max(u.rxBps, u.txBps) / u.capacityBps) * 1000) / 10;
    out.push({
      routerId: r.routerId,
      entityType: 'interface',
      entityId: `${r.routerId}:${u.name}`,
      rule: 'interface_utilisation',
      key: `interface_utilisation:${r.routerId}:${u.name}`,
      active:
        rules.interfaceUtilisation.enabled && pct >= rules.interfaceUtilisation.thresholdPercent,
      severity: rules.interfaceUtilisation.severity,
      title: `${r.routerName} ${u.name} at ${pct}% of capacity`,
      details: {
        router: r.routerName,
        interface: u.name,
        utilisationPercent: pct,
        rxBps: u.rxBps,
        txBps: u.txBps,
        capacityBps: u.capacityBps,
      },
      forMs: rules.interfaceUtilisation.forMinutes * MINUTE,
      notify: rules.interfaceUtilisation.notify,
    });
  }
  // A link no longer an uplink (or gone) clears its condition.
  for (const name of previousUplinks) {
    if (seen.has(name)) continue;
    out.push({
      routerId: r.routerId,
      entityType: 'interface',
      entityId: `${r.routerId}:${name}`,
      rule: 'interface_utilisation',
      key: `interface_utilisation:${r.routerId}:${name}`,
      active: false,
      severity: rules.interfaceUtilisation.severity,
      title: `${r.routerName} ${name}`,
      details: {},
      forMs: 0,
      notify: rules.interfaceUtilisation.notify,
    });
  }
  return out;
}
