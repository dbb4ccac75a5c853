// Calls of the members part of the contract and their cache keys.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { BodyOf, MemberInput, MemberQuery } from '@/api/types';

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
      ok(api.POST('/api/members/search', { body: searchBody({ ...q, cursor: pageParam, limit: PAGE_SIZE }), signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The filters without empty values (the server refuses unknown or empty fields it cannot parse). */
function searchBody(q: BodyOf<'/api/members/search', 'post'>): BodyOf<'/api/members/search', 'post'> {
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
    queryFn: () => ok(api.GET('/api/members/{id}/history', { params: { path: { id: id! } } })),
    enabled: !!id && enabled,
  });
}

export function useMyMember(enabled: boolean) {
  return useQuery({ queryKey: memberKeys.mine, queryFn: () => ok(api.GET('/api/me/member')), enabled });
}

export const membersApi = {
  get: (id: string) => ok(api.GET('/api/members/{id}', { params: { path: { id } } })),
  create: (input: MemberInput) => ok(api.POST('/api/members', { body: input })),
  update: (id: string, patch: BodyOf<'/api/members/{id}', 'patch'>) => ok(api.PATCH('/api/members/{id}', { params: { path: { id } }, body: patch })),
  reveal: (id: string, field: 'idNumber' | 'mobile') => ok(api.POST('/api/members/{id}/reveal', { params: { path: { id } }, body: { field } })),
};
