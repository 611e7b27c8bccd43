import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { routers } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { reconcileRouterJob } from './jobs.ts';

/**
 * Records that a router's desired state changed and schedules its reconcile, in the caller's
 * transaction: the change and its router work commit together or not at all. Returns the new
 * desired revision; a subscription stamped with it is "pending on router" until the router's
 * synced revision catches up.
 */
export async function markRouterChanged(
  deps: AppDeps,
  tx: Executor,
  routerId: string,
): Promise<bigint> {
  const [row] = await tx
    .update(routers)
    .set({ desiredRevision: sql`${routers.desiredRevision} + 1` })
    .where(eq(routers.id, routerId))
    .returning({ revision: routers.desiredRevision });
  if (!row) throw new Error(`router ${routerId} does not exist`);
  // One queued reconcile per router is enough (the queue is `stately`: a send while one is waiting
  // is dropped): it reads the state when it runs, so changes made while it waits are included. The
  // short delay batches bursts of edits into one pass.
  await deps.jobs.enqueue(
    reconcileRouterJob,
    { routerId },
    { tx, singletonKey: routerId, startAfter: 1 },
  );
  return row.revision;
}
