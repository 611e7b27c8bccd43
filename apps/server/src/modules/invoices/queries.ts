import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  customers,
  invoiceAllocations,
  invoiceLines,
  invoices,
  payments,
} from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type NewInvoiceRow = typeof invoices.$inferInsert;
export type NewInvoiceLineRow = typeof invoiceLines.$inferInsert;

/** A reseller reaches an invoice only through one of its own customers. */
function scoped(resellerId: string | undefined): SQL | undefined {
  return resellerId === undefined
    ? undefined
    : sql`exists (select 1 from ${customers} c where c.id = "invoices"."customer_id" and c.reseller_id = ${resellerId})`;
}

export async function findInvoice(
  db: Executor,
  id: string,
  resellerId: string | undefined,
  lock = false,
): Promise<InvoiceRow | undefined> {
  const q = db
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, id), scoped(resellerId)))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function selectInvoiceLines(
  db: Executor,
  invoiceId: string,
): Promise<InvoiceLineRow[]> {
  return db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
}

export interface InvoiceFilter {
  limit: number;
  after?: CreatedCursor;
  resellerId?: string;
  status?: string;
  customerId?: string;
  subscriptionId?: string;
  /** First day of a month: period_start within that month. */
  periodMonth?: string;
}

export async function selectInvoices(db: Executor, f: InvoiceFilter): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(
      and(
        scoped(f.resellerId),
        f.after
          ? or(
              lt(invoices.createdAt, f.after.createdAt),
              and(eq(invoices.createdAt, f.after.createdAt), lt(invoices.id, f.after.id)),
            )
          : undefined,
        f.status ? eq(invoices.status, f.status) : undefined,
        f.customerId ? eq(invoices.customerId, f.customerId) : undefined,
        f.subscriptionId ? eq(invoices.subscriptionId, f.subscriptionId) : undefined,
        f.periodMonth
          ? and(
              gte(invoices.periodStart, f.periodMonth),
              lt(invoices.periodStart, sql`(${f.periodMonth}::date + interval '1 month')::date`),
            )
          : undefined,
      ),
    )
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(f.limit);
}

export async function voidInvoiceRow(
  db: Executor,
  id: string,
  reason: string,
  at: Date,
): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .update(invoices)
    .set({ status: 'void', voidReason: reason, voidedAt: at })
    .where(eq(invoices.id, id))
    .returning();
  return row;
}

export async function insertInvoiceRow(db: Executor, values: NewInvoiceRow): Promise<InvoiceRow> {
  const [row] = await db.insert(invoices).values(values).returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

export async function insertInvoiceLines(
  db: Executor,
  invoiceId: string,
  lines: readonly Omit<NewInvoiceLineRow, 'invoiceId'>[],
): Promise<void> {
  if (lines.length === 0) return;
  await db.insert(invoiceLines).values(lines.map((l) => ({ ...l, invoiceId })));
}

export async function replaceInvoiceLines(
  db: Executor,
  invoiceId: string,
  lines: readonly Omit<NewInvoiceLineRow, 'invoiceId'>[],
): Promise<void> {
  await db.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  await insertInvoiceLines(db, invoiceId, lines);
}

export async function updateInvoiceRow(
  db: Executor,
  id: string,
  values: Partial<NewInvoiceRow>,
): Promise<InvoiceRow | undefined> {
  if (Object.keys(values).length === 0) {
    const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
    return row;
  }
  const [row] = await db.update(invoices).set(values).where(eq(invoices.id, id)).returning();
  return row;
}

export async function deleteInvoiceRow(db: Executor, id: string): Promise<void> {
  await db.delete(invoices).where(eq(invoices.id, id));
}

export interface CustomerName {
  id: string;
  number: string;
  name: string;
}

export async function selectCustomerNames(db: Executor, ids: string[]): Promise<CustomerName[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: customers.id, number: customers.number, name: customers.name })
    .from(customers)
    .where(inArray(customers.id, ids));
}

export interface AllocationRow {
  id: string;
  source: string;
  paymentId: string | null;
  paymentNumber: string | null;
  amount: bigint;
  createdAt: Date;
  reversedAt: Date | null;
}

export async function selectInvoiceAllocations(
  db: Executor,
  invoiceId: string,
): Promise<AllocationRow[]> {
  return db
    .select({
      id: invoiceAllocations.id,
      source: invoiceAllocations.source,
      paymentId: invoiceAllocations.paymentId,
      paymentNumber: payments.number,
      amount: invoiceAllocations.amount,
      createdAt: invoiceAllocations.createdAt,
      reversedAt: invoiceAllocations.reversedAt,
    })
    .from(invoiceAllocations)
    .leftJoin(payments, eq(payments.id, invoiceAllocations.paymentId))
    .where(eq(invoiceAllocations.invoiceId, invoiceId))
    .orderBy(asc(invoiceAllocations.createdAt), asc(invoiceAllocations.id));
}
