import type {
  CreateOdp,
  CreateSite,
  Odp,
  Page,
  Site,
  TopologyMap,
  TopologyTree,
  UpdateOdp,
  UpdateSite,
} from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export const TOPOLOGY_KEY = ['topology'] as const;

export function useSites(enabled = true): UseQueryResult<Page<Site>> {
  return useQuery({
    queryKey: [...TOPOLOGY_KEY, 'sites'],
    queryFn: ({ signal }) => api.get<Page<Site>>('/sites', { limit: 200 }, signal),
    enabled,
  });
}

export function useOdps(enabled = true): UseQueryResult<Page<Odp>> {
  return useQuery({
    queryKey: [...TOPOLOGY_KEY, 'odps'],
    queryFn: ({ signal }) => api.get<Page<Odp>>('/odps', { limit: 200 }, signal),
    enabled,
  });
}

/**
 * The tree: counts only for the whole network, customer names (20 per node) for one router.
 */
export function useTopologyTree(routerId?: string, enabled = true): UseQueryResult<TopologyTree> {
  return useQuery({
    queryKey: [...TOPOLOGY_KEY, 'tree', routerId ?? 'all'],
    queryFn: ({ signal }) =>
      api.get<TopologyTree>(
        '/topology/tree',
        routerId ? { routerId, customersPerNode: 20 } : {},
        signal,
      ),
    enabled,
  });
}

export function useTopologyMap(): UseQueryResult<TopologyMap> {
  return useQuery({
    queryKey: [...TOPOLOGY_KEY, 'map'],
    queryFn: ({ signal }) => api.get<TopologyMap>('/topology/map', { limit: 5000 }, signal),
  });
}

type Saved<T, C, U> = UseMutationResult<T, Error, { id: string | null; body: C | U }>;

function useSave<T, C, U>(base: string): Saved<T, C, U> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: C | U }) =>
      id === null
        ? api.post<T>(base, body)
        : api.patch<T>(`${base}/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: TOPOLOGY_KEY }),
  });
}

export function useSaveSite(): Saved<Site, CreateSite, UpdateSite> {
  return useSave<Site, CreateSite, UpdateSite>('/sites');
}

export function useSaveOdp(): Saved<Odp, CreateOdp, UpdateOdp> {
  return useSave<Odp, CreateOdp, UpdateOdp>('/odps');
}

export function useDeleteTopologyItem(
  base: '/sites' | '/odps',
): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`${base}/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: TOPOLOGY_KEY }),
  });
}
