import type { ApiToken, CreatedToken, CreateToken } from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

const TOKENS_KEY = ['tokens'] as const;

export function useTokens(): UseQueryResult<ApiToken[]> {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async ({ signal }) =>
      (await api.get<{ data: ApiToken[] }>('/tokens', undefined, signal)).data,
  });
}

export function useCreateToken(): UseMutationResult<CreatedToken, Error, CreateToken> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateToken) => api.post<CreatedToken>('/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}

export function useRevokeToken(): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
}
