/**
 * Collects a device's tree in document order. The first device of a structure records the
 * layout entries; later devices with the same structure key only record values, which is why
 * every object must be declared explicitly (checked while recording).
 */
import type { SimValue } from './device.ts';
import { makeEntry } from './layout.ts';
import type { LayoutEntry } from './layout.ts';

export class TreeBuilder {
  readonly entries: LayoutEntry[] = [];
  readonly values: (SimValue | undefined)[] = [];
  readonly #recording: boolean;
  readonly #seen = new Set<string>();

  /** `recording` false: the layout is known, only values are collected. */
  constructor(recording: boolean) {
    this.#recording = recording;
  }

  /** An object node; `writable` on a multi-instance object means AddObject is allowed. */
  object(path: string, writable = false): this {
    if (this.#recording) this.#record(makeEntry(path, true, '', writable));
    this.values.push(undefined);
    return this;
  }

  leaf(path: string, type: string, value: SimValue, writable = false, secret = false): this {
    if (this.#recording) this.#record(makeEntry(path, false, type, writable, secret));
    this.values.push(value);
    return this;
  }

  #record(entry: LayoutEntry): void {
    const dot = entry.path.lastIndexOf('.');
    if (dot > 0 && !this.#seen.has(entry.path.slice(0, dot)))
      throw new Error(`model bug: ${entry.path} declared before its parent object`);
    if (this.#seen.has(entry.path)) throw new Error(`model bug: ${entry.path} declared twice`);
    this.#seen.add(entry.path);
    this.entries.push(entry);
  }
}
