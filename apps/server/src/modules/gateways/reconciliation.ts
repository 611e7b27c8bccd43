import type {
  GatewayId,
  GatewayReconciliation,
  GatewayStats,
  GatewayTxStatus,
} from '@jaring/contracts';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { RequestContext } from '../auth/principal.ts';
import { shiftDay, startOfDay } from '../payments/service.ts';
import { today } from '../subscriptions/service.ts';
import { checkTransaction } from './status-check.ts';

/**
 * One day of gateway transactions (created that day, APP_TIMEZONE) against the payments Jaring
 * recorded for them: counts and sums per gateway, and every transaction where the two disagree.
 */
export async function reconciliationReport(
  deps: AppDeps,
  date?: string,
): Promise<GatewayReconciliation> {
  const tz = deps.config.timezone;
  const day = date ?? shiftDay(today(deps), -1);
  const from = startOfDay(day, tz);
  const to = startOfDay(shiftDay(day, 1), tz);
  const now = deps.clock.now();
  const totals = await rowsOf<{
    gateway: GatewayId;
    transactions: string;
    paid: string;
    paid_total: string;
    applied: string;
    applied_total: string;
    pending: string;
    failed: string;
    expired: string;
    refunded: string;
    in_review: string;
  }>(
    deps.db.execute(sql`
      select t.gateway,
        count(*) as transactions,
        count(*) filter (where t.status = 'paid') as paid,
        coalesce(sum(coalesce(t.received_total, t.total)) filter (where t.status = 'paid'), 0) as paid_total,
        count(p.id) filter (where p.status = 'completed') as applied,
        coalesce(sum(p.amount) filter (where p.status = 'completed'), 0) as applied_total,
        count(*) filter (where t.status in ('creating', 'pending', 'challenge')) as pending,
        count(*) filter (where t.status = 'failed') as failed,
        count(*) filter (where t.status = 'expired') as expired,
        count(*) filter (where t.status in ('refunded', 'partially_refunded')) as refunded,
        count(*) filter (where t.review is not null) as in_review
      from gateway_transactions t
      left join payments p on p.id = t.payment_id
      where t.created_at >= ${from.toISOString()}::timestamptz and t.created_at < ${to.toISOString()}::timestamptz
      group by t.gateway
      order by t.gateway`),
  );
  const discrepancies = await rowsOf<{
    kind: GatewayReconciliation['discrepancies'][number]['kind'];
    id: string;
    gateway: GatewayId;
    order_id: string;
    customer_number: string;
    status: GatewayTxStatus;
    total: string;
    payment_number: string | null;
  }>(
    deps.db.execute(sql`
      select * from (
        select
          case
            when t.review = 'amount_mismatch' and t.payment_id is null then 'amount_mismatch'
            when t.status = 'paid' and (p.id is null or p.status <> 'completed') then 'paid_not_applied'
            when p.status = 'completed' and t.status not in ('paid', 'partially_refunded') then 'applied_not_paid'
            when t.status in ('creating', 'pending') and t.expires_at < ${now.toISOString()}::timestamptz then 'pending_after_expiry'
          end as kind,
          t.id, t.gateway, t.order_id, c.number as customer_number, t.status, t.total,
          p.number as payment_number, t.created_at
        from gateway_transactions t
        join customers c on c.id = t.customer_id
        left join payments p on p.id = t.payment_id
        where t.created_at >= ${from.toISOString()}::timestamptz and t.created_at < ${to.toISOString()}::timestamptz
      ) d
      where d.kind is not null
      order by d.created_at, d.id`),
  );
  return {
    date: day,
    timezone: tz,
    gateways: totals.map((r) => ({
      gateway: r.gateway,
      transactions: Number(r.transactions),
      paid: Number(r.paid),
      paidTotal: String(r.paid_total),
      applied: Number(r.applied),
      appliedTotal: String(r.applied_total),
      pending: Number(r.pending),
      failed: Number(r.failed),
      expired: Number(r.expired),
      refunded: Number(r.refunded),
      inReview: Number(r.in_review),
    })),
    discrepancies: discrepancies.map((d) => ({
      kind: d.kind,
      transactionId: d.id,
      gateway: d.gateway,
      orderId: d.order_id,
      customerNumber: d.customer_number,
      status: d.status,
      total: String(d.total),
      paymentNumber: d.payment_number,
    })),
  };
}

/** Yesterday's transactions still open are asked once more, then yesterday is reported. */
export async function dailyReconciliation(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<GatewayReconciliation> {
  const tz = deps.config.timezone;
  const yesterday = shiftDay(today(deps), -1);
  const to = startOfDay(today(deps), tz);
  const open = await rowsOf<{ id: string }>(
    deps.db.execute(sql`
      select id from gateway_transactions
      where status in ('creating', 'pending', 'challenge') and created_at < ${to.toISOString()}::timestamptz
      order by created_at
      limit 2000`),
  );
  for (const row of open) {
    try {
      await checkTransaction(deps, row.id, ctx);
    } catch (err) {
      deps.logger.warn({ err, id: row.id }, 'reconciliation status check failed');
    }
  }
  return reconciliationReport(deps, yesterday);
}

/** Success rate and time to apply per gateway and channel over the last `days` days. */
export async function gatewayStats(deps: AppDeps, days: number): Promise<GatewayStats> {
  const since = new Date(deps.clock.now().getTime() - days * 86_400_000);
  const rows = await rowsOf<{
    gateway: GatewayId;
    channel: string | null;
    transactions: string;
    paid: string;
    failed: string;
    expired: string;
    pending: string;
    p50: number | string | null;
    p95: number | string | null;
    paid_total: string;
  }>(
    deps.db.execute(sql`
      select gateway, channel,
        count(*) as transactions,
        count(*) filter (where status in ('paid', 'refunded', 'partially_refunded')) as paid,
        count(*) filter (where status = 'failed') as failed,
        count(*) filter (where status = 'expired') as expired,
        count(*) filter (where status in ('pending', 'challenge')) as pending,
        percentile_cont(0.5) within group (order by extract(epoch from applied_at - paid_notice_at))
          filter (where applied_at is not null and paid_notice_at is not null) as p50,
        percentile_cont(0.95) within group (order by extract(epoch from applied_at - paid_notice_at))
          filter (where applied_at is not null and paid_notice_at is not null) as p95,
        coalesce(sum(total) filter (where status = 'paid'), 0) as paid_total
      from gateway_transactions
      where created_at >= ${since.toISOString()}::timestamptz and status <> 'creating'
      group by gateway, channel
      order by gateway, channel nulls last`),
  );
  return {
    days,
    rows: rows.map((r) => {
      const paid = Number(r.paid);
      const finished = paid + Number(r.failed) + Number(r.expired);
      return {
        gateway: r.gateway,
        channel: r.channel,
        transactions: Number(r.transactions),
        paid,
        failed: Number(r.failed),
        expired: Number(r.expired),
        pending: Number(r.pending),
        successRate: finished === 0 ? null : Math.round((paid / finished) * 1000) / 1000,
        applySecondsP50: r.p50 === null ? null : Math.round(Number(r.p50) * 1000) / 1000,
        applySecondsP95: r.p95 === null ? null : Math.round(Number(r.p95) * 1000) / 1000,
        paidTotal: String(r.paid_total),
      };
    }),
  };
}
