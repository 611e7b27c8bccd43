import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;

/** Drizzle over either driver; queries are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle or the database itself: query functions accept either. */
export type Executor = Pick<
  Db,
  'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'
>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** The embedded instance, for pg-boss's adapter; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  readonly pool: Pool | undefined;
  /** Connection string pg-boss uses on PostgreSQL. */
  readonly url: string | undefined;
  ping(): Promise<void>;
  close(): Promise<void>;
}
