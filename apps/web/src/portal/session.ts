import type {
  Page,
  PortalChangePassword,
  PortalInvoice,
  PortalInvoiceDetail,
  PortalLogin,
  PortalMe,
  PortalPayment,
  PortalProfile,
  PortalSession,
} from '@jaring/contracts';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { isApiError } from '../lib/api';
import { setLocale } from '../lib/i18n';
import { portalRequest, setPortalCsrfToken } from './api';

/** Every portal query lives under this key, so signing out drops them all at once. */
export const PORTAL_KEY = 'portal';
export const PORTAL_ME_KEY = [PORTAL_KEY, 'me'] as const;

async function fetchMe(): Promise<PortalMe | null> {
  try {
    const me = await portalRequest<PortalMe>('GET', '/me');
    setPortalCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in customer, or null when nobody is signed in to the portal. */
export function usePortalMe(): UseQueryResult<PortalMe | null> {
  return useQuery({ queryKey: PORTAL_ME_KEY, queryFn: fetchMe, staleTime: 30_000, retry: false });
}

/** The signed-in customer where the portal layout already guarantees one. */
export function usePortalCustomer(): PortalMe {
  const { data } = usePortalMe();
  if (!data) throw new Error('usePortalCustomer needs a signed-in customer');
  return data;
}

export function clearPortalSession(client: QueryClient): void {
  setPortalCsrfToken(null);
  client.removeQueries({
    predicate: (q) => q.queryKey[0] === PORTAL_KEY && q.queryKey[1] !== PORTAL_ME_KEY[1],
  });
  client.setQueryData(PORTAL_ME_KEY, null);
}

function signedIn(client: QueryClient, session: PortalSession): void {
  setPortalCsrfToken(session.me.csrfToken);
  client.setQueryData<PortalMe>(PORTAL_ME_KEY, session.me);
  // The customer's saved language is the one the portal speaks from now on.
  setLocale(session.me.customer.locale);
}

export function usePortalLogin(): UseMutationResult<PortalSession, Error, PortalLogin> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalLogin) => portalRequest<PortalSession>('POST', '/auth/login', body),
    onSuccess: (session) => signedIn(client, session),
  });
}

export function usePortalLinkExchange(): UseMutationResult<PortalSession, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => portalRequest<PortalSession>('POST', '/auth/link', { token }),
    onSuccess: (session) => signedIn(client, session),
  });
}

export function usePortalLogout(): UseMutationResult<void, Error, void> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => portalRequest<void>('POST', '/auth/logout'),
    onSettled: () => clearPortalSession(client),
  });
}

export function useUpdatePortalProfile(): UseMutationResult<PortalMe, Error, PortalProfile> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalProfile) => portalRequest<PortalMe>('PATCH', '/profile', body),
    onSuccess: (me) => client.setQueryData<PortalMe>(PORTAL_ME_KEY, me),
  });
}

export function useChangePortalPassword(): UseMutationResult<void, Error, PortalChangePassword> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PortalChangePassword) => portalRequest<void>('POST', '/password', body),
    onSuccess: () => client.invalidateQueries({ queryKey: PORTAL_ME_KEY }),
  });
}

export type Paged<T> = UseInfiniteQueryResult<InfiniteData<Page<T>, string | null>>;

/** A cursor-paged portal list, 20 at a time. */
export function usePaged<T>(path: string): Paged<T> {
  return useInfiniteQuery({
    queryKey: [PORTAL_KEY, path],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      portalRequest<Page<T>>(
        'GET',
        `${path}?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePortalInvoices(): Paged<PortalInvoice> {
  return usePaged<PortalInvoice>('/invoices');
}

export function usePortalPayments(): Paged<PortalPayment> {
  return usePaged<PortalPayment>('/payments');
}

export function usePortalInvoice(id: string): UseQueryResult<PortalInvoiceDetail> {
  return useQuery({
    queryKey: [PORTAL_KEY, 'invoice', id],
    queryFn: () => portalRequest<PortalInvoiceDetail>('GET', `/invoices/${encodeURIComponent(id)}`),
  });
}
