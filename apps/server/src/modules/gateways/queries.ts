import {
  and,
  desc,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { OPEN_STATUSES, type InvoiceRow } from '../payments/queries.ts';
import {
  customers,
  gatewayEvents,
  gatewayTransactions,
  invoices,
  payments,
} from '../../db/schema/index.ts';

export type TransactionRow = typeof gatewayTransactions.$inferSelect;
export type NewTransactionRow = typeof gatewayTransactions.$inferInsert;
export type EventRow = typeof gatewayEvents.$inferSelect;
export type NewEventRow = typeof gatewayEvents.$inferInsert;

export async function insertEvent(db: Executor, row: NewEventRow): Promise<void> {
  await db.insert(gatewayEvents).values(row);
}

export async function insertEvents(db: Executor, rows: readonly NewEventRow[]): Promise<void> {
  if (rows.length > 0) await db.insert(gatewayEvents).values([...rows]);
}

export async function lockEvent(tx: Executor, id: string): Promise<EventRow | undefined> {
  const [row] = await tx.select().from(gatewayEvents).where(eq(gatewayEvents.id, id)).for('update');
  return row;
}

export async function markEventProcessed(
  tx: Executor,
  id: string,
  set: Pick<NewEventRow, 'outcome' | 'transactionId' | 'status' | 'error'> & { processedAt: Date },
): Promise<void> {
  await tx.update(gatewayEvents).set(set).where(eq(gatewayEvents.id, id));
}

export async function lockTransactionByOrder(
  tx: Executor,
  orderId: string,
): Promise<TransactionRow | undefined> {
  const [row] = await tx
    .select()
    .from(gatewayTransactions)
    .where(eq(gatewayTransactions.orderId, orderId))
    .for('update');
  return row;
}

export async function lockTransaction(
  tx: Executor,
  id: string,
): Promise<TransactionRow | undefined> {
  const [row] = await tx
    .select()
    .from(gatewayTransactions)
    .where(eq(gatewayTransactions.id, id))
    .for('update');
  return row;
}

export async function findTransaction(
  db: Executor,
  id: string,
): Promise<TransactionRow | undefined> {
  const [row] = await db.select().from(gatewayTransactions).where(eq(gatewayTransactions.id, id));
  return row;
}

export async function updateTransaction(
  tx: Executor,
  id: string,
  set: Partial<NewTransactionRow>,
): Promise<TransactionRow> {
  const [row] = await tx
    .update(gatewayTransactions)
    .set(set)
    .where(eq(gatewayTransactions.id, id))
    .returning();
  if (!row) throw new Error(`gateway transaction ${id} vanished`);
  return row;
}

export async function insertTransaction(
  tx: Executor,
  row: NewTransactionRow,
): Promise<TransactionRow> {
  const [out] = await tx.insert(gatewayTransactions).values(row).returning();
  if (!out) throw new Error('gateway transaction insert returned nothing');
  return out;
}

/** A checkout of the same invoices, gateway and channel that can still be paid. */
export async function findReusableTransaction(
  tx: Executor,
  f: {
    customerId: string;
    invoiceKey: string;
    gateway: string;
    channel: string;
    amount: bigint;
    validUntil: Date;
    /** A `creating` one is handed back only while this fresh: a double click, not a failure. */
    creatingSince: Date;
  },
): Promise<TransactionRow | undefined> {
  const [row] = await tx
    .select()
    .from(gatewayTransactions)
    .where(
      and(
        eq(gatewayTransactions.customerId, f.customerId),
        eq(gatewayTransactions.invoiceKey, f.invoiceKey),
        eq(gatewayTransactions.gateway, f.gateway),
        eq(gatewayTransactions.channel, f.channel),
        eq(gatewayTransactions.amount, f.amount),
        or(
          eq(gatewayTransactions.status, 'pending'),
          and(
            eq(gatewayTransactions.status, 'creating'),
            isNull(gatewayTransactions.error),
            gte(gatewayTransactions.createdAt, f.creatingSince),
          ),
        ),
        or(isNull(gatewayTransactions.expiresAt), gte(gatewayTransactions.expiresAt, f.validUntil)),
      ),
    )
    .orderBy(desc(gatewayTransactions.createdAt))
    .limit(1);
  return row;
}

export async function lastAttempt(tx: Executor, invoiceKey: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${gatewayTransactions.attempt}), 0)::int` })
    .from(gatewayTransactions)
    .where(eq(gatewayTransactions.invoiceKey, invoiceKey));
  return Number(row?.n ?? 0);
}

/** Transactions whose status the poller should ask for now. */
export async function dueForCheck(
  db: Executor,
  now: Date,
  limit: number,
): Promise<TransactionRow[]> {
  return db
    .select()
    .from(gatewayTransactions)
    .where(
      and(isNotNull(gatewayTransactions.nextCheckAt), lte(gatewayTransactions.nextCheckAt, now)),
    )
    .orderBy(gatewayTransactions.nextCheckAt)
    .limit(limit);
}

export async function eventsOf(db: Executor, transactionId: string): Promise<EventRow[]> {
  return db
    .select()
    .from(gatewayEvents)
    .where(eq(gatewayEvents.transactionId, transactionId))
    .orderBy(gatewayEvents.at, gatewayEvents.id)
    .limit(500);
}

export interface TransactionListRow {
  tx: TransactionRow;
  customerNumber: string;
  customerName: string;
  paymentNumber: string | null;
}

export interface TransactionFilter {
  limit: number;
  id?: string;
  after?: { createdAt: Date; id: string };
  gateway?: string;
  status?: string;
  channel?: string;
  customerId?: string;
  resellerId?: string;
  review?: boolean;
  q?: string;
  createdFrom?: Date;
  createdBefore?: Date;
}

export async function selectTransactions(
  db: Executor,
  f: TransactionFilter,
): Promise<TransactionListRow[]> {
  const t = gatewayTransactions;
  const where: SQL[] = [];
  if (f.after) {
    where.push(
      or(
        lt(t.createdAt, f.after.createdAt),
        and(eq(t.createdAt, f.after.createdAt), lt(t.id, f.after.id)),
      )!,
    );
  }
  if (f.id) where.push(eq(t.id, f.id));
  if (f.gateway) where.push(eq(t.gateway, f.gateway));
  if (f.status) where.push(eq(t.status, f.status));
  if (f.channel) where.push(eq(t.channel, f.channel));
  if (f.customerId) where.push(eq(t.customerId, f.customerId));
  if (f.resellerId) where.push(eq(customers.resellerId, f.resellerId));
  if (f.review === true) where.push(isNotNull(t.review));
  if (f.review === false) where.push(isNull(t.review));
  if (f.q) where.push(or(eq(t.orderId, f.q), eq(t.reference, f.q))!);
  if (f.createdFrom) where.push(gte(t.createdAt, f.createdFrom));
  if (f.createdBefore) where.push(lt(t.createdAt, f.createdBefore));
  return db
    .select({
      tx: t,
      customerNumber: customers.number,
      customerName: customers.name,
      paymentNumber: payments.number,
    })
    .from(t)
    .innerJoin(customers, eq(customers.id, t.customerId))
    .leftJoin(payments, eq(payments.id, t.paymentId))
    .where(and(...where))
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(f.limit);
}

export async function invoiceNumbers(
  db: Executor,
  ids: string[],
): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(inArray(invoices.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}

export interface EventFilter {
  limit: number;
  after?: { at: Date; id: string };
  gateway?: string;
  unmatched?: boolean;
  verified?: boolean;
}

export async function selectEvents(db: Executor, f: EventFilter): Promise<EventRow[]> {
  const e = gatewayEvents;
  const where: SQL[] = [eq(e.kind, 'notification')];
  if (f.after) {
    where.push(or(lt(e.at, f.after.at), and(eq(e.at, f.after.at), lt(e.id, f.after.id)))!);
  }
  if (f.gateway) where.push(eq(e.gateway, f.gateway));
  if (f.unmatched === true) where.push(inArray(e.outcome, ['unknown_order', 'rejected']));
  if (f.verified !== undefined) where.push(eq(e.verified, f.verified));
  return db
    .select()
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.at), desc(e.id))
    .limit(f.limit);
}

/** The customer's open invoices among `ids`, and which of `ids` are the customer's at all. */
export async function customerInvoices(
  db: Executor,
  customerId: string,
  ids: string[],
): Promise<{ id: string; number: string | null; status: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: invoices.id, number: invoices.number, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.id, ids)));
}

/** Open invoices of a customer, oldest due first: a plain read (no locks) for showing options. */
export async function openInvoicesOf(db: Executor, customerId: string): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.status, [...OPEN_STATUSES])))
    .orderBy(invoices.dueDate, invoices.issueDate, invoices.number, invoices.id);
}
