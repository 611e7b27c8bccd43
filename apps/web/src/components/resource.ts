import type { Page } from '@jaring/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryKey,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api, request, type RequestOptions } from '../lib/api';

type Query = RequestOptions['query'];

/** The result of {@link usePagedResource}. */
export type PagedQuery<T> = UseInfiniteQueryResult<InfiniteData<Page<T>>>;

/**
 * One GET resource. The key is the path plus the query, so every caller of the same URL shares
 * one cache entry and a mutation can invalidate by path prefix (`['/invoices']`).
 */
export function useResource<T>(
  path: string,
  query?: Query,
  options: {
    enabled?: boolean;
    refetchInterval?: number | false;
    staleTime?: number;
    /** Keep showing the last data while another query (a new search) loads. */
    keepPrevious?: boolean;
  } = {},
): UseQueryResult<T> {
  return useQuery({
    queryKey: resourceKey(path, query),
    queryFn: ({ signal }) => api.get<T>(path, query, signal),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval ?? false,
    staleTime: options.staleTime ?? 0,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

/** A cursor-paged list (`{ data, nextCursor }`), one page after another with "load more". */
export function usePagedResource<T>(
  path: string,
  query: Query = {},
  options: { pageSize?: number; enabled?: boolean } = {},
): PagedQuery<T> {
  const limit = options.pageSize ?? 25;
  return useInfiniteQuery({
    queryKey: [...resourceKey(path, query), 'paged', limit],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(path, { ...query, limit, cursor: pageParam }, signal),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The cache key of a resource: the path's segments, then the query (when there is one). */
export function resourceKey(path: string, query?: Query): QueryKey {
  const segments = path.split('/').filter(Boolean);
  return query && Object.keys(query).length > 0 ? [...segments, query] : segments;
}

export interface ApiMutationOptions<V> {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, possibly built from the variables (e.g. an id). */
  path: string | ((vars: V) => string);
  /** The body sent; the variables themselves when absent. */
  body?: (vars: V) => unknown;
  /** Resource paths whose cached data is stale after success (prefix match). */
  invalidates?: readonly string[];
}

/** A mutation against the API that refreshes the resources it changes. */
export function useApiMutation<R, V = void>(
  options: ApiMutationOptions<V>,
): UseMutationResult<R, Error, V> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: V) => {
      const path = typeof options.path === 'function' ? options.path(vars) : options.path;
      const body = options.body ? options.body(vars) : vars;
      return request<R>(options.method, path, { body: body ?? undefined });
    },
    onSuccess: async () => {
      await Promise.all(
        (options.invalidates ?? []).map((path) =>
          client.invalidateQueries({ queryKey: resourceKey(path) }),
        ),
      );
    },
  });
}

/** Rows of every loaded page. */
export function pagedRows<T>(data: InfiniteData<Page<T>> | undefined): T[] {
  return data?.pages.flatMap((page) => page.data) ?? [];
}
