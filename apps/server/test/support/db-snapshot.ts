import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/database.ts';

type Rows = Record<string, unknown>[];

async function query(db: Db, statement: ReturnType<typeof sql>): Promise<Rows> {
  // Both drivers (node-postgres and PGlite) answer raw SQL with `{ rows }`.
  const result: unknown = await db.execute(statement);
  return (result as { rows: Rows }).rows;
}

/** Base tables of the `public` schema, sorted. */
export async function publicTables(db: Db): Promise<string[]> {
  const rows = await query(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => String(r.name));
}

/** Every row of a table as PostgreSQL's own text form of the record, sorted. */
export async function rowsAsText(db: Db, table: string): Promise<string[]> {
  const rows = await query(
    db,
    sql`select t::text as row from ${sql.identifier(table)} t order by t::text`,
  );
  return rows.map((r) => String(r.row));
}

/** The full content of the given tables, for before/after comparisons, in one round trip. */
export async function snapshotTables(
  db: Db,
  tables: readonly string[],
): Promise<Record<string, string[]>> {
  const columns = tables.map(
    (table) =>
      sql`(select coalesce(array_agg(t::text order by t::text), '{}') from ${sql.identifier(table)} t) as ${sql.identifier(table)}`,
  );
  const [row] = await query(db, sql`select ${sql.join(columns, sql`, `)}`);
  const out: Record<string, string[]> = {};
  for (const table of tables) out[table] = (row?.[table] as string[] | undefined) ?? [];
  return out;
}
