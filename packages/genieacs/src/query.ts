/**
 * Query-string encoding for the NBI's collection endpoints. Queries are MongoDB-style JSON;
 * `Date` values serialise to ISO strings, which is what the NBI needs: it turns date-like
 * strings into dates before querying, while numbers never match `_lastInform`, `_registered`
 * or a `_timestamp`.
 */

/** A MongoDB-style filter, e.g. `{ "_lastInform": { "$gt": new Date(t) } }`. */
export type NbiQuery = Readonly<Record<string, unknown>>;

/** Sort keys; for devices the NBI appends `._value` to parameter paths itself. */
export type SortSpec = Readonly<Record<string, 1 | -1>>;

export interface CollectionQuery {
  readonly query?: NbiQuery;
  /** Path prefixes to return (`_id` always comes back). */
  readonly projection?: readonly string[];
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
}

function nonNegativeInteger(name: string, v: number): string {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`${name} must be a whole number >= 0`);
  return String(v);
}

/** `?query=...&projection=...` for a collection GET or HEAD (empty string when no options). */
export function collectionSearch(options: CollectionQuery = {}): string {
  const params = new URLSearchParams();
  if (options.query !== undefined && Object.keys(options.query).length > 0)
    params.set('query', JSON.stringify(options.query));
  if (options.projection !== undefined && options.projection.length > 0) {
    if (options.projection.some((p) => p.includes(',') || p.trim() === ''))
      throw new RangeError('projection paths must be non-empty and contain no comma');
    params.set('projection', options.projection.join(','));
  }
  if (options.sort !== undefined && Object.keys(options.sort).length > 0)
    params.set('sort', JSON.stringify(options.sort));
  if (options.skip !== undefined && options.skip > 0)
    params.set('skip', nonNegativeInteger('skip', options.skip));
  if (options.limit !== undefined) {
    // The NBI treats limit=0 as "no limit", which is never what a caller asking for 0 means.
    if (options.limit === 0) throw new RangeError('limit must be at least 1');
    params.set('limit', nonNegativeInteger('limit', options.limit));
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

/** Combines a caller's query with an extra condition (no `$and` wrapper when one is empty). */
export function andQuery(a: NbiQuery | undefined, b: NbiQuery): NbiQuery {
  if (a === undefined || Object.keys(a).length === 0) return b;
  return { $and: [a, b] };
}
