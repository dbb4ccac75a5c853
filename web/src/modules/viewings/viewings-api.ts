// Calls of 集中收看 (group viewing at stations, F-72), their shapes and cache keys.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { BodyOf, QueryOf, ResponseOf, ViewingSession } from '@/api/types';

export type { ViewingSession };
export type ViewingQuery = Pick<QueryOf<'/api/viewings', 'get'>, 'orgId' | 'stationId' | 'status' | 'from' | 'to' | 'q'>;
export type ViewingInput = BodyOf<'/api/viewings', 'post'>;
export type ViewingUpdate = BodyOf<'/api/viewings/{id}', 'patch'>;
export type RollEntry = ResponseOf<'/api/viewings/{id}/roll', 'get'>['items'][number];
export type CheckinView = ResponseOf<'/api/viewing-checkin/{code}', 'get'>;
export type ConfirmResult = ResponseOf<'/api/viewings/{id}/confirm', 'post'>;
export type LiveEventChoice = ResponseOf<'/api/viewings/live-events', 'get'>['items'][number];
export type LessonChoice = ResponseOf<'/api/viewings/lessons', 'get'>['items'][number];

export const viewingKeys = {
  all: ['viewings'] as const,
  list: (q: ViewingQuery) => ['viewings', 'list', q] as const,
  one: (id: string) => ['viewings', 'one', id] as const,
  roll: (id: string, q: string, present: boolean | undefined) => ['viewings', 'roll', id, q, present] as const,
  checkin: (code: string) => ['viewing-checkin', code] as const,
  summary: (orgId: string | undefined) => ['viewings', 'summary', orgId ?? ''] as const,
  choices: (kind: 'live-events' | 'lessons', stationId: string, q: string) => ['viewings', 'choices', kind, stationId, q] as const,
};

/** The schedule form's choice of a live event or a lesson for a station: pages of 20, fetched as the list scrolls. */
export function useLiveEventChoices(stationId: string | undefined, q: string) {
  return useInfiniteQuery({
    queryKey: viewingKeys.choices('live-events', stationId ?? '', q),
    enabled: Boolean(stationId),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/viewings/live-events', { params: { query: { stationId: stationId!, q: q || undefined, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useLessonChoices(stationId: string | undefined, q: string) {
  return useInfiniteQuery({
    queryKey: viewingKeys.choices('lessons', stationId ?? '', q),
    enabled: Boolean(stationId),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/viewings/lessons', { params: { query: { stationId: stationId!, q: q || undefined, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useViewingList(q: ViewingQuery) {
  return useInfiniteQuery({
    queryKey: viewingKeys.list(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/viewings', { params: { query: { ...q, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The session, refreshed every 5 s while check-in is open (the live count of checked-in members). */
export function useViewing(id: string) {
  return useQuery({
    queryKey: viewingKeys.one(id),
    queryFn: ({ signal }) => ok(api.GET('/api/viewings/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data?.phase === 'open' || q.state.data?.phase === 'ended' ? 5000 : false),
  });
}

export function useRoll(id: string, q: string, present: boolean | undefined, live: boolean) {
  return useInfiniteQuery({
    queryKey: viewingKeys.roll(id, q, present),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/viewings/{id}/roll', { params: { path: { id }, query: { q: q || undefined, present, cursor: pageParam, limit: 50 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: live ? 5000 : false,
  });
}

export function useCheckin(code: string, enabled: boolean) {
  return useQuery({
    queryKey: viewingKeys.checkin(code),
    queryFn: ({ signal }) => ok(api.GET('/api/viewing-checkin/{code}', { params: { path: { code } }, signal })),
    enabled,
  });
}

export function useViewingSummary(orgId: string | undefined) {
  return useQuery({
    queryKey: viewingKeys.summary(orgId),
    queryFn: ({ signal }) => ok(api.GET('/api/dashboard/viewings', { params: { query: { orgId } }, signal })),
  });
}

export const viewingsApi = {
  create: (input: ViewingInput) => ok(api.POST('/api/viewings', { body: input })),
  update: (id: string, body: ViewingUpdate) => ok(api.PATCH('/api/viewings/{id}', { params: { path: { id } }, body })),
  cancel: (id: string, reason: string) => ok(api.POST('/api/viewings/{id}/cancel', { params: { path: { id } }, body: { reason } })),
  mark: (id: string, memberId: string, present: boolean) => ok(api.PUT('/api/viewings/{id}/attendance/{memberId}', { params: { path: { id, memberId } }, body: { present } })),
  candidates: (id: string, q: string) => ok(api.GET('/api/viewings/{id}/guest-candidates', { params: { path: { id }, query: { q } } })),
  addGuest: (id: string, memberId: string) => ok(api.POST('/api/viewings/{id}/guests', { params: { path: { id } }, body: { memberId } })),
  confirm: (id: string) => ok(api.POST('/api/viewings/{id}/confirm', { params: { path: { id } } })),
  checkIn: (code: string) => ok(api.POST('/api/viewing-checkin/{code}', { params: { path: { code } } })),
};
