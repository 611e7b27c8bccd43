import type { CreatePlan, Page, Plan, UpdatePlan } from '@jaring/contracts';
import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export const PLANS_KEY = ['plans'] as const;

const path = (id: string): string => `/plans/${encodeURIComponent(id)}`;

/** Plans are few (tens): one page of 200 covers an ISP. */
export function usePlans(q = '', enabled = true): UseQueryResult<Page<Plan>> {
  return useQuery({
    enabled,
    queryKey: [...PLANS_KEY, q],
    queryFn: ({ signal }) => api.get<Page<Plan>>('/plans', { limit: 200, q: q.trim() }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePlan(): UseMutationResult<Plan, Error, CreatePlan> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePlan) => api.post<Plan>('/plans', body),
    onSuccess: () => client.invalidateQueries({ queryKey: PLANS_KEY }),
  });
}

export function useUpdatePlan(): UseMutationResult<Plan, Error, { id: string; body: UpdatePlan }> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePlan }) => api.patch<Plan>(path(id), body),
    onSuccess: () => client.invalidateQueries({ queryKey: PLANS_KEY }),
  });
}

export function useDeletePlan(): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(path(id)),
    onSuccess: () => client.invalidateQueries({ queryKey: PLANS_KEY }),
  });
}
