/**
 * Typed builder for `print` query words. Leaves become `?key=value`, `?key`, `?-key`, `?<key=v`,
 * `?>key=v`; `and`/`or`/`not` become `?#` stack operations after their operands.
 */

/** Values accepted in queries and attributes; booleans become `yes`/`no`, which v6 and v7 read. */
export type Scalar = string | number | boolean;

/** A query tree; build one with {@link q}. */
export type Query =
  | { readonly op: 'eq'; readonly key: string; readonly value: Scalar }
  | { readonly op: 'has'; readonly key: string }
  | { readonly op: 'missing'; readonly key: string }
  | { readonly op: 'lt'; readonly key: string; readonly value: Scalar }
  | { readonly op: 'gt'; readonly key: string; readonly value: Scalar }
  | { readonly op: 'and'; readonly items: readonly Query[] }
  | { readonly op: 'or'; readonly items: readonly Query[] }
  | { readonly op: 'not'; readonly item: Query };

/** Shorthand accepted wherever a query is: an object means "every key equals its value". */
export type Where = Query | Readonly<Record<string, Scalar>>;

/** How booleans are written: `yes`/`no` (read by v6 and v7) or `true`/`false` (v7 REST). */
export type BoolStyle = 'yes-no' | 'true-false';

/** Formats a scalar the way the router parses it. */
export function formatScalar(value: Scalar, bools: BoolStyle = 'yes-no'): string {
  if (typeof value === 'boolean') {
    if (bools === 'true-false') return value ? 'true' : 'false';
    return value ? 'yes' : 'no';
  }
  return String(value);
}

/** Query constructors. */
export const q = {
  eq: (key: string, value: Scalar): Query => ({ op: 'eq', key, value }),
  has: (key: string): Query => ({ op: 'has', key }),
  missing: (key: string): Query => ({ op: 'missing', key }),
  lt: (key: string, value: Scalar): Query => ({ op: 'lt', key, value }),
  gt: (key: string, value: Scalar): Query => ({ op: 'gt', key, value }),
  and: (...items: Query[]): Query => ({ op: 'and', items }),
  or: (...items: Query[]): Query => ({ op: 'or', items }),
  not: (item: Query): Query => ({ op: 'not', item }),
  /** Value is any of `values`. */
  in: (key: string, values: readonly Scalar[]): Query => ({
    op: 'or',
    items: values.map((value) => ({ op: 'eq', key, value }) as const),
  }),
} as const;

function isQuery(where: Where): where is Query {
  return typeof (where as { op?: unknown }).op === 'string' && 'op' in where;
}

/** Normalises the object shorthand into a query tree. */
export function toQuery(where: Where): Query {
  if (isQuery(where)) return where;
  return { op: 'and', items: Object.entries(where).map(([key, value]) => q.eq(key, value)) };
}

function emit(node: Query, out: string[], bools: BoolStyle): void {
  switch (node.op) {
    case 'eq':
      out.push(`?${node.key}=${formatScalar(node.value, bools)}`);
      return;
    case 'has':
      out.push(`?${node.key}`);
      return;
    case 'missing':
      out.push(`?-${node.key}`);
      return;
    case 'lt':
      out.push(`?<${node.key}=${formatScalar(node.value, bools)}`);
      return;
    case 'gt':
      out.push(`?>${node.key}=${formatScalar(node.value, bools)}`);
      return;
    case 'not':
      emit(node.item, out, bools);
      out.push('?#!');
      return;
    case 'and':
    case 'or': {
      if (node.items.length === 0) {
        // The stack has no constant; an empty group only makes sense at the top level.
        throw new RangeError(`empty '${node.op}' inside a query`);
      }
      for (const item of node.items) emit(item, out, bools);
      if (node.items.length > 1) {
        out.push(`?#${(node.op === 'and' ? '&' : '|').repeat(node.items.length - 1)}`);
      }
      return;
    }
  }
}

/**
 * Compiles a query to API words. The top level is an implicit AND, because the router ANDs all
 * values left on the stack, so no trailing `?#&` is needed there.
 */
export function compileQuery(where: Where | undefined, bools: BoolStyle = 'yes-no'): string[] {
  if (where === undefined) return [];
  const query = toQuery(where);
  const out: string[] = [];
  if (query.op === 'and') {
    for (const item of query.items) emit(item, out, bools);
  } else {
    emit(query, out, bools);
  }
  return out;
}
