import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/**
 * The dashboard's figures, one aggregate query per family (subscriptions, invoices, payments,
 * gateway checkouts), each over every month of the window at once.
 *
 * Month-end stocks (active subscriptions, MRR, outstanding) are running sums of dated events
 * (+1 at a start, -1 at a termination; +total at issue, -amount at an allocation, ...) grouped
 * by month: one pass over each table gives every month end, with no per-month scan and no
 * generate_series x table join.
 *
 * Rows find their month with `width_bucket` against the months' first instants, computed once
 * per query: a binary search on a small array instead of converting every row's timestamp to
 * the local calendar (`at time zone` plus `date_trunc` per row took about three times as long on
 * a million payments). Bucket 0 is before the window, 1..N its months, N + 1 after `asOf`.
 */

export interface DashboardWindow {
  /** The first day of each month, oldest first, then the day after `asOf` (exclusive end). */
  bounds: readonly string[];
  tz: string;
}

/** How many months the window has. */
function monthCount(w: DashboardWindow): number {
  return w.bounds.length - 1;
}

/** The bounds as calendar days, for `date` columns. */
function dayBounds(w: DashboardWindow): SQL {
  return sql`${`{${w.bounds.join(',')}}`}::date[]`;
}

/** The bounds as the instants those days start in APP_TIMEZONE, for timestamps. Evaluated once. */
function instantBounds(w: DashboardWindow): SQL {
  return sql`(select array_agg((d::timestamp at time zone ${w.tz}) order by n)
    from unnest(${dayBounds(w)}) with ordinality as u(d, n))`;
}

/** The instant a calendar day starts in APP_TIMEZONE. */
function dayStart(day: string, tz: string): SQL {
  return sql`(${day}::date::timestamp at time zone ${tz})`;
}

/** One row per month of the window: its index k (1..N) and `YYYY-MM`. */
function months(w: DashboardWindow): SQL {
  return sql`select k::int as k, to_char(d, 'YYYY-MM') as month
    from unnest(${dayBounds(w)}) with ordinality as u(d, k)
    where k <= ${monthCount(w)}`;
}

/**
 * For the rest of the transaction. These scans cost less than compiling them: PostgreSQL's JIT
 * spent 1.4-1.9 s per query at 100k subscriptions, more than the query itself ran. (PGlite has
 * no JIT; it accepts the setting and ignores it.)
 */
export async function withoutJit(tx: Executor): Promise<void> {
  await tx.execute(sql`set local jit = off`);
}

export interface SubscriberMonthRow {
  month: string;
  active: number;
  newSubscriptions: number;
  churned: number;
  /** Twelve times the MRR: exact in whole rupiah for monthly, quarterly and yearly plans. */
  annualRunRate: bigint;
}

/**
 * A terminated subscription is frozen (no edit is allowed after termination), so its
 * `updated_at` is the moment it was terminated: the same rule as the customer movement report.
 * Everything before the window is summed into bucket 0, the opening count.
 */
export async function selectSubscriberMonths(
  db: Executor,
  w: DashboardWindow,
): Promise<SubscriberMonthRow[]> {
  const days = dayBounds(w);
  const instants = instantBounds(w);
  return rowsOf<SubscriberMonthRow>(
    db.execute(sql`
      with months as (${months(w)}),
      subs as (
        select coalesce(s.start_date, (s.created_at at time zone ${w.tz})::date) as started,
               case when s.status = 'terminated' then s.updated_at end as ended,
               -- A yearly plan's price over 12 months, a quarterly one's over 3: summing
               -- price * (12 / months) keeps the annual figure whole; MRR is it / 12.
               pl.price * case pl.billing_period when 'yearly' then 1 when 'quarterly' then 4 else 12 end
                 as annual
        from subscriptions s
        join plans pl on pl.id = s.plan_id
        where s.status <> 'pending'
      ),
      -- Terminated before its start date: it never started, so it is neither new nor churned.
      live as (
        select * from subs
        where ended is null or ended >= (started::timestamp at time zone ${w.tz})
      ),
      ev as (
        select width_bucket(started, ${days}) as k, 1 as delta, annual, true as is_start
        from live
        union all
        select width_bucket(ended, ${instants}), -1, -annual, false
        from live
        where ended is not null
      ),
      agg as (
        select k, sum(delta)::bigint as net, sum(annual)::bigint as net_annual,
               count(*) filter (where is_start)::int as new_n,
               count(*) filter (where not is_start)::int as churned_n
        from ev
        where k <= ${monthCount(w)}
        group by k
      ),
      opening as (
        select coalesce(sum(net), 0)::bigint as net, coalesce(sum(net_annual), 0)::bigint as annual
        from agg where k = 0
      )
      select months.month,
             ((select net from opening) + coalesce(sum(agg.net) over running, 0))::int as active,
             coalesce(agg.new_n, 0)::int as "newSubscriptions",
             coalesce(agg.churned_n, 0)::int as churned,
             ((select annual from opening) + coalesce(sum(agg.net_annual) over running, 0))::bigint
               as "annualRunRate"
      from months
      left join agg using (k)
      window running as (order by months.k)
      order by months.k
    `),
  );
}

export interface InvoiceMonthRow {
  month: string;
  invoiceCount: number;
  invoiced: bigint;
  outstanding: bigint;
}

/**
 * Invoiced per month, and the unpaid balance at each month end as the outstanding report rebuilds
 * one day: an invoice is owed from its issue date until it is voided (void needs the payments
 * reversed first, so a voided invoice has no live allocation), an allocation counts from the day
 * its money arrived (never before its invoice's issue date) until it is reversed.
 *
 * Walking back from today keeps the cost to the window, not the whole history: today's balance
 * is the open invoices' `total - paid` (invariant 13: `paid` is the sum of live allocations), and
 * a month end's balance is today's minus every event dated after it. Events before the window
 * are never read in detail. Allocations are picked by when they were written: money is recorded
 * after it arrives (`received_at` is never in the future) and after its invoice was issued, so an
 * event dated in the window was written in it (a day of slack for the timezone).
 */
export async function selectInvoiceMonths(
  db: Executor,
  w: DashboardWindow,
): Promise<InvoiceMonthRow[]> {
  const days = dayBounds(w);
  const instants = instantBounds(w);
  const fromDay = w.bounds[0]!;
  const end = dayStart(w.bounds[monthCount(w)]!, w.tz);
  const since = sql`${dayStart(fromDay, w.tz)} - interval '1 day'`;
  return rowsOf<InvoiceMonthRow>(
    db.execute(sql`
      with months as (${months(w)}),
      open_now as (
        select coalesce(sum(i.total - i.paid), 0)::bigint as amount
        from invoices i
        where i.status in ('issued', 'partially_paid', 'overdue')
      ),
      recent as (
        select a.invoice_id, a.payment_id, a.amount, a.created_at, a.reversed_at
        from invoice_allocations a
        where a.created_at >= ${since} or a.reversed_at >= ${since}
      ),
      ev as (
        -- Issued; "counted" when not voided by the end of asOf: what the month invoiced.
        select width_bucket(i.issue_date, ${days}) as k, i.total as delta,
               not (i.status = 'void' and (i.voided_at is null or i.voided_at < ${end})) as counted
        from invoices i
        where i.status <> 'draft' and i.issue_date >= ${fromDay}::date
        union all
        select greatest(coalesce(width_bucket(i.voided_at, ${instants}), 0),
                        width_bucket(i.issue_date, ${days})),
               -i.total, false
        from invoices i
        where i.status = 'void'
        union all
        select greatest(v.k, width_bucket(i.issue_date, ${days})), v.delta, false
        from recent a
        join invoices i on i.id = a.invoice_id
        left join payments p on p.id = a.payment_id
        cross join lateral (values
          (width_bucket(coalesce(p.received_at, a.created_at), ${instants}), -a.amount),
          (width_bucket(a.reversed_at, ${instants}), a.amount)) v(k, delta)
        where v.k is not null
      ),
      agg as (
        select k, sum(delta)::bigint as net,
               count(*) filter (where counted and k <= ${monthCount(w)})::int as n,
               coalesce(sum(delta) filter (where counted and k <= ${monthCount(w)}), 0)::bigint
                 as invoiced
        from ev
        where k >= 1
        group by k
      )
      select months.month,
             coalesce(agg.n, 0)::int as "invoiceCount",
             coalesce(agg.invoiced, 0)::bigint as invoiced,
             ((select amount from open_now)
               - coalesce((select net from agg where k > ${monthCount(w)}), 0)
               - coalesce(sum(agg.net) over later, 0))::bigint as outstanding
      from months
      left join agg using (k)
      window later as (order by months.k desc rows between unbounded preceding and 1 preceding)
      order by months.k
    `),
  );
}

export interface CollectedMonthRow {
  month: string;
  collected: bigint;
}

export async function selectCollectedMonths(
  db: Executor,
  w: DashboardWindow,
): Promise<CollectedMonthRow[]> {
  const end = dayStart(w.bounds[monthCount(w)]!, w.tz);
  return rowsOf<CollectedMonthRow>(
    db.execute(sql`
      with months as (${months(w)}),
      agg as (
        select width_bucket(p.received_at, ${instantBounds(w)}) as k,
               sum(p.amount)::bigint as collected
        from payments p
        where p.received_at >= ${dayStart(w.bounds[0]!, w.tz)}
          and p.received_at < ${end}
          and (p.reversed_at is null or p.reversed_at >= ${end})
        group by 1
      )
      select months.month, coalesce(agg.collected, 0)::bigint as collected
      from months
      left join agg using (k)
      order by months.k
    `),
  );
}

export interface GatewayMonthRow {
  month: string;
  paid: number;
  failed: number;
  expired: number;
  pending: number;
}

/** Same buckets as the online payment statistics: a refund later does not undo a success. */
export async function selectGatewayMonths(
  db: Executor,
  w: DashboardWindow,
): Promise<GatewayMonthRow[]> {
  return rowsOf<GatewayMonthRow>(
    db.execute(sql`
      with months as (${months(w)}),
      agg as (
        select width_bucket(g.created_at, ${instantBounds(w)}) as k,
               count(*) filter (where g.status in ('paid', 'refunded', 'partially_refunded'))::int as paid,
               count(*) filter (where g.status = 'failed')::int as failed,
               count(*) filter (where g.status = 'expired')::int as expired,
               count(*) filter (where g.status in ('pending', 'challenge'))::int as pending
        from gateway_transactions g
        where g.created_at >= ${dayStart(w.bounds[0]!, w.tz)}
          and g.created_at < ${dayStart(w.bounds[monthCount(w)]!, w.tz)}
          and g.status <> 'creating'
        group by 1
      )
      select months.month,
             coalesce(agg.paid, 0)::int as paid,
             coalesce(agg.failed, 0)::int as failed,
             coalesce(agg.expired, 0)::int as expired,
             coalesce(agg.pending, 0)::int as pending
      from months
      left join agg using (k)
      order by months.k
    `),
  );
}
