// Calls of 跟踪督办 (the follow-up engine): the list and its filters, an item with its timeline and the actions on it,
// the progress table per organization; their shapes and cache keys.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok, uploadFile } from '@/api/client';
import { valuesOf, type BodyOf, type QueryOf, type ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type FollowupDetail = components['schemas']['FollowupDetail'];
export type FollowupRow = ResponseOf<'/api/followups', 'get'>['items'][number];
export type FollowupState = FollowupRow['state'];
export type FollowupQuery = QueryOf<'/api/followups', 'get'>;
export type FollowupFilter = Omit<FollowupQuery, 'cursor' | 'limit'>;
export type TimelineEvent = FollowupDetail['timeline'][number];
export type Progress = ResponseOf<'/api/followups/progress', 'get'>;
export type ProgressLine = Progress['items'][number];
export type ProgressCounts = Progress['totals'];
export type PassInput = BodyOf<'/api/followups/{id}/pass', 'post'>;
export type CloseInput = BodyOf<'/api/followups/{id}/close', 'post'>;
export type Outcome = CloseInput['outcome'];

export const FOLLOWUP_STATES = valuesOf<FollowupState>()(['open', 'resolved', 'explained']);
export const OUTCOMES = valuesOf<Outcome>()(['resolved', 'explained']);

export const followupKeys = {
  all: ['followups'] as const,
  list: (f: FollowupFilter) => ['followups', 'list', f] as const,
  item: (id: string) => ['followups', 'item', id] as const,
  assignees: (id: string) => ['followups', 'item', id, 'assignees'] as const,
  sources: ['followups', 'sources'] as const,
  progress: (parentId?: string) => ['followups', 'progress', parentId ?? 'top'] as const,
};

export function useFollowupList(f: FollowupFilter) {
  return useInfiniteQuery({
    queryKey: followupKeys.list(f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/followups', { params: { query: { ...f, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useFollowup(id: string) {
  return useQuery({ queryKey: followupKeys.item(id), queryFn: ({ signal }) => ok(api.GET('/api/followups/{id}', { params: { path: { id } }, signal })) });
}

export function useSources() {
  return useQuery({ queryKey: followupKeys.sources, queryFn: () => ok(api.GET('/api/followups/sources')).then((r) => r.items), staleTime: 10 * 60_000 });
}

export function useAssignees(id: string, enabled: boolean) {
  return useQuery({ queryKey: followupKeys.assignees(id), queryFn: () => ok(api.GET('/api/followups/{id}/assignees', { params: { path: { id } } })).then((r) => r.items), enabled });
}

export function useProgress(parentId?: string) {
  return useQuery({
    queryKey: followupKeys.progress(parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/followups/progress', { params: { query: { parentId } }, signal })),
    placeholderData: keepPreviousData,
  });
}

const path = (id: string) => ({ params: { path: { id } } });
export const followupsApi = {
  pass: (id: string, body: PassInput) => ok(api.POST('/api/followups/{id}/pass', { ...path(id), body })),
  close: (id: string, body: CloseInput) => ok(api.POST('/api/followups/{id}/close', { ...path(id), body })),
  note: (id: string, text: string) => ok(api.POST('/api/followups/{id}/notes', { ...path(id), body: { text } })),
  assign: (id: string, accountId: string | null) => ok(api.POST('/api/followups/{id}/assign', { ...path(id), body: { accountId } })),
  watch: (id: string) => ok(api.POST('/api/followups/{id}/watch', path(id))),
  unwatch: (id: string) => ok(api.DELETE('/api/followups/{id}/watch', path(id))),
  deleteAttachment: (id: string, attachmentId: string) => ok(api.DELETE('/api/followups/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
};

/** The download address of an attachment (a plain GET: the browser sends the session cookie). */
export const attachmentUrl = (id: string, attachmentId: string) => `/api/followups/${id}/attachments/${attachmentId}`;

/** POST the file itself as the body (the server checks its type by content). */
export const uploadAttachment = (id: string, file: File): Promise<void> => uploadFile(`/api/followups/${id}/attachments`, file);
