// 组织关系转接 (F-05): the shapes of /api/transfers (docs/transfers.md) and their hooks.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type ResponseOf, type TransferDetail, type TransferSummary } from '@/api/types';

export type { TransferDetail, TransferSummary };
export const TRANSFER_STATES = valuesOf<TransferSummary['state']>()(['applied', 'out_review', 'in_review', 'returned', 'completed', 'withdrawn', 'cancelled']);
export type TransferState = TransferSummary['state'];
export type TransferAction = TransferDetail['actions'][number];
export type TransferStep = TransferDetail['steps'][number];
export type TransferPage = ResponseOf<'/api/transfers', 'get'>;

/** The editable part of an application (the body of a resubmission). */
export type TransferEdits = BodyOf<'/api/transfers/{id}/submit', 'post'>;
export type TransferCreateInput = BodyOf<'/api/transfers', 'post'>;

/** 待本方办理 · 转出 · 转入 · 全部 */
export type TransferView = 'pending' | 'outgoing' | 'incoming' | 'all';
export interface TransferQuery { view: TransferView; state?: TransferState; q?: string }

/** A receiving branch from GET /api/transfers/destinations (names only, whole province). */
export type Destination = ResponseOf<'/api/transfers/destinations', 'get'>['items'][number];

export const transferKeys = {
  all: ['transfers'] as const,
  list: (q: TransferQuery) => ['transfers', 'list', q] as const,
  detail: (id: string) => ['transfers', 'detail', id] as const,
  destinations: (q: string) => ['transfers', 'destinations', q] as const,
  members: (q: string) => ['transfers', 'members', q] as const,
};

const PAGE_SIZE = 20;

/** The API's list parameters for a view and its filters (the export takes the same). */
export function listQuery(q: TransferQuery) {
  return {
    pending: q.view === 'pending' ? true : undefined,
    direction: q.view === 'outgoing' || q.view === 'incoming' ? q.view : undefined,
    state: q.state,
    q: q.q,
  };
}

export function useTransferList(q: TransferQuery) {
  return useInfiniteQuery({
    queryKey: transferKeys.list(q),
    queryFn: ({ pageParam, signal }) =>
      ok(api.GET('/api/transfers', { params: { query: { ...listQuery(q), cursor: pageParam, limit: PAGE_SIZE } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTransfer(id: string | null) {
  return useQuery({
    queryKey: transferKeys.detail(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/transfers/{id}', { params: { path: { id: id! } }, signal })),
    enabled: !!id,
  });
}

/** Receiving branches anywhere in the province; the server needs at least two characters. */
export function useDestinations(q: string) {
  return useQuery({
    queryKey: transferKeys.destinations(q),
    queryFn: ({ signal }) => ok(api.GET('/api/transfers/destinations', { params: { query: { q, limit: 20 } }, signal })),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** Members of the caller's scope by name, for the member picker. */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: transferKeys.members(q),
    queryFn: ({ signal }) => ok(api.GET('/api/members', { params: { query: { q, limit: 20 } }, signal })),
    enabled: q.length >= 1,
    staleTime: 30_000,
  });
}

export const transfersApi = {
  create: (input: TransferCreateInput) => ok(api.POST('/api/transfers', { body: input })),
  submit: (id: string, edits: TransferEdits = {}) => ok(api.POST('/api/transfers/{id}/submit', { params: { path: { id } }, body: edits })),
  approve: (id: string, comment?: string) => ok(api.POST('/api/transfers/{id}/approve', { params: { path: { id } }, body: comment ? { comment } : {} })),
  return: (id: string, reason: string) => ok(api.POST('/api/transfers/{id}/return', { params: { path: { id } }, body: { reason } })),
  withdraw: (id: string, comment?: string) => ok(api.POST('/api/transfers/{id}/withdraw', { params: { path: { id } }, body: comment ? { comment } : {} })),
  cancel: (id: string, comment?: string) => ok(api.POST('/api/transfers/{id}/cancel', { params: { path: { id } }, body: comment ? { comment } : {} })),
  letterUrl: (id: string) => `/api/transfers/${id}/letter`,
};
