/**
 * The subset of MongoDB query semantics the NBI exposes: equality (arrays match by element),
 * `$ne`, `$gt`/`$gte`/`$lt`/`$lte` within one type (numbers with numbers, strings with
 * strings, dates with dates), `$in`, `$nin`, `$exists`, `$regex`, `$not`, `$and`, `$or`,
 * `$nor`. Queries compile once into a predicate over a field getter.
 */
import { QueryError } from './expand.ts';
import type { Query } from './expand.ts';

export type Getter = (path: string) => unknown;
export type Predicate = (get: Getter) => boolean;
type Test = (value: unknown) => boolean;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp)
  );
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  return a === b;
}

function equalsField(value: unknown, target: unknown): boolean {
  if (target === null) return value === null || value === undefined;
  if (Array.isArray(value))
    return deepEqual(value, target) || value.some((e) => deepEqual(e, target));
  return deepEqual(value, target);
}

function anyValue(value: unknown, test: Test): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

/** Orders two values of the same type; undefined when MongoDB would not compare them. */
function compareSameType(a: unknown, b: unknown): number | undefined {
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a !== typeof b || a instanceof Date || b instanceof Date) return undefined;
  if (typeof a === 'number') return a - (b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b);
  return undefined;
}

function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

function regexTest(re: RegExp): Test {
  const r = stateless(re);
  return (v) => anyValue(v, (x) => typeof x === 'string' && r.test(x));
}

function compare(op: string, operand: unknown): Test {
  const ok =
    op === '$gt'
      ? (c: number) => c > 0
      : op === '$gte'
        ? (c: number) => c >= 0
        : op === '$lt'
          ? (c: number) => c < 0
          : (c: number) => c <= 0;
  return (v) =>
    anyValue(v, (x) => {
      const c = compareSameType(x, operand);
      return c !== undefined && ok(c);
    });
}

function inList(operand: unknown, op: string): Test {
  if (!Array.isArray(operand)) throw new QueryError(`${op} needs an array`);
  const tests = operand.map((o): Test =>
    o instanceof RegExp ? regexTest(o) : (v) => equalsField(v, o),
  );
  return (v) => tests.some((t) => t(v));
}

function operatorTest(op: string, operand: unknown, all: Record<string, unknown>): Test {
  switch (op) {
    case '$eq':
      return (v) => equalsField(v, operand);
    case '$ne':
      return (v) => !equalsField(v, operand);
    case '$gt':
    case '$gte':
    case '$lt':
    case '$lte':
      return compare(op, operand);
    case '$in':
      return inList(operand, op);
    case '$nin': {
      const t = inList(operand, op);
      return (v) => !t(v);
    }
    case '$exists': {
      const want = Boolean(operand);
      return (v) => (v !== undefined) === want;
    }
    case '$regex': {
      if (operand instanceof RegExp) return regexTest(operand);
      if (typeof operand !== 'string') throw new QueryError('$regex has to be a string');
      const options = typeof all['$options'] === 'string' ? all['$options'] : '';
      try {
        return regexTest(new RegExp(operand, options));
      } catch (err) {
        throw new QueryError(`invalid $regex: ${(err as Error).message}`);
      }
    }
    case '$options':
      return () => true;
    case '$not': {
      const t = fieldTest(operand);
      return (v) => !t(v);
    }
    default:
      throw new QueryError(`unknown operator: ${op}`);
  }
}

function fieldTest(cond: unknown): Test {
  if (cond instanceof RegExp) return regexTest(cond);
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      const tests = keys.map((k) => operatorTest(k, cond[k], cond));
      return tests.length === 1 ? (tests[0] as Test) : (v) => tests.every((t) => t(v));
    }
  }
  return (v) => equalsField(v, cond);
}

function subPredicates(key: string, v: unknown): Predicate[] {
  if (!Array.isArray(v) || v.length === 0) throw new QueryError(`${key} must be a nonempty array`);
  return v.map((q) => {
    if (!isPlainObject(q)) throw new QueryError(`${key} entries must be objects`);
    return compileQuery(q);
  });
}

/** A predicate for `query` (as MongoDB receives it). */
export function compileQuery(query: Query): Predicate {
  const parts: Predicate[] = [];
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and') {
      const subs = subPredicates(k, v);
      parts.push((g) => subs.every((s) => s(g)));
    } else if (k === '$or') {
      const subs = subPredicates(k, v);
      parts.push((g) => subs.some((s) => s(g)));
    } else if (k === '$nor') {
      const subs = subPredicates(k, v);
      parts.push((g) => !subs.some((s) => s(g)));
    } else if (k.startsWith('$')) {
      throw new QueryError(`unknown top level operator: ${k}`);
    } else {
      const test = fieldTest(v);
      parts.push((g) => test(g(k)));
    }
  }
  if (parts.length === 0) return () => true;
  if (parts.length === 1) return parts[0] as Predicate;
  return (g) => parts.every((p) => p(g));
}

function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  return 4;
}

/** MongoDB's sort order across types (missing < numbers < strings < objects < ... < dates). */
export function compareForSort(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  return compareSameType(a, b) ?? 0;
}

/** A value reader for plain documents (tasks, faults, presets...). */
export function documentGetter(doc: Record<string, unknown>): Getter {
  return (path) => {
    let node: unknown = doc;
    for (const s of path.split('.')) {
      if (!isPlainObject(node)) return undefined;
      node = node[s];
    }
    return node;
  };
}
