// Calls of 部长信箱 in the console: the letters of the mailboxes in scope, one letter and the actions on it.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type QueryOf, type ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type Letter = components['schemas']['MailboxLetter'];
export type LetterRow = ResponseOf<'/api/mailbox/letters', 'get'>['items'][number];
export type LetterState = LetterRow['state'];
export type LetterCategory = LetterRow['category'];
export type LetterFilter = Omit<QueryOf<'/api/mailbox/letters', 'get'>, 'cursor' | 'limit'>;
export type DeclineInput = BodyOf<'/api/mailbox/letters/{id}/decline', 'post'>;
export type DeclineKind = DeclineInput['kind'];
export type Outcome = BodyOf<'/api/mailbox/letters/{id}/approve', 'post'>['outcome'];

export const LETTER_STATES = valuesOf<LetterState>()(['held', 'received', 'handling', 'declined', 'answered']);
export const LETTER_CATEGORIES = valuesOf<LetterCategory>()(['suggestion', 'consultation', 'complaint', 'help', 'other']);
export const DECLINE_KINDS = valuesOf<DeclineKind>()(['duplicate', 'not_ours', 'invalid']);
export const OUTCOMES = valuesOf<Outcome>()(['resolved', 'explained']);

export const mailboxKeys = {
  all: ['mailbox'] as const,
  list: (f: LetterFilter) => ['mailbox', 'list', f] as const,
  letter: (id: string) => ['mailbox', 'letter', id] as const,
  boxes: ['mailbox', 'boxes'] as const,
};

export function useLetters(f: LetterFilter) {
  return useInfiniteQuery({
    queryKey: mailboxKeys.list(f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/mailbox/letters', { params: { query: { ...f, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useLetter(id: string) {
  return useQuery({ queryKey: mailboxKeys.letter(id), queryFn: ({ signal }) => ok(api.GET('/api/mailbox/letters/{id}', { params: { path: { id } }, signal })) });
}

export function useMailboxes() {
  return useQuery({ queryKey: mailboxKeys.boxes, queryFn: () => ok(api.GET('/api/public/mailboxes')).then((r) => r.items), staleTime: 10 * 60_000 });
}

const path = (id: string) => ({ params: { path: { id } } });
export const mailboxApi = {
  accept: (id: string, body: BodyOf<'/api/mailbox/letters/{id}/accept', 'post'>) => ok(api.POST('/api/mailbox/letters/{id}/accept', { ...path(id), body })),
  decline: (id: string, body: DeclineInput) => ok(api.POST('/api/mailbox/letters/{id}/decline', { ...path(id), body })),
  draft: (id: string, text: string) => ok(api.PUT('/api/mailbox/letters/{id}/answer-draft', { ...path(id), body: { text } })),
  approve: (id: string, outcome: Outcome) => ok(api.POST('/api/mailbox/letters/{id}/approve', { ...path(id), body: { outcome } })),
};

export type PublicationDraft = ResponseOf<'/api/mailbox/letters/{id}/publication-draft', 'get'>;
export type PublishInput = BodyOf<'/api/mailbox/letters/{id}/publish', 'post'>;
export type LetterStats = ResponseOf<'/api/mailbox/stats', 'get'>;
export type StatsQuery = QueryOf<'/api/mailbox/stats', 'get'>;

/** The redaction step's starting point: the server's proposal with personal details starred (it stores nothing). */
export function usePublicationDraft(id: string) {
  return useQuery({
    queryKey: ['mailbox', 'publication-draft', id] as const, gcTime: 0, staleTime: Infinity, refetchOnWindowFocus: false,
    queryFn: ({ signal }) => ok(api.GET('/api/mailbox/letters/{id}/publication-draft', { params: { path: { id } }, signal })),
  });
}

export function useLetterStats(q: StatsQuery) {
  return useQuery({
    queryKey: ['mailbox', 'stats', q] as const, placeholderData: keepPreviousData,
    queryFn: ({ signal }) => ok(api.GET('/api/mailbox/stats', { params: { query: q }, signal })),
  });
}

export const publicationApi = {
  publish: (id: string, body: PublishInput) => ok(api.POST('/api/mailbox/letters/{id}/publish', { ...path(id), body })),
  unpublish: (id: string) => ok(api.POST('/api/mailbox/letters/{id}/unpublish', path(id))),
};
