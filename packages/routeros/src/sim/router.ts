import type { Change, Item } from './model.ts';
import { Table } from './model.ts';
import type { MenuDef } from './menus.ts';
import { MENUS, MENU_BY_PATH } from './menus.ts';
import type { ValueCompare } from './query.ts';
import { compileQuery, defaultCompare, QueryError } from './query.ts';
import { PppSessions } from './sessions.ts';
import { computedFields, resourceRow, trafficSample } from './telemetry.ts';
import type { SimVersion } from './version.ts';
import { parseVersion } from './version.ts';

/** A `!trap` the simulated router answers with. */
export class SimTrap extends Error {
  readonly category: number | undefined;
  constructor(message: string, category?: number) {
    super(message);
    this.category = category;
  }
}

/** What a command produced. */
export type Outcome =
  | { readonly kind: 'done'; readonly rows: Item[]; readonly ret?: string }
  | {
      readonly kind: 'stream';
      readonly initial: Item[];
      /** Starts emitting; returns the stop function. */
      start(emit: (row: Item) => void): () => void;
    }
  | { readonly kind: 'reboot' };

/** Options of the simulated router's model. */
export interface SimRouterOptions {
  /** RouterOS version, e.g. `6.42.1`, `6.49.10`, `7.16`, `7.18` (default `7.18`). */
  readonly version?: string;
  /** `/system/identity` name (default `MikroTik`). */
  readonly identity?: string;
  /** Share of enabled PPP secrets that have an active session (0..1, default 1). */
  readonly activeRatio?: number;
  /** A kicked session reconnects after this long if its secret is still enabled (default 5 s). */
  readonly redialMs?: number;
}

const BOOL_TRUE = new Set(['true', 'yes']);
const BOOL_FALSE = new Set(['false', 'no']);

function splitCommand(command: string): [string, string] {
  const i = command.lastIndexOf('/');
  return [command.slice(0, i), command.slice(i + 1)];
}

/**
 * The router's state and command semantics, independent of transport: the API server and the
 * REST server both drive it.
 */
export class SimRouter {
  readonly version: SimVersion;
  identity: string;
  bootTime = Date.now();
  readonly tables = new Map<string, Table>();
  readonly #sessions: PppSessions;

  constructor(options: SimRouterOptions = {}) {
    this.version = parseVersion(options.version ?? '7.18');
    this.identity = options.identity ?? 'MikroTik';
    for (const def of MENUS) {
      this.tables.set(def.path, new Table(def.path, def.firstId ?? 1, def.unique?.keys));
    }
    this.#sessions = new PppSessions(this.#table('/ppp/secret'), this.#table('/ppp/active'), {
      activeRatio: options.activeRatio ?? 1,
      redialMs: options.redialMs ?? 5000,
    });
    this.#table('/ppp/profile').insert({ name: 'default', default: 'true' }, '*0');
    this.#table('/ppp/profile').insert(
      { name: 'default-encryption', default: 'true', 'use-encryption': 'yes' },
      '*FFFFFFFE',
    );
    this.#table('/ip/hotspot/user/profile').insert({ name: 'default', default: 'true' }, '*0');
    const ifaces = this.#table('/interface');
    for (let i = 1; i <= 5; i++) {
      ifaces.insert({
        name: `ether${i}`,
        type: 'ether',
        mtu: '1500',
        'mac-address': `48:8F:5A:00:00:0${i}`,
        running: i <= 2 ? 'true' : 'false',
        disabled: 'false',
      });
    }
  }

  /** Stops timers (session redials). */
  close(): void {
    this.#sessions.close();
  }

  /** Forgets sessions and uptime, as after a reboot. */
  reboot(): void {
    this.bootTime = Date.now();
    this.#sessions.restart();
  }

  #table(path: string): Table {
    const t = this.tables.get(path);
    if (!t) throw new SimTrap('no such command or directory', 0);
    return t;
  }

  /** Menu + verb dispatch; throws {@link SimTrap}. */
  execute(
    command: string,
    attrs: Readonly<Record<string, string>>,
    queries: readonly string[],
  ): Outcome {
    switch (command) {
      case '/system/resource/print':
        return {
          kind: 'done',
          rows: [
            this.#project(
              resourceRow(this.version.text, this.identity, this.bootTime),
              attrs['.proplist'],
            ),
          ],
        };
      case '/system/identity/print':
        return { kind: 'done', rows: [this.#project({ name: this.identity }, attrs['.proplist'])] };
      case '/system/identity/set':
        if (attrs['name'] !== undefined) this.identity = attrs['name'];
        return { kind: 'done', rows: [] };
      case '/system/reboot':
        return { kind: 'reboot' };
      case '/interface/monitor-traffic':
        return this.#monitorTraffic(attrs);
      default:
        break;
    }
    const [path, verb] = splitCommand(command);
    const def = MENU_BY_PATH.get(path);
    const table = this.tables.get(path);
    if (!def || !table) throw new SimTrap('no such command or directory', 0);
    switch (verb) {
      case 'print':
      case 'getall':
        return this.#print(def, table, attrs, queries);
      case 'add':
        if (def.add === false) throw new SimTrap('no such command or directory', 0);
        return { kind: 'done', rows: [], ret: this.add(def, table, attrs)['.id'] as string };
      case 'set':
        if (def.set === false) throw new SimTrap('no such command or directory', 0);
        for (const item of this.#resolve(def, table, attrs)) this.#set(def, table, item, attrs);
        return { kind: 'done', rows: [] };
      case 'remove':
        if (def.remove === false) throw new SimTrap('no such command or directory', 0);
        for (const item of this.#resolve(def, table, attrs)) this.#remove(table, item);
        return { kind: 'done', rows: [] };
      case 'enable':
      case 'disable':
        if (!('disabled' in def.fields)) throw new SimTrap('no such command or directory', 0);
        for (const item of this.#resolve(def, table, attrs)) {
          this.#set(def, table, item, { disabled: verb === 'disable' ? 'true' : 'false' }, true);
        }
        return { kind: 'done', rows: [] };
      case 'listen':
        return this.#listen(def, table);
      default:
        throw new SimTrap('no such command or directory', 0);
    }
  }

  /** Renders an item as printed: booleans per version, computed counters, no internals. */
  render(def: MenuDef, item: Item): Item {
    const out: Item = { '.id': item['.id'] as string };
    const computed = computedFields(def.path, item, this.bootTime);
    const [t, f] = this.version.boolWords;
    for (const [key, value] of Object.entries({ ...item, ...computed })) {
      if (key === '.id' || key.startsWith('_')) continue;
      out[key] = def.fields[key]?.bool ? (BOOL_TRUE.has(value) ? t : f) : value;
    }
    return out;
  }

  compareFor(def: MenuDef): ValueCompare {
    return (key, a, b) => {
      if (def.fields[key]?.bool) {
        const ab = BOOL_TRUE.has(a);
        const bb = BOOL_TRUE.has(b);
        return ab === bb ? 0 : ab ? 1 : -1;
      }
      return defaultCompare(key, a, b);
    };
  }

  #project(row: Item, proplist: string | undefined): Item {
    if (proplist === undefined) return row;
    const out: Item = {};
    for (const key of proplist.split(',')) {
      const v = row[key];
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  #print(
    def: MenuDef,
    table: Table,
    attrs: Readonly<Record<string, string>>,
    queries: readonly string[],
  ): Outcome {
    let match: (row: Item) => boolean;
    try {
      match = compileQuery(queries, this.compareFor(def));
    } catch (err) {
      if (err instanceof QueryError) throw new SimTrap(err.message, 1);
      throw err;
    }
    const rows: Item[] = [];
    for (const item of table.items.values()) {
      const row = this.render(def, item);
      if (match(row)) rows.push(row);
    }
    if ('count-only' in attrs) return { kind: 'done', rows: [], ret: String(rows.length) };
    const proplist = attrs['.proplist'];
    const projected = rows.map((r) => this.#project(r, proplist));
    if ('follow' in attrs || 'follow-only' in attrs) {
      const initial = 'follow-only' in attrs ? [] : projected;
      return {
        kind: 'stream',
        initial,
        start: (emit) => {
          const l = (c: Change): void => {
            const row = c.dead ? { '.id': c.item['.id'] as string } : this.render(def, c.item);
            if (!c.dead && !match(row)) return;
            emit(c.dead ? { ...row, '.dead': 'true' } : this.#project(row, proplist));
          };
          table.listeners.add(l);
          return () => table.listeners.delete(l);
        },
      };
    }
    return { kind: 'done', rows: projected };
  }

  #listen(def: MenuDef, table: Table): Outcome {
    return {
      kind: 'stream',
      initial: [],
      start: (emit) => {
        const l = (c: Change): void => {
          emit(
            c.dead ? { '.id': c.item['.id'] as string, '.dead': 'true' } : this.render(def, c.item),
          );
        };
        table.listeners.add(l);
        return () => table.listeners.delete(l);
      },
    };
  }

  #checkValues(def: MenuDef, values: Readonly<Record<string, string>>, internal: boolean): Item {
    const out: Item = {};
    for (const [key, value] of Object.entries(values)) {
      if (key === '.id' || key === 'numbers' || key === '.proplist') continue;
      const f = def.fields[key];
      if (!f || (f.readOnly && !internal)) throw new SimTrap(`unknown parameter ${key}`, 1);
      if (f.bool) {
        if (BOOL_TRUE.has(value)) out[key] = 'true';
        else if (BOOL_FALSE.has(value)) out[key] = 'false';
        else throw new SimTrap(`input does not match any value of ${key}`, 1);
        continue;
      }
      if (f.ref && !(f.ref.allow ?? []).includes(value)) {
        const ref = this.#table(f.ref.menu);
        let found = false;
        for (const it of ref.items.values()) {
          if (it['name'] === value) {
            found = true;
            break;
          }
        }
        if (!found) throw new SimTrap(f.ref.message, 1);
      }
      out[key] = value;
    }
    return out;
  }

  #checkUnique(def: MenuDef, table: Table, candidate: Item, selfId?: string): void {
    if (!def.unique) return;
    const key = table.uniqueKey(candidate);
    const holder = key === undefined ? undefined : table.findUnique(key);
    if (holder !== undefined && holder !== selfId) throw new SimTrap(def.unique.message, 1);
  }

  /** Adds an item with full validation; used by `add` and by seeding. */
  add(def: MenuDef, table: Table, attrs: Readonly<Record<string, string>>, internal = false): Item {
    const values = this.#checkValues(def, attrs, internal);
    const item: Item = {};
    // Field order of the definition is the order a router prints them in.
    for (const [key, f] of Object.entries(def.fields)) {
      const v = values[key] ?? f.default;
      if (v !== undefined) item[key] = v;
      if (f.required && (values[key] ?? '') === '') {
        throw new SimTrap(`failure: ${key} must be set`, 1);
      }
    }
    this.#checkUnique(def, table, item);
    item['_since'] = String(Date.now());
    const added = table.insert(item);
    this.#afterChange(def.path, added, false);
    return added;
  }

  #resolve(def: MenuDef, table: Table, attrs: Readonly<Record<string, string>>): Item[] {
    const ref = attrs['.id'] ?? attrs['numbers'];
    if (ref === undefined || ref === '')
      throw new SimTrap('missing value(s) of argument(s) .id', 1);
    const out: Item[] = [];
    for (const one of ref.split(',')) {
      let item = table.items.get(one);
      if (!item && 'name' in def.fields) {
        for (const it of table.items.values()) {
          if (it['name'] === one) {
            item = it;
            break;
          }
        }
      }
      if (!item) throw new SimTrap('no such item', 0);
      out.push(item);
    }
    return out;
  }

  #set(
    def: MenuDef,
    table: Table,
    item: Item,
    attrs: Readonly<Record<string, string>>,
    internal = false,
  ): void {
    const values = this.#checkValues(def, attrs, internal);
    if (def.path === '/ppp/profile' || def.path === '/ip/hotspot/user/profile') {
      if (
        item['default'] === 'true' &&
        values['name'] !== undefined &&
        values['name'] !== item['name']
      ) {
        throw new SimTrap('failure: cannot rename default profile', 1);
      }
    }
    this.#checkUnique(def, table, { ...item, ...values }, item['.id']);
    table.update(item, values);
    this.#afterChange(def.path, item, false);
  }

  #remove(table: Table, item: Item): void {
    if (item['default'] === 'true') throw new SimTrap('failure: cannot remove default profile', 1);
    table.delete(item['.id'] as string);
    this.#afterChange(table.path, item, true);
  }

  #afterChange(path: string, item: Item, removed: boolean): void {
    if (path === '/ppp/secret') this.#sessions.sync(item, removed);
    if (path === '/ppp/active' && removed) this.#sessions.kicked(item);
  }

  #monitorTraffic(attrs: Readonly<Record<string, string>>): Outcome {
    const names = (attrs['interface'] ?? '').split(',').filter(Boolean);
    if (names.length === 0) throw new SimTrap('missing value(s) of argument(s) interface', 1);
    const known = new Set<string>();
    for (const it of this.#table('/interface').items.values()) known.add(it['name'] ?? '');
    for (const s of this.#table('/ppp/active').items.values()) {
      known.add(`<pppoe-${s['name'] ?? ''}>`);
    }
    for (const n of names) {
      if (!known.has(n)) throw new SimTrap('no such item', 0);
    }
    const sample = (): Item[] => names.map((name) => trafficSample(name));
    if ('once' in attrs) return { kind: 'done', rows: sample() };
    return {
      kind: 'stream',
      initial: sample(),
      start: (emit) => {
        const t = setInterval(() => sample().forEach(emit), Number(attrs['interval'] ?? 1) * 1000);
        t.unref();
        return () => clearInterval(t);
      },
    };
  }

  /** Looks up a menu definition and table (for the REST server and seeding). */
  menu(path: string): { def: MenuDef; table: Table } | undefined {
    const def = MENU_BY_PATH.get(path);
    const table = this.tables.get(path);
    return def && table ? { def, table } : undefined;
  }
}
