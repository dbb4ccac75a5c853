// Calls of 学习统计 (the console): an organization's figures with its ranked children, its members' hours, a transcript.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { components } from '@/api/schema';

export type OrgReport = components['schemas']['LearningOrgReport'];
export type OrgFigures = OrgReport['org']['figures'];
export type RankedChild = OrgReport['children'][number];
export type MemberProgress = components['schemas']['LearningOrgMembers']['items'][number];
export type Transcript = components['schemas']['LearningTranscript'];
export type Sort = OrgReport['sort'];

export function useOrgReport(orgId: string | null, year: number, sort: Sort, offset: number, limit: number) {
  return useQuery({
    queryKey: ['learning-reports', 'org', orgId, year, sort, offset, limit],
    enabled: orgId !== null,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => ok(api.GET('/api/learning/reports/orgs/{id}', { params: { path: { id: orgId! }, query: { year, sort, offset, limit } }, signal })),
  });
}

export function useOrgMembers(orgId: string | null, year: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ['learning-reports', 'members', orgId, year],
    enabled: enabled && orgId !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/learning/reports/orgs/{id}/members', { params: { path: { id: orgId! }, query: { year, limit: 50, cursor: pageParam } }, signal })),
    getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
  });
}

export function useTranscript(memberId: string | null, year: number) {
  return useQuery({
    queryKey: ['learning-reports', 'transcript', memberId, year],
    enabled: memberId !== null,
    queryFn: ({ signal }) => ok(api.GET('/api/learning/reports/members/{id}/transcript', { params: { path: { id: memberId! }, query: { year, limit: 100 } }, signal })),
  });
}
