// Calls of the 流动党员 / 网络党支部 / 六个月预警 part of the contract, their shapes and cache keys.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Items, MemberPage, OrgSummary } from '@/api/types';

export const FLOW_TYPES = ['within_city', 'within_province', 'out_of_province'] as const;
export type FlowType = (typeof FLOW_TYPES)[number];
export const FLOW_REASONS = ['work_business', 'study', 'follow_family', 'other'] as const;
export type FlowReason = (typeof FLOW_REASONS)[number];
export const HOME_PROVINCE = '浙江省';

export interface Flow {
  id: string;
  memberId: string;
  memberName: string;
  /** the member's home branch */
  orgId: string;
  orgName: string;
  flowType: FlowType;
  reason: FlowReason;
  destProvince: string;
  destCity: string | null;
  destCounty: string | null;
  workplace: string | null;
  contactName: string | null;
  /** masked: 138****8000 / 0571-****4321 */
  contactPhone: string | null;
  leftOn: string;
  expectedReturnOn: string | null;
  returnedOn: string | null;
  open: boolean;
  createdAt: string;
  /** the 网络党支部 the member is attached to */
  onlineBranch: { id: string; name: string } | null;
}

export interface FlowPage { items: Flow[]; nextCursor: string | null; total: number }

export interface FlowQuery {
  orgId?: string;
  type?: FlowType;
  open?: boolean;
}

export interface FlowInput {
  flowType: FlowType;
  reason: FlowReason;
  destProvince: string;
  destCity: string;
  destCounty?: string | null;
  workplace?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  leftOn: string;
  expectedReturnOn?: string | null;
}

export interface OnlineBranch { memberId: string; orgId: string | null; orgName: string | null }

export type ActivityKind = 'life' | 'dues';
export interface Activity { id: string; memberId: string; kind: ActivityKind; onDate: string; note: string | null }

export interface InactiveMember {
  memberId: string;
  name: string;
  orgId: string;
  orgName: string;
  lastLifeOn: string | null;
  lastDuesOn: string | null;
  monthsWithoutLife: number;
  monthsWithoutDues: number;
}

export const flowKeys = {
  all: ['flows'] as const,
  list: (q: FlowQuery) => ['flows', 'list', q] as const,
  online: (memberId: string) => ['flows', 'online', memberId] as const,
  onlineOrgs: (q: string) => ['flows', 'online-orgs', q] as const,
  inactive: (orgId?: string) => ['flows', 'inactive', orgId ?? ''] as const,
  memberSearch: (q: string) => ['flows', 'member-search', q] as const,
};

const PAGE_SIZE = 20;

/** Keyset paging over the out-flows of the caller's subtree. */
export function useFlowList(q: FlowQuery) {
  return useInfiniteQuery({
    queryKey: flowKeys.list(q),
    queryFn: ({ pageParam, signal }) => api.get<FlowPage>('/api/flows', { ...q, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The online branch a member is attached to (asked only for migrants currently away). */
export function useOnlineBranch(memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: flowKeys.online(memberId),
    queryFn: ({ signal }) => api.get<OnlineBranch>(`/api/members/${memberId}/online-branch`, undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** Online branches (网络党支部) in the caller's scope whose name contains `q` (all of them for "网络"). */
export function useOnlineBranchOrgs(q: string, enabled: boolean) {
  const term = q.trim() || '网络';
  return useQuery({
    queryKey: flowKeys.onlineOrgs(term),
    queryFn: ({ signal }) => api.get<Items<OrgSummary>>('/api/orgs', { q: term, limit: 50 }, signal)
      .then((r) => r.items.filter((o) => o.sector === 'online' && o.status === 'active')),
    enabled,
  });
}

/** Members in scope whose name contains `q`, for the member picker of 登记外出. */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: flowKeys.memberSearch(q),
    queryFn: ({ signal }) => api.get<MemberPage>('/api/members', { q, limit: 20 }, signal).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
}

export function useInactiveMembers(orgId?: string) {
  return useQuery({
    queryKey: flowKeys.inactive(orgId),
    queryFn: ({ signal }) => api.get<Items<InactiveMember>>('/api/alerts/inactive-members', { orgId }, signal).then((r) => r.items),
  });
}

export const flowsApi = {
  create: (memberId: string, input: FlowInput) => api.post<Flow>(`/api/members/${memberId}/flows`, input),
  returned: (flowId: string, returnedOn: string) => api.post<Flow>(`/api/flows/${flowId}/return`, { returnedOn }),
  attach: (memberId: string, orgId: string) => api.post<OnlineBranch>(`/api/members/${memberId}/online-branch`, { orgId }),
  detach: (memberId: string) => api.delete<OnlineBranch>(`/api/members/${memberId}/online-branch`),
  activity: (memberId: string, input: { kind: ActivityKind; onDate: string; note?: string | null }) =>
    api.post<Activity>(`/api/members/${memberId}/activities`, input),
};
