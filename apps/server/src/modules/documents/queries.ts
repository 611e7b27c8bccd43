import { and, asc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  customers,
  invoiceAllocations,
  invoiceLines,
  invoices,
  payments,
  plans,
  subscriptions,
  users,
} from '../../db/schema/index.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;

export interface DocumentCustomer {
  id: string;
  number: string;
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  locale: string;
}

const customerColumns = {
  id: customers.id,
  number: customers.number,
  name: customers.name,
  address: customers.address,
  phone: customers.phone,
  email: customers.email,
  locale: customers.locale,
};

/** A reseller reaches a document only through one of its own customers. */
function resellerFilter(resellerId: string | undefined): SQL | undefined {
  return resellerId === undefined ? undefined : eq(customers.resellerId, resellerId);
}

export interface InvoiceDocumentRows {
  invoice: InvoiceRow;
  customer: DocumentCustomer;
  planName: string | null;
  lines: InvoiceLineRow[];
}

export async function loadInvoiceDocument(
  db: Executor,
  id: string,
  resellerId: string | undefined,
): Promise<InvoiceDocumentRows | undefined> {
  const [row] = await db
    .select({ invoice: invoices, customer: customerColumns, planName: plans.name })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .leftJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .leftJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(invoices.id, id), resellerFilter(resellerId)))
    .limit(1);
  if (!row) return undefined;
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, id))
    .orderBy(asc(invoiceLines.position));
  return { ...row, lines };
}

export interface ReceiptAllocationRow {
  invoiceId: string;
  invoiceNumber: string | null;
  amount: bigint;
  reversedAt: Date | null;
}

export interface ReceiptRows {
  payment: PaymentRow;
  customer: DocumentCustomer;
  cashierName: string | null;
  allocations: ReceiptAllocationRow[];
}

export async function loadReceipt(
  db: Executor,
  id: string,
  resellerId: string | undefined,
): Promise<ReceiptRows | undefined> {
  const [row] = await db
    .select({ payment: payments, customer: customerColumns, cashierName: users.name })
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.cashierId))
    .where(and(eq(payments.id, id), resellerFilter(resellerId)))
    .limit(1);
  if (!row) return undefined;
  const allocations = await db
    .select({
      invoiceId: invoiceAllocations.invoiceId,
      invoiceNumber: invoices.number,
      amount: invoiceAllocations.amount,
      reversedAt: invoiceAllocations.reversedAt,
    })
    .from(invoiceAllocations)
    .innerJoin(invoices, eq(invoices.id, invoiceAllocations.invoiceId))
    .where(eq(invoiceAllocations.paymentId, id))
    .orderBy(asc(invoiceAllocations.createdAt), asc(invoiceAllocations.id));
  return { ...row, allocations };
}

/**
 * Keyset position of an export, ordered by `created_at, id` ascending. The instant travels as
 * PostgreSQL's own text so its microseconds survive (a JS Date would cut them and repeat rows).
 */
export interface ExportCursor {
  at: string;
  id: string;
}

function after(
  createdAt: typeof invoices.createdAt | typeof payments.createdAt,
  idColumn: typeof invoices.id | typeof payments.id,
  cursor: ExportCursor | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  // A row comparison, not an OR: PostgreSQL turns it into a range scan of the (created_at, id)
  // index, so each page costs the same however deep into the export it is.
  return sql`(${createdAt}, ${idColumn}) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

export interface InvoiceExportFilter {
  resellerId?: string | undefined;
  status?: string | undefined;
  customerId?: string | undefined;
  /** First day of a month: period_start within that month. */
  periodMonth?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface InvoiceExportRow {
  id: string;
  number: string | null;
  kind: string;
  status: string;
  customerNumber: string;
  customerName: string;
  periodStart: string | null;
  periodEnd: string | null;
  issueDate: string;
  dueDate: string;
  subtotal: bigint;
  tax: bigint;
  total: bigint;
  paid: bigint;
  voidReason: string | null;
  cursorAt: string;
}

export async function selectInvoiceExportPage(
  db: Executor,
  f: InvoiceExportFilter,
  cursor: ExportCursor | undefined,
  limit: number,
): Promise<InvoiceExportRow[]> {
  return db
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      status: invoices.status,
      customerNumber: customers.number,
      customerName: customers.name,
      periodStart: invoices.periodStart,
      periodEnd: invoices.periodEnd,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      subtotal: invoices.subtotal,
      tax: invoices.tax,
      total: invoices.total,
      paid: invoices.paid,
      voidReason: invoices.voidReason,
      cursorAt: sql<string>`${invoices.createdAt}::text`,
    })
    .from(invoices)
    .innerJoin(customers, eq(customers.id, invoices.customerId))
    .where(
      and(
        resellerFilter(f.resellerId),
        after(invoices.createdAt, invoices.id, cursor),
        f.status ? eq(invoices.status, f.status) : undefined,
        f.customerId ? eq(invoices.customerId, f.customerId) : undefined,
        f.periodMonth
          ? and(
              gte(invoices.periodStart, f.periodMonth),
              lt(invoices.periodStart, sql`(${f.periodMonth}::date + interval '1 month')::date`),
            )
          : undefined,
        f.from ? gte(invoices.issueDate, f.from) : undefined,
        f.to ? lte(invoices.issueDate, f.to) : undefined,
      ),
    )
    .orderBy(asc(invoices.createdAt), asc(invoices.id))
    .limit(limit);
}

export interface PaymentExportFilter {
  resellerId?: string | undefined;
  status?: string | undefined;
  method?: string | undefined;
  customerId?: string | undefined;
  cashierId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  timezone: string;
}

export interface PaymentExportRow {
  id: string;
  number: string;
  receivedAt: Date;
  customerNumber: string;
  customerName: string;
  method: string;
  channel: string | null;
  amount: bigint;
  credited: bigint;
  status: string;
  reference: string | null;
  cashierName: string | null;
  reversedAt: Date | null;
  reversalReason: string | null;
  cursorAt: string;
}

export async function selectPaymentExportPage(
  db: Executor,
  f: PaymentExportFilter,
  cursor: ExportCursor | undefined,
  limit: number,
): Promise<PaymentExportRow[]> {
  // Days are calendar days of the operator's timezone, turned into instants once per query.
  const dayStart = (d: string): SQL => sql`(${d}::date::timestamp at time zone ${f.timezone})`;
  const nextDayStart = (d: string): SQL =>
    sql`((${d}::date + 1)::timestamp at time zone ${f.timezone})`;
  return db
    .select({
      id: payments.id,
      number: payments.number,
      receivedAt: payments.receivedAt,
      customerNumber: customers.number,
      customerName: customers.name,
      method: payments.method,
      channel: payments.channel,
      amount: payments.amount,
      credited: payments.credited,
      status: payments.status,
      reference: payments.reference,
      cashierName: users.name,
      reversedAt: payments.reversedAt,
      reversalReason: payments.reversalReason,
      cursorAt: sql<string>`${payments.createdAt}::text`,
    })
    .from(payments)
    .innerJoin(customers, eq(customers.id, payments.customerId))
    .leftJoin(users, eq(users.id, payments.cashierId))
    .where(
      and(
        resellerFilter(f.resellerId),
        after(payments.createdAt, payments.id, cursor),
        f.status ? eq(payments.status, f.status) : undefined,
        f.method ? eq(payments.method, f.method) : undefined,
        f.customerId ? eq(payments.customerId, f.customerId) : undefined,
        f.cashierId ? eq(payments.cashierId, f.cashierId) : undefined,
        f.from ? sql`${payments.receivedAt} >= ${dayStart(f.from)}` : undefined,
        f.to ? sql`${payments.receivedAt} < ${nextDayStart(f.to)}` : undefined,
      ),
    )
    .orderBy(asc(payments.createdAt), asc(payments.id))
    .limit(limit);
}
