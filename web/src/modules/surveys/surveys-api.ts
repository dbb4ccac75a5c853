// Calls of 问卷调查 (surveys): the surveys, their categories and tags, replies, results, theme suggestions and
// dispatch to follow-up; their shapes and cache keys. The public web form has its own (form-api.ts): it ships
// without the query library.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type QueryOf, type ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type Survey = components['schemas']['SurveyView'];
export type SurveyState = Survey['state'];
export type Question = Survey['questions'][number];
export type QuestionKind = Question['kind'];
export type SurveySummary = ResponseOf<'/api/surveys', 'get'>['items'][number];
export type SurveyInput = BodyOf<'/api/surveys', 'post'>;
export type CategoryList = ResponseOf<'/api/surveys/{id}/categories', 'get'>;
export type Category = CategoryList['categories'][number];
export type CategoryInput = BodyOf<'/api/surveys/{id}/categories', 'post'>;
export type RuleInput = CategoryInput['rules'][number];
export type RuleKind = RuleInput['kind'];
export type ReplyQuery = Omit<NonNullable<QueryOf<'/api/surveys/{id}/replies', 'get'>>, 'cursor' | 'limit'>;
export type Reply = ResponseOf<'/api/surveys/{id}/replies', 'get'>['items'][number];
export type ReplyChannel = NonNullable<ReplyQuery['channel']>;
export type ReplyDetail = ResponseOf<'/api/surveys/replies/{replyId}', 'get'>;
export type HistoryItem = ResponseOf<'/api/surveys/{id}/replies/{replyId}/history', 'get'>['items'][number];
export type RecategorizeInput = BodyOf<'/api/surveys/{id}/recategorize', 'post'>;
export type DispatchInput = BodyOf<'/api/surveys/{id}/dispatch', 'post'>;
export type Results = components['schemas']['SurveyResults'];
export type ResultsOrgLine = Results['byOrg'][number];
export type Timeline = ResponseOf<'/api/surveys/{id}/results/timeline', 'get'>;
export type WordCounts = ResponseOf<'/api/surveys/{id}/results/words', 'get'>['words'];
export type ThemeRun = NonNullable<ResponseOf<'/api/surveys/{id}/themes', 'get'>>;
export type Theme = ThemeRun['themes'][number];

export const SURVEY_STATES = valuesOf<SurveyState>()(['draft', 'open', 'closed']);
export const QUESTION_KINDS = valuesOf<QuestionKind>()(['text', 'choice', 'yesno']);
export const RULE_KINDS = valuesOf<RuleKind>()(['any', 'all', 'phrase', 'regex', 'number']);
export const CHANNELS = valuesOf<ReplyChannel>()(['sms', 'web', 'import']);
/** 其他: replies no rule matched (and the category filter's value for them). */
export const OTHER = 'other';
/** How often an open survey's figures are fetched again (结果实时更新). */
export const LIVE_MS = 10_000;

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (state?: SurveyState, q?: string) => ['surveys', 'list', state ?? 'all', q ?? ''] as const,
  survey: (id: string) => ['surveys', 'survey', id] as const,
  categories: (id: string) => ['surveys', 'survey', id, 'categories'] as const,
  replies: (id: string, f: ReplyQuery) => ['surveys', 'survey', id, 'replies', f] as const,
  reply: (replyId: string) => ['surveys', 'reply', replyId] as const,
  history: (id: string, replyId: string) => ['surveys', 'survey', id, 'history', replyId] as const,
  results: (id: string, questionId?: string, parentId?: string) => ['surveys', 'survey', id, 'results', questionId ?? '', parentId ?? ''] as const,
  timeline: (id: string, questionId?: string, parentId?: string) => ['surveys', 'survey', id, 'timeline', questionId ?? '', parentId ?? ''] as const,
  words: (id: string, questionId?: string, parentId?: string) => ['surveys', 'survey', id, 'words', questionId ?? '', parentId ?? ''] as const,
  themes: (id: string, questionId?: string) => ['surveys', 'survey', id, 'themes', questionId ?? ''] as const,
};

export function useSurveyList(state?: SurveyState, q?: string) {
  return useInfiniteQuery({
    queryKey: surveyKeys.list(state, q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/surveys', { params: { query: { state, ...(q ? { q } : {}), cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The survey; every 10 s while it is open (the counts of replies grow). */
export function useSurvey(id: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.survey(id ?? ''),
    enabled: !!id,
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}', { params: { path: { id: id! } }, signal })),
    refetchInterval: (q) => (q.state.data?.state === 'open' ? LIVE_MS : false),
  });
}

/** Categories, tags and the dictionary; every 2 s while the rules are being re-run over the replies. */
export function useCategories(id: string) {
  return useQuery({
    queryKey: surveyKeys.categories(id),
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/categories', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data?.recategorizing ? 2000 : false),
  });
}

export function useReplies(id: string, f: ReplyQuery, live: boolean) {
  return useInfiniteQuery({
    queryKey: surveyKeys.replies(id, f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/surveys/{id}/replies', { params: { path: { id }, query: { ...f, cursor: pageParam, limit: 50 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
}

/** One reply by its id (its page). */
export function useReply(replyId: string) {
  return useQuery({
    queryKey: surveyKeys.reply(replyId),
    enabled: !!replyId,
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/replies/{replyId}', { params: { path: { replyId } }, signal })),
  });
}

export function useHistory(id: string, replyId: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.history(id, replyId ?? ''),
    enabled: !!replyId,
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/replies/{replyId}/history', { params: { path: { id, replyId: replyId! } }, signal })),
  });
}

export function useResults(id: string, questionId: string | undefined, parentId: string | undefined, live: boolean) {
  return useQuery({
    queryKey: surveyKeys.results(id, questionId, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/results', { params: { path: { id }, query: { questionId, parentId } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
}

/** Replies per China day; with `parentId`, of that organization's subtree (the report of a level). */
export function useTimeline(id: string, questionId: string | undefined, live: boolean, parentId?: string) {
  return useQuery({
    queryKey: surveyKeys.timeline(id, questionId, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/results/timeline', { params: { path: { id }, query: { questionId, parentId } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
}

export function useWords(id: string, questionId: string | undefined, live: boolean, parentId?: string) {
  return useQuery({
    queryKey: surveyKeys.words(id, questionId, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/results/words', { params: { path: { id }, query: { questionId, parentId } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? LIVE_MS : false,
  });
}

/** The latest theme run of the question; every 1.5 s while it runs. */
export function useThemes(id: string, questionId: string | undefined) {
  return useQuery({
    queryKey: surveyKeys.themes(id, questionId),
    enabled: !!questionId,
    queryFn: ({ signal }) => ok(api.GET('/api/surveys/{id}/themes', { params: { path: { id }, query: { questionId } }, signal })),
    refetchInterval: (q) => (q.state.data?.state === 'running' ? 1500 : false),
  });
}

const path = (id: string) => ({ params: { path: { id } } });

export const surveysApi = {
  create: (body: SurveyInput) => ok(api.POST('/api/surveys', { body })),
  update: (id: string, body: SurveyInput & { version: number }) => ok(api.PUT('/api/surveys/{id}', { ...path(id), body })),
  remove: (id: string) => ok(api.DELETE('/api/surveys/{id}', path(id))),
  open: (id: string) => ok(api.POST('/api/surveys/{id}/open', path(id))),
  close: (id: string) => ok(api.POST('/api/surveys/{id}/close', path(id))),
  createCategory: (id: string, body: CategoryInput) => ok(api.POST('/api/surveys/{id}/categories', { ...path(id), body })),
  updateCategory: (id: string, categoryId: string, body: CategoryInput) =>
    ok(api.PUT('/api/surveys/{id}/categories/{categoryId}', { params: { path: { id, categoryId } }, body })),
  deleteCategory: (id: string, categoryId: string) => ok(api.DELETE('/api/surveys/{id}/categories/{categoryId}', { params: { path: { id, categoryId } } })),
  reorder: (id: string, ids: string[]) => ok(api.PUT('/api/surveys/{id}/categories-order', { ...path(id), body: { ids } })),
  setWords: (id: string, words: string[]) => ok(api.PUT('/api/surveys/{id}/words', { ...path(id), body: { words: words.map((word) => ({ word })) } })),
  recategorize: (id: string, body: RecategorizeInput) => ok(api.POST('/api/surveys/{id}/recategorize', { ...path(id), body })),
  dispatch: (id: string, body: DispatchInput) => ok(api.POST('/api/surveys/{id}/dispatch', { ...path(id), body })),
  startThemes: (id: string, questionId: string) => ok(api.POST('/api/surveys/{id}/themes', { params: { path: { id }, query: { questionId } } })),
};
