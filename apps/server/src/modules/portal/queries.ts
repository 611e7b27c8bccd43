import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/database.ts';
import {
  customers,
  invoiceAllocations,
  invoices,
  payments,
  plans,
  portalLoginLinks,
  portalSessions,
  subscriptions,
} from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike } from '../../lib/sql-helpers.ts';
import type { CustomerRow } from '../customers/queries.ts';
import type { InvoiceRow } from '../invoices/queries.ts';

export type PortalSessionRow = typeof portalSessions.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;

/** Statuses whose balance the customer still owes. */
export const OPEN_STATUSES = ['issued', 'partially_paid', 'overdue'] as const;

/**
 * Customers a login names: the customer number (matched case-insensitively; `like` without
 * wildcards so the trigram index on lower(number) serves it) first, then the owner of a live
 * subscription with that username (the unique index on lower(username)).
 */
export async function findCustomersByLogin(db: Executor, login: string): Promise<CustomerRow[]> {
  const lowered = login.toLowerCase();
  const byNumber = await db
    .select()
    .from(customers)
    .where(sql`lower(${customers.number}) like ${escapeLike(lowered)}`)
    .limit(1);
  const byUsername = await db
    .select({ customer: customers })
    .from(subscriptions)
    .innerJoin(customers, eq(customers.id, subscriptions.customerId))
    .where(
      and(
        sql`lower(${subscriptions.username}) = ${lowered}`,
        ne(subscriptions.status, 'terminated'),
      ),
    )
    .limit(1);
  const found = [...byNumber, ...byUsername.map((r) => r.customer)];
  return found.filter((c, i) => found.findIndex((o) => o.id === c.id) === i);
}

export async function findCustomerById(
  db: Executor,
  id: string,
  lock = false,
): Promise<CustomerRow | undefined> {
  const q = db.select().from(customers).where(eq(customers.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertPortalSession(
  db: Executor,
  row: typeof portalSessions.$inferInsert,
): Promise<void> {
  await db.insert(portalSessions).values(row);
}

export async function findLivePortalSession(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<PortalSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(portalSessions)
    .where(and(eq(portalSessions.tokenHash, tokenHash), gt(portalSessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function touchPortalSession(
  db: Executor,
  tokenHash: string,
  now: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .update(portalSessions)
    .set({ lastSeenAt: now, expiresAt })
    .where(eq(portalSessions.tokenHash, tokenHash));
}

export async function deletePortalSession(db: Executor, tokenHash: string): Promise<void> {
  await db.delete(portalSessions).where(eq(portalSessions.tokenHash, tokenHash));
}

/** Ends every session of a customer, except `keepTokenHash` when given. */
export async function deleteCustomerPortalSessions(
  db: Executor,
  customerId: string,
  keepTokenHash?: string,
): Promise<number> {
  const rows = await db
    .delete(portalSessions)
    .where(
      and(
        eq(portalSessions.customerId, customerId),
        keepTokenHash ? ne(portalSessions.tokenHash, keepTokenHash) : undefined,
      ),
    )
    .returning({ tokenHash: portalSessions.tokenHash });
  return rows.length;
}

/** Expired sessions and links are useless: a periodic sweep keeps the tables small. */
export async function deleteExpiredPortalRows(
  db: Executor,
  now: Date,
): Promise<{ sessions: number; links: number }> {
  const s = await db
    .delete(portalSessions)
    .where(lt(portalSessions.expiresAt, now))
    .returning({ h: portalSessions.tokenHash });
  const l = await db
    .delete(portalLoginLinks)
    .where(lt(portalLoginLinks.expiresAt, now))
    .returning({ h: portalLoginLinks.tokenHash });
  return { sessions: s.length, links: l.length };
}

export async function insertPortalLink(
  db: Executor,
  row: typeof portalLoginLinks.$inferInsert,
): Promise<void> {
  await db.insert(portalLoginLinks).values(row);
}

/** Marks a live, unused link used, atomically: of two concurrent exchanges only one gets a row. */
export async function consumePortalLink(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ customerId: string; invoiceId: string | null } | undefined> {
  const [row] = await db
    .update(portalLoginLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(portalLoginLinks.tokenHash, tokenHash),
        isNull(portalLoginLinks.usedAt),
        gt(portalLoginLinks.expiresAt, now),
      ),
    )
    .returning({ customerId: portalLoginLinks.customerId, invoiceId: portalLoginLinks.invoiceId });
  return row;
}

export async function updatePortalCustomer(
  db: Executor,
  id: string,
  values: Partial<
    Pick<CustomerRow, 'phone' | 'email' | 'locale' | 'portalPasswordHash' | 'updatedAt'>
  >,
): Promise<CustomerRow | undefined> {
  const [row] = await db.update(customers).set(values).where(eq(customers.id, id)).returning();
  return row;
}

export interface PortalSubscriptionRow {
  id: string;
  type: string;
  username: string;
  status: string;
  isolatedBy: string | null;
  planName: string;
  downloadKbps: number;
  uploadKbps: number;
}

export async function selectCustomerSubscriptions(
  db: Executor,
  customerId: string,
): Promise<PortalSubscriptionRow[]> {
  return db
    .select({
      id: subscriptions.id,
      type: subscriptions.type,
      username: subscriptions.username,
      status: subscriptions.status,
      isolatedBy: subscriptions.isolatedBy,
      planName: plans.name,
      downloadKbps: plans.downloadKbps,
      uploadKbps: plans.uploadKbps,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.customerId, customerId), ne(subscriptions.status, 'terminated')))
    .orderBy(asc(subscriptions.createdAt), asc(subscriptions.id));
}

export async function outstandingOf(
  db: Executor,
  customerId: string,
): Promise<{ outstanding: bigint; overdue: number }> {
  const [row] = await db
    .select({
      outstanding: sql<string>`coalesce(sum(${invoices.total} - ${invoices.paid}), 0)::text`,
      overdue: sql<number>`(count(*) filter (where ${invoices.status} = 'overdue'))::int`,
    })
    .from(invoices)
    .where(and(eq(invoices.customerId, customerId), inArray(invoices.status, [...OPEN_STATUSES])));
  return { outstanding: BigInt(row?.outstanding ?? '0'), overdue: Number(row?.overdue ?? 0) };
}

/** Rows after the keyset position `cursor` of a list ordered by `created_at desc, id desc`. */
function after(
  cursor: CreatedCursor | undefined,
  createdAt: AnyPgColumn,
  id: AnyPgColumn,
): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    lt(createdAt, cursor.createdAt),
    and(eq(createdAt, cursor.createdAt), lt(id, cursor.id)),
  );
}

/** A customer's invoices, newest first; drafts are the operator's work in progress. */
export async function selectCustomerInvoices(
  db: Executor,
  customerId: string,
  limit: number,
  cursor: CreatedCursor | undefined,
): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.customerId, customerId),
        ne(invoices.status, 'draft'),
        after(cursor, invoices.createdAt, invoices.id),
      ),
    )
    .orderBy(desc(invoices.createdAt), desc(invoices.id))
    .limit(limit);
}

export async function findCustomerInvoice(
  db: Executor,
  customerId: string,
  invoiceId: string,
): Promise<InvoiceRow | undefined> {
  const [row] = await db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.id, invoiceId),
        eq(invoices.customerId, customerId),
        ne(invoices.status, 'draft'),
      ),
    )
    .limit(1);
  return row;
}

export interface InvoiceSettlementRow {
  source: string;
  amount: bigint;
  createdAt: Date;
  reversedAt: Date | null;
  paymentNumber: string | null;
  method: string | null;
  receivedAt: Date | null;
}

export async function selectInvoiceSettlements(
  db: Executor,
  invoiceId: string,
): Promise<InvoiceSettlementRow[]> {
  return db
    .select({
      source: invoiceAllocations.source,
      amount: invoiceAllocations.amount,
      createdAt: invoiceAllocations.createdAt,
      reversedAt: invoiceAllocations.reversedAt,
      paymentNumber: payments.number,
      method: payments.method,
      receivedAt: payments.receivedAt,
    })
    .from(invoiceAllocations)
    .leftJoin(payments, eq(payments.id, invoiceAllocations.paymentId))
    .where(eq(invoiceAllocations.invoiceId, invoiceId))
    .orderBy(asc(invoiceAllocations.createdAt), asc(invoiceAllocations.id));
}

export async function selectCustomerPayments(
  db: Executor,
  customerId: string,
  limit: number,
  cursor: CreatedCursor | undefined,
): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.customerId, customerId), after(cursor, payments.createdAt, payments.id)))
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit);
}

export interface PaymentAllocationRow {
  paymentId: string;
  invoiceId: string;
  invoiceNumber: string | null;
  amount: bigint;
}

/** Live allocations of the given payments, with the invoices' numbers. */
export async function selectPaymentAllocations(
  db: Executor,
  paymentIds: string[],
): Promise<PaymentAllocationRow[]> {
  if (paymentIds.length === 0) return [];
  const rows = await db
    .select({
      paymentId: invoiceAllocations.paymentId,
      invoiceId: invoiceAllocations.invoiceId,
      invoiceNumber: invoices.number,
      amount: invoiceAllocations.amount,
    })
    .from(invoiceAllocations)
    .innerJoin(invoices, eq(invoices.id, invoiceAllocations.invoiceId))
    .where(
      and(inArray(invoiceAllocations.paymentId, paymentIds), isNull(invoiceAllocations.reversedAt)),
    )
    .orderBy(asc(invoiceAllocations.createdAt));
  return rows.flatMap((r) => (r.paymentId ? [{ ...r, paymentId: r.paymentId }] : []));
}
