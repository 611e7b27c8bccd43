import type {
  GatewayEventOutcome,
  GatewayId,
  GatewayReviewReason,
  GatewayTxStatus,
} from '@jaring/contracts';
import type { Executor } from '../../db/database.ts';
import { DomainError } from '../../lib/errors.ts';
import type { AppDeps } from '../../runtime/deps.ts';
import type { RequestContext } from '../auth/principal.ts';
import { lockCustomer, lockOpenInvoices } from '../payments/queries.ts';
import { recordPayment, reversePaymentTx } from '../payments/service.ts';
import type { Allocation } from '../payments/allocation.ts';
import { gatewayMetrics } from './metrics.ts';
import { updateTransaction, type NewTransactionRow, type TransactionRow } from './queries.ts';
import { nextCheckAfter } from './schedule.ts';
import { decide, isFinal, type Observed } from './state-machine.ts';

export interface AppliedState {
  outcome: GatewayEventOutcome;
  row: TransactionRow;
}

/** `midtrans:INV-2026-000001-1-ab12`: unique among gateway payments (a unique index). */
export function paymentReference(gateway: string, orderId: string): string {
  return `${gateway}:${orderId}`;
}

/**
 * The money goes to the transaction's own invoices as far as each still owes (one may have been
 * paid at the cashier meanwhile); the rest becomes credit, so nothing received is ever lost.
 */
async function allocationsFor(
  tx: Executor,
  row: TransactionRow,
  amount: bigint,
): Promise<Allocation[]> {
  const open = await lockOpenInvoices(tx, row.customerId);
  const mine = new Set(row.invoiceIds);
  const out: Allocation[] = [];
  let left = amount;
  for (const invoice of open) {
    if (left <= 0n) break;
    if (!mine.has(invoice.id)) continue;
    const due = invoice.total - invoice.paid;
    if (due <= 0n) continue;
    const take = due < left ? due : left;
    out.push({ invoiceId: invoice.id, amount: take });
    left -= take;
  }
  return out;
}

/** Records the payment of a paid transaction, inside the caller's transaction. */
export async function recordGatewayPayment(
  deps: AppDeps,
  tx: Executor,
  row: TransactionRow,
  amount: bigint,
  ctx: RequestContext,
  receivedAt: Date,
  note: string | null,
): Promise<string> {
  // Lock order as every money movement: the customer first, then the open invoices.
  await lockCustomer(tx, row.customerId);
  const allocations = await allocationsFor(tx, row, amount);
  const recorded = await recordPayment(deps, tx, {
    ctx,
    customerId: row.customerId,
    method: 'gateway',
    channel: `${row.gateway}:${row.channel ?? 'unknown'}`,
    amount,
    receivedAt,
    reference: paymentReference(row.gateway, row.orderId),
    note,
    cashierId: null,
    allocations,
  });
  return recorded.payment.id;
}

/**
 * Moves one transaction (locked by the caller) to what the gateway reports, once: a payment is
 * recorded only on the step into `paid` with the amount asked, a refund after payment reverses it,
 * and anything older than what is known is ignored. The `payments` unique reference and
 * `gateway_transactions.payment_id` make a second payment impossible even if two nodes got here.
 */
export async function applyObserved(
  deps: AppDeps,
  tx: Executor,
  row: TransactionRow,
  observed: Observed,
  options: { ctx: RequestContext; noticeAt: Date | null },
): Promise<AppliedState> {
  const now = deps.clock.now();
  const decision = decide(
    {
      status: row.status as GatewayTxStatus,
      total: row.total,
      currency: row.currency,
      hasPayment: row.paymentId !== null,
      review: row.review as GatewayReviewReason | null,
    },
    observed,
  );
  const base: Partial<NewTransactionRow> = {
    updatedAt: now,
    ...(observed.reference && !row.reference ? { reference: observed.reference } : {}),
    ...(observed.channel && !row.channel ? { channel: observed.channel } : {}),
  };
  const gateway = row.gateway as GatewayId;
  const metrics = gatewayMetrics(deps.metrics);
  const countFinal = (status: string): void => {
    metrics.transactions.inc({
      gateway,
      channel: row.channel ?? observed.channel ?? 'unknown',
      status,
    });
  };

  switch (decision.kind) {
    case 'duplicate':
    case 'stale': {
      const updated =
        Object.keys(base).length > 1 ? await updateTransaction(tx, row.id, base) : row;
      return { outcome: decision.kind, row: updated };
    }
    case 'quarantine': {
      const updated = await updateTransaction(tx, row.id, {
        ...base,
        status: 'paid',
        gatewayStatus: observed.gatewayStatus,
        receivedTotal: observed.total,
        review: decision.reason,
        paidAt: observed.paidAt ?? now,
        paidNoticeAt: options.noticeAt,
        nextCheckAt: null,
      });
      countFinal('paid');
      deps.logger.warn(
        { orderId: row.orderId, asked: row.total.toString(), reported: observed.total?.toString() },
        'gateway reported a paid amount other than asked; held for review',
      );
      return { outcome: 'quarantined', row: updated };
    }
    case 'apply': {
      const withChannel = { ...row, channel: row.channel ?? observed.channel };
      const paymentId = await recordGatewayPayment(
        deps,
        tx,
        withChannel,
        row.amount,
        options.ctx,
        observed.paidAt && observed.paidAt.getTime() <= now.getTime() ? observed.paidAt : now,
        `${gateway} ${row.orderId}`,
      );
      const updated = await updateTransaction(tx, row.id, {
        ...base,
        status: 'paid',
        gatewayStatus: observed.gatewayStatus,
        paymentId,
        paidAt: observed.paidAt ?? now,
        appliedAt: now,
        paidNoticeAt: options.noticeAt,
        review: row.review === 'challenge' ? null : row.review,
        nextCheckAt: null,
      });
      countFinal('paid');
      if (options.noticeAt) {
        metrics.applySeconds.observe(
          { gateway, channel: updated.channel ?? 'unknown' },
          Math.max(0, (now.getTime() - options.noticeAt.getTime()) / 1000),
        );
      }
      return { outcome: 'applied', row: updated };
    }
    case 'reverse': {
      let review: GatewayReviewReason = 'refunded';
      let note: string | null = null;
      try {
        await reversePaymentTx(
          deps,
          tx,
          options.ctx,
          row.paymentId!,
          `Refunded at ${gateway} (${observed.gatewayStatus})`,
        );
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        // Its credit was already spent, or finance reversed it by hand: finance decides.
        review = err.code === 'invalid_transition' ? 'refunded' : 'reversal_refused';
        note = err.message;
      }
      const updated = await updateTransaction(tx, row.id, {
        ...base,
        status: 'refunded',
        gatewayStatus: observed.gatewayStatus,
        review,
        reviewNote: note,
        reviewedAt: null,
        nextCheckAt: null,
      });
      countFinal('refunded');
      return { outcome: 'reversed', row: updated };
    }
    case 'update': {
      const status = observed.status;
      const updated = await updateTransaction(tx, row.id, {
        ...base,
        status,
        gatewayStatus: observed.gatewayStatus,
        review: decision.review,
        ...(decision.review !== row.review ? { reviewedAt: null, reviewNote: null } : {}),
        nextCheckAt: isFinal(status) ? null : nextCheckAfter(row, now),
      });
      if (isFinal(status)) countFinal(status);
      return { outcome: 'updated', row: updated };
    }
  }
}
