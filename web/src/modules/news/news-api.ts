// Calls of 新闻宣传 (the console): articles through their workflow, cover images, categories, the TV programme.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ApiError, languageHeader, ok, problemOf, withQuery } from '@/api/client';
import type { BodyOf, QueryOf, ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type Article = components['schemas']['NewsArticle'];
export type NewsState = Article['state'];
export type ArticleSummary = ResponseOf<'/api/news/articles', 'get'>['items'][number];
export type ArticleInput = BodyOf<'/api/news/articles', 'post'>;
export type ArticleQuery = Omit<QueryOf<'/api/news/articles', 'get'>, 'cursor'>;
export type Episode = ResponseOf<'/api/news/tv', 'get'>['items'][number];
export type EpisodeInput = BodyOf<'/api/news/tv', 'post'>;
export type Category = components['schemas']['NewsCategory'];
export const STATES: NewsState[] = ['draft', 'submitted', 'returned', 'scheduled', 'published', 'withdrawn'];

export const newsKeys = {
  all: ['news'] as const,
  list: (q: ArticleQuery) => ['news', 'list', q] as const,
  article: (id: string) => ['news', 'article', id] as const,
  categories: ['news', 'categories'] as const,
  tv: ['news', 'tv'] as const,
};

const path = (id: string) => ({ params: { path: { id } } });
export const newsApi = {
  create: (body: ArticleInput) => ok(api.POST('/api/news/articles', { body })),
  update: (id: string, body: ArticleInput) => ok(api.PUT('/api/news/articles/{id}', { ...path(id), body })),
  submit: (id: string) => ok(api.POST('/api/news/articles/{id}/submit', path(id))),
  approve: (id: string, body: BodyOf<'/api/news/articles/{id}/approve', 'post'>) => ok(api.POST('/api/news/articles/{id}/approve', { ...path(id), body })),
  return: (id: string, reason: string) => ok(api.POST('/api/news/articles/{id}/return', { ...path(id), body: { reason } })),
  withdraw: (id: string, reason: string) => ok(api.POST('/api/news/articles/{id}/withdraw', { ...path(id), body: { reason } })),
  correct: (id: string, body: BodyOf<'/api/news/articles/{id}/corrections', 'post'>) => ok(api.POST('/api/news/articles/{id}/corrections', { ...path(id), body })),
  saveCategory: (id: string | null, body: BodyOf<'/api/news/categories', 'post'>) =>
    (id ? ok(api.PUT('/api/news/categories/{id}', { ...path(id), body })) : ok(api.POST('/api/news/categories', { body }))),
  saveEpisode: (id: string | null, body: EpisodeInput) => (id ? ok(api.PUT('/api/news/tv/{id}', { ...path(id), body })) : ok(api.POST('/api/news/tv', { body }))),
  deleteEpisode: (id: string) => ok(api.DELETE('/api/news/tv/{id}', path(id))),
};

/** POST the image itself as the body (the server checks its type by content); returns its id and address. */
export async function uploadImage(file: File): Promise<ResponseOf<'/api/news/images', 'post', 201>> {
  let res: Response;
  try {
    res = await fetch(withQuery('/api/news/images', { fileName: file.name.slice(0, 200) }), {
      method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream', ...languageHeader() }, body: file,
    });
  } catch {
    throw new ApiError(0, {});
  }
  const json: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, problemOf(json));
  return json as ResponseOf<'/api/news/images', 'post', 201>;
}

export function useArticles(q: ArticleQuery) {
  return useInfiniteQuery({
    queryKey: newsKeys.list(q), initialPageParam: undefined as string | undefined, placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/news/articles', { params: { query: { ...q, cursor: pageParam } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
export function useArticle(id: string | undefined) {
  return useQuery({ queryKey: newsKeys.article(id ?? ''), enabled: !!id, queryFn: ({ signal }) => ok(api.GET('/api/news/articles/{id}', { ...path(id!), signal })) });
}
export function useCategories() {
  return useQuery({ queryKey: newsKeys.categories, queryFn: ({ signal }) => ok(api.GET('/api/news/categories', { signal })) });
}
export function useEpisodes() {
  return useInfiniteQuery({
    queryKey: newsKeys.tv, initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/news/tv', { params: { query: { cursor: pageParam, limit: 50 } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
