/**
 * How the NBI rewrites queries before they reach MongoDB (behaviour observed in GenieACS's
 * NBI, reimplemented here):
 *
 * - devices: a key whose last segment does not start with `_` gets `._value` appended; every
 *   string operand also stands for its number (`"5"` -> 5), its date (`"2024-05-01"` ->
 *   Date, if it parses and is after 1983), a regex for `"/re/flags"` and a pattern for `*`
 *   wildcards. Alternatives are OR-ed (AND-ed for `$ne`), so date strings match `_lastInform`
 *   while a number never does;
 * - tasks and faults: `timestamp` operands become dates, `retries` numbers, and task `_id`s
 *   must be 24 hex digits (anything else fails the request).
 */

export type Query = Record<string, unknown>;

/** A query the NBI cannot run; the simulator answers it like the ACS does (500). */
export class QueryError extends Error {
  override name = 'QueryError';
}

const EXPAND_OPS = new Set(['$eq', '$gt', '$gte', '$in', '$lt', '$lte', '$ne', '$nin']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp)
  );
}

function escapeRegExp(s: string): string {
  return s.replace(/[[\]\\^$.|?+(){}]/g, '\\$&');
}

function wildcard(s: string): RegExp | undefined {
  if (!s.includes('*')) return undefined;
  const body = s.split('*').map(escapeRegExp).join('.*');
  const anchoredStart = s.startsWith('*') ? body.replace(/^(\.\*)+/, '') : `^${body}`;
  const pattern = s.endsWith('*') ? anchoredStart.replace(/(\.\*)+$/, '') : `${anchoredStart}$`;
  return new RegExp(pattern);
}

function alternatives(s: string): unknown[] {
  const out: unknown[] = [s];
  const re = /^\/(.*?)\/(g?i?m?y?)$/.exec(s);
  if (re) {
    try {
      out.push({ $regex: new RegExp(re[1] ?? '', re[2]) });
    } catch {
      // Not a valid regex: the string only matches itself.
    }
  }
  if (+s === Number.parseFloat(s)) out.push(+s);
  const d = new Date(s);
  if (s.length >= 8 && d.getFullYear() > 1983) out.push(d);
  const w = wildcard(s);
  if (w) out.push({ $regex: w });
  return out;
}

function expandValue(value: unknown): unknown[] {
  if (Array.isArray(value)) return [value.flatMap((v) => expandValue(v))];
  if (!isPlainObject(value)) return typeof value === 'string' ? alternatives(value) : [value];
  const keys = Object.keys(value);
  const choices = keys.map((k) => (EXPAND_OPS.has(k) ? expandValue(value[k]) : [value[k]]));
  // Every combination of the operands' alternatives.
  let combos: Record<string, unknown>[] = [{}];
  keys.forEach((k, i) => {
    const next: Record<string, unknown>[] = [];
    for (const c of combos) for (const v of choices[i] ?? []) next.push({ ...c, [k]: v });
    combos = next;
  });
  return combos;
}

function subQueries(key: string, v: unknown): Query[] {
  if (!Array.isArray(v)) throw new QueryError(`${key} needs an array`);
  return v.map((e) => {
    if (!isPlainObject(e)) throw new QueryError(`${key} entries must be objects`);
    return e;
  });
}

/** The devices query as the NBI hands it to MongoDB. */
export function expandDeviceQuery(query: Query): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) {
      out[k] = subQueries(k, v).map(expandDeviceQuery);
      continue;
    }
    const last = k.slice(k.lastIndexOf('.') + 1);
    const param = last.startsWith('_') ? k : `${k}._value`;
    const alts = expandValue(v);
    if (alts.length === 1) {
      out[param] = alts[0];
      continue;
    }
    const and = (out['$and'] as Query[] | undefined) ?? [];
    out['$and'] = and;
    if (isPlainObject(v) && ('$ne' in v || '$not' in v)) {
      if (Object.keys(v).length > 1)
        throw new QueryError('Cannot mix $ne or $not with other operators');
      for (const a of alts) and.push({ [param]: a });
    } else {
      and.push({ $or: alts.map((a) => ({ [param]: a })) });
    }
  }
  return out;
}

type Converter = (v: unknown) => unknown;

function convertTyped(query: Query, types: Readonly<Record<string, Converter>>): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$')) {
      out[k] = subQueries(k, v).map((q) => convertTyped(q, types));
      continue;
    }
    const convert = types[k];
    if (convert === undefined) {
      out[k] = v;
    } else if (isPlainObject(v)) {
      const ops: Record<string, unknown> = {};
      for (const [op, operand] of Object.entries(v)) {
        if (op === '$in' || op === '$nin') {
          if (!Array.isArray(operand)) throw new QueryError(`${op} needs an array`);
          ops[op] = operand.map(convert);
        } else if (['$eq', '$gt', '$gte', '$lt', '$lte', '$ne'].includes(op)) {
          ops[op] = convert(operand);
        } else if (op === '$exists' || op === '$type') {
          ops[op] = operand;
        } else {
          throw new QueryError('Operator not supported');
        }
      }
      out[k] = ops;
    } else {
      out[k] = convert(v);
    }
  }
  return out;
}

const toDate: Converter = (v) => new Date(v as string | number);

function toTaskId(v: unknown): unknown {
  if (typeof v !== 'string' || !/^[0-9a-fA-F]{24}$/.test(v))
    throw new QueryError('input must be a 24 character hex string');
  return v.toLowerCase();
}

/** The tasks query as the NBI hands it to MongoDB. */
export function convertTaskQuery(query: Query): Query {
  return convertTyped(query, { _id: toTaskId, timestamp: toDate, retries: Number });
}

/** The faults query as the NBI hands it to MongoDB. */
export function convertFaultQuery(query: Query): Query {
  return convertTyped(query, { timestamp: toDate, retries: Number });
}
