import type {
  GatewayEvent,
  GatewayId,
  GatewayReconciliation,
  GatewayStats,
  GatewayTransaction,
  GatewayTransactionDetail,
  GatewayTxStatus,
} from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import {
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';
import { BILLING_RESOURCES } from '../invoices/api';

export const TRANSACTIONS = '/gateway-transactions';
export const EVENTS = '/gateway-events';
export const transactionPath = (id: string): string => `${TRANSACTIONS}/${encodeURIComponent(id)}`;
/** The staff page of one transaction. */
export const transactionPage = (id: string): string => `/payments/online/${id}`;

export interface TransactionFilters {
  gateway?: GatewayId | '';
  status?: GatewayTxStatus | '';
  channel?: string;
  customerId?: string;
  /** Only the ones waiting for finance. */
  review?: boolean;
  /** Order id or gateway reference, exact. */
  q?: string;
  from?: string;
  to?: string;
}

export function useGatewayTransactions(
  filters: TransactionFilters,
  pageSize?: number,
): PagedQuery<GatewayTransaction> {
  return usePagedResource<GatewayTransaction>(TRANSACTIONS, { ...filters }, { pageSize });
}

export function useGatewayTransaction(id: string): UseQueryResult<GatewayTransactionDetail> {
  return useResource<GatewayTransactionDetail>(transactionPath(id));
}

/** Which notifications to list: unknown order ids, or failed signatures. */
export type EventKind = 'unmatched' | 'unverified';

export function useGatewayEvents(
  kind: EventKind,
  gateway: GatewayId | '',
): PagedQuery<GatewayEvent> {
  const query = kind === 'unmatched' ? { unmatched: true } : { verified: false };
  return usePagedResource<GatewayEvent>(EVENTS, { ...query, gateway });
}

export function useGatewayReconciliation(date: string): UseQueryResult<GatewayReconciliation> {
  return useResource<GatewayReconciliation>(`${TRANSACTIONS}/reconciliation`, { date });
}

export function useGatewayStats(days: number, enabled = true): UseQueryResult<GatewayStats> {
  return useResource<GatewayStats>(`${TRANSACTIONS}/stats`, { days }, { enabled });
}

/** Applying or closing a review moves money: invoices, payments and reports change too. */
const AFTER_REVIEW = [TRANSACTIONS, EVENTS, ...BILLING_RESOURCES];

/** "Check status": asks the gateway now. */
export function useCheckTransaction(
  id: string,
): UseMutationResult<GatewayTransactionDetail, Error, void> {
  return useApiMutation<GatewayTransactionDetail, void>({
    method: 'POST',
    path: `${transactionPath(id)}/check`,
    body: () => undefined,
    invalidates: AFTER_REVIEW,
  });
}

/** A note-carrying review action (`apply`, `dismiss`), fed by the reason dialog. */
export function useReviewAction(
  id: string,
  action: 'apply' | 'dismiss',
): UseMutationResult<GatewayTransactionDetail, Error, { reason: string }> {
  return useApiMutation<GatewayTransactionDetail, { reason: string }>({
    method: 'POST',
    path: `${transactionPath(id)}/${action}`,
    body: ({ reason }) => ({ note: reason }),
    invalidates: AFTER_REVIEW,
  });
}
