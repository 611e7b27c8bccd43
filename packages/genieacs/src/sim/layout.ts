/**
 * The shape of a device's parameter tree, separate from its values: devices of one model with
 * the same instances share one layout, so a 50,000-device fleet stores per device only an
 * array of values and one of timestamps.
 */

export interface LayoutEntry {
  /** Dotted path without a trailing dot. */
  readonly path: string;
  readonly segments: readonly string[];
  readonly object: boolean;
  /** xsd type of a leaf; '' for objects. */
  readonly type: string;
  readonly writable: boolean;
  /** Reads back as '' from the device (passwords). */
  readonly secret: boolean;
}

/** One entry of a projection plan: the whole node, or one attribute of it. */
export interface PlannedNode {
  readonly index: number;
  readonly attribute?: string;
}

export function makeEntry(
  path: string,
  object: boolean,
  type: string,
  writable: boolean,
  secret = false,
): LayoutEntry {
  return { path, segments: path.split('.'), object, type, writable, secret };
}

export class Layout {
  readonly entries: readonly LayoutEntry[];
  readonly #index = new Map<string, number>();
  readonly #plans = new Map<string, readonly PlannedNode[]>();

  constructor(entries: readonly LayoutEntry[]) {
    this.entries = entries;
    entries.forEach((e, i) => this.#index.set(e.path, i));
  }

  indexOf(path: string): number | undefined {
    return this.#index.get(path);
  }

  entry(path: string): LayoutEntry | undefined {
    const i = this.#index.get(path);
    return i === undefined ? undefined : this.entries[i];
  }

  /** Indices of the node at `path` and everything under it (`''` = the whole tree). */
  subtree(path: string): number[] {
    const out: number[] = [];
    const prefix = `${path}.`;
    this.entries.forEach((e, i) => {
      if (path === '' || e.path === path || e.path.startsWith(prefix)) out.push(i);
    });
    return out;
  }

  /** Instance numbers directly under a multi-instance object. */
  instances(path: string): number[] {
    const depth = path.split('.').length;
    const prefix = `${path}.`;
    const out: number[] = [];
    for (const e of this.entries) {
      if (e.object && e.segments.length === depth + 1 && e.path.startsWith(prefix)) {
        const last = e.segments[depth] ?? '';
        if (/^\d+$/.test(last)) out.push(Number(last));
      }
    }
    return out;
  }

  /**
   * Which nodes a projection selects: a path selects its node and everything under it; a
   * path ending in an attribute (`...UpTime._value`) selects just that attribute. Cached per
   * layout, so paging a fleet with one projection plans it once per layout.
   */
  plan(projection: readonly string[]): readonly PlannedNode[] {
    const key = projection.join(',');
    const cached = this.#plans.get(key);
    if (cached) return cached;
    const chosen = new Map<number, Set<string> | null>();
    for (const p of projection) {
      const prefix = `${p}.`;
      this.entries.forEach((e, i) => {
        if (e.path === p || e.path.startsWith(prefix)) chosen.set(i, null);
      });
      const dot = p.lastIndexOf('.');
      const attribute = p.slice(dot + 1);
      if (dot > 0 && attribute.startsWith('_')) {
        const i = this.#index.get(p.slice(0, dot));
        if (i !== undefined && chosen.get(i) !== null) {
          const set = chosen.get(i) ?? new Set<string>();
          set.add(attribute);
          chosen.set(i, set);
        }
      }
    }
    const plan: PlannedNode[] = [];
    for (const [index, attrs] of [...chosen].sort((a, b) => a[0] - b[0])) {
      if (attrs === null) plan.push({ index });
      else for (const attribute of attrs) plan.push({ index, attribute });
    }
    this.#plans.set(key, plan);
    return plan;
  }
}

/** Interns layouts by a structure key, so identical trees share one object. */
export class LayoutCache {
  readonly #layouts = new Map<string, Layout>();

  get(key: string): Layout | undefined {
    return this.#layouts.get(key);
  }

  intern(key: string, entries: readonly LayoutEntry[]): Layout {
    const existing = this.#layouts.get(key);
    if (existing) return existing;
    const layout = new Layout(entries);
    this.#layouts.set(key, layout);
    return layout;
  }
}
