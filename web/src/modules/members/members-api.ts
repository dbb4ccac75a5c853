// Calls of the members part of the contract and their cache keys.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type {
  Items, MemberDetail, MemberHistoryItem, MemberInput, MemberPage, MemberQuery, RevealResult,
} from '@/api/types';

export const memberKeys = {
  all: ['members'] as const,
  list: (q: MemberQuery) => ['members', 'list', q] as const,
  detail: (id: string) => ['members', 'detail', id] as const,
  history: (id: string) => ['members', 'history', id] as const,
  mine: ['members', 'mine'] as const,
};

const PAGE_SIZE = 20;

/**
 * Keyset paging: each page asks for the rows after the previous page's cursor. Sent as POST /api/members/search
 * so that an exact search by mobile or ID number never stands in a URL (logs, proxies, history).
 */
export function useMemberList(q: MemberQuery) {
  return useInfiniteQuery({
    queryKey: memberKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      api.post<MemberPage>('/api/members/search', searchBody({ ...q, cursor: pageParam, limit: PAGE_SIZE }), signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The filters without empty values (the server refuses unknown or empty fields it cannot parse). */
function searchBody(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

export function useMember(id: string | null) {
  return useQuery({
    queryKey: memberKeys.detail(id ?? ''),
    queryFn: () => membersApi.get(id!),
    enabled: !!id,
  });
}

export function useMemberHistory(id: string | null, enabled: boolean) {
  return useQuery({
    queryKey: memberKeys.history(id ?? ''),
    queryFn: () => api.get<Items<MemberHistoryItem>>(`/api/members/${id}/history`),
    enabled: !!id && enabled,
  });
}

export function useMyMember(enabled: boolean) {
  return useQuery({ queryKey: memberKeys.mine, queryFn: () => api.get<MemberDetail>('/api/me/member'), enabled });
}

export const membersApi = {
  get: (id: string) => api.get<MemberDetail>(`/api/members/${id}`),
  create: (input: MemberInput) => api.post<MemberDetail>('/api/members', input),
  update: (id: string, patch: Partial<MemberInput> & { version: number }) => api.patch<MemberDetail>(`/api/members/${id}`, patch),
  reveal: (id: string, field: 'idNumber' | 'mobile') => api.post<RevealResult>(`/api/members/${id}/reveal`, { field }),
};
