import type {
  CashReport,
  CustomerCredit,
  Invoice,
  Page,
  Payment,
  PaymentWithAllocations,
  RecordPayment,
} from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import {
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';
import { BILLING_RESOURCES } from '../invoices/api';

export const PAYMENTS = '/payments';
export const paymentPath = (id: string): string => `${PAYMENTS}/${encodeURIComponent(id)}`;

export type RecordPaymentBody = Omit<RecordPayment, 'amount' | 'allocations'> & {
  amount: string;
  allocations?: { invoiceId: string; amount: string }[];
};

export interface PaymentFilters {
  customerId?: string;
  status?: Payment['status'] | '';
  method?: Payment['method'] | '';
  from?: string;
  to?: string;
}

export function usePayments(filters: PaymentFilters): PagedQuery<Payment> {
  return usePagedResource<Payment>(PAYMENTS, { ...filters });
}

export function usePayment(id: string): UseQueryResult<PaymentWithAllocations> {
  return useResource<PaymentWithAllocations>(paymentPath(id));
}

export function useRecordPayment(): UseMutationResult<
  PaymentWithAllocations,
  Error,
  RecordPaymentBody
> {
  return useApiMutation<PaymentWithAllocations, RecordPaymentBody>({
    method: 'POST',
    path: PAYMENTS,
    invalidates: BILLING_RESOURCES,
  });
}

export function useReversePayment(
  id: string,
): UseMutationResult<PaymentWithAllocations, Error, { reason: string }> {
  return useApiMutation<PaymentWithAllocations, { reason: string }>({
    method: 'POST',
    path: `${paymentPath(id)}/reverse`,
    invalidates: BILLING_RESOURCES,
  });
}

export function useCashReport(date: string): UseQueryResult<CashReport> {
  return useResource<CashReport>(`${PAYMENTS}/cash-report`, { date });
}

export function useCustomerCredit(
  customerId: string,
  enabled = true,
): UseQueryResult<CustomerCredit> {
  return useResource<CustomerCredit>(
    `/customers/${encodeURIComponent(customerId)}/credit`,
    undefined,
    {
      enabled,
    },
  );
}

const OPEN: ReadonlySet<Invoice['status']> = new Set(['issued', 'partially_paid', 'overdue']);

/** A customer's invoices that still have a balance due, oldest due date first. */
export function useOpenInvoices(customerId: string | null): {
  open: Invoice[];
  pending: boolean;
  error: unknown;
} {
  const query = useResource<Page<Invoice>>(
    '/invoices',
    { customerId: customerId ?? '', limit: 200 },
    { enabled: customerId !== null },
  );
  const open = (query.data?.data ?? [])
    .filter((invoice) => OPEN.has(invoice.status) && BigInt(invoice.balanceDue) > 0n)
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return { open, pending: customerId !== null && query.isPending, error: query.error };
}

/** Receipt formats the documents API renders. */
export const RECEIPT_FORMATS = ['thermal58', 'thermal80', 'a4'] as const;
export const receiptPath = (id: string): string => `${paymentPath(id)}/receipt`;
