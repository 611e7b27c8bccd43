import type {
  CashReport,
  CashReportQuery,
  CustomerCredit,
  ListPaymentsQuery,
  Page,
  Payment,
  PaymentMethod,
  PaymentStatus,
  PaymentWithAllocations,
  RecordPayment,
  ReversePayment,
} from '@jaring/contracts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { invoiceAllocations, payments } from '../../db/schema/index.ts';
import { decodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import { invalidField } from '../../lib/sql-helpers.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { resellerScope } from '../customers/service.ts';
import { today } from '../subscriptions/service.ts';
import { planAllocation, type Allocation } from './allocation.ts';
import { notifyPaymentReceived } from './notices.ts';
import {
  addCredit,
  cashReportRows,
  findCustomerCredit,
  findGatewayPayment,
  findPayment,
  invoicesByIds,
  lockCustomer,
  lockOpenInvoices,
  lockPayment,
  nextReceiptNumber,
  OPEN_STATUSES,
  refreshInvoices,
  reverseAllocations,
  selectCreditEntries,
  selectPaymentAllocations,
  selectPayments,
  type AllocationRow,
  type PaymentListRow,
  type PaymentRow,
} from './queries.ts';
import { restoreIfSettled, type RestoredSubscription } from './restoration.ts';

export { restoreIfSettled } from './restoration.ts';

export { refreshInvoices } from './queries.ts';

export interface RecordPaymentInput {
  /** Who records it: audited as the actor. A gateway callback passes a system context. */
  ctx: RequestContext;
  customerId: string;
  method: PaymentMethod;
  /** Gateway payments: gateway and channel, e.g. `midtrans:bca_va`. */
  channel?: string | null;
  amount: bigint;
  /** Defaults to now. */
  receivedAt?: Date;
  /** Transfer slip or gateway transaction id; unique per gateway payment. */
  reference?: string | null;
  note?: string | null;
  cashierId: string | null;
  /** Absent: the open invoices, oldest due date first. */
  allocations?: Allocation[];
}

export interface RecordedPayment {
  payment: PaymentRow;
  allocations: AllocationRow[];
  restored: RestoredSubscription[];
  /**
   * A gateway payment whose reference was already recorded: nothing was written and `payment`
   * is the earlier one. Gateways repeat their notifications; the second one is a no-op.
   */
  duplicate: boolean;
}

/** `RCP-YYYY-000001`. */
export function formatReceiptNumber(year: number, n: bigint): string {
  return `RCP-${year}-${n.toString().padStart(6, '0')}`;
}

const OPEN: readonly string[] = OPEN_STATUSES;

/**
 * Records money received from a customer inside the caller's transaction: allocates it to
 * invoices (the given ones, or the open ones oldest due first), puts the rest on the credit
 * balance, numbers the receipt, updates the invoices, lifts dunning isolation when nothing is
 * overdue any more, and audits. Every channel (cashier, gateways) goes through here.
 *
 * Concurrency: the customer row is locked first, then the customer's open invoices, so two
 * payments of one customer run one after the other and the second sees the first's allocations.
 */
export async function recordPayment(
  deps: AppDeps,
  tx: Executor,
  input: RecordPaymentInput,
): Promise<RecordedPayment> {
  if (input.amount <= 0n) throw invalidField('amount', 'must be more than zero', 'too_small');
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) {
    throw invalidField('receivedAt', 'cannot be in the future', 'in_future');
  }
  // The HTTP schema checks these too; other channels call in here directly.
  const seen = new Set<string>();
  for (const [index, a] of (input.allocations ?? []).entries()) {
    if (a.amount <= 0n) {
      throw invalidField(`allocations.${index}.amount`, 'must be more than zero', 'too_small');
    }
    if (seen.has(a.invoiceId)) {
      throw invalidField(`allocations.${index}.invoiceId`, 'the same invoice appears twice');
    }
    seen.add(a.invoiceId);
  }
  if (input.method === 'gateway' && !input.reference) {
    throw invalidField(
      'reference',
      'a gateway payment needs its transaction reference',
      'required',
    );
  }
  const customer = await lockCustomer(tx, input.customerId);
  if (!customer) throw notFound('Customer');
  if (input.method === 'gateway') {
    // Under the customer lock, so a repeated notification for this customer waits and finds it.
    const earlier = await findGatewayPayment(tx, input.reference ?? '');
    if (earlier) {
      if (earlier.customerId !== input.customerId || earlier.amount !== input.amount) {
        throw new DomainError(
          'conflict',
          `Gateway reference ${input.reference} was already recorded as ${earlier.number} for a different customer or amount`,
        );
      }
      return { payment: earlier, allocations: [], restored: [], duplicate: true };
    }
  }
  const open = await lockOpenInvoices(tx, input.customerId);

  if (input.allocations) {
    const openIds = new Set(open.map((i) => i.id));
    const missing = input.allocations.filter((a) => !openIds.has(a.invoiceId));
    const found = new Map(
      (
        await invoicesByIds(
          tx,
          missing.map((a) => a.invoiceId),
        )
      ).map((i) => [i.id, i]),
    );
    for (const [index, a] of input.allocations.entries()) {
      if (openIds.has(a.invoiceId)) continue;
      const invoice = found.get(a.invoiceId);
      if (!invoice) throw notFound('Invoice');
      const label = invoice.number ?? 'draft invoice';
      const fields = [
        { path: `allocations.${index}.invoiceId`, message: '', code: 'invoice_not_payable' },
      ];
      if (invoice.customerId !== input.customerId) {
        const message = `Invoice ${label} belongs to another customer`;
        throw new DomainError('conflict', message, { fields: [{ ...fields[0]!, message }] });
      }
      const message = `Invoice ${label} is ${invoice.status} and cannot take a payment (payable: ${OPEN.join(', ')})`;
      throw new DomainError('conflict', message, { fields: [{ ...fields[0]!, message }] });
    }
  }

  const plan = planAllocation(input.amount, open, input.allocations);
  if (!plan.ok) {
    const r = plan.refusal;
    if (r.kind === 'over_amount') {
      throw invalidField('allocations', 'the allocations add up to more than the amount received');
    }
    const message = `Allocation of ${input.allocations?.[r.index]?.amount ?? 0n} to invoice ${r.invoice.number ?? r.invoice.id} is more than its balance due of ${r.balanceDue}`;
    throw new DomainError('conflict', message, {
      fields: [{ path: `allocations.${r.index}.amount`, message, code: 'exceeds_balance_due' }],
    });
  }

  const day = today(deps);
  const year = Number(day.slice(0, 4));
  const number = formatReceiptNumber(year, await nextReceiptNumber(tx, year));
  const [payment] = await tx
    .insert(payments)
    .values({
      number,
      customerId: input.customerId,
      method: input.method,
      channel: input.channel ?? null,
      amount: input.amount,
      credited: plan.credited,
      receivedAt,
      reference: input.reference ?? null,
      note: input.note ?? null,
      cashierId: input.cashierId,
      status: 'completed',
      createdAt: now,
    })
    .returning();
  if (!payment) throw new Error('payment insert returned nothing');

  const allocations = plan.allocations.length
    ? await tx
        .insert(invoiceAllocations)
        .values(
          plan.allocations.map((a) => ({
            invoiceId: a.invoiceId,
            paymentId: payment.id,
            source: 'payment',
            amount: a.amount,
            createdAt: now,
          })),
        )
        .returning()
    : [];
  await refreshInvoices(
    tx,
    allocations.map((a) => a.invoiceId),
    day,
  );
  if (plan.credited > 0n) {
    await addCredit(tx, {
      customerId: input.customerId,
      amount: plan.credited,
      reason: 'overpayment',
      paymentId: payment.id,
      note: `Receipt ${number}`,
      createdBy: input.ctx.principal?.user.id ?? null,
      createdAt: now,
    });
  }
  await recordAudit(tx, input.ctx, {
    action: 'payment.recorded',
    entityType: 'payment',
    entityId: payment.id,
    after: {
      number,
      customerId: input.customerId,
      method: input.method,
      channel: payment.channel,
      amount: input.amount,
      credited: plan.credited,
      reference: payment.reference,
      allocations: plan.allocations,
    },
  });
  await notifyPaymentReceived(deps, tx, payment.id);
  const restored = await restoreIfSettled(deps, tx, [input.customerId], {
    ctx: input.ctx,
    cause: payment.id,
  });
  return { payment, allocations, restored, duplicate: false };
}

function cashierOf(ctx: RequestContext): string {
  const p = ctx.principal;
  if (!p) throw new DomainError('unauthenticated', 'Authentication required');
  return p.user.id;
}

/** A cashier payment (cash or transfer) recorded through the API. */
export async function recordCashierPayment(
  deps: AppDeps,
  ctx: RequestContext,
  input: RecordPayment,
): Promise<PaymentWithAllocations> {
  const cashierId = cashierOf(ctx);
  // Resellers hold no payments:write today; the scope check keeps that true if they ever do.
  const resellerId = resellerScope(ctx);
  const id = await deps.db.transaction(async (tx) => {
    if (resellerId !== undefined) {
      const visible = await findCustomerCredit(tx, input.customerId, resellerId);
      if (!visible) throw notFound('Customer');
    }
    const recorded = await recordPayment(deps, tx, {
      ctx,
      customerId: input.customerId,
      method: input.method,
      amount: BigInt(input.amount),
      ...(input.receivedAt ? { receivedAt: new Date(input.receivedAt) } : {}),
      reference: input.reference ?? null,
      note: input.note ?? null,
      cashierId,
      ...(input.allocations
        ? {
            allocations: input.allocations.map((a) => ({
              invoiceId: a.invoiceId,
              amount: BigInt(a.amount),
            })),
          }
        : {}),
    });
    return recorded.payment.id;
  });
  return getPayment(deps, ctx, id);
}

export interface ReversedPayment {
  payment: PaymentRow;
  invoiceIds: string[];
}

/**
 * Reverses a payment inside the caller's transaction: its allocations are stamped reversed (the
 * invoices' paid and status follow), the part it put on the credit balance is taken back, and
 * the payment is marked reversed. Nothing is deleted. Refused when the credit it created has
 * already been spent, since taking it back would make the balance negative.
 */
export async function reversePaymentTx(
  deps: AppDeps,
  tx: Executor,
  ctx: RequestContext,
  id: string,
  reason: string,
  resellerId?: string,
): Promise<ReversedPayment> {
  const before = await lockPayment(tx, id);
  if (!before) throw notFound('Payment');
  const customer = await lockCustomer(tx, before.customerId);
  if (!customer || (resellerId !== undefined && customer.resellerId !== resellerId)) {
    throw notFound('Payment');
  }
  if (before.status === 'reversed') {
    throw new DomainError('invalid_transition', `Payment ${before.number} is already reversed`);
  }
  if (before.credited > customer.creditBalance) {
    const spent = before.credited - customer.creditBalance;
    throw new DomainError(
      'conflict',
      `Payment ${before.number} put ${before.credited} on the credit balance and ${spent} of it has already been applied to invoices; the balance is only ${customer.creditBalance}, so the payment cannot be reversed`,
    );
  }
  const now = deps.clock.now();
  const invoiceIds = await reverseAllocations(tx, id, now);
  await refreshInvoices(tx, invoiceIds, today(deps));
  if (before.credited > 0n) {
    await addCredit(tx, {
      customerId: before.customerId,
      amount: -before.credited,
      reason: 'payment_reversed',
      paymentId: id,
      note: reason,
      createdBy: ctx.principal?.user.id ?? null,
      createdAt: now,
    });
  }
  const [after] = await tx
    .update(payments)
    .set({
      status: 'reversed',
      reversedAt: now,
      reversedBy: ctx.principal?.user.id ?? null,
      reversalReason: reason,
    })
    .where(eq(payments.id, id))
    .returning();
  if (!after) throw notFound('Payment');
  await recordAudit(tx, ctx, {
    action: 'payment.reversed',
    entityType: 'payment',
    entityId: id,
    before: { status: before.status },
    after: { status: after.status, reason, invoiceIds, creditTakenBack: before.credited },
  });
  return { payment: after, invoiceIds };
}

export async function reversePayment(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ReversePayment,
): Promise<PaymentWithAllocations> {
  const resellerId = resellerScope(ctx);
  await deps.db.transaction(async (tx) => {
    await reversePaymentTx(deps, tx, ctx, id, input.reason, resellerId);
  });
  return getPayment(deps, ctx, id);
}

function toPaymentDto(row: PaymentListRow): Payment {
  const p = row.payment;
  return {
    id: p.id,
    number: p.number,
    customerId: p.customerId,
    customerNumber: row.customerNumber,
    customerName: row.customerName,
    method: p.method as PaymentMethod,
    channel: p.channel,
    amount: p.amount.toString(),
    allocated: (p.amount - p.credited).toString(),
    credited: p.credited.toString(),
    receivedAt: p.receivedAt.toISOString(),
    reference: p.reference,
    note: p.note,
    cashierId: p.cashierId,
    cashierName: row.cashierName,
    status: p.status as PaymentStatus,
    reversedAt: p.reversedAt ? p.reversedAt.toISOString() : null,
    reversedBy: p.reversedBy,
    reversalReason: p.reversalReason,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function getPayment(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<PaymentWithAllocations> {
  const row = await findPayment(deps.db, id, resellerScope(ctx));
  if (!row) throw notFound('Payment');
  const allocations = await selectPaymentAllocations(deps.db, [id]);
  return {
    ...toPaymentDto(row),
    allocations: allocations.map((a) => ({
      id: a.allocation.id,
      invoiceId: a.allocation.invoiceId,
      invoiceNumber: a.invoiceNumber,
      amount: a.allocation.amount.toString(),
      reversedAt: a.allocation.reversedAt ? a.allocation.reversedAt.toISOString() : null,
    })),
  };
}

export async function listPayments(
  deps: AppDeps,
  ctx: RequestContext,
  q: ListPaymentsQuery,
): Promise<Page<Payment>> {
  const resellerId = resellerScope(ctx);
  const tz = deps.config.timezone;
  const rows = await selectPayments(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(resellerId ? { resellerId } : {}),
    ...(q.customerId ? { customerId: q.customerId } : {}),
    ...(q.cashierId ? { cashierId: q.cashierId } : {}),
    ...(q.method ? { method: q.method } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.from ? { receivedFrom: startOfDay(q.from, tz) } : {}),
    ...(q.to ? { receivedBefore: startOfDay(addOneDay(q.to), tz) } : {}),
  });
  return toPage(
    rows.map((r) => ({ ...r, id: r.payment.id, createdAt: r.payment.createdAt })),
    q.limit,
    toPaymentDto,
  );
}

/** Per cashier and method, the money received on one day (APP_TIMEZONE). */
export async function cashReport(
  deps: AppDeps,
  ctx: RequestContext,
  q: CashReportQuery,
): Promise<CashReport> {
  const resellerId = resellerScope(ctx);
  const tz = deps.config.timezone;
  const date = q.date ?? today(deps);
  const rows = await cashReportRows(
    deps.db,
    startOfDay(date, tz),
    startOfDay(addOneDay(date), tz),
    resellerId,
  );
  const totals = { count: 0, total: 0n, reversedCount: 0, reversedTotal: 0n };
  const out = rows.map((r) => {
    const count = Number(r.count);
    const total = BigInt(r.total);
    const reversedCount = Number(r.reversed_count);
    const reversedTotal = BigInt(r.reversed_total);
    totals.count += count;
    totals.total += total;
    totals.reversedCount += reversedCount;
    totals.reversedTotal += reversedTotal;
    return {
      cashierId: r.cashier_id,
      cashierName: r.cashier_name,
      method: r.method as PaymentMethod,
      count,
      total: total.toString(),
      reversedCount,
      reversedTotal: reversedTotal.toString(),
      net: (total - reversedTotal).toString(),
    };
  });
  return {
    date,
    timezone: tz,
    rows: out,
    totals: {
      count: totals.count,
      total: totals.total.toString(),
      reversedCount: totals.reversedCount,
      reversedTotal: totals.reversedTotal.toString(),
      net: (totals.total - totals.reversedTotal).toString(),
    },
  };
}

const CREDIT_ENTRIES = 200;

export async function customerCredit(
  deps: AppDeps,
  ctx: RequestContext,
  customerId: string,
): Promise<CustomerCredit> {
  const customer = await findCustomerCredit(deps.db, customerId, resellerScope(ctx));
  if (!customer) throw notFound('Customer');
  const entries = await selectCreditEntries(deps.db, customerId, CREDIT_ENTRIES);
  return {
    customerId,
    balance: customer.creditBalance.toString(),
    entries: entries.map((e) => ({
      id: e.entry.id,
      amount: e.entry.amount.toString(),
      reason: e.entry.reason as CustomerCredit['entries'][number]['reason'],
      paymentId: e.entry.paymentId,
      paymentNumber: e.paymentNumber,
      invoiceId: e.entry.invoiceId,
      invoiceNumber: e.invoiceNumber,
      note: e.entry.note,
      createdAt: e.entry.createdAt.toISOString(),
    })),
  };
}

/** The calendar day `days` after `date` (negative: before), both `YYYY-MM-DD`. */
export function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addOneDay(date: string): string {
  return shiftDay(date, 1);
}

/** Offset of `tz` from UTC at an instant, in milliseconds. */
function offsetAt(instant: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day starts in `tz`. */
export function startOfDay(date: string, tz: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  let guess = utcMidnight - offsetAt(utcMidnight, tz);
  // A second pass settles days whose offset differs from the UTC-midnight one (DST edges).
  guess = utcMidnight - offsetAt(guess, tz);
  return new Date(guess);
}
