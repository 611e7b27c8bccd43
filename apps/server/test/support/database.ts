import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export interface TestDatabase {
  database: Database;
  /** Set on PostgreSQL: the URL of this test's own database. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** `DATABASE_URL` set: tests run on that server; unset: on an in-memory PGlite. */
export const usingPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * on the PostgreSQL server from DATABASE_URL, dropped afterwards. Test files never share state.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const database = await connectDatabase({ url: undefined, dataDir: 'memory://' });
    await migrate(database);
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `jaring_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await connectDatabase({ url: url.toString(), dataDir: '', poolMax: 5 });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async drop(): Promise<void> {
      await database.close().catch(() => undefined);
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
