import type {
  CreateInvoice,
  InvoiceRunResult,
  InvoiceStatus,
  InvoiceDetail,
  InvoiceListItem,
  RunInvoices,
  VoidInvoice,
} from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import {
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';

export const INVOICES = '/invoices';
export const invoicePath = (id: string): string => `${INVOICES}/${encodeURIComponent(id)}`;

/** Money movements change invoices, customers' credit and the reports. */
export const BILLING_RESOURCES = [INVOICES, '/payments', '/customers', '/reports'] as const;

export interface InvoiceFilters {
  status: InvoiceStatus | '';
  /** `YYYY-MM`. */
  period: string;
  customerId: string;
}

export function useInvoices(filters: InvoiceFilters): PagedQuery<InvoiceListItem> {
  return usePagedResource<InvoiceListItem>(INVOICES, {
    status: filters.status,
    period: filters.period,
    customerId: filters.customerId,
  });
}

export function useInvoice(id: string): UseQueryResult<InvoiceDetail> {
  return useResource<InvoiceDetail>(invoicePath(id));
}

/** The customer's name for a row; cached per customer, so a page asks once per customer. */

export function useRunInvoices(): UseMutationResult<InvoiceRunResult, Error, RunInvoices> {
  return useApiMutation<InvoiceRunResult, RunInvoices>({
    method: 'POST',
    path: `${INVOICES}/run`,
    invalidates: [INVOICES, '/reports'],
  });
}

export function useVoidInvoice(id: string): UseMutationResult<InvoiceDetail, Error, VoidInvoice> {
  return useApiMutation<InvoiceDetail, VoidInvoice>({
    method: 'POST',
    path: `${invoicePath(id)}/void`,
    invalidates: BILLING_RESOURCES,
  });
}

/** Void + issue a corrected copy (the API answers with the new invoice). */
export function useReissueInvoice(
  id: string,
): UseMutationResult<InvoiceDetail, Error, { reason: string }> {
  return useApiMutation<InvoiceDetail, { reason: string }>({
    method: 'POST',
    path: `${invoicePath(id)}/reissue`,
    invalidates: BILLING_RESOURCES,
  });
}

export function useCreateInvoice(): UseMutationResult<InvoiceDetail, Error, CreateInvoice> {
  return useApiMutation<InvoiceDetail, CreateInvoice>({
    method: 'POST',
    path: INVOICES,
    invalidates: [INVOICES],
  });
}

/** Issue a draft manual invoice: it gets its gapless number. */
export function useIssueInvoice(id: string): UseMutationResult<InvoiceDetail, Error, void> {
  return useApiMutation<InvoiceDetail, void>({
    method: 'POST',
    path: `${invoicePath(id)}/issue`,
    body: () => undefined,
    invalidates: BILLING_RESOURCES,
  });
}

export function useDeleteDraft(id: string): UseMutationResult<void, Error, void> {
  return useApiMutation<void, void>({
    method: 'DELETE',
    path: invoicePath(id),
    body: () => undefined,
    invalidates: [INVOICES],
  });
}
