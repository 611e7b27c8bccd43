import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { restoreIfSettled } from '../payments/restoration.ts';
import { today } from '../subscriptions/service.ts';

export interface CreditApplied {
  customers: number;
  invoices: number;
  amount: bigint;
}

/**
 * Spends customers' credit balances on their open invoices, set-based: per customer, oldest
 * invoice first (issue date, then number), each invoice min(credit left, balance due). Writes an
 * `invoice_allocations` row (source `credit`) and a `credit_ledger` row (`applied`, negative) per
 * invoice touched, moves `invoices.paid` and the status by the shared rule, and lowers
 * `customers.credit_balance`. Without `customerIds`, every customer with credit.
 *
 * The customers' rows are locked first, in id order, in a statement of their own: the
 * allocation statement then reads balances and invoices after any concurrent payment on the
 * same customers has committed (payments take the same customer lock).
 */
export async function applyCreditBalance(
  deps: AppDeps,
  tx: Executor,
  customerIds?: string[],
): Promise<CreditApplied> {
  if (customerIds && customerIds.length === 0) return { customers: 0, invoices: 0, amount: 0n };
  const only: SQL = customerIds
    ? sql`and c.id in (${sql.join(
        customerIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const locked = await rowsOf<{ id: string }>(
    tx.execute(
      sql`select c.id from customers c where c.credit_balance > 0 ${only} order by c.id for update`,
    ),
  );
  if (locked.length === 0) return { customers: 0, invoices: 0, amount: 0n };
  const now = deps.clock.now().toISOString();
  const date = today(deps);
  const [row] = await rowsOf<{
    customers: string | number | bigint;
    invoices: string | number | bigint;
    amount: string | bigint | null;
    customer_ids: string | null;
  }>(
    tx.execute(sql`
      with cust as (
        select c.id, c.credit_balance from customers c where c.credit_balance > 0 ${only}
      ),
      open as (
        select i.id, i.customer_id, i.total - i.paid as balance, cust.credit_balance,
          sum(i.total - i.paid) over (partition by i.customer_id
            order by i.issue_date, i.number, i.id) as running
        from invoices i join cust on cust.id = i.customer_id
        where i.status in ('issued', 'partially_paid', 'overdue') and i.total > i.paid
      ),
      a as (
        select x.* from (
          select open.id, open.customer_id,
            least(open.balance, greatest(0, open.credit_balance - (open.running - open.balance)))::bigint as amt
          from open
        ) x where x.amt > 0
      ),
      alloc as (
        insert into invoice_allocations (invoice_id, source, amount, created_at)
        select a.id, 'credit', a.amt, ${now}::timestamptz from a
        returning id
      ),
      ledger as (
        insert into credit_ledger (customer_id, amount, reason, invoice_id, note, created_at)
        select a.customer_id, -a.amt, 'applied', a.id, 'applied to invoice', ${now}::timestamptz from a
        returning id
      ),
      inv as (
        update invoices i set paid = i.paid + a.amt,
          status = case when i.paid + a.amt = i.total then 'paid'
            when i.due_date < ${date}::date then 'overdue'
            when i.paid + a.amt > 0 then 'partially_paid'
            else 'issued' end
        from a where i.id = a.id
        returning i.id
      ),
      cu as (
        update customers c set credit_balance = c.credit_balance - s.amt
        from (select customer_id, sum(amt)::bigint as amt from a group by 1) s
        where c.id = s.customer_id
        returning c.id
      )
      select (select count(*) from cu) as customers, (select count(*) from inv) as invoices,
        (select string_agg(id::text, ',') from cu) as customer_ids,
        (select sum(amt)::bigint from a) as amount,
        (select count(*) from alloc) + (select count(*) from ledger) as written`),
  );
  // Credit that settles the last overdue invoice lifts a dunning isolation like a payment does.
  const paidFrom = row?.customer_ids ? row.customer_ids.split(',') : [];
  await restoreIfSettled(deps, tx, paidFrom, { cause: `credit:${now}` });
  return {
    customers: Number(row?.customers ?? 0),
    invoices: Number(row?.invoices ?? 0),
    amount: BigInt(row?.amount ?? 0),
  };
}
