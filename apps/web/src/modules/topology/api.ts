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
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import { resourceKey, useApiMutation, useResource } from '../../components/resource';

/** Every read a change of a site or ODP makes stale (the tree and map count both). */
const TOPOLOGY_RESOURCES = ['/sites', '/odps', '/topology'] as const;

export function useSites(enabled = true): UseQueryResult<Page<Site>> {
  return useResource<Page<Site>>('/sites', { limit: 200 }, { enabled });
}

export function useOdps(enabled = true): UseQueryResult<Page<Odp>> {
  return useResource<Page<Odp>>('/odps', { limit: 200 }, { enabled });
}

/**
 * The tree: counts only for the whole network, customer names (20 per node) for one router.
 */
export function useTopologyTree(routerId?: string, enabled = true): UseQueryResult<TopologyTree> {
  return useResource<TopologyTree>(
    '/topology/tree',
    routerId ? { routerId, customersPerNode: 20 } : {},
    { enabled },
  );
}

export function useTopologyMap(): UseQueryResult<TopologyMap> {
  return useResource<TopologyMap>('/topology/map', { limit: 5000 });
}

type Saved<T, C, U> = UseMutationResult<T, Error, { id: string | null; body: C | U }>;

function useSave<T, C, U>(base: string): Saved<T, C, U> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: C | U }) =>
      id === null
        ? api.post<T>(base, body)
        : api.patch<T>(`${base}/${encodeURIComponent(id)}`, body),
    onSuccess: () =>
      Promise.all(
        TOPOLOGY_RESOURCES.map((path) => client.invalidateQueries({ queryKey: resourceKey(path) })),
      ),
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
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: (id) => `${base}/${encodeURIComponent(id)}`,
    body: () => undefined,
    invalidates: TOPOLOGY_RESOURCES,
  });
}
