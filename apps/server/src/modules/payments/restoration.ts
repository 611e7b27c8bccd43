import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import { systemContext, type RequestContext } from '../auth/principal.ts';
import { notifyCustomers } from '../notifications/outbox.ts';
import { markRouterChanged } from '../reconcile/sync-request.ts';
import { today } from '../subscriptions/service.ts';

export interface RestoreOptions {
  /** Who caused it (the cashier, a gateway callback ...); the system when absent. */
  ctx?: RequestContext;
  /** What settled the balance (a payment id, a credit application ...): part of the event key. */
  cause?: string;
}

export interface RestoredSubscription {
  subscriptionId: string;
  customerId: string;
  routerId: string;
}

/**
 * Lifts dunning's isolation (or suspension) of every subscription of these customers once the
 * customer has no overdue invoice left. Called in the same transaction as whatever moved the
 * money (cashier payment, gateway callback, credit applied), so the restoration commits with the
 * payment and the router's reconcile is queued with it.
 *
 * "Overdue" follows the shared status rule: an open invoice whose due date has passed counts even
 * if no pass has stamped it `overdue` yet. Staff isolations (`isolated_by = 'staff'`) stay.
 */
export async function restoreIfSettled(
  deps: AppDeps,
  tx: Executor,
  customerIds: string[],
  options: RestoreOptions = {},
): Promise<RestoredSubscription[]> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return [];
  const day = today(deps);
  const candidates = await rowsOf<{
    id: string;
    customer_id: string;
    router_id: string;
    status: string;
  }>(
    tx.execute(sql`
      select s.id, s.customer_id, s.router_id, s.status
      from subscriptions s
      where s.customer_id in ${ids}
        and s.status in ('isolated', 'suspended') and s.isolated_by = 'dunning'
        and not exists (
          select 1 from invoices i
          where i.customer_id = s.customer_id
            and (i.status = 'overdue'
              or (i.status in ('issued', 'partially_paid') and i.due_date < ${day}::date))
        )
      order by s.id
      for update of s`),
  );
  if (candidates.length === 0) return [];

  // One revision bump and one queued reconcile per router, however many subscriptions it carries.
  const revisions = new Map<string, bigint>();
  for (const routerId of [...new Set(candidates.map((c) => c.router_id))].sort()) {
    revisions.set(routerId, await markRouterChanged(deps, tx, routerId));
  }
  const now = deps.clock.now();
  const values = sql.join(
    candidates.map(
      (c) => sql`(${c.id}::uuid, ${(revisions.get(c.router_id) ?? 0n).toString()}::bigint)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update subscriptions s set status = 'active', isolated_by = null,
      router_revision = v.revision, updated_at = ${now.toISOString()}::timestamptz
    from (values ${values}) as v(id, revision)
    where s.id = v.id`);

  const cause = options.cause ?? now.toISOString();
  const events = sql.join(
    candidates.map(
      (c) =>
        sql`(${`restore:${c.id}:${cause}`}, 'restore', ${c.customer_id}::uuid, ${c.id}::uuid, ${JSON.stringify({ cause })}::jsonb, ${now.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    insert into dunning_events (key, kind, customer_id, subscription_id, detail, created_at)
    values ${events}
    on conflict (key) do nothing`);

  await notifyCustomers(
    deps,
    tx,
    sql`select cu.id as customer_id, 'service_restored' as template,
        'restored:' || cu.id || ':' || ${cause}::text as dedupe_base,
        jsonb_build_object('name', cu.name, 'customerNumber', cu.number) as variables
      from customers cu
      where cu.id in ${[...new Set(candidates.map((c) => c.customer_id))]}`,
  );

  const ctx = options.ctx ?? systemContext();
  for (const c of candidates) {
    await recordAudit(tx, ctx, {
      action: 'subscription.restore',
      entityType: 'subscription',
      entityId: c.id,
      before: { status: c.status, isolatedBy: 'dunning' },
      after: { status: 'active', isolatedBy: null, reason: 'balance settled', cause },
    });
  }
  return candidates.map((c) => ({
    subscriptionId: c.id,
    customerId: c.customer_id,
    routerId: c.router_id,
  }));
}
