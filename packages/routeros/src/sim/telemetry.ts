import { parseRateLimit } from '../ratelimit.ts';
import type { Item } from './model.ts';
import { formatDuration, hash32 } from './random.ts';

/**
 * Values a router computes rather than stores: uptimes, growing byte counters, traffic rates
 * and resource usage. Rates are deterministic per name with a slow wave, so graphs move but
 * tests can rely on them being positive.
 */

/** Traffic rate of an interface (bit/s) at `now`. */
export function interfaceRate(name: string, now = Date.now()): { rx: number; tx: number } {
  const h = hash32(name);
  const wave = 1 + 0.3 * Math.sin(now / 7000 + (h % 17));
  return { rx: (20e6 + (h % 50) * 1e6) * wave, tx: (5e6 + (h % 13) * 1e6) * wave };
}

/** One `/interface/monitor-traffic` row. */
export function trafficSample(name: string, now = Date.now()): Item {
  const r = interfaceRate(name, now);
  return {
    name,
    'rx-packets-per-second': String(Math.round(r.rx / 8 / 900)),
    'rx-bits-per-second': String(Math.round(r.rx)),
    'tx-packets-per-second': String(Math.round(r.tx / 8 / 1100)),
    'tx-bits-per-second': String(Math.round(r.tx)),
  };
}

function queueLimits(item: Item): { up: number; down: number } {
  try {
    const rl = parseRateLimit(item['max-limit'] ?? '0/0');
    return { up: rl.rx || 10_000_000, down: rl.tx || 10_000_000 };
  } catch {
    return { up: 10_000_000, down: 10_000_000 };
  }
}

/** Computed properties of an item of `path`, counted from its creation (or boot). */
export function computedFields(path: string, item: Item, bootTime: number, now = Date.now()): Item {
  const since = Number(item['_since'] ?? bootTime);
  const seconds = Math.max(0, (now - since) / 1000);
  switch (path) {
    case '/ppp/active':
    case '/ip/hotspot/active':
      return { uptime: formatDuration(seconds) };
    case '/ip/firewall/address-list':
      return { 'creation-time': new Date(since).toISOString().slice(0, 19).replace('T', ' ') };
    case '/queue/simple': {
      const { up, down } = queueLimits(item);
      // Each queue uses a stable share of its limit.
      const f = Math.max(0.05, ((hash32(item['name'] ?? '') % 100) / 100) * 0.9);
      const upRate = Math.round(up * f);
      const downRate = Math.round(down * f);
      const upBytes = Math.round((upRate / 8) * seconds);
      const downBytes = Math.round((downRate / 8) * seconds);
      return {
        rate: `${upRate}/${downRate}`,
        bytes: `${upBytes}/${downBytes}`,
        packets: `${Math.round(upBytes / 700)}/${Math.round(downBytes / 1200)}`,
      };
    }
    case '/interface': {
      if (item['running'] !== 'true') {
        return { 'rx-byte': '0', 'tx-byte': '0', 'rx-packet': '0', 'tx-packet': '0' };
      }
      const rate = interfaceRate(item['name'] ?? '', now);
      const rx = Math.round((rate.rx / 8) * seconds);
      const tx = Math.round((rate.tx / 8) * seconds);
      return {
        'rx-byte': String(rx),
        'tx-byte': String(tx),
        'rx-packet': String(Math.round(rx / 900)),
        'tx-packet': String(Math.round(tx / 1100)),
      };
    }
    default:
      return {};
  }
}

/** `/system/resource` row of a mid-range router. */
export function resourceRow(
  version: string,
  identity: string,
  bootTime: number,
  now = Date.now(),
): Item {
  const h = hash32(identity);
  const total = 1024 * 1024 * 1024;
  const load = 3 + Math.round(10 * (1 + Math.sin(now / 5000 + (h % 7))));
  return {
    uptime: formatDuration((now - bootTime) / 1000),
    version: `${version} (stable)`,
    'build-time': '2025-01-16 12:00:00',
    'factory-software': '6.44.6',
    'free-memory': String(total - 180 * 1024 * 1024 - (h % 64) * 1024 * 1024),
    'total-memory': String(total),
    cpu: 'ARMv7',
    'cpu-count': '4',
    'cpu-frequency': '1400',
    'cpu-load': String(load),
    'free-hdd-space': String(400 * 1024 * 1024),
    'total-hdd-space': String(512 * 1024 * 1024),
    'architecture-name': 'arm',
    'board-name': 'RB4011iGS+',
    platform: 'MikroTik',
  };
}
