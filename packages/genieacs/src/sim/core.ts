/**
 * The simulator's state and the controls tests use on it: devices, tasks, scripts, periodic
 * informs, and the knobs (online, reachable, forced faults, touched devices).
 */
import type { SimDevice, SimFaultSpec } from './device.ts';
import { coerce, refreshUptime } from './effects.ts';
import { TaskEngine } from './engine.ts';
import type { SimStats } from './engine.ts';
import { DeviceFactory, generateFleet } from './fleet.ts';
import type { SimDeviceSpec } from './fleet.ts';
import { hash32, mulberry32 } from './random.ts';
import { renderDevice } from './render.ts';
import { DeviceStore } from './store.ts';

export interface CoreOptions {
  readonly deviceCount: number;
  readonly seed: number;
  readonly devices: readonly SimDeviceSpec[];
  readonly onlineRatio: number | undefined;
  readonly virtualParameterRatio: number | undefined;
  readonly escapingSerialRatio: number | undefined;
  readonly informIntervalMs: number;
  readonly sessionLatencyMs: number;
  readonly deviceOnlineThresholdMs: number;
  readonly faultRetryDelayMs: number;
}

/** What a test can see of one device beyond its NBI document. */
export interface SimDeviceState {
  readonly id: string;
  readonly model: string;
  readonly online: boolean;
  readonly reachable: boolean;
  /** Values last written to write-only parameters (passwords), by path. */
  readonly secrets: Readonly<Record<string, string>>;
  readonly queuedTasks: number;
  readonly document: Record<string, unknown>;
}

/** A control call named something that does not exist (HTTP 404 on the control API). */
export class UnknownTarget extends Error {
  override name = 'UnknownTarget';
}

const RX_PATHS = [
  'InternetGatewayDevice.WANDevice.1.X_GponInterafceConfig.RXPower',
  'InternetGatewayDevice.WANDevice.1.X_ZTE-COM_WANPONInterfaceConfig.RXPower',
  'Device.Optical.Interface.1.OpticalSignalLevel',
  'VirtualParameters.RXPower',
];

export class SimCore {
  readonly store = new DeviceStore();
  readonly factory = new DeviceFactory();
  readonly engine: TaskEngine;
  readonly presets = new Map<string, Record<string, unknown>>();
  readonly provisions = new Map<string, string>();
  readonly virtualParameters = new Map<string, string>();
  readonly options: CoreOptions;
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #waiters = new Set<() => void>();
  readonly #random: () => number;
  #added = 0;
  #closed = false;

  constructor(options: CoreOptions) {
    this.options = options;
    this.engine = new TaskEngine(this.store, {
      faultRetryDelayMs: options.faultRetryDelayMs,
      now: () => Date.now(),
    });
    this.#random = mulberry32(hash32(`touch:${options.seed}`));
    const now = Date.now();
    const fleet = generateFleet(this.factory, {
      count: options.deviceCount,
      seed: options.seed,
      now,
      ...(options.onlineRatio === undefined ? {} : { onlineRatio: options.onlineRatio }),
      ...(options.virtualParameterRatio === undefined
        ? {}
        : { virtualParameterRatio: options.virtualParameterRatio }),
      ...(options.escapingSerialRatio === undefined
        ? {}
        : { escapingSerialRatio: options.escapingSerialRatio }),
      informIntervalMs: options.informIntervalMs,
    });
    const explicit = options.devices.map((spec) =>
      this.factory.fromSpec(spec, options.seed, now, this.#added++),
    );
    this.store.addAll([...fleet, ...explicit]);
    if (options.informIntervalMs > 0) {
      const every = Math.max(10, Math.min(1000, Math.floor(options.informIntervalMs / 4)));
      const timer = setInterval(() => this.#periodicInforms(), every);
      this.#timers.add(timer);
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves after `ms`, or at once when the simulator closes. */
  delay(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#timers.delete(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#timers.add(timer);
      this.#waiters.add(done);
    });
  }

  /** Runs `fn` after `ms` unless the simulator closed first. */
  later(ms: number, fn: () => void): void {
    void this.delay(ms).then(() => {
      if (!this.#closed) fn();
    });
  }

  device(id: string): SimDevice {
    const d = this.store.get(id);
    if (!d) throw new UnknownTarget(`no device ${id}`);
    return d;
  }

  addDevice(spec: SimDeviceSpec): string {
    const d = this.factory.fromSpec(spec, this.options.seed, Date.now(), this.#added++);
    if (this.store.has(d.id)) throw new RangeError(`device ${d.id} exists`);
    this.store.add(d);
    return d.id;
  }

  removeDevice(id: string): void {
    this.store.remove(id);
    this.engine.forgetDevice(id);
  }

  setOnline(id: string, online: boolean): void {
    this.device(id).online = online;
  }

  setReachable(id: string, reachable: boolean): void {
    this.device(id).reachable = reachable;
  }

  /** The device informs now (whatever its online flag) and runs its queued tasks. */
  inform(id: string): void {
    this.engine.session(this.device(id));
  }

  /** Every online device informs; returns how many did. */
  informAll(): number {
    let n = 0;
    for (const d of [...this.store.all()]) {
      if (!d.online) continue;
      this.engine.session(d);
      n++;
    }
    return n;
  }

  /** Changes a value as if the device reported it in an inform (bumps `_lastInform`). */
  setParam(id: string, path: string, value: unknown): void {
    const d = this.device(id);
    const i = d.layout.indexOf(path);
    const entry = i === undefined ? undefined : d.layout.entries[i];
    if (i === undefined || !entry || entry.object)
      throw new UnknownTarget(`no parameter ${path} on ${id}`);
    const v = coerce(entry, value, undefined);
    if (!v.ok) throw new RangeError(`not a valid ${entry.type} value`);
    const now = Date.now();
    d.values[i] = v.value;
    d.stamps[i] = now;
    this.store.setLastInform(d, now);
  }

  /**
   * A random share of devices informs with small changes (uptime, RX power): what an
   * incremental sync has to pick up. Returns their ids.
   */
  touch(fraction: number): string[] {
    const ids = [...this.store.sortedIds()];
    const k = Math.round(Math.min(1, Math.max(0, fraction)) * ids.length);
    const now = Date.now();
    const picked: string[] = [];
    for (let n = 0; n < k; n++) {
      const j = n + Math.floor(this.#random() * (ids.length - n));
      [ids[n], ids[j]] = [ids[j] ?? '', ids[n] ?? ''];
      const d = this.store.get(ids[n] ?? '');
      if (!d) continue;
      this.#jitterRxPower(d, now);
      refreshUptime(d, now);
      this.store.setLastInform(d, now);
      picked.push(d.id);
    }
    return picked;
  }

  failNextTask(id: string, fault: SimFaultSpec = {}): void {
    this.device(id).pendingFault = fault;
  }

  state(id: string): SimDeviceState {
    const d = this.device(id);
    return {
      id: d.id,
      model: d.modelId,
      online: d.online,
      reachable: d.reachable,
      secrets: Object.fromEntries(d.secrets ?? []),
      queuedTasks: this.engine.tasksOf(id).length,
      document: JSON.parse(JSON.stringify(renderDevice(d))) as Record<string, unknown>,
    };
  }

  stats(): SimStats {
    return { ...this.engine.stats };
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    for (const w of [...this.#waiters]) w();
  }

  #jitterRxPower(d: SimDevice, now: number): void {
    const delta = Math.round((this.#random() - 0.5) * 60) / 100;
    for (const path of RX_PATHS) {
      const i = d.layout.indexOf(path);
      if (i === undefined) continue;
      const v = d.values[i];
      if (path.includes('ZTE'))
        d.values[i] = Math.max(1, Math.round(Number(v) * 10 ** (delta / 10)));
      else if (path.startsWith('Device.')) d.values[i] = Number(v) + Math.round(delta * 1000);
      else d.values[i] = (Number.parseFloat(String(v)) + delta).toFixed(2);
      d.stamps[i] = now;
    }
  }

  #periodicInforms(): void {
    const now = Date.now();
    for (const d of this.store.informedUntil(now - this.options.informIntervalMs)) {
      if (d.online) this.engine.session(d);
    }
  }
}
