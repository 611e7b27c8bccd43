import type { CreatePortalCheckout, PortalCheckout, PortalPaymentOptions } from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { useCallback } from 'react';
import { portalRequest } from './api';
import { checkoutPollMs } from './checkout-status';
import { PORTAL_KEY, usePaged, type Paged } from './session';

const CHECKOUT = 'checkout';
const CHECKOUTS = '/checkouts';

export const checkoutKey = (id: string): readonly unknown[] => [PORTAL_KEY, CHECKOUT, id];
const checkoutPath = (id: string): string => `${CHECKOUTS}/${encodeURIComponent(id)}`;

/**
 * The gateways and channels, with fee and total, for paying these invoices (null: every
 * outstanding invoice). An empty `gateways` means online payment is not set up.
 */
export function usePaymentOptions(
  invoiceIds: readonly string[] | null,
  enabled = true,
): UseQueryResult<PortalPaymentOptions> {
  const ids = invoiceIds?.join(',') ?? '';
  return useQuery({
    queryKey: [PORTAL_KEY, 'payment-options', ids],
    queryFn: () =>
      portalRequest<PortalPaymentOptions>(
        'GET',
        `/payment-options${ids ? `?invoiceIds=${encodeURIComponent(ids)}` : ''}`,
      ),
    enabled,
  });
}

export function useCreateCheckout(): UseMutationResult<
  PortalCheckout,
  Error,
  CreatePortalCheckout
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePortalCheckout) =>
      portalRequest<PortalCheckout>('POST', CHECKOUTS, body),
    onSuccess: async (checkout) => {
      client.setQueryData(checkoutKey(checkout.id), checkout);
      await client.invalidateQueries({ queryKey: [PORTAL_KEY, CHECKOUTS] });
    },
  });
}

/** One checkout, asked again every few seconds while it can still change. */
export function usePortalCheckout(id: string): UseQueryResult<PortalCheckout> {
  return useQuery({
    queryKey: checkoutKey(id),
    queryFn: () => portalRequest<PortalCheckout>('GET', checkoutPath(id)),
    refetchInterval: (query) => checkoutPollMs(query.state.data, Date.now()),
  });
}

/** Asks the gateway now (once, when the customer comes back from its payment page). */
export function useCheckPortalCheckout(id: string): UseMutationResult<PortalCheckout, Error, void> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => portalRequest<PortalCheckout>('POST', `${checkoutPath(id)}/check`),
    onSuccess: (checkout) => client.setQueryData(checkoutKey(id), checkout),
  });
}

/** The customer's recent online payments, newest first. */
export function usePortalCheckouts(): Paged<PortalCheckout> {
  return usePaged<PortalCheckout>(CHECKOUTS);
}

/** After a payment: balances, invoices and payments are stale everywhere in the portal. */
export function useRefreshAfterPayment(): () => void {
  const client = useQueryClient();
  return useCallback(() => {
    void client.invalidateQueries({
      predicate: (query) => query.queryKey[0] === PORTAL_KEY && query.queryKey[1] !== CHECKOUT,
    });
  }, [client]);
}
