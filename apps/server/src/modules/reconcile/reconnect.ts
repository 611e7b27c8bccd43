import { eq } from 'drizzle-orm';
import { routers } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { reconcileRouterJob } from './jobs.ts';

/**
 * A router that was marked offline and is reachable again gets a reconcile right away, instead of
 * waiting for its job's next backoff step or the periodic pass.
 */
export async function onRouterConnected(deps: AppDeps, routerId: string): Promise<void> {
  const [row] = await deps.db
    .select({ online: routers.online })
    .from(routers)
    .where(eq(routers.id, routerId));
  if (row?.online !== false) return;
  await deps.jobs.enqueue(reconcileRouterJob, { routerId }, { singletonKey: routerId });
}
