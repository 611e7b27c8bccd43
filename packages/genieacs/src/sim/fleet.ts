/**
 * Deterministic fleet generation: the same seed gives the same devices (times are relative to
 * the start), and explicit specs let tests and the demo create devices matching their
 * customers.
 */
import { buildDeviceId } from '../device-id.ts';
import { TreeBuilder } from './builder.ts';
import { SimDevice } from './device.ts';
import { LayoutCache } from './layout.ts';
import { MODELS, buildTree, structureKey } from './models.ts';
import type { DeviceProfile, HostProfile, ModelDef, SimModelId } from './models.ts';
import { gaussian, hash32, hex, mulberry32, pick } from './random.ts';

/** A device a caller wants in the fleet; anything left out is generated from the serial. */
export interface SimDeviceSpec {
  readonly serial: string;
  /** Default HG8245H. */
  readonly model?: SimModelId;
  readonly oui?: string;
  readonly productClass?: string;
  readonly manufacturer?: string;
  readonly pppoeUsername?: string;
  /** Default true. */
  readonly online?: boolean;
  readonly ssid?: string;
  /** Second band's SSID on dual-band models. */
  readonly ssid5?: string;
  readonly rxPowerDbm?: number;
  /** Number of LAN hosts (0..8). */
  readonly hosts?: number;
  /** Carries `VirtualParameters.RXPower` and `.pppoeUsername` (default true). */
  readonly virtualParameters?: boolean;
  readonly softwareVersion?: string;
  readonly tags?: readonly string[];
  /** Epoch ms of the last inform (default: now when online, a day ago when offline). */
  readonly lastInform?: number;
}

export interface FleetOptions {
  readonly count: number;
  readonly seed: number;
  readonly now: number;
  /** Share of generated devices that are online (default 0.9). */
  readonly onlineRatio?: number;
  /** Share carrying virtual parameters (default 0.5). */
  readonly virtualParameterRatio?: number;
  /** Share whose serials contain '-', '.', '%' or ' ' (default 0.02). */
  readonly escapingSerialRatio?: number;
  /** Online devices informed within this window before `now` (default 300 s). */
  readonly informIntervalMs?: number;
}

const MIX: readonly (readonly [SimModelId, number])[] = [
  ['HG8245H', 0.25],
  ['HG8145V5', 0.2],
  ['F660', 0.2],
  ['F670L', 0.2],
  ['G-2425G-A', 0.15],
];

const HOST_NAMES = [
  'android-phone',
  'iPhone',
  'LAPTOP-KELUARGA',
  'smart-tv',
  'DESKTOP-KANTOR',
  'tablet',
];
const DAY = 86_400_000;

function chooseModel(r: number): ModelDef {
  let acc = 0;
  for (const [id, share] of MIX) {
    acc += share;
    if (r < acc) return MODELS[id];
  }
  return MODELS['G-2425G-A'];
}

function wanIp(i: number): string {
  return `100.${64 + (Math.floor(i / (254 * 256)) % 64)}.${Math.floor(i / 254) % 256}.${(i % 254) + 1}`;
}

function hosts(random: () => number, count: number): HostProfile[] {
  return Array.from({ length: count }, (_, j) => ({
    name: `${pick(random, HOST_NAMES)}-${j + 1}`,
    ip: `192.168.1.${100 + j}`,
    mac: Array.from({ length: 6 }, (_k, n) =>
      hex(n === 0 ? Math.floor(random() * 64) * 4 : Math.floor(random() * 256), 2),
    ).join(':'),
    active: random() < 0.7,
  }));
}

function rxPower(random: () => number): number {
  // Most links sit near -20 dBm; a few are failing (below -27 dBm).
  const dbm = random() < 0.03 ? -27 - random() * 3 : -20 + gaussian(random) * 2.5;
  return Math.round(Math.min(-12, Math.max(-30, dbm)) * 100) / 100;
}

export interface DeviceTimes {
  readonly registered: number;
  readonly lastInform: number;
  readonly bootAt: number;
  readonly online: boolean;
  readonly tags?: readonly string[];
}

/** Builds devices from profiles, sharing layouts between identical trees. */
export class DeviceFactory {
  readonly #layouts = new LayoutCache();

  create(p: DeviceProfile, t: DeviceTimes): SimDevice {
    const key = structureKey(p);
    const known = this.#layouts.get(key);
    const b = new TreeBuilder(known === undefined);
    buildTree(b, p);
    const layout = known ?? this.#layouts.intern(key, b.entries);
    if (b.values.length !== layout.entries.length)
      throw new Error(`model bug: ${key} is not stable`);
    const { oui, productClass, serial } = p.identity;
    return new SimDevice({
      id: buildDeviceId(oui, productClass, serial),
      identity: p.identity,
      modelId: p.model.id,
      layout,
      values: b.values,
      stamp: t.lastInform,
      registered: t.registered,
      lastInform: t.lastInform,
      bootAt: t.bootAt,
      online: t.online,
      ...(t.tags === undefined ? {} : { tags: t.tags }),
    });
  }

  /** A device from an explicit spec; `seed` varies what the spec leaves out. */
  fromSpec(spec: SimDeviceSpec, seed: number, now: number, index: number): SimDevice {
    const random = mulberry32(hash32(spec.serial) ^ seed);
    const model = MODELS[spec.model ?? 'HG8245H'];
    if (model === undefined) throw new RangeError(`unknown model '${String(spec.model)}'`);
    const online = spec.online ?? true;
    const uptime = Math.floor(random() * 7 * 86_400);
    const lastInform = spec.lastInform ?? (online ? now : now - DAY);
    const ssid = spec.ssid ?? `${model.ssidPrefix}-${hex(hash32(spec.serial), 4)}`;
    const hostCount = Math.max(0, Math.min(8, Math.floor(spec.hosts ?? 2)));
    const profile: DeviceProfile = {
      model,
      identity: {
        manufacturer: spec.manufacturer ?? model.manufacturer,
        oui: spec.oui ?? model.oui,
        productClass: spec.productClass ?? model.productClass,
        serial: spec.serial,
      },
      softwareVersion: spec.softwareVersion ?? pick(random, model.softwareVersions),
      pppoeUsername: spec.pppoeUsername ?? '',
      wanIp: wanIp(index + 50_000),
      ssid,
      ssid5: spec.ssid5 ?? `${ssid}-5G`,
      rxPowerDbm: spec.rxPowerDbm ?? rxPower(random),
      txPowerDbm: 2.31,
      hosts: hosts(random, hostCount),
      virtualParameters: spec.virtualParameters ?? true,
      connected: online,
      uptime,
    };
    return this.create(profile, {
      registered: lastInform - 90 * DAY,
      lastInform,
      bootAt: lastInform - uptime * 1000,
      online,
      ...(spec.tags === undefined ? {} : { tags: spec.tags }),
    });
  }
}

/** `count` devices across vendors and both data models. */
export function generateFleet(factory: DeviceFactory, o: FleetOptions): SimDevice[] {
  const random = mulberry32(o.seed);
  const salt = hash32(`fleet:${o.seed}`);
  const interval =
    o.informIntervalMs !== undefined && o.informIntervalMs > 0 ? o.informIntervalMs : 300_000;
  const out: SimDevice[] = [];
  for (let i = 0; i < o.count; i++) {
    const model = chooseModel(random());
    // Multiplying by an odd constant and xor-ing a salt is a bijection: serials never collide.
    const n = (Math.imul(i + 1, 0x9e3779b1) ^ salt) >>> 0;
    let serialTail = hex(n, 8);
    if (random() < (o.escapingSerialRatio ?? 0.02)) {
      serialTail = `${serialTail.slice(0, 4)}${pick(random, ['-', '.', '%', ' '])}${serialTail.slice(4)}`;
    }
    const online = random() < (o.onlineRatio ?? 0.9);
    const uptime = Math.floor(random() * 30 * 86_400);
    const lastInform = online
      ? o.now - Math.floor(random() * interval)
      : o.now - 3_600_000 - Math.floor(random() * 30 * DAY);
    const ssid = `${model.ssidPrefix}-${hex(n, 4)}`;
    const profile: DeviceProfile = {
      model,
      identity: {
        manufacturer: model.manufacturer,
        oui: model.oui,
        productClass: model.productClass,
        serial: `${model.serialPrefix}${serialTail}`,
      },
      softwareVersion: pick(random, model.softwareVersions),
      pppoeUsername: `cust${String(i + 1).padStart(6, '0')}`,
      wanIp: wanIp(i),
      ssid,
      ssid5: `${ssid}-5G`,
      rxPowerDbm: rxPower(random),
      txPowerDbm: Math.round((1.8 + random() * 0.9) * 100) / 100,
      hosts: hosts(random, Math.floor(random() * 5)),
      virtualParameters: random() < (o.virtualParameterRatio ?? 0.5),
      connected: online,
      uptime,
    };
    out.push(
      factory.create(profile, {
        registered: o.now - Math.floor((30 + random() * 700) * DAY),
        lastInform,
        bootAt: lastInform - uptime * 1000,
        online,
      }),
    );
  }
  return out;
}
