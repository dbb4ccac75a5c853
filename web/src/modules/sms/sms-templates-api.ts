// 短信模板: the library of saved texts (GET/POST/PUT/DELETE /api/sms/templates), its shapes and cache keys.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { BodyOf } from '@/api/types';
import type { components } from '@/api/schema';

export type SmsTemplate = components['schemas']['SmsTemplate'];
export type TemplateInput = BodyOf<'/api/sms/templates', 'post'>;
export type TemplateChange = BodyOf<'/api/sms/templates/{id}', 'put'>;
/** Whose library: the caller's own (no orgId) or, for staff above it, an organization's in their scope. */
export interface TemplateQuery { orgId?: string; q?: string }

export const templateKeys = {
  all: ['sms', 'templates'] as const,
  list: (f: TemplateQuery) => ['sms', 'templates', 'list', f.orgId ?? '', f.q ?? ''] as const,
  pick: (q: string) => ['sms', 'templates', 'pick', q] as const,
};

export function useTemplates(f: TemplateQuery) {
  return useInfiniteQuery({
    queryKey: templateKeys.list(f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/sms/templates', { params: { query: { ...f, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The compose page's picker: the first 50 of the caller's library whose name holds `q`. */
export function useTemplatePick(q: string, enabled: boolean) {
  return useQuery({
    queryKey: templateKeys.pick(q),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/templates', { params: { query: { ...(q ? { q } : {}), limit: 50 } }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const templatesApi = {
  create: (body: TemplateInput) => ok(api.POST('/api/sms/templates', { body })),
  update: (id: string, body: TemplateChange) => ok(api.PUT('/api/sms/templates/{id}', { params: { path: { id } }, body })),
  remove: (id: string) => ok(api.DELETE('/api/sms/templates/{id}', { params: { path: { id } } })),
};
