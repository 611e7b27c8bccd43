import type {
  CreateRouter,
  DriftReport,
  IntegrationLogEntry,
  Page,
  Router,
  RouterTestResult,
  TestRouterConnection,
  UpdateRouter,
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
import { resourceKey, useApiMutation, useResource } from '../../components/resource';

const ROUTERS = '/routers';
export const ROUTERS_KEY = resourceKey(ROUTERS);
/** Router status changes on its own (worker, health checks): lists refresh this often. */
export const ROUTER_REFRESH_MS = 10_000;

const path = (id: string): string => `${ROUTERS}/${encodeURIComponent(id)}`;

export function useRouters(q = '', enabled = true): UseQueryResult<Page<Router>> {
  return useResource<Page<Router>>(
    ROUTERS,
    { limit: 200, q: q.trim() },
    { enabled, refetchInterval: ROUTER_REFRESH_MS, keepPrevious: true },
  );
}

export function useRouter(id: string): UseQueryResult<Router> {
  return useResource<Router>(path(id), undefined, { refetchInterval: ROUTER_REFRESH_MS });
}

export function useCreateRouter(): UseMutationResult<Router, Error, CreateRouter> {
  return useApiMutation<Router, CreateRouter>({
    method: 'POST',
    path: ROUTERS,
    invalidates: [ROUTERS],
  });
}

export function useUpdateRouter(): UseMutationResult<
  Router,
  Error,
  { id: string; body: UpdateRouter }
> {
  return useApiMutation<Router, { id: string; body: UpdateRouter }>({
    method: 'PATCH',
    path: ({ id }) => path(id),
    body: ({ body }) => body,
    invalidates: [ROUTERS],
  });
}

export function useDeleteRouter(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path,
    body: () => undefined,
    invalidates: [ROUTERS],
  });
}

export function useTestConnection(): UseMutationResult<
  RouterTestResult,
  Error,
  TestRouterConnection
> {
  return useApiMutation<RouterTestResult, TestRouterConnection>({
    method: 'POST',
    path: `${ROUTERS}/test-connection`,
  });
}

export function useTestRouter(): UseMutationResult<RouterTestResult, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RouterTestResult>(`${path(id)}/test`),
    // A failed test also records the router's status.
    onSettled: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
  });
}

export function useSyncRouter(): UseMutationResult<{ jobId: string | null }, Error, string> {
  return useApiMutation<{ jobId: string | null }, string>({
    method: 'POST',
    path: (id) => `${path(id)}/sync`,
    body: () => undefined,
    invalidates: [ROUTERS],
  });
}

/** Reads what a reconcile would change; only on demand, since it talks to the router. */
export function useDrift(id: string, enabled: boolean): UseQueryResult<DriftReport> {
  return useQuery({
    queryKey: [...ROUTERS_KEY, 'drift', id],
    queryFn: ({ signal }) => api.get<DriftReport>(`${path(id)}/drift`, undefined, signal),
    enabled,
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });
}

export function useRouterLog(
  id: string,
): UseInfiniteQueryResult<InfiniteData<Page<IntegrationLogEntry>>> {
  return useInfiniteQuery({
    queryKey: [...ROUTERS_KEY, 'log', id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<IntegrationLogEntry>>(
        `${path(id)}/log`,
        { limit: 25, cursor: pageParam },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: ROUTER_REFRESH_MS,
  });
}
