// Calls of the 流动党员 / 网络党支部 / 六个月预警 part of the contract, their shapes and cache keys.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type Flow, type QueryOf, type ResponseOf } from '@/api/types';

export type { Flow };
export const FLOW_TYPES = valuesOf<Flow['flowType']>()(['within_city', 'within_province', 'out_of_province']);
export type FlowType = Flow['flowType'];
export const FLOW_REASONS = valuesOf<Flow['reason']>()(['work_business', 'study', 'follow_family', 'other']);
export type FlowReason = Flow['reason'];
export const HOME_PROVINCE = '浙江省';

export type FlowPage = ResponseOf<'/api/flows', 'get'>;
export type FlowQuery = Pick<QueryOf<'/api/flows', 'get'>, 'orgId' | 'type' | 'open'>;
export type FlowInput = BodyOf<'/api/members/{id}/flows', 'post'>;
export type OnlineBranch = ResponseOf<'/api/members/{id}/online-branch', 'get'>;
export type ActivityInput = BodyOf<'/api/members/{id}/activities', 'post'>;
export type ActivityKind = ActivityInput['kind'];
export type Activity = ResponseOf<'/api/members/{id}/activities', 'post', 201>;
export type InactiveMember = ResponseOf<'/api/alerts/inactive-members', 'get'>['items'][number];

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
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/flows', { params: { query: { ...q, cursor: pageParam, limit: PAGE_SIZE } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The online branch a member is attached to (asked only for migrants currently away). */
export function useOnlineBranch(memberId: string, enabled: boolean) {
  return useQuery({
    queryKey: flowKeys.online(memberId),
    queryFn: ({ signal }) => ok(api.GET('/api/members/{id}/online-branch', { params: { path: { id: memberId } }, signal })),
    enabled,
    staleTime: 60_000,
  });
}

/** Online branches (网络党支部) in the caller's scope whose name contains `q` (all of them for "网络"). */
export function useOnlineBranchOrgs(q: string, enabled: boolean) {
  const term = q.trim() || '网络';
  return useQuery({
    queryKey: flowKeys.onlineOrgs(term),
    queryFn: ({ signal }) => ok(api.GET('/api/orgs', { params: { query: { q: term, limit: 50 } }, signal }))
      .then((r) => r.items.filter((o) => o.sector === 'online' && o.status === 'active')),
    enabled,
  });
}

/** Members in scope whose name contains `q`, for the member picker of 登记外出. */
export function useMemberSearch(q: string) {
  return useQuery({
    queryKey: flowKeys.memberSearch(q),
    queryFn: ({ signal }) => ok(api.GET('/api/members', { params: { query: { q, limit: 20 } }, signal })).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
}

export function useInactiveMembers(orgId?: string) {
  return useQuery({
    queryKey: flowKeys.inactive(orgId),
    queryFn: ({ signal }) => ok(api.GET('/api/alerts/inactive-members', { params: { query: { orgId } }, signal })).then((r) => r.items),
  });
}

export const flowsApi = {
  create: (memberId: string, input: FlowInput) => ok(api.POST('/api/members/{id}/flows', { params: { path: { id: memberId } }, body: input })),
  returned: (flowId: string, returnedOn: string) => ok(api.POST('/api/flows/{id}/return', { params: { path: { id: flowId } }, body: { returnedOn } })),
  attach: (memberId: string, orgId: string) => ok(api.POST('/api/members/{id}/online-branch', { params: { path: { id: memberId } }, body: { orgId } })),
  detach: (memberId: string) => ok(api.DELETE('/api/members/{id}/online-branch', { params: { path: { id: memberId } } })),
  activity: (memberId: string, input: ActivityInput) => ok(api.POST('/api/members/{id}/activities', { params: { path: { id: memberId } }, body: input })),
};
