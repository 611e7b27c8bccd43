import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/** Raw sample tables, range-partitioned by UTC day (see migration 0009). */
export const RAW_TABLES = ['router_samples', 'interface_samples', 'subscriber_samples'] as const;
export type RawTable = (typeof RAW_TABLES)[number];

const DAY_MS = 86_400_000;

/** Partitions known to exist, per database handle: creating one is a catalog write, checking is free. */
const known = new WeakMap<object, Set<string>>();

function partitionName(table: RawTable, dayStart: Date): string {
  return `${table}_p${dayStart.toISOString().slice(0, 10).replaceAll('-', '')}`;
}

function utcDay(at: Date): Date {
  return new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
}

/**
 * Makes sure the day partitions for `at` (and the next day, so a poll just before midnight never
 * waits on a catalog write) exist. Concurrent nodes may race to create the same partition; the
 * loser's error is harmless once the partition exists.
 */
export async function ensurePartitions(db: Executor, at: Date): Promise<void> {
  let cache = known.get(db);
  if (!cache) {
    cache = new Set();
    known.set(db, cache);
  }
  const today = utcDay(at);
  for (const day of [today, new Date(today.getTime() + DAY_MS)]) {
    for (const table of RAW_TABLES) {
      const name = partitionName(table, day);
      if (cache.has(name)) continue;
      const from = day.toISOString();
      const to = new Date(day.getTime() + DAY_MS).toISOString();
      try {
        await db.execute(
          sql.raw(
            `create table if not exists "${name}" partition of "${table}" for values from ('${from}') to ('${to}')`,
          ),
        );
      } catch (err) {
        if (!(await partitionExists(db, name))) throw err;
      }
      cache.add(name);
    }
  }
}

async function partitionExists(db: Executor, name: string): Promise<boolean> {
  const rows = await rowsOf<{ n: string }>(
    db.execute(sql`select relname as n from pg_class where relname = ${name}`),
  );
  return rows.length > 0;
}

export interface PartitionInfo {
  table: RawTable;
  name: string;
  /** First instant after the partition's range. */
  end: Date;
}

export async function listPartitions(db: Executor): Promise<PartitionInfo[]> {
  const rows = await rowsOf<{ parent: string; child: string }>(
    db.execute(sql`select p.relname as parent, c.relname as child
      from pg_inherits i
      join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent
      where p.relname in ('router_samples', 'interface_samples', 'subscriber_samples')`),
  );
  return rows.flatMap((r): PartitionInfo[] => {
    const m = /_p(\d{4})(\d{2})(\d{2})$/.exec(r.child);
    if (!m) return [];
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return [{ table: r.parent as RawTable, name: r.child, end: new Date(start + DAY_MS) }];
  });
}

/**
 * Drops the partitions whose whole range is older than `cutoff`: every row in them has expired,
 * and no row newer than the cutoff is touched. Returns the dropped names.
 */
export async function dropExpiredPartitions(db: Executor, cutoff: Date): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await listPartitions(db)) {
    if (p.end.getTime() > cutoff.getTime()) continue;
    await db.execute(sql.raw(`drop table if exists "${p.name}"`));
    known.get(db)?.delete(p.name);
    dropped.push(p.name);
  }
  return dropped;
}
