// Calls of 直播课堂 (issue 12): the member's list, event page, presence heartbeats and chat; the console's events,
// start/end/cancel, chat moderation and the recording.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { BodyOf, QueryOf, ResponseOf } from '@/api/types';

export type LiveEvent = ResponseOf<'/api/learning/live/{id}', 'get'>;
export type LiveQuery = QueryOf<'/api/learning/live', 'get'>;
export type LiveInput = BodyOf<'/api/learning/live', 'post'>;
export type LiveUpdate = BodyOf<'/api/learning/live/{id}', 'put'>;
export type LiveRecording = BodyOf<'/api/learning/live/{id}/recording', 'post'>;
export type LiveStatus = LiveEvent['status'];
export type HeldMessage = ResponseOf<'/api/learning/live/{id}/messages', 'get'>['items'][number];
export type MemberLive = ResponseOf<'/api/me/live', 'get'>['items'][number];
export type MemberLivePage = ResponseOf<'/api/me/live/{id}', 'get'>;
export type ChatMessage = ResponseOf<'/api/me/live/{id}/messages', 'get'>['items'][number];
export type Presence = ResponseOf<'/api/learning/live/{id}/presence', 'post'>;

export const liveKeys = {
  all: ['learning', 'live'] as const,
  list: (q: LiveQuery) => ['learning', 'live', 'list', q] as const,
  one: (id: string) => ['learning', 'live', 'one', id] as const,
  held: (id: string, state: string) => ['learning', 'live', 'held', id, state] as const,
  mine: (when: 'current' | 'ended') => ['learning', 'live', 'mine', when] as const,
  page: (id: string) => ['learning', 'live', 'page', id] as const,
};
const path = (id: string) => ({ params: { path: { id } } });

export function useLiveList(q: LiveQuery) {
  return useInfiniteQuery({
    queryKey: liveKeys.list(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/learning/live', { params: { query: { ...q, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
/** LIVE_MEDIA_ORIGINS as the server holds it: an external stream plays in browsers only from one of these. */
export const useLiveSettings = () => useQuery({ queryKey: ['learning', 'live', 'settings'], staleTime: 10 * 60_000, queryFn: ({ signal }) => ok(api.GET('/api/learning/live/settings', { signal })) });
export const useLive = (id: string | undefined) => useQuery({ queryKey: liveKeys.one(id ?? ''), enabled: !!id, queryFn: ({ signal }) => ok(api.GET('/api/learning/live/{id}', { ...path(id!), signal })) });
export function useHeld(id: string, state: 'held' | 'shown' | 'hidden') {
  return useInfiniteQuery({
    queryKey: liveKeys.held(id, state),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/learning/live/{id}/messages', { params: { path: { id }, query: { state, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 15_000,
  });
}
export function useMyLive(when: 'current' | 'ended') {
  return useInfiniteQuery({
    queryKey: liveKeys.mine(when),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/me/live', { params: { query: { when, cursor: pageParam, limit: 10 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export const useMyLivePage = (id: string) => useQuery({ queryKey: liveKeys.page(id), queryFn: ({ signal }) => ok(api.GET('/api/me/live/{id}', { ...path(id), signal })), refetchInterval: 30_000 });

export const liveApi = {
  create: (body: LiveInput) => ok(api.POST('/api/learning/live', { body })),
  update: (id: string, body: LiveUpdate) => ok(api.PUT('/api/learning/live/{id}', { ...path(id), body })),
  start: (id: string) => ok(api.POST('/api/learning/live/{id}/start', path(id))),
  end: (id: string) => ok(api.POST('/api/learning/live/{id}/end', path(id))),
  cancel: (id: string, reason: string) => ok(api.POST('/api/learning/live/{id}/cancel', { ...path(id), body: { reason } })),
  recording: (id: string, body: LiveRecording) => ok(api.POST('/api/learning/live/{id}/recording', { ...path(id), body })),
  approve: (messageId: string) => ok(api.POST('/api/learning/live/messages/{id}/approve', path(messageId))),
  hide: (messageId: string, reason: string) => ok(api.POST('/api/learning/live/messages/{id}/hide', { ...path(messageId), body: { reason } })),
  presence: (id: string) => ok(api.POST('/api/learning/live/{id}/presence', path(id))),
  chat: (id: string, text: string) => ok(api.POST('/api/learning/live/{id}/chat', { ...path(id), body: { text } })),
  messages: (id: string, after?: string) => ok(api.GET('/api/me/live/{id}/messages', { params: { path: { id }, query: { after, limit: 50 } } })),
};
