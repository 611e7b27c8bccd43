import type { ApiToken, CreatedToken, CreateToken } from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useApiMutation, useResource } from '../../components/resource';

const TOKENS = '/tokens';

export function useTokens(): UseQueryResult<{ data: ApiToken[] }> {
  return useResource<{ data: ApiToken[] }>(TOKENS);
}

export function useCreateToken(): UseMutationResult<CreatedToken, Error, CreateToken> {
  return useApiMutation<CreatedToken, CreateToken>({
    method: 'POST',
    path: TOKENS,
    invalidates: [TOKENS],
  });
}

export function useRevokeToken(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: (id) => `${TOKENS}/${encodeURIComponent(id)}`,
    body: () => undefined,
    invalidates: [TOKENS],
  });
}
