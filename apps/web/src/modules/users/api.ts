import type { CreateUser, Page, Role, UpdateUser, User } from '@jaring/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface UserFilters {
  q: string;
  role: Role | '';
}

const USERS_KEY = ['users'] as const;
const PAGE_SIZE = 25;

export function useUsers(filters: UserFilters): UseInfiniteQueryResult<InfiniteData<Page<User>>> {
  return useInfiniteQuery({
    queryKey: [...USERS_KEY, filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<User>>(
        '/users',
        { limit: PAGE_SIZE, cursor: pageParam, q: filters.q.trim(), role: filters.role },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the current rows while a new search loads, instead of a spinner per keystroke.
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser(): UseMutationResult<User, Error, CreateUser> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUser) => api.post<User>('/users', body),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useUpdateUser(): UseMutationResult<User, Error, { id: string; body: UpdateUser }> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}

export function useDeleteUser(): UseMutationResult<void, Error, string> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/users/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: USERS_KEY }),
  });
}
