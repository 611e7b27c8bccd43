import type { CreatePlan, Page, Plan, UpdatePlan } from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { resourceKey, useApiMutation, useResource } from '../../components/resource';

const PLANS = '/plans';
export const PLANS_KEY = resourceKey(PLANS);

const path = (id: string): string => `${PLANS}/${encodeURIComponent(id)}`;

/** Plans are few (tens): one page of 200 covers an ISP. */
export function usePlans(q = '', enabled = true): UseQueryResult<Page<Plan>> {
  return useResource<Page<Plan>>(
    PLANS,
    { limit: 200, q: q.trim() },
    { enabled, keepPrevious: true },
  );
}

export function useCreatePlan(): UseMutationResult<Plan, Error, CreatePlan> {
  return useApiMutation<Plan, CreatePlan>({ method: 'POST', path: PLANS, invalidates: [PLANS] });
}

export function useUpdatePlan(): UseMutationResult<Plan, Error, { id: string; body: UpdatePlan }> {
  return useApiMutation<Plan, { id: string; body: UpdatePlan }>({
    method: 'PATCH',
    path: ({ id }) => path(id),
    body: ({ body }) => body,
    invalidates: [PLANS],
  });
}

export function useDeletePlan(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path,
    body: () => undefined,
    invalidates: [PLANS],
  });
}
