/** In-memory tables: `.id` allocation and change listeners, no menu semantics. */

/** A stored item. Keys starting with `_` are internal and never printed. */
export type Item = Record<string, string>;

/** Change notification for `listen`. */
export interface Change {
  readonly item: Item;
  readonly dead: boolean;
}

/** Formats an internal id number the way RouterOS prints it. */
export function formatId(n: number): string {
  return `*${n.toString(16).toUpperCase()}`;
}

/** Ordered items of one menu plus listeners. */
export class Table {
  readonly path: string;
  readonly items = new Map<string, Item>();
  readonly listeners = new Set<(change: Change) => void>();
  readonly #uniqueKeys: readonly string[] | undefined;
  /** Unique-key value -> id, so duplicate checks stay O(1) with thousands of items. */
  readonly #unique = new Map<string, string>();
  #nextId: number;

  constructor(path: string, firstId = 1, uniqueKeys?: readonly string[]) {
    this.path = path;
    this.#nextId = firstId;
    this.#uniqueKeys = uniqueKeys;
  }

  /** Index key of an item's unique fields, or undefined for menus without one. */
  uniqueKey(item: Readonly<Item>): string | undefined {
    const keys = this.#uniqueKeys;
    if (keys === undefined) return undefined;
    // Most menus are unique by name alone; skip the array for them (seeding calls this a lot).
    if (keys.length === 1) return item[keys[0] as string] ?? '';
    return keys.map((k) => item[k] ?? '').join('\u0000');
  }

  /** Id of the item holding this unique key, if any. */
  findUnique(key: string): string | undefined {
    return this.#unique.get(key);
  }

  /** Replaces an item's fields, keeping the unique index in step. */
  update(item: Item, values: Readonly<Item>): void {
    const before = this.uniqueKey(item);
    Object.assign(item, values);
    const after = this.uniqueKey(item);
    if (before !== after) {
      if (before !== undefined) this.#unique.delete(before);
      if (after !== undefined) this.#unique.set(after, item['.id'] as string);
    }
    this.notify(item, false);
  }

  /** Inserts with the next `*HEX` id (ids are never reused, as on a router). */
  insert(fields: Item, id?: string): Item {
    const item: Item = { '.id': id ?? formatId(this.#nextId++), ...fields };
    this.items.set(item['.id'] as string, item);
    const key = this.uniqueKey(item);
    if (key !== undefined) this.#unique.set(key, item['.id'] as string);
    this.notify(item, false);
    return item;
  }

  delete(id: string): Item | undefined {
    const item = this.items.get(id);
    if (!item) return undefined;
    this.items.delete(id);
    const key = this.uniqueKey(item);
    if (key !== undefined && this.#unique.get(key) === id) this.#unique.delete(key);
    this.notify(item, true);
    return item;
  }

  notify(item: Item, dead: boolean): void {
    for (const l of this.listeners) l({ item, dead });
  }
}
