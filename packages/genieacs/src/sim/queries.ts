/**
 * Collection queries as `GET /<collection>/?query=&projection=&sort=&skip=&limit=` runs them:
 * parse, rewrite like the NBI, pick an index for devices, match, sort, count, page, project.
 */
import type { SimDevice } from './device.ts';
import { QueryError, expandDeviceQuery } from './expand.ts';
import type { Query } from './expand.ts';
import { compareForSort, compileQuery, documentGetter } from './match.ts';
import type { Getter } from './match.ts';
import { deviceField, renderDevice } from './render.ts';
import type { DeviceStore } from './store.ts';

/** Malformed parameters: the NBI answers 400 with the parser's message. */
export class BadQuery extends Error {
  override name = 'BadQuery';
}

export interface ParsedQuery {
  readonly query: Query;
  readonly projection: readonly string[] | undefined;
  readonly sort: readonly (readonly [string, number])[] | undefined;
  readonly skip: number;
  /** 0 = no limit, as in MongoDB. */
  readonly limit: number;
}

export interface QueryResult {
  /** Matches before skip and limit (the NBI's `total` header). */
  readonly total: number;
  readonly docs: readonly unknown[];
}

function parseJsonObject(name: string, text: string | null): Record<string, unknown> | undefined {
  if (text === null || text === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new BadQuery(`SyntaxError: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new BadQuery(`${name} must be a JSON object`);
  return v as Record<string, unknown>;
}

function int(text: string | null): number {
  const n = text === null ? 0 : Number.parseInt(text, 10);
  return Number.isNaN(n) ? 0 : n;
}

export function parseQueryParams(params: URLSearchParams): ParsedQuery {
  const query = parseJsonObject('query', params.get('query')) ?? {};
  const projection = params
    .get('projection')
    ?.split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const sortObject = parseJsonObject('sort', params.get('sort'));
  const sort =
    sortObject === undefined
      ? undefined
      : Object.entries(sortObject).map(([k, v]) => [k, Number(v) < 0 ? -1 : 1] as const);
  return {
    query,
    projection: projection === undefined || projection.length === 0 ? undefined : projection,
    sort,
    skip: Math.max(0, int(params.get('skip'))),
    limit: Math.abs(int(params.get('limit'))),
  };
}

interface Plan {
  readonly candidates: Iterable<SimDevice>;
  readonly size: number;
  readonly sortedById: boolean;
  /** The candidates are exactly the matches (the query is just the indexed condition). */
  readonly exact: boolean;
}

function dateOperand(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return v.length >= 8 && d.getFullYear() > 1983 ? d.getTime() : undefined;
}

/** A string the NBI matches only as itself (no wildcard, not `/regex/`). */
function literal(s: string): boolean {
  return !s.includes('*') && !/^\/.*\/[gimy]*$/.test(s);
}

/** Top-level conditions (including those inside top-level `$and`s) an index can serve. */
function indexableConditions(q: Query, out: [string, unknown][] = []): [string, unknown][] {
  for (const [k, v] of Object.entries(q)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v)
        if (typeof sub === 'object' && sub !== null) indexableConditions(sub as Query, out);
    } else if (k === '_id' || k === '_lastInform') {
      out.push([k, v]);
    }
  }
  return out;
}

function planDevices(store: DeviceStore, raw: Query): Plan {
  const all = Object.keys(raw).length === 0;
  let best: Plan = { candidates: store.all(), size: store.size, sortedById: false, exact: all };
  const consider = (p: Plan): void => {
    if (p.size < best.size) best = p;
  };
  const alone = Object.keys(raw).length === 1;
  for (const [field, cond] of indexableConditions(raw)) {
    const ops =
      typeof cond === 'object' && cond !== null && !Array.isArray(cond)
        ? (cond as Record<string, unknown>)
        : { $eq: cond };
    const exact = alone && raw[field] === cond && Object.keys(ops).length === 1;
    if (field === '_id') {
      const eq = ops['$eq'];
      if (typeof eq === 'string' && literal(eq)) {
        const d = store.get(eq);
        consider({ candidates: d ? [d] : [], size: d ? 1 : 0, sortedById: true, exact });
      }
      const list = ops['$in'];
      if (Array.isArray(list) && list.every((x) => typeof x === 'string' && literal(x))) {
        const ids = [...new Set(list as string[])].sort();
        const found = ids.map((id) => store.get(id)).filter((d): d is SimDevice => d !== undefined);
        consider({ candidates: found, size: found.length, sortedById: true, exact });
      }
      for (const op of ['$gt', '$gte'] as const) {
        const from = ops[op];
        if (typeof from === 'string') {
          const inclusive = op === '$gte';
          consider({
            candidates: store.idsFrom(from, inclusive),
            size: store.countIdsFrom(from, inclusive),
            sortedById: true,
            exact,
          });
        }
      }
    } else {
      for (const op of ['$gt', '$gte'] as const) {
        const t = dateOperand(ops[op]);
        if (t !== undefined) {
          const inclusive = op === '$gte';
          consider({
            candidates: store.informedFrom(t, inclusive),
            // An upper bound (the index keeps tombstones), so never exact.
            size: store.countInformedFrom(t, inclusive),
            sortedById: false,
            exact: false,
          });
        }
      }
    }
  }
  return best;
}

function sortKeys(
  sort: readonly (readonly [string, number])[],
  devices: boolean,
): [string, number][] {
  return sort.map(([k, dir]) => {
    const last = k.slice(k.lastIndexOf('.') + 1);
    // The NBI sorts device parameters by their value.
    return [devices && !last.startsWith('_') ? `${k}._value` : k, dir];
  });
}

function sortBy<T>(
  items: T[],
  keys: readonly [string, number][],
  getter: (item: T) => Getter,
): T[] {
  const decorated = items.map((item) => {
    const g = getter(item);
    return { item, values: keys.map(([k]) => g(k)) };
  });
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareForSort(a.values[i], b.values[i]);
      if (c !== 0) return c * (keys[i]?.[1] ?? 1);
    }
    return 0;
  });
  return decorated.map((d) => d.item);
}

function page<T>(items: readonly T[], p: ParsedQuery): readonly T[] {
  const end = p.limit > 0 ? p.skip + p.limit : undefined;
  return items.slice(p.skip, end);
}

/** Runs a devices query; throws {@link QueryError} for queries the NBI would fail on. */
export function queryDevices(store: DeviceStore, p: ParsedQuery): QueryResult {
  const predicate = compileQuery(expandDeviceQuery(p.query));
  const plan = planDevices(store, p.query);
  const keys = p.sort === undefined ? [] : sortKeys(p.sort, true);
  const inOrder =
    keys.length === 0 ||
    (keys.length === 1 && keys[0]?.[0] === '_id' && keys[0][1] > 0 && plan.sortedById);
  if (plan.exact && inOrder) {
    // Cursor paging: no need to look past the page, the index already knows the total.
    const docs: unknown[] = [];
    let seen = 0;
    for (const d of plan.candidates) {
      if (p.limit > 0 && docs.length >= p.limit) break;
      if (seen++ >= p.skip) docs.push(renderDevice(d, p.projection));
    }
    return { total: plan.size, docs };
  }
  let matches: SimDevice[] = [];
  for (const d of plan.candidates) if (predicate((path) => deviceField(d, path))) matches.push(d);
  if (keys.length > 0) {
    const [first] = keys;
    if (keys.length === 1 && first?.[0] === '_id' && plan.sortedById) {
      if (first[1] < 0) matches.reverse();
    } else {
      matches = sortBy(matches, keys, (d) => (path) => deviceField(d, path));
    }
  }
  const docs = page(matches, p).map((d) => renderDevice(d, p.projection));
  return { total: matches.length, docs };
}

function projectDocument(
  doc: Record<string, unknown>,
  projection: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { _id: doc['_id'] };
  const get = documentGetter(doc);
  for (const path of projection) {
    const v = get(path);
    if (v === undefined) continue;
    const segments = path.split('.');
    let node = out;
    segments.slice(0, -1).forEach((s) => {
      node[s] = node[s] ?? {};
      node = node[s] as Record<string, unknown>;
    });
    node[segments[segments.length - 1] ?? path] = v;
  }
  return out;
}

/** Runs a query over plain documents (tasks, faults, presets...). */
export function queryDocuments(
  docs: Iterable<Record<string, unknown>>,
  p: ParsedQuery,
  convert: (q: Query) => Query = (q) => q,
): QueryResult {
  const predicate = compileQuery(convert(p.query));
  let matches = [...docs].filter((d) => predicate(documentGetter(d)));
  if (p.sort !== undefined && p.sort.length > 0)
    matches = sortBy(matches, sortKeys(p.sort, false), documentGetter);
  const paged = page(matches, p);
  return {
    total: matches.length,
    docs:
      p.projection === undefined ? paged : paged.map((d) => projectDocument(d, p.projection ?? [])),
  };
}

export { QueryError };
