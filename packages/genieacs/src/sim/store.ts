/**
 * The devices collection with the two indexes the NBI's heavy queries need: `_id` (cursor
 * paging) and `_lastInform` (incremental sync: "changed since t" is a suffix of the index).
 */
import type { SimDevice } from './device.ts';

function lowerBound(sorted: readonly SimDevice[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid]?.id ?? '') < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function byId(a: SimDevice, b: SimDevice): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class DeviceStore {
  /** Insertion order is MongoDB's natural order. */
  readonly #byId = new Map<string, SimDevice>();
  /** Devices ordered by `_id`. */
  #sorted: SimDevice[] = [];
  #sortedDirty = false;
  /** Inform index: times ascending, with null tombstones for devices that informed again. */
  #times: number[] = [];
  #slots: (SimDevice | null)[] = [];
  #dead = 0;

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): SimDevice | undefined {
    return this.#byId.get(id);
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  all(): IterableIterator<SimDevice> {
    return this.#byId.values();
  }

  /** Adds many devices at once (one sort instead of one insertion each). */
  addAll(devices: readonly SimDevice[]): void {
    for (const d of devices) {
      if (this.#byId.has(d.id)) throw new RangeError(`duplicate device id ${d.id}`);
      this.#byId.set(d.id, d);
    }
    this.#sortedDirty = true;
    this.#rebuildInformIndex();
  }

  add(d: SimDevice): void {
    if (this.#byId.has(d.id)) throw new RangeError(`duplicate device id ${d.id}`);
    this.#byId.set(d.id, d);
    if (!this.#sortedDirty) this.#sorted.splice(lowerBound(this.#sorted, d.id), 0, d);
    this.#append(d);
  }

  remove(id: string): SimDevice | undefined {
    const d = this.#byId.get(id);
    if (!d) return undefined;
    this.#byId.delete(id);
    if (!this.#sortedDirty) {
      const i = lowerBound(this.#sorted, id);
      if (this.#sorted[i] === d) this.#sorted.splice(i, 1);
    }
    this.#kill(d);
    d.informSlot = -1;
    return d;
  }

  /** Records an inform (or any change that bumps `_lastInform`). */
  setLastInform(d: SimDevice, at: number): void {
    d.lastInform = at;
    if (!this.#byId.has(d.id)) return;
    this.#kill(d);
    this.#append(d);
  }

  /** Devices ordered by `_id`. */
  byId(): readonly SimDevice[] {
    if (this.#sortedDirty) {
      this.#sorted = [...this.#byId.values()].sort(byId);
      this.#sortedDirty = false;
    }
    return this.#sorted;
  }

  /** Device ids ascending. */
  sortedIds(): string[] {
    return this.byId().map((d) => d.id);
  }

  #idStart(id: string, inclusive: boolean): number {
    const sorted = this.byId();
    let i = lowerBound(sorted, id);
    if (!inclusive && sorted[i]?.id === id) i++;
    return i;
  }

  /** Devices with `_id` after (or from, when inclusive) `id`, ascending. */
  *idsFrom(id: string, inclusive: boolean): Generator<SimDevice> {
    const sorted = this.byId();
    for (let i = this.#idStart(id, inclusive); i < sorted.length; i++) yield sorted[i] as SimDevice;
  }

  /** How many devices {@link idsFrom} would yield. */
  countIdsFrom(id: string, inclusive: boolean): number {
    return this.byId().length - this.#idStart(id, inclusive);
  }

  /** Devices informed after (or at, when inclusive) `t`, oldest first. */
  *informedFrom(t: number, inclusive: boolean): Generator<SimDevice> {
    for (let i = this.#informStart(t, inclusive); i < this.#slots.length; i++) {
      const d = this.#slots[i];
      if (d) yield d;
    }
  }

  /** Upper bound of what {@link informedFrom} yields (tombstones included). */
  countInformedFrom(t: number, inclusive: boolean): number {
    return this.#slots.length - this.#informStart(t, inclusive);
  }

  /** Devices whose last inform is at or before `t`, oldest first (for the inform scheduler). */
  *informedUntil(t: number): Generator<SimDevice> {
    const end = this.#informStart(t, false);
    // Copy: informing a device moves it to the end while we iterate.
    const due = this.#slots.slice(0, end);
    for (const d of due) if (d && d.informSlot >= 0) yield d;
  }

  #informStart(t: number, inclusive: boolean): number {
    let lo = 0;
    let hi = this.#times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.#times[mid] ?? 0;
      if (inclusive ? v < t : v <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #append(d: SimDevice): void {
    const last = this.#times[this.#times.length - 1];
    if (last !== undefined && d.lastInform < last) {
      // Out of order (a caller set an old time): rebuilding keeps every lookup a binary search.
      this.#rebuildInformIndex();
      return;
    }
    d.informSlot = this.#slots.length;
    this.#times.push(d.lastInform);
    this.#slots.push(d);
    if (this.#dead > 1024 && this.#dead > this.#byId.size) this.#rebuildInformIndex();
  }

  #kill(d: SimDevice): void {
    if (d.informSlot >= 0 && this.#slots[d.informSlot] === d) {
      this.#slots[d.informSlot] = null;
      this.#dead++;
    }
  }

  #rebuildInformIndex(): void {
    const live = [...this.#byId.values()].sort((a, b) => a.lastInform - b.lastInform);
    this.#times = live.map((d) => d.lastInform);
    this.#slots = live;
    live.forEach((d, i) => {
      d.informSlot = i;
    });
    this.#dead = 0;
  }
}
