// 组织关系转接 (F-05): the shapes of /api/transfers (docs/transfers.md) and their hooks.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { MemberPage } from '@/api/types';

export const TRANSFER_STATES = ['applied', 'out_review', 'in_review', 'returned', 'completed', 'withdrawn', 'cancelled'] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
export type TransferAction = 'submit' | 'approve' | 'return' | 'withdraw' | 'cancel';

export interface TransferSummary {
  id: string;
  letterNo: string;
  state: TransferState;
  stateName: string;
  memberId: string;
  memberName: string;
  fromOrgId: string;
  fromOrgName: string;
  destination: 'platform' | 'outside';
  toOrgId: string | null;
  toOrgName: string;
  issuedOn: string | null;
  expiresOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TransferStep {
  id: string;
  at: string;
  actorName: string;
  action: string;
  fromState: string | null;
  toState: string;
  comment: string | null;
}

export interface TransferDetail extends TransferSummary {
  memberIdNumber: string;
  memberCategory: string;
  duesPaidTo: string;
  toProvince: string | null;
  toCity: string | null;
  validityDays: number;
  reason: string;
  note: string | null;
  returnReason: string | null;
  createdByName: string;
  completedAt: string | null;
  version: number;
  /** What the caller may do now; the drawer shows these buttons and no others. */
  actions: TransferAction[];
  steps: TransferStep[];
}

export interface TransferPage { items: TransferSummary[]; nextCursor: string | null }

/** The editable part of an application (POST /api/transfers and the body of a resubmission). */
export interface TransferEdits {
  toOrgId?: string;
  outsideOrgName?: string;
  outsideProvince?: string;
  outsideCity?: string;
  validityDays?: number;
  duesPaidTo?: string;
  reason?: string;
  note?: string | null;
}
export interface TransferCreateInput extends TransferEdits { memberId: string; duesPaidTo: string; reason: string }

/** 待本方办理 · 转出 · 转入 · 全部 */
export type TransferView = 'pending' | 'outgoing' | 'incoming' | 'all';
export interface TransferQuery { view: TransferView; state?: TransferState; q?: string }

/** A receiving branch from GET /api/transfers/destinations (names only, whole province). */
export interface Destination { id: string; name: string; fullName: string; ancestors: string[] }

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
      api.get<TransferPage>('/api/transfers', { ...listQuery(q), cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useTransfer(id: string | null) {
  return useQuery({
    queryKey: transferKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<TransferDetail>(`/api/transfers/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Receiving branches anywhere in the province; the server needs at least two characters. */
export function useDestinations(q: string) {
  return useQuery({
    queryKey: transferKeys.destinations(q),
    queryFn: ({ signal }) => api.get<{ items: Destination[] }>('/api/transfers/destinations', { q, limit: 20 }, signal),
    enabled: q.length >= 2,
    staleTime: 60_000,
  });
}

/** Members of the caller's scope by name, for the member picker. */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: transferKeys.members(q),
    queryFn: ({ signal }) => api.get<MemberPage>('/api/members', { q, limit: 20 }, signal),
    enabled: q.length >= 1,
    staleTime: 30_000,
  });
}

export const transfersApi = {
  create: (input: TransferCreateInput) => api.post<TransferDetail>('/api/transfers', input),
  submit: (id: string, edits: TransferEdits = {}) => api.post<TransferDetail>(`/api/transfers/${id}/submit`, edits),
  approve: (id: string, comment?: string) => api.post<TransferDetail>(`/api/transfers/${id}/approve`, comment ? { comment } : {}),
  return: (id: string, reason: string) => api.post<TransferDetail>(`/api/transfers/${id}/return`, { reason }),
  withdraw: (id: string, comment?: string) => api.post<TransferDetail>(`/api/transfers/${id}/withdraw`, comment ? { comment } : {}),
  cancel: (id: string, comment?: string) => api.post<TransferDetail>(`/api/transfers/${id}/cancel`, comment ? { comment } : {}),
  letterUrl: (id: string) => `/api/transfers/${id}/letter`,
};
