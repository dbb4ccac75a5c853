import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { AuditQuery } from '@/api/types';

export function useAudit(q: AuditQuery) {
  return useInfiniteQuery({
    queryKey: ['audit', q],
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/audit', { params: { query: { ...q, cursor: pageParam, limit: 50 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const verifyAudit = () => ok(api.POST('/api/audit/verify'));
