/**
 * Exactly-once under concurrency: a storm of repeated, shuffled payment notifications posted at
 * once pays every order once. On PostgreSQL the storm is split across two API nodes (`serve`) and
 * processed by two worker nodes (`worker`), four processes on one database, so the repeats of one
 * order race each other in different processes; the unique indexes that back the row-lock
 * protocol are then shown to refuse a second payment on their own. On PGlite (one process by
 * nature) the same storm goes to one node whose worker runs the gateway job 8 at a time.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_JOBS } from '../src/jobs/registry.ts';
import { rowsOf, uniqueViolation } from '../src/lib/sql-helpers.ts';
import { gatewayEventJob } from '../src/modules/gateways/jobs.ts';
import { usingPostgres } from './support/database.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';
import { freePort } from './support/free-port.ts';
import { MIDTRANS_KEY, unprocessedEvents, waitFor } from './support/gateways.ts';
import { startJaringNode, staffLogin, type JaringNode } from './support/jaring-node.ts';
import {
  deliverNotifications,
  midtransStormSettings,
  seedPendingMidtrans,
  settlementNotification,
  stormOf,
  stormOutcome,
  type PendingOrder,
} from './support/midtrans-storm.ts';

const ORDERS = 100;
const COPIES = 5;
const CONNECTIONS = 40;
const OWNER = { email: 'owner@storm.test', password: `storm-${randomBytes(9).toString('hex')}` };

let env: TestEnv;
const nodes: JaringNode[] = [];
/** Gateway jobs each worker process finished (counted from its debug log). */
const jobsDone: number[] = [];
let apiUrls: string[] = [];
let orders: PendingOrder[] = [];

/** Counts the gateway jobs a worker logs as done. */
function jobCounter(index: number): Writable {
  jobsDone[index] = 0;
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _enc, cb): void {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('"msg":"job done"') && line.includes(`"job":"${gatewayEventJob.name}"`)) {
          jobsDone[index] = (jobsDone[index] ?? 0) + 1;
        }
      }
      cb();
    },
  });
}

/**
 * Four nodes on the test's own database, with one APP_KEY: the first API node starts alone (it
 * creates the job queue schema and the owner, as a first install would), then the second API node
 * and both workers together. Workers log at debug so the test can see that both did work.
 */
async function startCluster(databaseUrl: string): Promise<void> {
  const shared: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    APP_KEY: randomBytes(32).toString('base64'),
    ADMIN_EMAIL: OWNER.email,
    ADMIN_PASSWORD: OWNER.password,
    ...(process.env.REDIS_URL
      ? {
          REDIS_URL: process.env.REDIS_URL,
          REDIS_KEY_PREFIX: `jaring-test-${randomBytes(4).toString('hex')}:`,
        }
      : {}),
  };
  // Connections stay modest: other test files share the server while this one runs.
  const api = { ...shared, DATABASE_POOL_MAX: '5' };
  const worker = { ...shared, DATABASE_POOL_MAX: '8', LOG_LEVEL: 'debug' };
  nodes.push(await startJaringNode({ mode: 'serve', env: api }));
  const started = await Promise.allSettled([
    startJaringNode({ mode: 'serve', env: api }),
    startJaringNode({ mode: 'worker', env: worker, echo: jobCounter(0) }),
    startJaringNode({ mode: 'worker', env: worker, echo: jobCounter(1) }),
  ]);
  // Every node that started is stopped after the tests, even when another one failed to.
  for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  apiUrls = nodes.flatMap((n) => (n.url ? [n.url] : []));
  // Keys go in through the API of one node: encrypted with the shared APP_KEY, read by all.
  const staff = await staffLogin(apiUrls[0] ?? '', OWNER.email, OWNER.password);
  await staff.json('PUT', '/api/v1/payment-gateways/midtrans', midtransStormSettings(MIDTRANS_KEY));
}

beforeAll(async () => {
  if (usingPostgres) {
    // In-process only for its scratch database: seeding and reading what the nodes did.
    env = await createTestEnv();
    await startCluster(env.deps.database.url ?? '');
  } else {
    const port = await freePort();
    // The job list option replaces the registry: all of it, the gateway job at its own 8-way
    // concurrency, as a node in `all` mode runs it.
    env = await createTestEnv({
      worker: true,
      jobDefinitions: ALL_JOBS,
      env: { APP_URL: `http://127.0.0.1:${port}` },
    });
    await env.app.listen({ port, host: '127.0.0.1' });
    apiUrls = [`http://127.0.0.1:${port}`];
    const finance = await env.agentFor('finance');
    const res = await finance.request({
      method: 'PUT',
      url: '/api/v1/payment-gateways/midtrans',
      payload: midtransStormSettings(MIDTRANS_KEY),
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  orders = await seedPendingMidtrans(env.deps.db, { count: ORDERS });
}, 60_000);

afterAll(async () => {
  const codes = await Promise.all(nodes.map((n) => n.stop()));
  await env?.close();
  const crashed = nodes.filter((_, i) => codes[i] !== 0);
  if (crashed.length > 0) {
    throw new Error(
      `nodes did not stop cleanly:\n${crashed.map((n) => `${n.mode}: ${n.output().slice(-4000)}`).join('\n')}`,
    );
  }
});

class RolledBack extends Error {}

/** Runs a write in a transaction that is always rolled back; the unique index it hit, if any. */
async function uniqueRefusal(statement: SQL): Promise<string | undefined> {
  let constraint: string | undefined;
  await env.deps.db
    .transaction(async (tx) => {
      try {
        await tx.execute(statement);
      } catch (err) {
        constraint = uniqueViolation(err);
        if (constraint === undefined) throw err;
      }
      throw new RolledBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return constraint;
}

describe('gateway notifications under concurrency', () => {
  it(
    usingPostgres
      ? 'two API nodes and two workers apply a storm of repeated notifications exactly once'
      : 'one node with its 8-way worker applies a storm of repeated notifications exactly once',
    async () => {
      const storm = stormOf(
        orders.map((o) => settlementNotification(o, MIDTRANS_KEY)),
        COPIES,
      );
      const sent = await deliverNotifications(apiUrls, storm, CONNECTIONS);
      expect(sent.deliveries.filter((d) => d.status !== 200)).toEqual([]);
      // Split evenly: the repeats of most orders reach both API nodes.
      for (let t = 0; t < apiUrls.length; t++) {
        expect(sent.deliveries.filter((d) => d.target === t)).toHaveLength(
          storm.length / apiUrls.length,
        );
      }
      await waitFor(
        async () => (await unprocessedEvents(env.deps)) === 0,
        45_000,
        'every notification to be processed',
      );

      const outcome = await stormOutcome(env.deps.db);
      expect(outcome).toMatchObject({
        applied: ORDERS,
        duplicates: 0,
        unpaid: 0,
        invoicesWrong: 0,
        stored: ORDERS * COPIES,
        unprocessed: 0,
      });
      // One notification of each order paid it; every repeat found it paid.
      expect(outcome.outcomes).toEqual({ applied: ORDERS, duplicate: ORDERS * (COPIES - 1) });

      // Each transaction has exactly one payment: its own reference, its own amount.
      const paid = await rowsOf<{
        order_id: string;
        total: bigint;
        status: string;
        payments: number;
        amount: bigint | null;
        reference: string | null;
      }>(
        env.deps.db.execute(sql`
          select g.order_id, g.total, g.status,
            (select count(*)::int from payments p
              where p.method = 'gateway' and p.reference = 'midtrans:' || g.order_id) as payments,
            p.amount, p.reference
          from gateway_transactions g left join payments p on p.id = g.payment_id`),
      );
      expect(paid).toHaveLength(ORDERS);
      for (const row of paid) {
        expect(row, row.order_id).toMatchObject({
          status: 'paid',
          payments: 1,
          amount: row.total,
          reference: `midtrans:${row.order_id}`,
        });
      }
      const invoices = await rowsOf<{ status: string; paid: bigint; total: bigint }>(
        env.deps.db.execute(sql`select i.status, i.paid, i.total from invoices i
          join gateway_transactions g on g.invoice_ids[1] = i.id`),
      );
      expect(invoices).toHaveLength(ORDERS);
      expect(invoices.filter((i) => i.status !== 'paid' || i.paid !== i.total)).toEqual([]);

      if (usingPostgres) {
        // Both worker processes took part: the repeats really raced across processes.
        expect(jobsDone.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(ORDERS * COPIES);
        expect(
          jobsDone.every((n) => n > 0),
          `jobs per worker: ${jobsDone.join(', ')}`,
        ).toBe(true);
      }
    },
    60_000,
  );

  it('unique indexes, not only checks, refuse a second payment for one gateway order', async () => {
    const indexes = await rowsOf<{ indexname: string; indexdef: string }>(
      env.deps.db.execute(sql`select indexname, indexdef from pg_indexes
        where indexname in ('payments_channel_reference_key', 'gateway_transactions_payment_key',
          'gateway_transactions_order_key') order by indexname`),
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'gateway_transactions_order_key',
      'gateway_transactions_payment_key',
      'payments_channel_reference_key',
    ]);
    for (const index of indexes) expect(index.indexdef).toMatch(/^CREATE UNIQUE INDEX/);

    const [first, second] = await rowsOf<{
      payment_id: string;
      customer_id: string;
      amount: bigint;
      reference: string;
      order_id: string;
    }>(
      env.deps.db.execute(sql`select p.id as payment_id, p.customer_id, p.amount, p.reference,
          g.order_id
        from gateway_transactions g join payments p on p.id = g.payment_id
        order by g.order_id limit 2`),
    );
    if (!first || !second) throw new Error('the storm left no payments');

    // A second gateway payment with the same reference, as a second node that skipped every
    // check would write it: same customer, or another one.
    for (const customerId of [first.customer_id, second.customer_id]) {
      expect(
        await uniqueRefusal(sql`insert into payments (number, customer_id, method, channel, amount,
            received_at, reference, status)
          values (${`RCP-DUP-${randomBytes(3).toString('hex')}`}, ${customerId}, 'gateway',
            'midtrans:bca_va', ${first.amount}, now(), ${first.reference}, 'completed')`),
      ).toBe('payments_channel_reference_key');
    }
    // One payment cannot settle two transactions, and an order id exists once.
    expect(
      await uniqueRefusal(sql`update gateway_transactions set payment_id = ${first.payment_id}
        where order_id = ${second.order_id}`),
    ).toBe('gateway_transactions_payment_key');
    expect(
      await uniqueRefusal(sql`insert into gateway_transactions (id, gateway, order_id,
          invoice_ids, invoice_key, attempt, customer_id, status, amount, fee, total, created_at,
          updated_at)
        select gen_random_uuid(), gateway, order_id, invoice_ids, invoice_key || '-again', 1,
          customer_id, 'pending', amount, fee, total, now(), now()
        from gateway_transactions where order_id = ${first.order_id}`),
    ).toBe('gateway_transactions_order_key');

    // Nothing of it stayed.
    expect((await stormOutcome(env.deps.db)).applied).toBe(ORDERS);
  });
});
