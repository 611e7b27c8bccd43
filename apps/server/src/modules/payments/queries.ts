import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  creditLedger,
  customers,
  invoiceAllocations,
  invoices,
  payments,
  users,
} from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { rowsOf } from '../../lib/sql-helpers.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type AllocationRow = typeof invoiceAllocations.$inferSelect;
export type CreditRow = typeof creditLedger.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;

/** Invoices money can still go to. */
export const OPEN_STATUSES = ['issued', 'partially_paid', 'overdue'] as const;

export interface LockedCustomer {
  id: string;
  creditBalance: bigint;
  resellerId: string | null;
}

/**
 * Locks the customer row: every money movement of one customer (payments, reversals, credit)
 * takes this lock first, so they run one after the other and always lock in the same order.
 */
export async function lockCustomer(tx: Executor, id: string): Promise<LockedCustomer | undefined> {
  const [row] = await tx
    .select({
      id: customers.id,
      creditBalance: customers.creditBalance,
      resellerId: customers.resellerId,
    })
    .from(customers)
    .where(eq(customers.id, id))
    .for('update');
  return row;
}

/** The customer's open invoices, oldest due date first, locked. */
export async function lockOpenInvoices(tx: Executor, customerId: string): Promise<InvoiceRow[]> {
  return tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.status, [...OPEN_STATUSES])))
    .orderBy(asc(invoices.dueDate), asc(invoices.issueDate), asc(invoices.number), asc(invoices.id))
    .for('update');
}

export async function invoicesByIds(tx: Executor, ids: string[]): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  return tx.select().from(invoices).where(inArray(invoices.id, ids));
}

/**
 * The next receipt number of a year. The year's counter row stays locked until the caller's
 * transaction ends, so numbers are gapless: a rolled-back payment gives its number back.
 */
export async function nextReceiptNumber(tx: Executor, year: number): Promise<bigint> {
  await tx.execute(
    sql`insert into payment_counters (year, last_number) values (${year}, 0) on conflict do nothing`,
  );
  const [row] = await rowsOf<{ n: bigint | string }>(
    tx.execute(
      sql`update payment_counters set last_number = last_number + 1 where year = ${year} returning last_number as n`,
    ),
  );
  if (!row) throw new Error(`payment counter ${year} missing`);
  return BigInt(row.n);
}

/**
 * `invoices.paid` = the sum of live allocations, and the status by the one shared rule. Draft
 * and void invoices are never touched by money movements.
 */
export async function refreshInvoices(tx: Executor, ids: string[], today: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    with sums as (
      select i.id, coalesce(sum(a.amount) filter (where a.reversed_at is null), 0)::bigint as paid
      from invoices i left join invoice_allocations a on a.invoice_id = i.id
      where i.id in ${ids} and i.status not in ('draft', 'void')
      group by i.id
    )
    update invoices i set
      paid = s.paid,
      status = case
        when s.paid = i.total then 'paid'
        when i.due_date < ${today}::date then 'overdue'
        when s.paid > 0 then 'partially_paid'
        else 'issued'
      end
    from sums s
    where i.id = s.id`);
}

export async function addCredit(
  tx: Executor,
  entry: typeof creditLedger.$inferInsert,
): Promise<void> {
  await tx.insert(creditLedger).values(entry);
  await tx
    .update(customers)
    .set({ creditBalance: sql`${customers.creditBalance} + ${entry.amount}` })
    .where(eq(customers.id, entry.customerId));
}

/** A reseller reaches a payment only through one of its own customers. */
function scoped(resellerId: string | undefined): SQL | undefined {
  return resellerId === undefined
    ? undefined
    : sql`exists (select 1 from ${customers} c where c.id = "payments"."customer_id" and c.reseller_id = ${resellerId})`;
}

export interface PaymentListRow {
  payment: PaymentRow;
  customerNumber: string;
  customerName: string;
  cashierName: string | null;
}

const listColumns = {
  payment: payments,
  customerNumber: customers.number,
  customerName: customers.name,
  cashierName: users.name,
};

export async function findPayment(
  db: Executor,
  id: string,
  resellerId: string | undefined,
): Promise<PaymentListRow | undefined> {
  const [row] = await db
    .select(listColumns)
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.cashierId))
    .where(and(eq(payments.id, id), scoped(resellerId)))
    .limit(1);
  return row;
}

/** A gateway payment by its transaction reference (unique per gateway payment). */
export async function findGatewayPayment(
  tx: Executor,
  reference: string,
): Promise<PaymentRow | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(and(eq(payments.method, 'gateway'), eq(payments.reference, reference)))
    .limit(1);
  return row;
}

export async function lockPayment(tx: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

export interface PaymentFilter {
  limit: number;
  after?: CreatedCursor;
  resellerId?: string;
  customerId?: string;
  cashierId?: string;
  method?: string;
  status?: string;
  /** Instants bounding received_at: [from, to). */
  receivedFrom?: Date;
  receivedBefore?: Date;
}

export async function selectPayments(db: Executor, f: PaymentFilter): Promise<PaymentListRow[]> {
  return db
    .select(listColumns)
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.cashierId))
    .where(
      and(
        scoped(f.resellerId),
        f.after
          ? or(
              lt(payments.createdAt, f.after.createdAt),
              and(eq(payments.createdAt, f.after.createdAt), lt(payments.id, f.after.id)),
            )
          : undefined,
        f.customerId ? eq(payments.customerId, f.customerId) : undefined,
        f.cashierId ? eq(payments.cashierId, f.cashierId) : undefined,
        f.method ? eq(payments.method, f.method) : undefined,
        f.status ? eq(payments.status, f.status) : undefined,
        f.receivedFrom ? gte(payments.receivedAt, f.receivedFrom) : undefined,
        f.receivedBefore ? lt(payments.receivedAt, f.receivedBefore) : undefined,
      ),
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(f.limit);
}

export interface AllocationView {
  allocation: AllocationRow;
  invoiceNumber: string | null;
}

export async function selectPaymentAllocations(
  db: Executor,
  paymentIds: string[],
): Promise<AllocationView[]> {
  if (paymentIds.length === 0) return [];
  return db
    .select({ allocation: invoiceAllocations, invoiceNumber: invoices.number })
    .from(invoiceAllocations)
    .innerJoin(invoices, eq(invoices.id, invoiceAllocations.invoiceId))
    .where(inArray(invoiceAllocations.paymentId, paymentIds))
    .orderBy(asc(invoiceAllocations.createdAt), asc(invoices.dueDate), asc(invoices.number));
}

/** Stamps the payment's live allocations reversed; returns the invoices they touched. */
export async function reverseAllocations(
  tx: Executor,
  paymentId: string,
  at: Date,
): Promise<string[]> {
  const rows = await tx
    .update(invoiceAllocations)
    .set({ reversedAt: at })
    .where(and(eq(invoiceAllocations.paymentId, paymentId), isNull(invoiceAllocations.reversedAt)))
    .returning({ invoiceId: invoiceAllocations.invoiceId });
  return [...new Set(rows.map((r) => r.invoiceId))];
}

export interface CashReportDbRow {
  cashier_id: string | null;
  cashier_name: string | null;
  method: string;
  count: number | string;
  total: bigint | string;
  reversed_count: number | string;
  reversed_total: bigint | string;
}

export async function cashReportRows(
  db: Executor,
  from: Date,
  before: Date,
  resellerId: string | undefined,
): Promise<CashReportDbRow[]> {
  return rowsOf<CashReportDbRow>(
    db.execute(sql`
      select p.cashier_id, u.name as cashier_name, p.method,
        count(*)::int as count,
        sum(p.amount)::bigint as total,
        (count(*) filter (where p.status = 'reversed'))::int as reversed_count,
        coalesce(sum(p.amount) filter (where p.status = 'reversed'), 0)::bigint as reversed_total
      from payments p
      left join users u on u.id = p.cashier_id
      where p.received_at >= ${from.toISOString()}::timestamptz
        and p.received_at < ${before.toISOString()}::timestamptz
        ${resellerId === undefined ? sql`` : sql`and exists (select 1 from customers c where c.id = p.customer_id and c.reseller_id = ${resellerId})`}
      group by p.cashier_id, u.name, p.method
      order by u.name nulls last, p.cashier_id, p.method`),
  );
}

export async function findCustomerCredit(
  db: Executor,
  customerId: string,
  resellerId: string | undefined,
): Promise<{ id: string; creditBalance: bigint } | undefined> {
  const [row] = await db
    .select({ id: customers.id, creditBalance: customers.creditBalance })
    .from(customers)
    .where(
      and(
        eq(customers.id, customerId),
        resellerId === undefined ? undefined : eq(customers.resellerId, resellerId),
      ),
    )
    .limit(1);
  return row;
}

export interface CreditView {
  entry: CreditRow;
  paymentNumber: string | null;
  invoiceNumber: string | null;
}

export async function selectCreditEntries(
  db: Executor,
  customerId: string,
  limit: number,
): Promise<CreditView[]> {
  return db
    .select({ entry: creditLedger, paymentNumber: payments.number, invoiceNumber: invoices.number })
    .from(creditLedger)
    .leftJoin(payments, eq(payments.id, creditLedger.paymentId))
    .leftJoin(invoices, eq(invoices.id, creditLedger.invoiceId))
    .where(eq(creditLedger.customerId, customerId))
    .orderBy(desc(creditLedger.createdAt), desc(creditLedger.id))
    .limit(limit);
}
