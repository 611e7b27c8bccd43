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

export const ROUTERS_KEY = ['routers'] as const;
/** Router status changes on its own (worker, health checks): lists refresh this often. */
export const ROUTER_REFRESH_MS = 10_000;

const path = (id: string): string => `/routers/${encodeURIComponent(id)}`;

export function useRouters(q = '', enabled = true): UseQueryResult<Page<Router>> {
  return useQuery({
    enabled,
    queryKey: [...ROUTERS_KEY, 'list', q],
    queryFn: ({ signal }) => api.get<Page<Router>>('/routers', { limit: 200, q: q.trim() }, signal),
    refetchInterval: ROUTER_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
}

export function useRouter(id: string): UseQueryResult<Router> {
  return useQuery({
    queryKey: [...ROUTERS_KEY, 'one', id],
    queryFn: ({ signal }) => api.get<Router>(path(id), undefined, signal),
    refetchInterval: ROUTER_REFRESH_MS,
  });
}

export function useCreateRouter(): UseMutationResult<Router, Error, CreateRouter> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRouter) => api.post<Router>('/routers', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
  });
}

export function useUpdateRouter(): UseMutationResult<
  Router,
  Error,
  { id: string; body: UpdateRouter }
> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRouter }) =>
      api.patch<Router>(path(id), body),
    onSuccess: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
  });
}

export function useDeleteRouter(): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(path(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
  });
}

export function useTestConnection(): UseMutationResult<
  RouterTestResult,
  Error,
  TestRouterConnection
> {
  return useMutation({
    mutationFn: (body: TestRouterConnection) =>
      api.post<RouterTestResult>('/routers/test-connection', body),
  });
}

export function useTestRouter(): UseMutationResult<RouterTestResult, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RouterTestResult>(`${path(id)}/test`),
    onSettled: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
  });
}

export function useSyncRouter(): UseMutationResult<{ jobId: string | null }, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ jobId: string | null }>(`${path(id)}/sync`),
    onSuccess: () => client.invalidateQueries({ queryKey: ROUTERS_KEY }),
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
