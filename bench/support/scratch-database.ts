/**
 * A throwaway database for a benchmark on the PostgreSQL server named by DATABASE_URL, so a
 * benchmark never touches real data. Without DATABASE_URL there is nothing to create: the
 * benchmark runs on embedded PGlite. BENCH_KEEP_DB=1 keeps the database for inspection (EXPLAIN).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** Connection string of the scratch database; undefined on PGlite. */
  readonly url: string | undefined;
  readonly name: string;
  drop(): Promise<void>;
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const name = `jaring_bench_${randomBytes(5).toString('hex')}`;
  if (!serverUrl) return { url: undefined, name, drop: () => Promise.resolve() };
  await admin(serverUrl, `create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    async drop(): Promise<void> {
      if (process.env.BENCH_KEEP_DB === '1') {
        process.stderr.write(`kept database ${name}\n`);
        return;
      }
      await admin(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}
