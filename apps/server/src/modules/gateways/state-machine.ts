import type { GatewayReviewReason, GatewayTxStatus } from '@jaring/contracts';

/** The status a gateway reports, in the one model both gateways map to. */
export type ObservedStatus = Exclude<GatewayTxStatus, 'creating'>;

/** What a notification or a status answer says about one order. */
export interface Observed {
  orderId: string;
  /** The gateway's own id for the transaction. */
  reference: string | null;
  /** The gateway's word for the status, as sent (`settlement`, `PAID` ...). */
  gatewayStatus: string;
  status: ObservedStatus;
  /** The amount the gateway reports for the transaction (what the customer pays). */
  total: bigint | null;
  currency: string | null;
  channel: string | null;
  paidAt: Date | null;
}

export interface TransactionState {
  status: GatewayTxStatus;
  total: bigint;
  currency: string;
  hasPayment: boolean;
  review: GatewayReviewReason | null;
}

export type Decision =
  /** Nothing new: the same state again. */
  | { kind: 'duplicate' }
  /** Older than what is known (pending after paid, expire after settlement): ignored. */
  | { kind: 'stale' }
  /** Paid with the amount asked: record the payment. */
  | { kind: 'apply' }
  /** Paid, but not what was asked: held for finance, never applied on its own. */
  | { kind: 'quarantine'; reason: 'amount_mismatch' }
  /** Money went back after the payment was applied: reverse it, reopen the invoices. */
  | { kind: 'reverse' }
  /** A new status with nothing to do to money (pending, failed, expired ...). */
  | { kind: 'update'; review: GatewayReviewReason | null };

/**
 * How far along a transaction is. Notifications repeat and arrive out of order; a state only
 * ever moves up this ladder. Paid outranks failed and expired: a verified report of money
 * received wins over an earlier report that the attempt lapsed.
 */
const RANK: Readonly<Record<GatewayTxStatus, number>> = {
  creating: -1,
  pending: 0,
  challenge: 1,
  failed: 2,
  expired: 2,
  paid: 3,
  partially_refunded: 4,
  refunded: 5,
};

export function isFinal(status: GatewayTxStatus): boolean {
  return status !== 'creating' && status !== 'pending' && status !== 'challenge';
}

/** Pure: what to do with an observed state, given what Jaring knows of the transaction. */
export function decide(current: TransactionState, observed: Observed): Decision {
  if (observed.status === current.status) return { kind: 'duplicate' };
  if (RANK[observed.status] <= RANK[current.status]) return { kind: 'stale' };
  switch (observed.status) {
    case 'paid': {
      const currencyOk =
        observed.currency === null || observed.currency.toUpperCase() === current.currency;
      if (observed.total !== current.total || !currencyOk) {
        return { kind: 'quarantine', reason: 'amount_mismatch' };
      }
      return { kind: 'apply' };
    }
    case 'refunded':
      return current.hasPayment ? { kind: 'reverse' } : { kind: 'update', review: current.review };
    case 'partially_refunded':
      return { kind: 'update', review: current.hasPayment ? 'partial_refund' : current.review };
    case 'challenge':
      return { kind: 'update', review: 'challenge' };
    case 'pending':
    case 'failed':
    case 'expired':
      // A challenged card that is then denied or accepted no longer needs a decision.
      return { kind: 'update', review: current.review === 'challenge' ? null : current.review };
  }
}
