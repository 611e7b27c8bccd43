import { and, eq, gte, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { billingAdjustments, invoices } from '../../db/schema/index.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { RequestContext } from '../auth/principal.ts';
import { planChangeLines } from './proration.ts';

interface PlanPrice {
  name: string;
  price: bigint;
  taxRateBp: number;
}

/**
 * A plan change effective on `date`: every period already invoiced at the old price that is not
 * over yet (the current one, and the next one when a prepaid invoice went out early) gets a
 * credit for the old plan's remaining days and a charge for the same days on the new plan, as
 * pending adjustments for the next invoice. Periods not invoiced yet need nothing: the run
 * bills whatever plan the subscription has then. Returns how many rows were written.
 */
export async function creditPlanChange(
  _deps: AppDeps,
  tx: Executor,
  ctx: RequestContext,
  sub: { id: string; customerId: string },
  oldPlan: PlanPrice,
  newPlan: PlanPrice,
  date: string,
): Promise<number> {
  const billed = await tx
    .select({ periodStart: invoices.periodStart, periodEnd: invoices.periodEnd })
    .from(invoices)
    .where(
      and(
        eq(invoices.subscriptionId, sub.id),
        eq(invoices.kind, 'subscription'),
        ne(invoices.status, 'void'),
        gte(invoices.periodEnd, date),
      ),
    )
    .orderBy(invoices.periodStart);
  const rows: (typeof billingAdjustments.$inferInsert)[] = [];
  for (const inv of billed) {
    if (!inv.periodStart || !inv.periodEnd) continue;
    const period = { start: inv.periodStart, end: inv.periodEnd };
    const from = date > period.start ? date : period.start;
    for (const line of planChangeLines(period, from, oldPlan, newPlan)) {
      if (line.amount === 0n) continue;
      rows.push({
        customerId: sub.customerId,
        subscriptionId: sub.id,
        kind: line.kind,
        description: line.description,
        quantity: 1,
        unitAmount: line.amount,
        taxRateBp: line.kind === 'credit' ? oldPlan.taxRateBp : newPlan.taxRateBp,
        createdBy: ctx.principal?.user.id ?? null,
      });
    }
  }
  if (rows.length > 0) await tx.insert(billingAdjustments).values(rows);
  return rows.length;
}
