import type { Ability, LoginRequest, LoginResponse, Me } from '@jaring/contracts';
import {
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseMutationResult,
  type UseQueryResult,
} from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from './api';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in staff user, or null when nobody is signed in. */
export function useMe(): UseQueryResult<Me | null> {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in user where a route guard already guarantees one. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser needs a signed-in user');
  return data;
}

export function can(me: Pick<Me, 'abilities'> | null | undefined, ability: Ability): boolean {
  return me?.abilities.includes(ability) ?? false;
}

let loggedOutOnPurpose = false;

/** True after a deliberate logout (until the next login), so no return path is kept. */
export function didLogOut(): boolean {
  return loggedOutOnPurpose;
}

/** Forgets the signed-in user and every cached response. */
export function clearSession(client: QueryClient): void {
  setCsrfToken(null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  client.setQueryData(ME_KEY, null);
}

export function useLogin(): UseMutationResult<LoginResponse, Error, LoginRequest> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => api.post<LoginResponse>('/auth/login', body),
    onSuccess: (result) => {
      loggedOutOnPurpose = false;
      setCsrfToken(result.csrfToken);
      client.setQueryData<Me>(ME_KEY, { ...result.user, csrfToken: result.csrfToken });
    },
  });
}

export function useLogout(): UseMutationResult<void, Error, void> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Even if the server already forgot the session, the browser should.
    onSettled: () => {
      loggedOutOnPurpose = true;
      clearSession(client);
    },
  });
}

export function useUpdateMe(): UseMutationResult<Me, Error, Partial<Pick<Me, 'name' | 'locale'>>> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Pick<Me, 'name' | 'locale'>>) => api.patch<Me>('/me', body),
    onSuccess: (me) => {
      const previous = client.getQueryData<Me | null>(ME_KEY);
      client.setQueryData<Me>(ME_KEY, {
        ...me,
        csrfToken: me.csrfToken ?? previous?.csrfToken ?? null,
      });
    },
  });
}
