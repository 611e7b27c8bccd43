import { DomainError } from './errors.ts';

const invalidCursor = (): DomainError =>
  new DomainError('validation_failed', 'Invalid cursor', {
    fields: [{ path: 'cursor', message: 'Invalid cursor', code: 'invalid_cursor' }],
  });

/** Keyset position of a list ordered by `created_at desc, id desc`. */
export interface CreatedCursor {
  createdAt: Date;
  id: string;
}

export function encodeCreatedCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Accepts only what `encodeCreatedCursor` makes; anything else is a 400, never a SQL error. */
export function decodeCreatedCursor(cursor: string): CreatedCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (typeof at !== 'string' || typeof id !== 'string' || !ISO_INSTANT.test(at)) {
      throw new Error();
    }
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at || !UUID.test(id)) {
      throw new Error();
    }
    return { createdAt, id };
  } catch {
    throw invalidCursor();
  }
}

/** Builds a page from `limit + 1` rows fetched in list order. */
export function toPage<R extends { createdAt: Date; id: string }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): { data: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(map),
    nextCursor: rows.length > limit && last ? encodeCreatedCursor(last) : null,
  };
}

const MAX_BIGINT = 9_223_372_036_854_775_807n;

/**
 * Position in a list ordered by a bigint id, descending. Anything beyond PostgreSQL's bigint range
 * would fail there as a server error, so it is a 400 here.
 */
export function decodeIdCursor(cursor: string): bigint {
  if (!/^\d{1,19}$/.test(cursor) || BigInt(cursor) > MAX_BIGINT) throw invalidCursor();
  return BigInt(cursor);
}

/** Builds a page from `limit + 1` rows fetched in descending id order. */
export function toIdPage<R extends { id: bigint }, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
): { data: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(map),
    nextCursor: rows.length > limit && last ? last.id.toString() : null,
  };
}
