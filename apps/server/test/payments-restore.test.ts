import { RouterOSClient, type Row } from '@jaring/routeros';
import { startSimulator, type Simulator } from '@jaring/routeros/sim';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices, subscriptions } from '../src/db/schema/index.ts';
import { defineJob } from '../src/jobs/define-job.ts';
import { ManualClock } from '../src/lib/clock.ts';
import { reconcileRouterJob } from '../src/modules/reconcile/jobs.ts';
import { markRouterChanged } from '../src/modules/reconcile/sync-request.ts';
import { createTestEnv, type Agent, type TestEnv } from './support/env.ts';
import {
  insertPlan,
  insertRouter,
  insertSubscription,
  routerRevisions,
} from './support/network-fixtures.ts';
import { ok } from './support/network.ts';

// The production retry policy backs off over minutes; retried every second keeps this short.
const fastReconcile = defineJob({
  ...reconcileRouterJob,
  retry: { limit: 60, delaySeconds: 1, backoff: false },
});

const clock = new ManualClock('2026-03-10T05:00:00Z');
let env: TestEnv;
let finance: Agent;
const sims: Simulator[] = [];
const clients: RouterOSClient[] = [];

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function converged(routerId: string): Promise<void> {
  await waitFor(async () => {
    const r = await routerRevisions(env.deps, routerId);
    return r.synced === r.desired;
  });
}

beforeAll(async () => {
  env = await createTestEnv({ worker: true, clock, jobDefinitions: [fastReconcile] });
  finance = await env.agentFor('finance');
}, 60_000);
afterAll(async () => {
  for (const c of clients) await c.close();
  await env.close();
  for (const s of sims) await s.close();
});

async function router(
  isolationMode: 'disable' | 'profile',
): Promise<{ routerId: string; secret: (name: string) => Promise<Row | undefined> }> {
  const sim = await startSimulator({ user: 'jaring', password: 'router-pw', latencyMs: 1 });
  sims.push(sim);
  const client = new RouterOSClient({
    addresses: [{ host: sim.host, port: sim.port }],
    user: 'jaring',
    password: 'router-pw',
  });
  clients.push(client);
  const routerId = await insertRouter(env.deps, sim, {
    isolationMode,
    ...(isolationMode === 'profile' ? { isolationPool: '172.30.0.2-172.30.0.254' } : {}),
  });
  return {
    routerId,
    secret: async (name) =>
      (await client.exec('/ppp/secret/print')).rows.find((r) => r.name === name),
  };
}

describe('payment restores a dunning-isolated subscription on the router', () => {
  for (const mode of ['disable', 'profile'] as const) {
    it(`isolation by ${mode}: the paid customer's secret comes back; a staff isolation stays`, async () => {
      const { routerId, secret } = await router(mode);
      const profile = `jaring-pay-${mode}`;
      const planId = await insertPlan(env.deps, [routerId], { profileName: profile });
      const dunned = await insertSubscription(env.deps, {
        routerId,
        planId,
        username: `late-${mode}`,
      });
      const staff = await insertSubscription(env.deps, {
        routerId,
        planId,
        username: `abuse-${mode}`,
      });
      // Both subscriptions belong to the paying customer.
      await env.deps.db
        .update(subscriptions)
        .set({ customerId: dunned.customerId })
        .where(eq(subscriptions.id, staff.id));

      // Dunning isolated one, staff the other; the router carries both isolations.
      await env.deps.db.transaction(async (tx) => {
        const revision = await markRouterChanged(env.deps, tx, routerId);
        await tx
          .update(subscriptions)
          .set({ status: 'isolated', isolatedBy: 'dunning', routerRevision: revision })
          .where(eq(subscriptions.id, dunned.id));
        await tx
          .update(subscriptions)
          .set({ status: 'isolated', isolatedBy: 'staff', routerRevision: revision })
          .where(eq(subscriptions.id, staff.id));
      });
      await converged(routerId);
      const isolated =
        mode === 'disable' ? { disabled: 'true', profile } : { profile: 'jaring-isolir' };
      expect(await secret(`late-${mode}`)).toMatchObject(isolated);
      expect(await secret(`abuse-${mode}`)).toMatchObject(isolated);

      const [inv] = await env.deps.db
        .insert(invoices)
        .values({
          number: `RST-2026-00000${mode === 'disable' ? 1 : 2}`,
          customerId: dunned.customerId,
          subscriptionId: null,
          kind: 'manual',
          issueDate: '2026-02-01',
          dueDate: '2026-02-10',
          status: 'overdue',
          subtotal: 150_000n,
          tax: 16_500n,
          total: 166_500n,
        })
        .returning({ id: invoices.id });

      ok(
        await finance.request({
          method: 'POST',
          url: '/api/v1/payments',
          payload: { customerId: dunned.customerId, method: 'cash', amount: '166500' },
        }),
        201,
      );
      const [paid] = await env.deps.db
        .select({ status: invoices.status })
        .from(invoices)
        .where(eq(invoices.id, inv?.id ?? ''));
      expect(paid?.status).toBe('paid');

      await converged(routerId);
      expect(await secret(`late-${mode}`)).toMatchObject({ profile, disabled: 'false' });
      expect(await secret(`abuse-${mode}`)).toMatchObject(isolated);
      const [restored] = await env.deps.db
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.id, dunned.id));
      expect(restored).toMatchObject({ status: 'active', isolatedBy: null });
    }, 60_000);
  }
});
