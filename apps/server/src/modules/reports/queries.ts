import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

/**
 * Every report is one aggregate query: the database does the counting, so a report over 100k
 * invoices moves a few rows to Node, not 100k. Dates and months leave the database as text
 * (node-postgres would turn a `date` into a local-midnight Date).
 */

/** The instant a calendar day starts in the operator's timezone. */
function dayStart(day: string | SQL, tz: string): SQL {
  return sql`((${day})::date::timestamp at time zone ${tz})`;
}

/**
 * When money reached an invoice: the payment's received time for payments (a cashier may record
 * yesterday's cash today), the allocation time for credit applied.
 */
const ALLOCATION_AT = sql`coalesce(p.received_at, a.created_at)`;

export type RevenueGroup = 'month' | 'plan' | 'area';

export interface RevenueRow {
  key: string | null;
  label: string | null;
  invoiceCount: number;
  subtotal: bigint;
  tax: bigint;
  total: bigint;
  collected: bigint;
}

/** `[fromDay, endDay)`: first day of `from`'s month to the first day after `to`'s month. */
export interface MonthWindow {
  fromDay: string;
  endDay: string;
  tz: string;
}

function groupKey(group: RevenueGroup, monthOf: SQL): { key: SQL; joins: SQL } {
  switch (group) {
    case 'month':
      return { key: sql`to_char(${monthOf}, 'YYYY-MM')`, joins: sql`` };
    case 'plan':
      return {
        key: sql`s.plan_id::text`,
        joins: sql`left join subscriptions s on s.id = i.subscription_id`,
      };
    case 'area':
      return { key: sql`c.site_id::text`, joins: sql`join customers c on c.id = i.customer_id` };
  }
}

export async function selectRevenue(
  db: Executor,
  group: RevenueGroup,
  w: MonthWindow,
): Promise<RevenueRow[]> {
  const inv = groupKey(group, sql`i.issue_date`);
  const col = groupKey(group, sql`(${ALLOCATION_AT} at time zone ${w.tz})::date`);
  // Month rows cover every month of the range, empty ones included; plans and areas only
  // those with something to show.
  const keys =
    group === 'month'
      ? sql`select to_char(m, 'YYYY-MM') as key from generate_series(${w.fromDay}::date::timestamp, (${w.endDay}::date - interval '1 month')::timestamp, interval '1 month') m`
      : sql`select key from inv union select key from col`;
  const label =
    group === 'month'
      ? sql`k.key`
      : group === 'plan'
        ? sql`(select pl.name from plans pl where pl.id::text = k.key)`
        : sql`(select st.name from sites st where st.id::text = k.key)`;
  return rowsOf<RevenueRow>(
    db.execute(sql`
      with inv as (
        select ${inv.key} as key, count(*)::int as n, sum(i.subtotal)::bigint as subtotal,
               sum(i.tax)::bigint as tax, sum(i.total)::bigint as total
        from invoices i ${inv.joins}
        where i.status not in ('draft', 'void')
          and i.issue_date >= ${w.fromDay}::date and i.issue_date < ${w.endDay}::date
        group by 1
      ), col as (
        select ${col.key} as key, sum(a.amount)::bigint as collected
        from invoice_allocations a
        join invoices i on i.id = a.invoice_id
        left join payments p on p.id = a.payment_id
        ${col.joins}
        where a.reversed_at is null
          and ${ALLOCATION_AT} >= ${dayStart(w.fromDay, w.tz)}
          and ${ALLOCATION_AT} < ${dayStart(w.endDay, w.tz)}
        group by 1
      ), k as (${keys})
      select k.key, ${label} as label,
             coalesce(inv.n, 0)::int as "invoiceCount",
             coalesce(inv.subtotal, 0)::bigint as subtotal,
             coalesce(inv.tax, 0)::bigint as tax,
             coalesce(inv.total, 0)::bigint as total,
             coalesce(col.collected, 0)::bigint as collected
      from k
      left join inv on inv.key is not distinct from k.key
      left join col on col.key is not distinct from k.key
      order by ${group === 'month' ? sql`k.key` : sql`coalesce(inv.total, 0) desc, k.key nulls last`}
    `),
  );
}

export interface AgingRow {
  bucket: string;
  invoiceCount: number;
  amount: bigint;
}

export interface OutstandingCustomerRow {
  customerId: string;
  customerNumber: string;
  customerName: string;
  invoiceCount: number;
  amount: bigint;
  oldestDaysPastDue: number;
}

/**
 * Open invoices as they stood at the end of `asOf`: issued by then, not voided by then, minus the
 * allocations that had arrived and were not yet reversed by then.
 */
function openInvoices(asOf: string, tz: string): SQL {
  const end = dayStart(sql`${asOf}::date + 1`, tz);
  return sql`
    paid as (
      select a.invoice_id, sum(a.amount)::bigint as paid
      from invoice_allocations a
      left join payments p on p.id = a.payment_id
      where ${ALLOCATION_AT} < ${end} and (a.reversed_at is null or a.reversed_at >= ${end})
      group by a.invoice_id
    ), open as (
      select i.id, i.customer_id, (${asOf}::date - i.due_date) as days,
             i.total - coalesce(paid.paid, 0) as balance
      from invoices i
      left join paid on paid.invoice_id = i.id
      where i.status <> 'draft'
        and i.issue_date <= ${asOf}::date
        and not (i.status = 'void' and (i.voided_at is null or i.voided_at < ${end}))
        and i.total - coalesce(paid.paid, 0) > 0
    )`;
}

export async function selectAging(db: Executor, asOf: string, tz: string): Promise<AgingRow[]> {
  return rowsOf<AgingRow>(
    db.execute(sql`
      with ${openInvoices(asOf, tz)},
      bucketed as (
        select case
                 when days <= 0 then 'current'
                 when days <= 30 then '1-30'
                 when days <= 60 then '31-60'
                 when days <= 90 then '61-90'
                 else '90+'
               end as bucket, balance
        from open
      )
      select bucket, count(*)::int as "invoiceCount", sum(balance)::bigint as amount
      from bucketed group by bucket
    `),
  );
}

export async function selectTopDebtors(
  db: Executor,
  asOf: string,
  tz: string,
  limit: number,
): Promise<OutstandingCustomerRow[]> {
  return rowsOf<OutstandingCustomerRow>(
    db.execute(sql`
      with ${openInvoices(asOf, tz)},
      per as (
        select customer_id, count(*)::int as n, sum(balance)::bigint as amount, max(days)::int as oldest
        from open group by customer_id
        order by amount desc, customer_id
        limit ${limit}
      )
      select per.customer_id::text as "customerId", c.number as "customerNumber",
             c.name as "customerName", per.n as "invoiceCount", per.amount,
             per.oldest as "oldestDaysPastDue"
      from per join customers c on c.id = per.customer_id
      order by per.amount desc, c.number
    `),
  );
}

export interface CollectionRow {
  month: string;
  invoiceCount: number;
  invoiced: bigint;
  collected: bigint;
  rateBp: number | null;
}

export async function selectCollection(db: Executor, w: MonthWindow): Promise<CollectionRow[]> {
  return rowsOf<CollectionRow>(
    db.execute(sql`
      with months as (
        select to_char(m, 'YYYY-MM') as month
        from generate_series(${w.fromDay}::date::timestamp, (${w.endDay}::date - interval '1 month')::timestamp, interval '1 month') m
      ), inv as (
        select to_char(i.issue_date, 'YYYY-MM') as month, count(*)::int as n,
               sum(i.total)::bigint as invoiced, sum(i.paid)::bigint as collected
        from invoices i
        where i.status not in ('draft', 'void')
          and i.issue_date >= ${w.fromDay}::date and i.issue_date < ${w.endDay}::date
        group by 1
      )
      select months.month, coalesce(inv.n, 0)::int as "invoiceCount",
             coalesce(inv.invoiced, 0)::bigint as invoiced,
             coalesce(inv.collected, 0)::bigint as collected,
             case when coalesce(inv.invoiced, 0) > 0
                  then (inv.collected * 10000 / inv.invoiced)::int end as "rateBp"
      from months left join inv using (month)
      order by months.month
    `),
  );
}

export interface MovementRow {
  month: string;
  newSubscriptions: number;
  churnedSubscriptions: number;
  newCustomers: number;
  churnedCustomers: number;
}

/**
 * A terminated subscription is frozen (no edit is allowed after termination), so its
 * `updated_at` is the moment it was terminated.
 */
export async function selectMovement(db: Executor, w: MonthWindow): Promise<MovementRow[]> {
  const localMonth = (col: SQL): SQL =>
    sql`to_char((${col} at time zone ${w.tz})::date, 'YYYY-MM')`;
  const inWindow = (col: SQL): SQL =>
    sql`${col} >= ${dayStart(w.fromDay, w.tz)} and ${col} < ${dayStart(w.endDay, w.tz)}`;
  return rowsOf<MovementRow>(
    db.execute(sql`
      with months as (
        select to_char(m, 'YYYY-MM') as month
        from generate_series(${w.fromDay}::date::timestamp, (${w.endDay}::date - interval '1 month')::timestamp, interval '1 month') m
      ), new_subs as (
        select to_char(coalesce(s.start_date, (s.created_at at time zone ${w.tz})::date), 'YYYY-MM') as month,
               count(*)::int as n
        from subscriptions s
        where s.status <> 'pending'
          and coalesce(s.start_date, (s.created_at at time zone ${w.tz})::date) >= ${w.fromDay}::date
          and coalesce(s.start_date, (s.created_at at time zone ${w.tz})::date) < ${w.endDay}::date
        group by 1
      ), churned_subs as (
        select ${localMonth(sql`s.updated_at`)} as month, count(*)::int as n
        from subscriptions s
        where s.status = 'terminated' and ${inWindow(sql`s.updated_at`)}
        group by 1
      ), new_customers as (
        select ${localMonth(sql`c.created_at`)} as month, count(*)::int as n
        from customers c
        where ${inWindow(sql`c.created_at`)}
        group by 1
      ), gone as (
        select s.customer_id, max(s.updated_at) as at
        from subscriptions s
        group by s.customer_id
        having bool_and(s.status = 'terminated')
      ), churned_customers as (
        select ${localMonth(sql`gone.at`)} as month, count(*)::int as n
        from gone where ${inWindow(sql`gone.at`)}
        group by 1
      )
      select months.month,
             coalesce(new_subs.n, 0)::int as "newSubscriptions",
             coalesce(churned_subs.n, 0)::int as "churnedSubscriptions",
             coalesce(new_customers.n, 0)::int as "newCustomers",
             coalesce(churned_customers.n, 0)::int as "churnedCustomers"
      from months
      left join new_subs using (month)
      left join churned_subs using (month)
      left join new_customers using (month)
      left join churned_customers using (month)
      order by months.month
    `),
  );
}

export interface CashierRow {
  date: string;
  cashierId: string | null;
  cashierName: string | null;
  count: number;
  total: bigint;
  reversedCount: number;
  reversedTotal: bigint;
}

export async function selectCashierDays(
  db: Executor,
  from: string,
  to: string,
  tz: string,
): Promise<CashierRow[]> {
  return rowsOf<CashierRow>(
    db.execute(sql`
      select to_char((p.received_at at time zone ${tz})::date, 'YYYY-MM-DD') as date,
             p.cashier_id::text as "cashierId", u.name as "cashierName",
             count(*)::int as count, sum(p.amount)::bigint as total,
             (count(*) filter (where p.status = 'reversed'))::int as "reversedCount",
             coalesce(sum(p.amount) filter (where p.status = 'reversed'), 0)::bigint as "reversedTotal"
      from payments p
      left join users u on u.id = p.cashier_id
      where p.received_at >= ${dayStart(from, tz)}
        and p.received_at < ${dayStart(sql`${to}::date + 1`, tz)}
      group by 1, 2, 3
      order by 1, 3 nulls last, 2
    `),
  );
}
