import type {
  ApplyGatewayTransaction,
  DismissGatewayReview,
  GatewayEvent,
  GatewayId,
  GatewayTransaction,
  GatewayTransactionDetail,
  ListGatewayEventsQuery,
  ListGatewayTransactionsQuery,
  Page,
} from '@jaring/contracts';
import { decodeCreatedCursor, encodeCreatedCursor, toPage } from '../../lib/cursor.ts';
import { DomainError, notFound } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import { recordAudit } from '../audit/service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { resellerScope } from '../customers/service.ts';
import { shiftDay, startOfDay } from '../payments/service.ts';
import { recordGatewayPayment } from './apply.ts';
import {
  eventsOf,
  invoiceNumbers,
  lockTransaction,
  selectEvents,
  selectTransactions,
  updateTransaction,
  type EventRow,
  type TransactionListRow,
} from './queries.ts';
import { checkTransaction } from './status-check.ts';

function toTransactionDto(
  r: TransactionListRow,
  numbers: Map<string, string | null>,
): GatewayTransaction {
  const t = r.tx;
  return {
    id: t.id,
    gateway: t.gateway as GatewayId,
    orderId: t.orderId,
    reference: t.reference,
    customerId: t.customerId,
    customerNumber: r.customerNumber,
    customerName: r.customerName,
    channel: t.channel,
    status: t.status as GatewayTransaction['status'],
    gatewayStatus: t.gatewayStatus,
    amount: t.amount.toString(),
    fee: t.fee.toString(),
    total: t.total.toString(),
    receivedTotal: t.receivedTotal?.toString() ?? null,
    invoiceIds: t.invoiceIds,
    invoiceNumbers: t.invoiceIds.map((id) => numbers.get(id) ?? id),
    paymentId: t.paymentId,
    paymentNumber: r.paymentNumber,
    review: t.review as GatewayTransaction['review'],
    reviewNote: t.reviewNote,
    reviewedAt: t.reviewedAt?.toISOString() ?? null,
    redirectUrl: t.redirectUrl,
    payCode: t.payCode,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    paidAt: t.paidAt?.toISOString() ?? null,
    appliedAt: t.appliedAt?.toISOString() ?? null,
    lastCheckedAt: t.lastCheckedAt?.toISOString() ?? null,
    error: t.error,
  };
}

function toEventDto(e: EventRow): GatewayEvent {
  return {
    id: e.id,
    gateway: e.gateway as GatewayId,
    kind: e.kind as GatewayEvent['kind'],
    at: e.at.toISOString(),
    transactionId: e.transactionId,
    orderId: e.orderId,
    verified: e.verified,
    gatewayStatus: e.gatewayStatus,
    status: e.status as GatewayEvent['status'],
    outcome: e.outcome as GatewayEvent['outcome'],
    processedAt: e.processedAt?.toISOString() ?? null,
    httpStatus: e.httpStatus,
    latencyMs: e.latencyMs,
    remoteIp: e.remoteIp,
    error: e.error,
    body: e.body,
  };
}

export async function listGatewayTransactions(
  deps: AppDeps,
  ctx: RequestContext,
  q: ListGatewayTransactionsQuery,
): Promise<Page<GatewayTransaction>> {
  const tz = deps.config.timezone;
  const resellerId = resellerScope(ctx);
  const rows = await selectTransactions(deps.db, {
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCreatedCursor(q.cursor) } : {}),
    ...(q.gateway ? { gateway: q.gateway } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.customerId ? { customerId: q.customerId } : {}),
    ...(resellerId ? { resellerId } : {}),
    ...(q.review !== undefined ? { review: q.review } : {}),
    ...(q.q ? { q: q.q } : {}),
    ...(q.from ? { createdFrom: startOfDay(q.from, tz) } : {}),
    ...(q.to ? { createdBefore: startOfDay(shiftDay(q.to, 1), tz) } : {}),
  });
  const numbers = await invoiceNumbers(
    deps.db,
    rows.flatMap((r) => r.tx.invoiceIds),
  );
  return toPage(
    rows.map((r) => ({ ...r, id: r.tx.id, createdAt: r.tx.createdAt })),
    q.limit,
    (r) => toTransactionDto(r, numbers),
  );
}

export async function getGatewayTransaction(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<GatewayTransactionDetail> {
  const resellerId = resellerScope(ctx);
  const [row] = await selectTransactions(deps.db, {
    limit: 1,
    id,
    ...(resellerId ? { resellerId } : {}),
  });
  if (!row) throw notFound('Gateway transaction');
  const [numbers, events] = await Promise.all([
    invoiceNumbers(deps.db, row.tx.invoiceIds),
    eventsOf(deps.db, id),
  ]);
  return { ...toTransactionDto(row, numbers), events: events.map(toEventDto) };
}

/** Finance asks the gateway now; the answer is applied like any notification. */
export async function checkGatewayTransaction(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<GatewayTransactionDetail> {
  await getGatewayTransaction(deps, ctx, id);
  const before = await checkTransaction(deps, id, ctx);
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, ctx, {
      action: 'gateway.status_checked',
      entityType: 'gateway_transaction',
      entityId: id,
      after: { status: before?.status, gatewayStatus: before?.gatewayStatus },
    });
  });
  return getGatewayTransaction(deps, ctx, id);
}

/**
 * Applies a transaction held for review (a paid amount other than asked): the payment is what
 * the gateway received less the customer's fee; more than the invoices owe becomes credit.
 */
export async function applyGatewayTransaction(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ApplyGatewayTransaction,
): Promise<GatewayTransactionDetail> {
  await getGatewayTransaction(deps, ctx, id);
  await deps.db.transaction(async (tx) => {
    const row = await lockTransaction(tx, id);
    if (!row) throw notFound('Gateway transaction');
    if (row.status !== 'paid' || row.paymentId || row.review !== 'amount_mismatch') {
      throw new DomainError(
        'invalid_transition',
        `Only a paid transaction held for an amount mismatch can be applied (this one is ${row.status}${row.review ? `, ${row.review}` : ''})`,
      );
    }
    const received = row.receivedTotal ?? 0n;
    const amount = received - row.fee;
    if (amount <= 0n) {
      throw new DomainError(
        'conflict',
        `The gateway received ${received}, not more than the fee of ${row.fee}: nothing to apply`,
      );
    }
    const now = deps.clock.now();
    const paymentId = await recordGatewayPayment(
      deps,
      tx,
      row,
      amount,
      ctx,
      row.paidAt && row.paidAt.getTime() <= now.getTime() ? row.paidAt : now,
      input.note,
    );
    await updateTransaction(tx, id, {
      paymentId,
      appliedAt: now,
      review: null,
      reviewNote: input.note,
      reviewedAt: now,
      reviewedBy: ctx.principal?.user.id ?? null,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'gateway.transaction_applied',
      entityType: 'gateway_transaction',
      entityId: id,
      before: { review: row.review, receivedTotal: row.receivedTotal, total: row.total },
      after: { paymentId, amount, note: input.note },
    });
  });
  return getGatewayTransaction(deps, ctx, id);
}

export async function dismissGatewayReview(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: DismissGatewayReview,
): Promise<GatewayTransactionDetail> {
  await getGatewayTransaction(deps, ctx, id);
  await deps.db.transaction(async (tx) => {
    const row = await lockTransaction(tx, id);
    if (!row) throw notFound('Gateway transaction');
    if (!row.review) {
      throw new DomainError('invalid_transition', 'This transaction is not waiting for review');
    }
    const now = deps.clock.now();
    await updateTransaction(tx, id, {
      review: null,
      reviewNote: input.note,
      reviewedAt: now,
      reviewedBy: ctx.principal?.user.id ?? null,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'gateway.review_dismissed',
      entityType: 'gateway_transaction',
      entityId: id,
      before: { review: row.review },
      after: { review: null, note: input.note },
    });
  });
  return getGatewayTransaction(deps, ctx, id);
}

export async function listGatewayEvents(
  deps: AppDeps,
  q: ListGatewayEventsQuery,
): Promise<Page<GatewayEvent>> {
  const after = q.cursor ? decodeCreatedCursor(q.cursor) : undefined;
  const rows = await selectEvents(deps.db, {
    limit: q.limit + 1,
    ...(after ? { after: { at: after.createdAt, id: after.id } } : {}),
    ...(q.gateway ? { gateway: q.gateway } : {}),
    ...(q.unmatched !== undefined ? { unmatched: q.unmatched } : {}),
    ...(q.verified !== undefined ? { verified: q.verified } : {}),
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map(toEventDto),
    nextCursor:
      rows.length > q.limit && last
        ? encodeCreatedCursor({ createdAt: last.at, id: last.id })
        : null,
  };
}
