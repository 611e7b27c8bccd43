import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Db } from '../../src/db/database.ts';
import type { Agent } from './env.ts';

type Rows = Record<string, unknown>[];

export async function rawRows(db: Db, statement: ReturnType<typeof sql>): Promise<Rows> {
  const result: unknown = await db.execute(statement);
  return (result as { rows: Rows }).rows;
}

/** The tables a network/customer change may touch, plus the job table. */
export const NETWORK_TABLES = [
  'sites',
  'odps',
  'routers',
  'plans',
  'plan_routers',
  'customers',
  'subscriptions',
  'audit_logs',
] as const;

/** Every row of the tables as text, to compare before/after a refused request. */
export async function snapshot(db: Db): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of NETWORK_TABLES) {
    const rows = await rawRows(
      db,
      sql`select t::text as row from ${sql.identifier(table)} t order by 1`,
    );
    out[table] = rows.map((r) => String(r.row));
  }
  const jobs = await rawRows(
    db,
    sql`select id::text as row from pgboss.job where name = 'router.reconcile' order by 1`,
  );
  out['pgboss.job'] = jobs.map((r) => String(r.row));
  return out;
}

/** Queued reconciles per router id. */
export async function pendingReconciles(db: Db): Promise<Map<string, number>> {
  const rows = await rawRows(
    db,
    sql`select data->>'routerId' as router_id, count(*)::int as n from pgboss.job
        where name = 'router.reconcile' and state in ('created', 'retry') group by 1`,
  );
  return new Map(rows.map((r) => [String(r.router_id), Number(r.n)]));
}

/** Forgets queued reconciles, so the next change's jobs can be counted exactly. */
export async function clearReconciles(db: Db): Promise<void> {
  await db.execute(sql`delete from pgboss.job where name = 'router.reconcile'`);
}

export async function desiredRevision(db: Db, routerId: string): Promise<bigint> {
  const [row] = await rawRows(
    db,
    sql`select desired_revision::text as r from routers where id = ${routerId}`,
  );
  return BigInt(typeof row?.r === 'string' ? row.r : '0');
}

/** Asserts that exactly the given routers got one queued reconcile each. */
export async function expectReconciles(db: Db, routerIds: string[]): Promise<void> {
  const pending = await pendingReconciles(db);
  const expected = new Map(routerIds.map((id) => [id, 1]));
  expect(Object.fromEntries(pending)).toEqual(Object.fromEntries(expected));
}

export function expectProblem(
  res: LightMyRequestResponse,
  status: number,
  code?: string,
): Record<string, unknown> {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json<Record<string, unknown>>();
  if (code) expect(body.code).toBe(code);
  return body;
}

export function ok<T>(res: LightMyRequestResponse, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}

export interface Fixtures {
  router(overrides?: Record<string, unknown>): Promise<{ id: string; name: string }>;
  plan(
    routerIds: string[],
    overrides?: Record<string, unknown>,
  ): Promise<{ id: string; name: string; profileName: string }>;
  customer(
    overrides?: Record<string, unknown>,
    as?: Agent,
  ): Promise<{ id: string; number: string }>;
  subscription(
    body: Record<string, unknown>,
    as?: Agent,
  ): Promise<{ id: string; username: string; status: string }>;
}

let seq = 0;
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++seq}`;

export function fixtures(admin: Agent): Fixtures {
  return {
    async router(overrides = {}) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/routers',
        payload: {
          name: unique('router'),
          addresses: ['10.0.0.1'],
          username: 'jaring',
          password: 'router-secret-pw',
          ...overrides,
        },
      });
      return ok(res, 201);
    },
    async plan(routerIds, overrides = {}) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/plans',
        payload: {
          name: unique('Plan'),
          type: 'pppoe',
          downloadKbps: 10_000,
          uploadKbps: 5_000,
          price: '150000',
          routerIds,
          ...overrides,
        },
      });
      return ok(res, 201);
    },
    async customer(overrides = {}, as = admin) {
      const res = await as.request({
        method: 'POST',
        url: '/api/v1/customers',
        payload: { name: unique('Customer'), ...overrides },
      });
      return ok(res, 201);
    },
    async subscription(body, as = admin) {
      const res = await as.request({
        method: 'POST',
        url: '/api/v1/subscriptions',
        payload: { username: unique('user'), ...body },
      });
      return ok(res, 201);
    },
  };
}
