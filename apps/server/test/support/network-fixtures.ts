import type { Simulator } from '@jaring/routeros/sim';
import { eq, sql } from 'drizzle-orm';
import {
  customers,
  planRouters,
  plans,
  routers,
  subscriptions,
} from '../../src/db/schema/index.ts';
import type { Executor } from '../../src/db/database.ts';
import type { AppDeps } from '../../src/runtime/deps.ts';

/**
 * Rows written straight into the database, for tests that exercise the reconciler on its own.
 * (API-level tests go through the HTTP routes instead.)
 */
export async function insertRouter(
  deps: AppDeps,
  sim: Simulator,
  overrides: Partial<typeof routers.$inferInsert> = {},
): Promise<string> {
  const [row] = await deps.db
    .insert(routers)
    .values({
      name: `router-${sim.port}-${Math.random().toString(36).slice(2, 7)}`,
      addresses: [sim.host],
      port: sim.port,
      transport: 'api',
      username: sim.user,
      passwordEnc: deps.secretBox.encrypt(sim.password, 'routers.password'),
      ...overrides,
    })
    .returning({ id: routers.id });
  if (!row) throw new Error('router insert failed');
  return row.id;
}

let planCounter = 0;
export async function insertPlan(
  deps: AppDeps,
  routerIds: string[],
  overrides: Partial<typeof plans.$inferInsert> = {},
): Promise<string> {
  planCounter += 1;
  const [row] = await deps.db
    .insert(plans)
    .values({
      name: `Plan ${planCounter}`,
      type: 'pppoe',
      profileName: `jaring-plan-${planCounter}`,
      downloadKbps: 10_000,
      uploadKbps: 2_000,
      price: 150_000n,
      ...overrides,
    })
    .returning({ id: plans.id });
  if (!row) throw new Error('plan insert failed');
  if (routerIds.length)
    await deps.db
      .insert(planRouters)
      .values(routerIds.map((routerId) => ({ planId: row.id, routerId })));
  return row.id;
}

let customerCounter = 0;
export async function insertSubscription(
  deps: AppDeps,
  values: {
    routerId: string;
    planId: string;
    username: string;
    password?: string;
    status?: string;
    staticIp?: string;
    type?: string;
  },
  db: Executor = deps.db,
): Promise<{ id: string; customerId: string }> {
  customerCounter += 1;
  const [c] = await db
    .insert(customers)
    .values({
      number: `T${String(customerCounter).padStart(6, '0')}`,
      name: `Customer ${customerCounter}`,
    })
    .returning({ id: customers.id });
  if (!c) throw new Error('customer insert failed');
  const [s] = await db
    .insert(subscriptions)
    .values({
      customerId: c.id,
      planId: values.planId,
      routerId: values.routerId,
      type: values.type ?? 'pppoe',
      username: values.username,
      passwordEnc: deps.secretBox.encrypt(values.password ?? 'secret-pw', 'subscriptions.password'),
      status: values.status ?? 'active',
      staticIp: values.staticIp ?? null,
    })
    .returning({ id: subscriptions.id });
  if (!s) throw new Error('subscription insert failed');
  return { id: s.id, customerId: c.id };
}

export async function setSubscription(
  deps: AppDeps,
  id: string,
  values: Partial<typeof subscriptions.$inferInsert>,
): Promise<void> {
  await deps.db.update(subscriptions).set(values).where(eq(subscriptions.id, id));
}

export async function routerRevisions(
  deps: AppDeps,
  id: string,
): Promise<{ desired: bigint; synced: bigint }> {
  const [r] = await deps.db
    .select({ desired: routers.desiredRevision, synced: routers.syncedRevision })
    .from(routers)
    .where(eq(routers.id, id));
  return r ?? { desired: -1n, synced: -1n };
}

export async function bumpRouter(deps: AppDeps, id: string): Promise<void> {
  await deps.db
    .update(routers)
    .set({ desiredRevision: sql`${routers.desiredRevision} + 1` })
    .where(eq(routers.id, id));
}
