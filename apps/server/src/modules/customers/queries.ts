import { and, count, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  appSettings,
  customerNumberSeq,
  customers,
  odps,
  sites,
  subscriptions,
  users,
} from '../../db/schema/index.ts';
import type { CreatedCursor } from '../../lib/cursor.ts';
import { escapeLike, rowsOf } from '../../lib/sql-helpers.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomerRow = typeof customers.$inferInsert;

/** `resellerId` set: only that reseller's customers exist for this query. */
function scoped(resellerId: string | undefined): SQL | undefined {
  return resellerId === undefined ? undefined : eq(customers.resellerId, resellerId);
}

export async function findCustomer(
  db: Executor,
  id: string,
  resellerId: string | undefined,
  lock = false,
): Promise<CustomerRow | undefined> {
  const q = db
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), scoped(resellerId)))
    .limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export interface CustomerFilter {
  limit: number;
  after?: CreatedCursor;
  resellerId?: string;
  q?: string;
  status?: string;
  routerId?: string;
  odpId?: string;
}

/** A phone-looking query as stored: digits only, `08..`/`+628..` written as `628..`. */
export function phoneDigits(q: string): string | undefined {
  if (!/^[+\d\s().-]+$/.test(q)) return undefined;
  const digits = q.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  return digits.startsWith('0') ? `62${digits.slice(1)}` : digits;
}

/** Past this many candidates a term is broad: scanning newest-first finds a page sooner. */
const CANDIDATE_CAP = 2000;

/**
 * The search condition for `q`: number prefix (or digits at its end), name fragment, phone
 * fragment and service user name, each served by a trigram index. A narrow term becomes the
 * list of its candidate ids, so the page comes from a handful of rows; a broad one (thousands of
 * matches) stays a filter, which the newest-first index scan satisfies within a few pages.
 * `undefined` means nothing can match.
 */
async function searchCondition(db: Executor, q: string): Promise<SQL | undefined> {
  const lower = q.toLowerCase();
  const contains = `%${escapeLike(lower)}%`;
  const prefix = `${escapeLike(lower)}%`;
  const digits = phoneDigits(q);
  const suffix = /^\d+$/.test(q) ? `%${q}` : undefined;
  const candidates = await rowsOf<{ id: string }>(
    db.execute(sql`select id from (
      select c.id from ${customers} c where lower(c.number) like ${prefix}
      union all select c.id from ${customers} c where lower(c.name) like ${contains}
      union all select s.customer_id from ${subscriptions} s where lower(s.username) like ${contains}
      ${digits ? sql`union all select c.id from ${customers} c where c.phone like ${`%${digits}%`}` : sql``}
      ${suffix ? sql`union all select c.id from ${customers} c where lower(c.number) like ${suffix}` : sql``}
    ) m limit ${CANDIDATE_CAP + 1}`),
  );
  if (candidates.length === 0) return undefined;
  if (candidates.length <= CANDIDATE_CAP) {
    return inArray(customers.id, [...new Set(candidates.map((c) => c.id))]);
  }
  const match: SQL[] = [
    sql`lower(${customers.number}) like ${prefix}`,
    sql`lower(${customers.name}) like ${contains}`,
    sql`exists (select 1 from ${subscriptions} s where s.customer_id = "customers"."id" and lower(s.username) like ${contains})`,
  ];
  if (digits) match.push(sql`${customers.phone} like ${`%${digits}%`}`);
  if (suffix) match.push(sql`lower(${customers.number}) like ${suffix}`);
  return or(...match);
}

export async function selectCustomers(db: Executor, f: CustomerFilter): Promise<CustomerRow[]> {
  const where: (SQL | undefined)[] = [scoped(f.resellerId)];
  if (f.after) {
    where.push(
      or(
        lt(customers.createdAt, f.after.createdAt),
        and(eq(customers.createdAt, f.after.createdAt), lt(customers.id, f.after.id)),
      ),
    );
  }
  if (f.q) {
    const search = await searchCondition(db, f.q);
    if (search === undefined) return [];
    where.push(search);
  }
  if (f.status) where.push(eq(customers.status, f.status));
  if (f.odpId) where.push(eq(customers.odpId, f.odpId));
  if (f.routerId) {
    where.push(
      sql`exists (select 1 from ${subscriptions} s where s.customer_id = "customers"."id" and s.router_id = ${f.routerId} and s.status <> 'terminated')`,
    );
  }
  return db
    .select()
    .from(customers)
    .where(and(...where))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(f.limit);
}

export async function nextCustomerNumber(db: Executor): Promise<bigint> {
  const [row] = await rowsOf<{ n: string }>(
    db.execute(
      sql`select nextval(${customerNumberSeq.seqName ?? 'customer_number_seq'}::regclass)::text as n`,
    ),
  );
  return BigInt(row?.n ?? '0');
}

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const [row] = await db
    .select({ value: appSettings.value })
    .from(appSettings)
    .where(eq(appSettings.key, key))
    .limit(1);
  return row?.value;
}

export async function insertCustomer(
  db: Executor,
  values: NewCustomerRow,
): Promise<CustomerRow | undefined> {
  const [row] = await db.insert(customers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateCustomerRow(
  db: Executor,
  id: string,
  values: Partial<NewCustomerRow>,
): Promise<CustomerRow | undefined> {
  const [row] = await db.update(customers).set(values).where(eq(customers.id, id)).returning();
  return row;
}

export async function deleteCustomerRow(db: Executor, id: string): Promise<void> {
  await db.delete(subscriptions).where(eq(subscriptions.customerId, id));
  await db.delete(customers).where(eq(customers.id, id));
}

/** Whether money ever moved for this customer: such a customer is kept (set inactive instead). */
export async function hasBillingHistory(db: Executor, customerId: string): Promise<boolean> {
  const [row] = await rowsOf<{ found: boolean }>(
    db.execute(sql`select exists (select 1 from invoices where customer_id = ${customerId})
      or exists (select 1 from payments where customer_id = ${customerId})
      or exists (select 1 from billing_adjustments where customer_id = ${customerId})
      or exists (select 1 from credit_ledger where customer_id = ${customerId}) as found`),
  );
  return row?.found === true;
}

export async function countLiveSubscriptions(db: Executor, customerId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(subscriptions)
    .where(
      and(eq(subscriptions.customerId, customerId), sql`${subscriptions.status} <> 'terminated'`),
    );
  return row?.n ?? 0;
}

export async function userRole(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, id)).limit(1);
  return row?.role;
}

export async function siteExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).limit(1);
  return row !== undefined;
}

/** The ODP, locked so two sign-ups cannot both take its last port. */
export async function lockOdp(
  db: Executor,
  id: string,
): Promise<{ id: string; name: string; capacity: number; kind: string } | undefined> {
  const [row] = await db
    .select({ id: odps.id, name: odps.name, capacity: odps.capacity, kind: odps.kind })
    .from(odps)
    .where(eq(odps.id, id))
    .for('update')
    .limit(1);
  return row;
}

export async function odpUse(
  db: Executor,
  odpId: string,
  exceptCustomerId: string | undefined,
): Promise<{ used: number; portTaken: (port: number) => boolean }> {
  const rows = await db
    .select({ id: customers.id, port: customers.odpPort })
    .from(customers)
    .where(eq(customers.odpId, odpId));
  const others = rows.filter((r) => r.id !== exceptCustomerId);
  const ports = new Set(others.map((r) => r.port));
  return { used: others.length, portTaken: (port) => ports.has(port) };
}

export async function customersByIds(db: Executor, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(customers).where(inArray(customers.id, ids));
}

/** Subscriptions a router carries: everything but pending and terminated. */
const ON_ROUTER = ['active', 'isolated', 'suspended'];

/** Routers carrying one of the customer's subscriptions (their comments name the customer). */
export async function routersOfCustomer(db: Executor, customerId: string): Promise<string[]> {
  const rows = await db
    .select({ routerId: subscriptions.routerId })
    .from(subscriptions)
    .where(and(eq(subscriptions.customerId, customerId), inArray(subscriptions.status, ON_ROUTER)));
  return [...new Set(rows.map((r) => r.routerId))].sort();
}

export async function stampCustomerSubscriptions(
  db: Executor,
  customerId: string,
  routerId: string,
  revision: bigint,
): Promise<void> {
  await db
    .update(subscriptions)
    .set({ routerRevision: revision })
    .where(
      and(
        eq(subscriptions.customerId, customerId),
        eq(subscriptions.routerId, routerId),
        inArray(subscriptions.status, ON_ROUTER),
      ),
    );
}
