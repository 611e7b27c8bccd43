import type { AuditLog, Page } from '@jaring/contracts';
import {
  keepPreviousData,
  useInfiniteQuery,
  type InfiniteData,
  type UseInfiniteQueryResult,
} from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface AuditFilters {
  action: string;
  entityType: string;
  entityId: string;
  actorId: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = {
  action: '',
  entityType: '',
  entityId: '',
  actorId: '',
};

const PAGE_SIZE = 50;

export function useAuditLogs(
  filters: AuditFilters,
): UseInfiniteQueryResult<InfiniteData<Page<AuditLog>>> {
  return useInfiniteQuery({
    queryKey: ['audit-logs', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditLog>>(
        '/audit-logs',
        {
          limit: PAGE_SIZE,
          cursor: pageParam,
          action: filters.action.trim(),
          entityType: filters.entityType.trim(),
          entityId: filters.entityId.trim(),
          actorId: filters.actorId.trim(),
        },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
