import type { RouterImportPreview, RouterImportResult } from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';
import { CUSTOMERS_KEY, SUBSCRIPTIONS_KEY } from '../customers/api';
import { PLANS_KEY } from '../plans/api';
import { ROUTERS_KEY } from '../routers/api';

/** The body of `POST /routers/:id/import`: rupiah as digit strings, tax in basis points. */
export interface RunImportBody {
  prices: Record<string, string>;
  defaultPrice: string;
  taxRateBp: number;
}

const path = (id: string): string => `/routers/${encodeURIComponent(id)}/import`;

export const IMPORT_KEY = ['router-import'] as const;

/**
 * Reads the router's profiles and users and what importing them would do. It talks to the
 * router, so it is never cached or retried behind the operator's back.
 */
export function useImportPreview(routerId: string): UseQueryResult<RouterImportPreview> {
  return useQuery({
    queryKey: [...IMPORT_KEY, routerId],
    queryFn: ({ signal }) => api.get<RouterImportPreview>(path(routerId), undefined, signal),
    staleTime: 0,
    gcTime: 0,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useRunImport(
  routerId: string,
): UseMutationResult<RouterImportResult, Error, RunImportBody> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RunImportBody) => api.post<RouterImportResult>(path(routerId), body),
    onSuccess: async () => {
      await Promise.all(
        [PLANS_KEY, CUSTOMERS_KEY, SUBSCRIPTIONS_KEY, ROUTERS_KEY].map((queryKey) =>
          client.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
