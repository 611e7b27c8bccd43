import type { Change, Item } from './model.ts';
import { Table } from './model.ts';
import type { FieldDef, MenuDef } from './menus.ts';
import { MENUS, MENU_BY_PATH } from './menus.ts';
import type { ValueCompare } from './query.ts';
import { compileQuery, defaultCompare, QueryError } from './query.ts';
import { PppSessions } from './sessions.ts';
import type { SessionEnd } from './sessions.ts';
import type { CounterMenu, HealthOverrides } from './telemetry.ts';
import {
  COUNTER_MENUS,
  Telemetry,
  healthRows,
  rateLimitOf,
  resourceRow,
  subscriberRates,
} from './telemetry.ts';
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
  /**
   * Simulation clock in epoch milliseconds (default `Date.now`). Uptimes, counters, rates,
   * session start times, redials and sensor values all follow it; socket timing does not.
   */
  readonly clock?: () => number;
  /** Width of interface and queue byte counters: 32 wraps at 4 GiB as on old boards (default 64). */
  readonly counterBits?: 32 | 64;
}

/** Bytes to add to one counter row; `rx` is the router's receive side (a client's upload). */
export interface CounterBytes {
  readonly rx?: number | bigint;
  readonly tx?: number | bigint;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const BOOL_TRUE = new Set(['true', 'yes']);
const BOOL_FALSE = new Set(['false', 'no']);

const FIELD_LISTS = new WeakMap<MenuDef, readonly (readonly [string, FieldDef])[]>();

/** A menu's fields in definition order, listed once: `add` runs per row when seeding. */
function fieldList(def: MenuDef): readonly (readonly [string, FieldDef])[] {
  let list = FIELD_LISTS.get(def);
  if (!list) {
    list = Object.entries(def.fields);
    FIELD_LISTS.set(def, list);
  }
  return list;
}

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
  /** Clock time of the last (simulated) boot. */
  bootTime: number;
  readonly tables = new Map<string, Table>();
  readonly #sessions: PppSessions;
  readonly #telemetry: Telemetry;
  #clock: () => number;
  #health: HealthOverrides = {};

  constructor(options: SimRouterOptions = {}) {
    this.version = parseVersion(options.version ?? '7.18');
    this.identity = options.identity ?? 'MikroTik';
    this.#clock = options.clock ?? Date.now;
    this.bootTime = this.#clock();
    for (const def of MENUS) {
      this.tables.set(def.path, new Table(def.path, def.firstId ?? 1, def.unique?.keys));
    }
    this.#telemetry = new Telemetry(
      {
        now: () => this.now(),
        bootTime: () => this.bootTime,
        hotspotRateLimit: (user) => this.#hotspotRateLimit(user),
      },
      options.counterBits ?? 64,
    );
    this.#sessions = new PppSessions(this.#table('/ppp/secret'), this.#table('/ppp/active'), {
      activeRatio: options.activeRatio ?? 1,
      redialMs: options.redialMs ?? 5000,
      now: () => this.now(),
      hooks: {
        up: (session, secret) => this.#sessionUp(session, secret),
        down: (session, reason) => this.#sessionDown(session, reason),
      },
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
        'actual-mtu': '1500',
        'mac-address': `48:8F:5A:00:00:0${i}`,
        running: i <= 2 ? 'true' : 'false',
        dynamic: 'false',
        disabled: 'false',
      });
    }
  }

  /** Current simulation time (epoch ms). */
  now(): number {
    return this.#clock();
  }

  /**
   * Replaces the simulation clock. Counters only grow while the clock does: a clock that jumps
   * back reads as a frozen counter until it passes the point it left.
   */
  setClock(clock: () => number): void {
    this.#clock = clock;
    this.#sessions.settle();
  }

  /** Stops timers (session redials). */
  close(): void {
    this.#sessions.close();
  }

  /** Forgets sessions, counters and uptime, as after a reboot. */
  reboot(): void {
    this.bootTime = this.now();
    this.#telemetry.clear();
    this.#sessions.restart();
  }

  /**
   * Forces PPP users offline (their session ends and they do not redial) or back online (they
   * dial in at once). A predicate is evaluated against the secrets that exist now.
   */
  setSessionsOnline(users: readonly string[] | ((name: string) => boolean), online: boolean): void {
    let names: readonly string[];
    if (typeof users === 'function') {
      const out: string[] = [];
      for (const s of this.#table('/ppp/secret').items.values()) {
        const n = s['name'] ?? '';
        if (users(n)) out.push(n);
      }
      names = out;
    } else {
      names = users;
    }
    this.#sessions.setOnline(names, online);
  }

  /**
   * Adds bytes to one counter row at once: an interface or queue by name, a hotspot session by
   * user. Lets a test put a counter just below its wrap point.
   */
  advanceCounters(path: CounterMenu, name: string, bytes: CounterBytes): void {
    const table = this.#table(path);
    const key = path === '/ip/hotspot/active' ? 'user' : 'name';
    let item: Item | undefined;
    for (const it of table.items.values()) {
      if (it[key] === name) {
        item = it;
        break;
      }
    }
    if (!item) throw new RangeError(`advanceCounters: no ${path} row '${name}'`);
    this.#telemetry.meter(path, item).add(bytes.rx ?? 0, bytes.tx ?? 0);
  }

  /** Pins sensor values (merged; `undefined` returns a sensor to its normal drift). */
  setHealth(overrides: HealthOverrides): void {
    this.#health = { ...this.#health, ...overrides };
  }

  #table(path: string): Table {
    const t = this.tables.get(path);
    if (!t) throw new SimTrap('no such command or directory', 0);
    return t;
  }

  #byName(table: Table, name: string): Item | undefined {
    const id = table.findUnique(name);
    return id === undefined ? undefined : table.items.get(id);
  }

  #hotspotRateLimit(user: string): string | undefined {
    let profile = 'default';
    for (const u of this.#table('/ip/hotspot/user').items.values()) {
      if (u['name'] === user) {
        profile = u['profile'] ?? 'default';
        break;
      }
    }
    return this.#byName(this.#table('/ip/hotspot/user/profile'), profile)?.['rate-limit'];
  }

  /**
   * A PPP session came up: RouterOS adds a dynamic `<pppoe-USER>` interface, and a dynamic
   * simple queue of the same name when the profile has a rate-limit. Both count from the
   * session start with the same traffic.
   */
  #sessionUp(session: Item, secret: Item): void {
    const user = session['name'] ?? '';
    // RouterOS names session interfaces after the service: <pppoe-u>, <l2tp-u>, <sstp-u>...
    const prefix = session['service'] ?? 'pppoe';
    const name = `<${prefix}-${user}>`;
    const profile = this.#byName(this.#table('/ppp/profile'), secret['profile'] ?? 'default');
    const rl = rateLimitOf(profile?.['rate-limit']);
    const rates = subscriberRates(user, rl);
    const internal = {
      _since: session['_since'] ?? String(this.now()),
      _key: name,
      _rx: String(rates.rx),
      _tx: String(rates.tx),
    };
    const ifaces = this.#table('/interface');
    // A row of that name that is not ours (none can be added today) would win; skip ours then.
    if (ifaces.findUnique(name) === undefined) {
      const iface = ifaces.insert({
        name,
        type: `${prefix}-in`,
        mtu: '1480',
        'actual-mtu': '1480',
        running: 'true',
        dynamic: 'true',
        disabled: 'false',
        ...internal,
      });
      session['_iface'] = iface['.id'] as string;
    }
    const queues = this.#table('/queue/simple');
    if (rl && queues.findUnique(name) === undefined) {
      const pair = (a: number | undefined, b: number | undefined): string => `${a ?? 0}/${b ?? 0}`;
      const priority = String(rl.priority ?? 8);
      const queue = queues.insert({
        name,
        target: `${session['address'] ?? ''}/32`,
        // The router stores limits as plain bit/s, whatever unit the profile used.
        'max-limit': pair(rl.rx, rl.tx),
        'limit-at': pair(rl.minRx, rl.minTx),
        'burst-limit': pair(rl.burstRx, rl.burstTx),
        'burst-threshold': pair(rl.thresholdRx, rl.thresholdTx),
        'burst-time': `${rl.burstTimeRx ?? 0}s/${rl.burstTimeTx ?? 0}s`,
        parent: profile?.['parent-queue'] || 'none',
        priority: `${priority}/${priority}`,
        queue: 'default-small/default-small',
        dynamic: 'true',
        disabled: 'false',
        ...internal,
      });
      session['_queue'] = queue['.id'] as string;
    }
  }

  #sessionDown(session: Item, reason: SessionEnd): void {
    const iface = session['_iface'];
    const queue = session['_queue'];
    if (iface !== undefined) this.#table('/interface').delete(iface);
    if (queue !== undefined) this.#table('/queue/simple').delete(queue);
    // A reboot is not a logout the router lives to record; a removed secret has no row left.
    if (reason === 'reboot' || reason === 'removed') return;
    const secret = this.#table('/ppp/secret').items.get(session['_secret'] ?? '');
    // A status field, not configuration: written without a change notification, so `listen`
    // on secrets reports what operators change and nothing else.
    if (secret) secret['last-logged-out'] = this.#formatTime(this.now());
  }

  /** Date and time as the router prints them: ISO-like from 7.10, `jan/02/2006` before. */
  #formatTime(t: number): string {
    const d = new Date(t);
    const time = d.toISOString().slice(11, 19);
    const { major, minor } = this.version;
    if (major > 7 || (major === 7 && minor >= 10)) return `${d.toISOString().slice(0, 10)} ${time}`;
    const day = String(d.getUTCDate()).padStart(2, '0');
    return `${MONTHS[d.getUTCMonth()] ?? 'jan'}/${day}/${d.getUTCFullYear()} ${time}`;
  }

  /** Menu + verb dispatch; throws {@link SimTrap}. */
  execute(
    command: string,
    attrs: Readonly<Record<string, string>>,
    queries: readonly string[],
  ): Outcome {
    // Redials that fell due by the clock happen before the command sees the state.
    this.#sessions.settle();
    switch (command) {
      case '/system/resource/print':
        return {
          kind: 'done',
          rows: [
            this.#project(
              resourceRow(this.version.text, this.identity, this.bootTime, this.now()),
              attrs['.proplist'],
            ),
          ],
        };
      case '/system/health/print':
      case '/system/health/getall':
        return this.#printRows(
          healthRows(this.version, this.identity, this.now(), this.#health),
          attrs,
          queries,
          defaultCompare,
        );
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
        for (const item of this.#resolve(def, table, attrs, true)) {
          this.#set(def, table, item, attrs);
        }
        return { kind: 'done', rows: [] };
      case 'remove':
        if (def.remove === false) throw new SimTrap('no such command or directory', 0);
        for (const item of this.#resolve(def, table, attrs, true)) this.#remove(table, item);
        return { kind: 'done', rows: [] };
      case 'enable':
      case 'disable':
        if (!('disabled' in def.fields)) throw new SimTrap('no such command or directory', 0);
        for (const item of this.#resolve(def, table, attrs, true)) {
          this.#set(def, table, item, { disabled: verb === 'disable' ? 'true' : 'false' }, true);
        }
        return { kind: 'done', rows: [] };
      case 'reset-counters':
        if (path !== '/interface' && path !== '/queue/simple') {
          throw new SimTrap('no such command or directory', 0);
        }
        for (const item of this.#resolve(def, table, attrs)) this.#resetCounters(path, item);
        return { kind: 'done', rows: [] };
      case 'reset-counters-all':
        if (path !== '/queue/simple') throw new SimTrap('no such command or directory', 0);
        for (const item of table.items.values()) this.#resetCounters(path, item);
        return { kind: 'done', rows: [] };
      case 'listen':
        return this.#listen(def, table);
      default:
        throw new SimTrap('no such command or directory', 0);
    }
  }

  #resetCounters(path: string, item: Item): void {
    this.#telemetry.meter(path, item).reset(this.now());
  }

  /** Renders an item as printed: booleans per version, computed counters, no internals. */
  render(def: MenuDef, item: Item): Item {
    const out: Item = { '.id': item['.id'] as string };
    const computed = this.#telemetry.fields(def.path, item);
    const [t, f] = this.version.boolWords;
    // for-in rather than Object.entries: this runs per row of every print, and a 250-row
    // print would otherwise allocate thousands of pairs.
    for (const key in item) {
      if (key === '.id' || key.charCodeAt(0) === 95 /* '_' */) continue;
      const value = item[key] as string;
      out[key] = def.fields[key]?.bool ? (BOOL_TRUE.has(value) ? t : f) : (computed[key] ?? value);
    }
    for (const key in computed) {
      if (out[key] === undefined) out[key] = computed[key] as string;
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

  #compile(queries: readonly string[], compare: ValueCompare): (row: Item) => boolean {
    try {
      return compileQuery(queries, compare);
    } catch (err) {
      if (err instanceof QueryError) throw new SimTrap(err.message, 1);
      throw err;
    }
  }

  /** Print of rows that are computed rather than stored (no follow: they have no changes). */
  #printRows(
    all: Item[],
    attrs: Readonly<Record<string, string>>,
    queries: readonly string[],
    compare: ValueCompare,
  ): Outcome {
    const match = this.#compile(queries, compare);
    const rows = all.filter(match);
    if ('count-only' in attrs) return { kind: 'done', rows: [], ret: String(rows.length) };
    return { kind: 'done', rows: rows.map((r) => this.#project(r, attrs['.proplist'])) };
  }

  #print(
    def: MenuDef,
    table: Table,
    attrs: Readonly<Record<string, string>>,
    queries: readonly string[],
  ): Outcome {
    const match = this.#compile(queries, this.compareFor(def));
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
        // Referenced menus (profiles) are unique by name, so their index answers this.
        if (!this.#byName(this.#table(f.ref.menu), value)) throw new SimTrap(f.ref.message, 1);
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
    for (const [key, f] of fieldList(def)) {
      const v = values[key] ?? f.default;
      if (v !== undefined) item[key] = v;
      if (f.required && (values[key] ?? '') === '') {
        throw new SimTrap(`failure: ${key} must be set`, 1);
      }
    }
    this.#checkUnique(def, table, item);
    item['_since'] = String(this.now());
    const added = table.insert(item);
    this.#afterChange(def.path, added, false);
    return added;
  }

  /**
   * Items named by `.id`/`numbers` (ids or names). With `change`, dynamic items are refused as
   * the router refuses them: they belong to whatever created them.
   */
  #resolve(
    def: MenuDef,
    table: Table,
    attrs: Readonly<Record<string, string>>,
    change = false,
  ): Item[] {
    const ref = attrs['.id'] ?? attrs['numbers'];
    if (ref === undefined || ref === '')
      throw new SimTrap('missing value(s) of argument(s) .id', 1);
    const byNameIndex = def.unique?.keys.length === 1 && def.unique.keys[0] === 'name';
    const out: Item[] = [];
    for (const one of ref.split(',')) {
      let item = table.items.get(one);
      if (!item && byNameIndex) item = this.#byName(table, one);
      else if (!item && 'name' in def.fields) {
        for (const it of table.items.values()) {
          if (it['name'] === one) {
            item = it;
            break;
          }
        }
      }
      if (!item) throw new SimTrap('no such item', 0);
      if (change && item['dynamic'] === 'true')
        throw new SimTrap('failure: can not change dynamic', 1);
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
    else if (path === '/ppp/active' && removed) this.#sessions.kicked(item);
    else if (COUNTER_MENUS.has(path) && !removed) this.#telemetry.retune(path, item);
  }

  #monitorTraffic(attrs: Readonly<Record<string, string>>): Outcome {
    const names = (attrs['interface'] ?? '').split(',').filter(Boolean);
    if (names.length === 0) throw new SimTrap('missing value(s) of argument(s) interface', 1);
    const ifaces = this.#table('/interface');
    for (const n of names) {
      if (!this.#byName(ifaces, n)) throw new SimTrap('no such item', 0);
    }
    // Looked up per sample: a session interface may go away while the stream runs.
    const sample = (): Item[] =>
      names.flatMap((name) => {
        const item = this.#byName(ifaces, name);
        return item ? [this.#telemetry.trafficSample(item)] : [];
      });
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
