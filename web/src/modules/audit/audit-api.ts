import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { AuditEntry, AuditQuery, AuditVerify, Page } from '@/api/types';

export function useAudit(q: AuditQuery) {
  return useInfiniteQuery({
    queryKey: ['audit', q],
    queryFn: ({ pageParam, signal }) => api.get<Page<AuditEntry>>('/api/audit', { ...q, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const verifyAudit = () => api.post<AuditVerify>('/api/audit/verify');
