import type { Session } from '@jaring/contracts';
import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { useApiMutation, useResource } from '../../components/resource';

const SESSIONS = '/sessions';

export function useSessions(): UseQueryResult<{ data: Session[] }> {
  return useResource<{ data: Session[] }>(SESSIONS);
}

export function useRevokeSession(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: (id) => `${SESSIONS}/${encodeURIComponent(id)}`,
    body: () => undefined,
    invalidates: [SESSIONS],
  });
}
