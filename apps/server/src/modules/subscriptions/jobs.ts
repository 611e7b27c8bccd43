import { and, eq, isNotNull, lte, ne } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions } from '../../db/schema/index.ts';
import { defineJob } from '../../jobs/define-job.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import { systemContext } from '../auth/principal.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import { today } from './service.ts';

/**
 * Plan changes scheduled "from the next period" take effect on their date: the plan switches and
 * the router is told, in one transaction per run. Returns how many subscriptions switched.
 */
export async function applyScheduledPlanChanges(deps: AppDeps): Promise<number> {
  const date = today(deps);
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(subscriptions)
      .where(
        and(
          isNotNull(subscriptions.nextPlanId),
          lte(subscriptions.nextPlanFrom, date),
          ne(subscriptions.status, 'terminated'),
        ),
      )
      .for('update', { skipLocked: true });
    const revisions = new Map<string, bigint>();
    for (const routerId of new Set(due.map((s) => s.routerId))) {
      revisions.set(routerId, await markRouterChanged(deps, tx, routerId));
    }
    const ctx = systemContext();
    for (const s of due) {
      const [after] = await tx
        .update(subscriptions)
        .set({
          planId: s.nextPlanId ?? s.planId,
          nextPlanId: null,
          nextPlanFrom: null,
          routerRevision: revisions.get(s.routerId) ?? s.routerRevision,
          updatedAt: deps.clock.now(),
        })
        .where(eq(subscriptions.id, s.id))
        .returning();
      await recordAudit(tx, ctx, {
        action: 'subscription.plan_changed',
        entityType: 'subscription',
        entityId: s.id,
        before: { planId: s.planId, nextPlanId: s.nextPlanId, nextPlanFrom: s.nextPlanFrom },
        after: { planId: after?.planId ?? null },
      });
    }
    return due.length;
  });
}

export const applyScheduledPlanChangesJob = defineJob<Record<string, never>, AppDeps>({
  name: 'subscriptions.apply-plan-changes',
  payload: z.strictObject({}),
  // Hourly, so a change due today applies within the hour after midnight in APP_TIMEZONE.
  schedule: { cron: '5 * * * *', payload: {} },
  async handler(_payload, deps) {
    const n = await applyScheduledPlanChanges(deps);
    if (n > 0) deps.logger.info({ switched: n }, 'scheduled plan changes applied');
  },
});
