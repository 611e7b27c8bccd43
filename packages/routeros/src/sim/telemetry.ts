import { parseRateLimit } from '../ratelimit.ts';
import type { RateLimit } from '../ratelimit.ts';
import type { Rates } from './meter.ts';
import { Meter, NO_TRAFFIC, PEAK, phaseOf } from './meter.ts';
import type { Item } from './model.ts';
import { formatDuration, hash32 } from './random.ts';
import type { SimVersion } from './version.ts';

/**
 * Values a router computes rather than stores: uptimes, byte counters, rates, resource usage
 * and health sensors. Everything is a function of the simulation clock, so a test that moves
 * the clock sees traffic accumulate, and two reads at one clock value agree.
 */

/** Menus whose rows carry byte counters. */
export type CounterMenu = '/interface' | '/queue/simple' | '/ip/hotspot/active';

export const COUNTER_MENUS: ReadonlySet<string> = new Set<CounterMenu>([
  '/interface',
  '/queue/simple',
  '/ip/hotspot/active',
]);

/** Limit used for traffic of a queue or session that has none. */
const UNLIMITED = 10_000_000;

/** Mean rates of an Ethernet port: an uplink-sized flow that differs per port name. */
function portRates(name: string): Rates {
  const h = hash32(name);
  return { rx: 20e6 + (h % 50) * 1e6, tx: 5e6 + (h % 13) * 1e6 };
}

/**
 * Mean rates of one subscriber under `limit` (`rx` = upload): a stable share per name, low
 * enough that the wave's peak stays under the limit, with uploads smaller than downloads.
 */
export function subscriberRates(name: string, limit: Rates | undefined): Rates {
  const h = hash32(name);
  const down = 0.05 + ((h % 1000) / 1000) * 0.55;
  const up = 0.03 + (((h >>> 10) % 1000) / 1000) * 0.37;
  const rx = limit?.rx || UNLIMITED;
  const tx = limit?.tx || UNLIMITED;
  // Shares above are below 1 / PEAK; the clamp documents the invariant.
  return { rx: rx * Math.min(up, 1 / PEAK), tx: tx * Math.min(down, 1 / PEAK) };
}

/** Parsed limits by text: a router has a handful of plans and thousands of rows using them. */
const RATE_LIMITS = new Map<string, RateLimit | null>();

/** A parsed rate-limit or max-limit string; undefined when absent or malformed. */
export function rateLimitOf(text: string | undefined): RateLimit | undefined {
  if (text === undefined || text === '') return undefined;
  let out = RATE_LIMITS.get(text);
  if (out === undefined) {
    try {
      out = parseRateLimit(text);
    } catch {
      out = null;
    }
    // Bounded: tests that generate limits must not grow this without end.
    if (RATE_LIMITS.size >= 1000) RATE_LIMITS.clear();
    RATE_LIMITS.set(text, out);
  }
  return out ?? undefined;
}

/** `rx/tx` limits of a rate-limit or max-limit string; undefined when absent or malformed. */
export function limitOf(text: string | undefined): Rates | undefined {
  return rateLimitOf(text);
}

/** Mean rates stored on a row that follows a session (`_rx`/`_tx`). */
export function storedRates(item: Item): Rates | undefined {
  const rx = item['_rx'];
  const tx = item['_tx'];
  return rx === undefined || tx === undefined ? undefined : { rx: Number(rx), tx: Number(tx) };
}

/** What the telemetry needs from the router it belongs to. */
export interface TelemetryHost {
  now(): number;
  bootTime(): number;
  /** Rate-limit of the hotspot profile of `user`, if any. */
  hotspotRateLimit(user: string): string | undefined;
}

/** Typical packet sizes, so packet counters follow byte counters. */
const RX_PACKET = 700;
const TX_PACKET = 1200;

/** Counters of one router: meters per row, counter width, and the fields they print. */
export class Telemetry {
  readonly #host: TelemetryHost;
  readonly #modulus: bigint;
  /** Replaced on reboot: every counter then starts again from the boot time. */
  #meters = new WeakMap<Item, Meter>();

  constructor(host: TelemetryHost, counterBits: 32 | 64) {
    this.#host = host;
    this.#modulus = 1n << BigInt(counterBits);
  }

  /** Forgets every counter (a reboot). */
  clear(): void {
    this.#meters = new WeakMap();
  }

  /** When a row's counters and uptime start: its creation, or the boot if later. */
  origin(item: Item): number {
    const since = Number(item['_since'] ?? this.#host.bootTime());
    return Math.max(since, this.#host.bootTime());
  }

  #base(path: string, item: Item): Rates {
    if (item['disabled'] === 'true') return NO_TRAFFIC;
    const stored = storedRates(item);
    if (stored) return stored;
    switch (path) {
      case '/interface':
        return item['running'] === 'true' ? portRates(item['name'] ?? '') : NO_TRAFFIC;
      case '/queue/simple':
        return subscriberRates(item['name'] ?? '', limitOf(item['max-limit']));
      case '/ip/hotspot/active': {
        const user = item['user'] ?? '';
        return subscriberRates(user, limitOf(this.#host.hotspotRateLimit(user)));
      }
      default:
        return NO_TRAFFIC;
    }
  }

  /** The meter of a counter row, created on first use. */
  meter(path: string, item: Item): Meter {
    let m = this.#meters.get(item);
    if (!m) {
      // A session's queue and interface share a key, so their traffic moves together.
      const key = item['_key'] ?? `${path}\u0000${item['name'] ?? item['user'] ?? ''}`;
      m = new Meter(this.origin(item), this.#base(path, item), phaseOf(key));
      this.#meters.set(item, m);
    }
    return m;
  }

  /** A row's settings changed: traffic follows the new limits from now on. */
  retune(path: string, item: Item): void {
    this.#meters.get(item)?.retune(this.#host.now(), this.#base(path, item));
  }

  #wrap(n: bigint): string {
    return String(n % this.#modulus);
  }

  /** Computed properties of an item of `path`. */
  fields(path: string, item: Item): Item {
    const now = this.#host.now();
    switch (path) {
      case '/ppp/active':
        return { uptime: formatDuration((now - this.origin(item)) / 1000) };
      case '/ip/hotspot/active': {
        const m = this.meter(path, item);
        const b = m.bytes(now);
        return {
          uptime: formatDuration((now - this.origin(item)) / 1000),
          'bytes-in': String(b.rx),
          'bytes-out': String(b.tx),
          'packets-in': String(b.rx / BigInt(RX_PACKET)),
          'packets-out': String(b.tx / BigInt(TX_PACKET)),
        };
      }
      case '/ip/firewall/address-list':
        return {
          'creation-time': new Date(Number(item['_since'] ?? this.#host.bootTime()))
            .toISOString()
            .slice(0, 19)
            .replace('T', ' '),
        };
      case '/queue/simple': {
        const m = this.meter(path, item);
        const b = m.bytes(now);
        const r = m.rate(now);
        return {
          rate: `${Math.round(r.rx)}/${Math.round(r.tx)}`,
          bytes: `${this.#wrap(b.rx)}/${this.#wrap(b.tx)}`,
          packets: `${this.#wrap(b.rx / BigInt(RX_PACKET))}/${this.#wrap(b.tx / BigInt(TX_PACKET))}`,
        };
      }
      case '/interface': {
        const m = this.meter(path, item);
        const b = m.bytes(now);
        return {
          'rx-byte': this.#wrap(b.rx),
          'tx-byte': this.#wrap(b.tx),
          'rx-packet': this.#wrap(b.rx / BigInt(RX_PACKET)),
          'tx-packet': this.#wrap(b.tx / BigInt(TX_PACKET)),
        };
      }
      default:
        return {};
    }
  }

  /** One `/interface/monitor-traffic` row for an interface row. */
  trafficSample(item: Item): Item {
    const r = this.meter('/interface', item).rate(this.#host.now());
    return {
      name: item['name'] ?? '',
      'rx-packets-per-second': String(Math.round(r.rx / 8 / RX_PACKET)),
      'rx-bits-per-second': String(Math.round(r.rx)),
      'tx-packets-per-second': String(Math.round(r.tx / 8 / TX_PACKET)),
      'tx-bits-per-second': String(Math.round(r.tx)),
    };
  }
}

/** `/system/resource` row of a mid-range router. */
export function resourceRow(
  version: string,
  identity: string,
  bootTime: number,
  now: number,
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

/** Sensor values a test can pin (e.g. an overheating router); unset ones follow the wave. */
export interface HealthOverrides {
  voltage?: number | undefined;
  temperature?: number | undefined;
  cpuTemperature?: number | undefined;
}

/**
 * `/system/health` rows. RouterOS v7 prints one row per sensor (`name`, `value`, `type`);
 * v6 prints a single row with one property per sensor. Values drift slowly around a board's
 * typical readings, differently per router identity.
 */
export function healthRows(
  version: SimVersion,
  identity: string,
  now: number,
  overrides: HealthOverrides = {},
): Item[] {
  const h = hash32(identity);
  const voltage = overrides.voltage ?? 24.1 + 0.2 * Math.sin(now / 600_000 + (h % 11));
  const temperature =
    overrides.temperature ?? 41 + (h % 5) + 3 * Math.sin(now / 900_000 + (h % 13));
  const cpuTemperature = overrides.cpuTemperature ?? temperature + 6 + 2 * Math.sin(now / 60_000);
  const v = voltage.toFixed(1);
  const t = String(Math.round(temperature));
  if (version.major < 7) return [{ voltage: v, temperature: t }];
  return [
    { '.id': '*D', name: 'voltage', value: v, type: 'V' },
    { '.id': '*E', name: 'temperature', value: t, type: 'C' },
    { '.id': '*F', name: 'cpu-temperature', value: String(Math.round(cpuTemperature)), type: 'C' },
  ];
}
