// 敏感词库 (GET/POST/DELETE /api/safety/words) and 内容审核 (/api/moderation): shapes, cache keys and hooks.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';

export type SensitiveWord = ResponseOf<'/api/safety/words', 'get'>['items'][number];
export type ModerationItem = ResponseOf<'/api/moderation', 'get'>['items'][number];
export type ModerationState = ModerationItem['state'];

export const safetyKeys = {
  words: ['safety', 'words'] as const,
  wordList: (q: string) => ['safety', 'words', q] as const,
  moderation: ['moderation'] as const,
  moderationList: (state: ModerationState, orgId: string) => ['moderation', state, orgId] as const,
};

export function useWords(q: string) {
  return useInfiniteQuery({
    queryKey: safetyKeys.wordList(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/safety/words', { params: { query: { ...(q ? { q } : {}), cursor: pageParam, limit: 50 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useModeration(state: ModerationState, orgId: string) {
  return useInfiniteQuery({
    queryKey: safetyKeys.moderationList(state, orgId),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/moderation', { params: { query: { state, ...(orgId ? { orgId } : {}), cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const safetyApi = {
  addWords: (words: string[], note?: string) => ok(api.POST('/api/safety/words', { body: { words, ...(note ? { note } : {}) } })),
  removeWord: (id: string) => ok(api.DELETE('/api/safety/words/{id}', { params: { path: { id } } })),
  test: (text: string) => ok(api.POST('/api/safety/words/test', { body: { text } })),
  approve: (id: string) => ok(api.POST('/api/moderation/{id}/approve', { params: { path: { id } }, body: {} })),
  reject: (id: string, reason: string) => ok(api.POST('/api/moderation/{id}/reject', { params: { path: { id } }, body: { reason } })),
};

/** The words of an imported text file: one a line, the first column of a CSV, without quotes and a byte-order mark. */
export function wordsOfFile(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)
    .map((line) => line.split(/[,\t]/)[0]!.trim().replace(/^"(.*)"$/, '$1').trim())
    .filter((w) => w.length > 0);
}
