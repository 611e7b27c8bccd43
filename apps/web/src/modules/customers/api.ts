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
import {
  resourceKey,
  useApiMutation,
  usePagedResource,
  useResource,
  type PagedQuery,
} from '../../components/resource';

export interface CustomerFilters {
  q: string;
  status: Customer['status'] | '';
  routerId: string;
  odpId: string;
}

const CUSTOMERS = '/customers';
export const CUSTOMERS_KEY = resourceKey(CUSTOMERS);
export const SUBSCRIPTIONS_KEY = ['subscriptions'] as const;
/** While a change waits for the router, the detail page polls this often. */
export const PENDING_REFRESH_MS = 2000;

const customerPath = (id: string): string => `${CUSTOMERS}/${encodeURIComponent(id)}`;
const subscriptionPath = (id: string): string => `/subscriptions/${encodeURIComponent(id)}`;

export function useCustomers(filters: CustomerFilters): PagedQuery<Customer> {
  return usePagedResource<Customer>(CUSTOMERS, {
    q: filters.q.trim(),
    status: filters.status,
    routerId: filters.routerId,
    odpId: filters.odpId,
  });
}

export function useCustomer(id: string): UseQueryResult<Customer> {
  return useResource<Customer>(customerPath(id));
}

export function useCreateCustomer(): UseMutationResult<Customer, Error, CreateCustomer> {
  return useApiMutation<Customer, CreateCustomer>({
    method: 'POST',
    path: CUSTOMERS,
    invalidates: [CUSTOMERS],
  });
}

export function useUpdateCustomer(): UseMutationResult<
  Customer,
  Error,
  { id: string; body: UpdateCustomer }
> {
  return useApiMutation<Customer, { id: string; body: UpdateCustomer }>({
    method: 'PATCH',
    path: ({ id }) => customerPath(id),
    body: ({ body }) => body,
    invalidates: [CUSTOMERS],
  });
}

export function useDeleteCustomer(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: customerPath,
    body: () => undefined,
    invalidates: [CUSTOMERS],
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
