import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database, Db } from './database.ts';
import * as schema from './schema/index.ts';

export interface ConnectOptions {
  /** PostgreSQL URL; when undefined the embedded PGlite is used. */
  url: string | undefined;
  /** Directory for PGlite's files; `memory://` keeps it in memory (tests). */
  dataDir: string;
  poolMax?: number;
}

export async function connectDatabase(options: ConnectOptions): Promise<Database> {
  return options.url
    ? connectPostgres(options.url, options.poolMax ?? 10)
    : connectPglite(options.dataDir);
}

async function connectPostgres(url: string, max: number): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // int8 (bigint) comes back as a JS bigint-safe string by default; money columns are bigint
  // and must never pass through a float, so parse them as BigInt at the driver.
  pg.default.types.setTypeParser(20, (v: string) => BigInt(v));
  const pool = new pg.default.Pool({ connectionString: url, max, application_name: 'jaring' });
  pool.on('error', () => {
    // An idle client that dies is removed by the pool; the next query reconnects.
  });
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    pool,
    url,
    async ping(): Promise<void> {
      await pool.query('select 1');
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}

async function connectPglite(dataDir: string): Promise<Database> {
  const { PGlite, types } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(inMemory ? undefined : join(dataDir, 'pgdata'), {
    parsers: { [types.INT8]: (v: string) => BigInt(v) },
    // Trigram indexes make customer search fast; the migration creates the extension.
    extensions: { pg_trgm },
    // PostgreSQL's default 128 MB of shared buffers lives inside the WASM heap here; a small ISP's
    // working set fits in far less, and the operating system still caches the data files.
    postgresqlconf: ['shared_buffers=32MB'],
  });
  const db = drizzle({ client: pglite, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite,
    pool: undefined,
    url: undefined,
    async ping(): Promise<void> {
      await pglite.query('select 1');
    },
    async close(): Promise<void> {
      if (!pglite.closed) await pglite.close();
    },
  };
}
