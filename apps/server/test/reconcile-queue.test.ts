import { startSimulator } from '@jaring/routeros/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markRouterChanged } from '../src/modules/reconcile/sync-request.ts';
import { createTestEnv, type TestEnv } from './support/env.ts';
import { pendingReconciles } from './support/network.ts';
import { insertRouter } from './support/network-fixtures.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ jobs: true });
}, 60_000);
afterAll(async () => {
  await env.close();
});

describe('reconcile queue', () => {
  it('collapses a burst of changes into one waiting pass per router', async () => {
    const a = await startSimulator({});
    const b = await startSimulator({});
    try {
      const routerA = await insertRouter(env.deps, a);
      const routerB = await insertRouter(env.deps, b);
      for (let i = 0; i < 5; i++) {
        await env.deps.db.transaction(async (tx) => {
          await markRouterChanged(env.deps, tx, routerA);
        });
      }
      await env.deps.db.transaction(async (tx) => {
        await markRouterChanged(env.deps, tx, routerB);
      });
      // No worker runs in this file: both passes are still waiting, one per router.
      const pending = await pendingReconciles(env.deps.db);
      expect(pending.get(routerA)).toBe(1);
      expect(pending.get(routerB)).toBe(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
