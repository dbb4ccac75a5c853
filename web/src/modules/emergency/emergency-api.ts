// Calls of 应急动员 (emergency alerts): the list, one alert and its live board; their shapes and cache keys.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type EmergencyAlert = components['schemas']['EmergencyAlert'];
export type AlertKind = EmergencyAlert['kind'];
export type AlertState = EmergencyAlert['state'];
export type AlertInput = BodyOf<'/api/emergency/alerts', 'post'>;
export type AlertWho = AlertInput['audience']['who'][number];
export type AlertSummary = ResponseOf<'/api/emergency/alerts', 'get'>['items'][number];
export type Board = ResponseOf<'/api/emergency/alerts/{id}/orgs', 'get'>;
export type BoardLine = Board['items'][number];
export type Unconfirmed = ResponseOf<'/api/emergency/alerts/{id}/unconfirmed', 'get'>['items'][number];
export type AlertReply = ResponseOf<'/api/emergency/alerts/{id}/replies', 'get'>['items'][number];

export const ALERT_KINDS = valuesOf<AlertKind>()(['typhoon', 'flood', 'geological', 'epidemic', 'other']);
export const ALERT_WHO = valuesOf<AlertWho>()(['secretaries', 'committee', 'village_officials', 'members']);
/** How often the board is read again while the alert is open. */
export const LIVE_MS = 3000;

export const emergencyKeys = {
  all: ['emergency'] as const,
  list: (state?: AlertState) => ['emergency', 'list', state ?? 'all'] as const,
  alert: (id: string) => ['emergency', 'alert', id] as const,
  board: (id: string, parentId?: string) => ['emergency', 'alert', id, 'board', parentId ?? 'top'] as const,
  unconfirmed: (id: string, orgId?: string) => ['emergency', 'alert', id, 'unconfirmed', orgId ?? 'all'] as const,
  replies: (id: string) => ['emergency', 'alert', id, 'replies'] as const,
};

export const emergencyApi = {
  create: (body: AlertInput) => ok(api.POST('/api/emergency/alerts', { body })),
  close: (id: string) => ok(api.POST('/api/emergency/alerts/{id}/close', { params: { path: { id } } })),
};

export function useAlertList(state?: AlertState) {
  return useInfiniteQuery({
    queryKey: emergencyKeys.list(state),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/emergency/alerts', { params: { query: { state, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });
}

/** The alert, read again every few seconds while it is open. */
export function useAlert(id: string) {
  return useQuery({
    queryKey: emergencyKeys.alert(id),
    queryFn: ({ signal }) => ok(api.GET('/api/emergency/alerts/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data?.state === 'closed' ? false : LIVE_MS),
    refetchIntervalInBackground: false,
  });
}

export function useBoard(id: string, parentId: string | undefined, live: boolean) {
  return useQuery({
    queryKey: emergencyKeys.board(id, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/emergency/alerts/{id}/orgs', { params: { path: { id }, query: { parentId } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
}

export function useUnconfirmed(id: string, orgId: string | undefined, live: boolean) {
  return useInfiniteQuery({
    queryKey: emergencyKeys.unconfirmed(id, orgId),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/emergency/alerts/{id}/unconfirmed', { params: { path: { id }, query: { orgId, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS * 2 : false,
  });
}

export function useReplies(id: string, live: boolean) {
  return useInfiniteQuery({
    queryKey: emergencyKeys.replies(id),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/emergency/alerts/{id}/replies', { params: { path: { id }, query: { cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: live ? LIVE_MS * 2 : false,
  });
}
