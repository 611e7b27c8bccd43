/**
 * One simulated CPE: its identity, GenieACS's bookkeeping (`_lastInform`...), and its
 * parameter values laid out along a shared {@link Layout}.
 */
import type { Layout, LayoutEntry } from './layout.ts';
import { Layout as LayoutClass } from './layout.ts';

export type SimValue = string | number | boolean;

export interface SimIdentity {
  readonly manufacturer: string;
  readonly oui: string;
  readonly productClass: string;
  readonly serial: string;
}

/** A fault a test asked the next task to fail with. */
export interface SimFaultSpec {
  readonly code?: string;
  readonly message?: string;
  readonly detail?: unknown;
}

export interface SimDeviceInit {
  readonly id: string;
  readonly identity: SimIdentity;
  readonly modelId: string;
  readonly layout: Layout;
  readonly values: (SimValue | undefined)[];
  readonly stamp: number;
  readonly registered: number;
  readonly lastInform: number;
  readonly bootAt: number;
  readonly online: boolean;
  readonly tags?: readonly string[];
}

export class SimDevice {
  readonly id: string;
  readonly identity: SimIdentity;
  readonly modelId: string;
  layout: Layout;
  values: (SimValue | undefined)[];
  stamps: Float64Array;
  readonly initialLayout: Layout;
  readonly initialValues: readonly (SimValue | undefined)[];
  registered: number;
  lastInform: number;
  lastBoot: number;
  lastBootstrap: number;
  bootAt: number;
  tags: string[] | undefined;
  online: boolean;
  /** Online but its connection requests fail (e.g. behind NAT): tasks wait for an inform. */
  reachable = true;
  /** What was last written to parameters that read back empty, by path. */
  secrets: Map<string, string> | undefined;
  pendingFault: SimFaultSpec | undefined;
  /** Position in the store's inform index. */
  informSlot = -1;

  constructor(init: SimDeviceInit) {
    this.id = init.id;
    this.identity = init.identity;
    this.modelId = init.modelId;
    this.layout = init.layout;
    this.values = init.values;
    this.stamps = new Float64Array(init.values.length).fill(init.stamp);
    this.initialLayout = init.layout;
    this.initialValues = init.values.slice();
    this.registered = init.registered;
    this.lastInform = init.lastInform;
    this.bootAt = init.bootAt;
    this.lastBoot = init.bootAt;
    this.lastBootstrap = init.registered;
    this.online = init.online;
    this.tags = init.tags === undefined || init.tags.length === 0 ? undefined : [...init.tags];
  }

  /** Value of the leaf at `path` as the ACS shows it. */
  value(path: string): SimValue | undefined {
    const i = this.layout.indexOf(path);
    return i === undefined ? undefined : this.values[i];
  }

  /** Seconds since the last boot at `now`. */
  uptime(now: number): number {
    return Math.max(0, Math.floor((now - this.bootAt) / 1000));
  }

  /** Replaces the tree shape, keeping values and timestamps of paths that remain. */
  restructure(
    entries: readonly LayoutEntry[],
    added: ReadonlyMap<string, SimValue>,
    now: number,
  ): void {
    const old = this.layout;
    const values: (SimValue | undefined)[] = [];
    const stamps = new Float64Array(entries.length);
    entries.forEach((e, i) => {
      const j = old.indexOf(e.path);
      if (j === undefined) {
        values.push(added.get(e.path));
        stamps[i] = now;
      } else {
        values.push(this.values[j]);
        stamps[i] = this.stamps[j] ?? now;
      }
    });
    this.layout = new LayoutClass(entries);
    this.values = values;
    this.stamps = stamps;
  }

  /** Back to the generated state, as after a factory reset. */
  reset(now: number): void {
    this.layout = this.initialLayout;
    this.values = this.initialValues.slice();
    this.stamps = new Float64Array(this.values.length).fill(now);
    this.secrets = undefined;
  }
}
