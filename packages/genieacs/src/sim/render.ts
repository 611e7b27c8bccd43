/**
 * Turns a {@link SimDevice} into the document GenieACS keeps in MongoDB (dates as `Date`
 * for matching; ISO strings once serialised), whole or under a projection, and reads single
 * fields for query matching and sorting.
 */
import type { SimDevice, SimValue } from './device.ts';
import type { LayoutEntry } from './layout.ts';

const META_FIELDS = [
  '_id',
  '_deviceId',
  '_registered',
  '_lastInform',
  '_lastBoot',
  '_lastBootstrap',
  '_tags',
] as const;

type MetaField = (typeof META_FIELDS)[number];

let lastMs = NaN;
let lastIso = '';

/** ISO time, memoised for the runs of equal timestamps a fleet is full of. */
export function iso(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}

function leafValue(entry: LayoutEntry, v: SimValue | undefined, asDate: boolean): unknown {
  if (entry.type === 'xsd:dateTime' && typeof v === 'number') return asDate ? new Date(v) : iso(v);
  return v;
}

function attributes(d: SimDevice, i: number): Record<string, unknown> {
  const e = d.layout.entries[i];
  if (!e) return {};
  const ts = iso(d.stamps[i] ?? 0);
  if (e.object) return { _object: true, _writable: e.writable, _timestamp: ts };
  return {
    _value: leafValue(e, d.values[i], false),
    _type: e.type,
    _timestamp: ts,
    _writable: e.writable,
  };
}

function containerAt(
  root: Record<string, unknown>,
  segments: readonly string[],
): Record<string, unknown> {
  let node = root;
  for (const s of segments) {
    let next = node[s] as Record<string, unknown> | undefined;
    if (next === undefined) {
      next = {};
      node[s] = next;
    }
    node = next;
  }
  return node;
}

function metaValue(d: SimDevice, field: MetaField): unknown {
  switch (field) {
    case '_id':
      return d.id;
    case '_deviceId':
      return {
        _Manufacturer: d.identity.manufacturer,
        _OUI: d.identity.oui,
        _ProductClass: d.identity.productClass,
        _SerialNumber: d.identity.serial,
      };
    case '_registered':
      return iso(d.registered);
    case '_lastInform':
      return iso(d.lastInform);
    case '_lastBoot':
      return iso(d.lastBoot);
    case '_lastBootstrap':
      return iso(d.lastBootstrap);
    case '_tags':
      return d.tags === undefined ? undefined : [...d.tags];
  }
}

function projectMeta(
  d: SimDevice,
  projection: readonly string[],
  out: Record<string, unknown>,
): void {
  for (const field of META_FIELDS) {
    const v = metaValue(d, field);
    if (v === undefined) continue;
    if (field === '_id' || projection.includes(field)) {
      out[field] = v;
    } else if (field === '_deviceId') {
      const sub = v as Record<string, unknown>;
      const picked: Record<string, unknown> = {};
      for (const p of projection) {
        const key = p.startsWith('_deviceId.') ? p.slice(10) : undefined;
        if (key !== undefined && key in sub) picked[key] = sub[key];
      }
      if (Object.keys(picked).length > 0) out[field] = picked;
    }
  }
}

/** The device document, optionally projected (`_id` is always included, as in MongoDB). */
export function renderDevice(
  d: SimDevice,
  projection?: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (projection === undefined || projection.length === 0) {
    for (const field of META_FIELDS) {
      const v = metaValue(d, field);
      if (v !== undefined) out[field] = v;
    }
    d.layout.entries.forEach((e, i) =>
      Object.assign(containerAt(out, e.segments), attributes(d, i)),
    );
    return out;
  }
  projectMeta(d, projection, out);
  for (const { index, attribute } of d.layout.plan(projection)) {
    const e = d.layout.entries[index];
    if (!e) continue;
    const attrs = attributes(d, index);
    const node = containerAt(out, e.segments);
    if (attribute === undefined) Object.assign(node, attrs);
    else if (attribute in attrs) node[attribute] = attrs[attribute];
  }
  return out;
}

/**
 * The value MongoDB would see at a dotted path, for matching and sorting: dates as `Date`,
 * `_tags` as an array, undefined when missing.
 */
export function deviceField(d: SimDevice, path: string): unknown {
  switch (path) {
    case '_id':
      return d.id;
    case '_registered':
      return new Date(d.registered);
    case '_lastInform':
      return new Date(d.lastInform);
    case '_lastBoot':
      return new Date(d.lastBoot);
    case '_lastBootstrap':
      return new Date(d.lastBootstrap);
    case '_tags':
      return d.tags;
    case '_deviceId':
      return metaValue(d, '_deviceId');
  }
  if (path.startsWith('_deviceId.')) {
    return (metaValue(d, '_deviceId') as Record<string, unknown>)[path.slice(10)];
  }
  const dot = path.lastIndexOf('.');
  const attribute = dot < 0 ? '' : path.slice(dot + 1);
  if (attribute.startsWith('_')) {
    const i = d.layout.indexOf(path.slice(0, dot));
    if (i === undefined) return undefined;
    const e = d.layout.entries[i];
    if (!e) return undefined;
    switch (attribute) {
      case '_value':
        return e.object ? undefined : leafValue(e, d.values[i], true);
      case '_type':
        return e.object ? undefined : e.type;
      case '_writable':
        return e.writable;
      case '_object':
        return e.object ? true : undefined;
      case '_timestamp':
        return new Date(d.stamps[i] ?? 0);
      default:
        return undefined;
    }
  }
  // A bare node path: only its existence (and structure) matters to a query.
  if (d.layout.indexOf(path) === undefined) return undefined;
  const doc = renderDevice(d, [path]);
  let node: unknown = doc;
  for (const s of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[s];
  return node;
}
