import type { CreateUser, Role, UpdateUser, User } from '@jaring/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { useApiMutation, usePagedResource, type PagedQuery } from '../../components/resource';

export interface UserFilters {
  q: string;
  role: Role | '';
}

const USERS = '/users';
const userPath = (id: string): string => `${USERS}/${encodeURIComponent(id)}`;

export function useUsers(filters: UserFilters): PagedQuery<User> {
  return usePagedResource<User>(USERS, { q: filters.q.trim(), role: filters.role });
}

export function useCreateUser(): UseMutationResult<User, Error, CreateUser> {
  return useApiMutation<User, CreateUser>({ method: 'POST', path: USERS, invalidates: [USERS] });
}

export function useUpdateUser(): UseMutationResult<User, Error, { id: string; body: UpdateUser }> {
  return useApiMutation<User, { id: string; body: UpdateUser }>({
    method: 'PATCH',
    path: ({ id }) => userPath(id),
    body: ({ body }) => body,
    invalidates: [USERS],
  });
}

export function useDeleteUser(): UseMutationResult<void, Error, string> {
  return useApiMutation<void, string>({
    method: 'DELETE',
    path: userPath,
    body: () => undefined,
    invalidates: [USERS],
  });
}
