import type {
  AuditLog,
  ChangePlan,
  CreateCustomer,
  CreateSubscription,
  Customer,
  IntegrationLogEntry,
  MoveSubscription,
  Page,
  Subscription,
  SubscriptionAction,
  SubscriptionCredentials,
  UpdateCustomer,
  UpdateSubscriptionCredentials,
} from '@jaring/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface CustomerFilters {
  q: string;
  status: Customer['status'] | '';
  routerId: string;
  odpId: string;
}

export const CUSTOMERS_KEY = ['customers'] as const;
export const SUBSCRIPTIONS_KEY = ['subscriptions'] as const;
const PAGE_SIZE = 25;
/** While a change waits for the router, the detail page polls this often. */
export const PENDING_REFRESH_MS = 2000;

const customerPath = (id: string): string => `/customers/${encodeURIComponent(id)}`;
const subscriptionPath = (id: string): string => `/subscriptions/${encodeURIComponent(id)}`;

export function useCustomers(
  filters: CustomerFilters,
): UseInfiniteQueryResult<InfiniteData<Page<Customer>>> {
  return useInfiniteQuery({
    queryKey: [...CUSTOMERS_KEY, 'list', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Customer>>(
        '/customers',
        {
          limit: PAGE_SIZE,
          cursor: pageParam,
          q: filters.q.trim(),
          status: filters.status,
          routerId: filters.routerId,
          odpId: filters.odpId,
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string): UseQueryResult<Customer> {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Customer>(customerPath(id), undefined, signal),
  });
}

export function useCreateCustomer(): UseMutationResult<Customer, Error, CreateCustomer> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomer) => api.post<Customer>('/customers', body),
    onSuccess: () => client.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

export function useUpdateCustomer(): UseMutationResult<
  Customer,
  Error,
  { id: string; body: UpdateCustomer }
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateCustomer }) =>
      api.patch<Customer>(customerPath(id), body),
    onSuccess: () => client.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

export function useDeleteCustomer(): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(customerPath(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}

/** A customer's subscriptions; polls quickly while any change is still pending on a router. */
export function useCustomerSubscriptions(customerId: string): UseQueryResult<Page<Subscription>> {
  return useQuery({
    queryKey: [...SUBSCRIPTIONS_KEY, 'customer', customerId],
    queryFn: ({ signal }) =>
      api.get<Page<Subscription>>(
        `${customerPath(customerId)}/subscriptions`,
        { limit: 200 },
        signal,
      ),
    refetchInterval: (query) =>
      query.state.data?.data.some((s) => s.routerSync === 'pending') ? PENDING_REFRESH_MS : 15_000,
  });
}

export function useCustomerLog(
  customerId: string,
): UseInfiniteQueryResult<InfiniteData<Page<IntegrationLogEntry>>> {
  return useInfiniteQuery({
    queryKey: [...CUSTOMERS_KEY, 'log', customerId],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<IntegrationLogEntry>>(
        `${customerPath(customerId)}/integration-log`,
        { limit: 25, cursor: pageParam },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });
}

/** Audit entries about one entity (customer or subscription), for the timeline. */
export function useEntityAudit(
  entityType: string,
  entityIds: readonly string[],
  enabled: boolean,
): UseQueryResult<AuditLog[]> {
  return useQuery({
    queryKey: ['audit', 'entities', entityType, entityIds],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        entityIds.map((entityId) =>
          api.get<Page<AuditLog>>('/audit-logs', { entityType, entityId, limit: 50 }, signal),
        ),
      );
      return pages.flatMap((page) => page.data);
    },
    enabled: enabled && entityIds.length > 0,
    refetchInterval: 10_000,
  });
}

function useSubscriptionMutation<V>(
  fn: (vars: V) => Promise<Subscription>,
): UseMutationResult<Subscription, Error, V> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: SUBSCRIPTIONS_KEY });
      void client.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      void client.invalidateQueries({ queryKey: ['audit'] });
    },
  });
}

export function useCreateSubscription(): UseMutationResult<
  Subscription,
  Error,
  CreateSubscription
> {
  return useSubscriptionMutation((body: CreateSubscription) =>
    api.post<Subscription>('/subscriptions', body),
  );
}

export function useSubscriptionAction(): UseMutationResult<
  Subscription,
  Error,
  { id: string; action: SubscriptionAction }
> {
  return useSubscriptionMutation(({ id, action }: { id: string; action: SubscriptionAction }) =>
    api.post<Subscription>(`${subscriptionPath(id)}/${action}`),
  );
}

export function useChangePlan(): UseMutationResult<
  Subscription,
  Error,
  { id: string; body: ChangePlan }
> {
  return useSubscriptionMutation(({ id, body }: { id: string; body: ChangePlan }) =>
    api.post<Subscription>(`${subscriptionPath(id)}/change-plan`, body),
  );
}

export function useMoveSubscription(): UseMutationResult<
  Subscription,
  Error,
  { id: string; body: MoveSubscription }
> {
  return useSubscriptionMutation(({ id, body }: { id: string; body: MoveSubscription }) =>
    api.post<Subscription>(`${subscriptionPath(id)}/move`, body),
  );
}

export function useUpdateSubscription(): UseMutationResult<
  Subscription,
  Error,
  { id: string; body: UpdateSubscriptionCredentials }
> {
  return useSubscriptionMutation(
    ({ id, body }: { id: string; body: UpdateSubscriptionCredentials }) =>
      api.patch<Subscription>(subscriptionPath(id), body),
  );
}

/** Reveals the service password (audited); only when the technician asks. */
export function useRevealCredentials(): UseMutationResult<SubscriptionCredentials, Error, string> {
  return useMutation({
    mutationFn: (id: string) =>
      api.get<SubscriptionCredentials>(`${subscriptionPath(id)}/credentials`),
  });
}
