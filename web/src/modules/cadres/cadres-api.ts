// Calls of 干部工作 (the console): batches of vacant posts with their recommendations, pre-appointment notices, objections.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { api, isApiError, ok } from '@/api/client';
import type { BodyOf, ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type Batch = components['schemas']['CadreBatch'];
export type BatchSummary = ResponseOf<'/api/cadres/batches', 'get'>['items'][number];
export type BatchInput = BodyOf<'/api/cadres/batches', 'post'>;
export type Notice = components['schemas']['CadreNotice'];
export type NoticeSummary = ResponseOf<'/api/cadres/notices', 'get'>['items'][number];
export type NoticeInput = BodyOf<'/api/cadres/notices', 'post'>;
export type Objection = ResponseOf<'/api/cadres/notices/{id}/objections', 'get'>['items'][number];
export type ObjectorIdentity = ResponseOf<'/api/cadres/objections/{id}/reveal', 'post'>;
export type BatchUpdate = BodyOf<'/api/cadres/batches/{id}', 'put'>;
export type NoticeRevision = BodyOf<'/api/cadres/notices/{id}', 'put'>;

export const cadreKeys = {
  all: ['cadres'] as const,
  batches: ['cadres', 'batches'] as const,
  batch: (id: string) => ['cadres', 'batch', id] as const,
  notices: ['cadres', 'notices'] as const,
  notice: (id: string) => ['cadres', 'notice', id] as const,
  objections: (id: string) => ['cadres', 'objections', id] as const,
};

const path = (id: string) => ({ params: { path: { id } } });
export const cadresApi = {
  createBatch: (body: BatchInput) => ok(api.POST('/api/cadres/batches', { body })),
  publishNotice: (body: NoticeInput) => ok(api.POST('/api/cadres/notices', { body })),
  answer: (id: string, note: string) => ok(api.POST('/api/cadres/objections/{id}/answer', { ...path(id), body: { note } })),
  confirm: (id: string, note?: string) => ok(api.POST('/api/cadres/notices/{id}/confirm', { ...path(id), body: note ? { note } : {} })),
  /** The objector's phone and name in full: a POST under the one reveal rule, audited by the server. */
  revealObjector: (id: string) => ok(api.POST('/api/cadres/objections/{id}/reveal', path(id))),
  updateBatch: (id: string, body: BatchUpdate) => ok(api.PUT('/api/cadres/batches/{id}', { ...path(id), body })),
  withdrawBatch: (id: string, reason: string) => ok(api.POST('/api/cadres/batches/{id}/withdraw', { ...path(id), body: { reason } })),
  reviseNotice: (id: string, body: NoticeRevision) => ok(api.PUT('/api/cadres/notices/{id}', { ...path(id), body })),
  withdrawNotice: (id: string, reason: string) => ok(api.POST('/api/cadres/notices/{id}/withdraw', { ...path(id), body: { reason } })),
};

export function useBatches() {
  return useQuery({ queryKey: cadreKeys.batches, queryFn: ({ signal }) => ok(api.GET('/api/cadres/batches', { params: { query: { limit: 100 } }, signal })), placeholderData: keepPreviousData });
}
export function useBatch(id: string, enabled = true) {
  return useQuery({ queryKey: cadreKeys.batch(id), enabled, queryFn: ({ signal }) => ok(api.GET('/api/cadres/batches/{id}', { ...path(id), signal })) });
}
export function useNotices() {
  return useQuery({ queryKey: cadreKeys.notices, queryFn: ({ signal }) => ok(api.GET('/api/cadres/notices', { params: { query: { limit: 100 } }, signal })), placeholderData: keepPreviousData });
}
export function useNotice(id: string, enabled = true) {
  return useQuery({ queryKey: cadreKeys.notice(id), enabled, queryFn: ({ signal }) => ok(api.GET('/api/cadres/notices/{id}', { ...path(id), signal })) });
}
export function useObjections(id: string, enabled: boolean) {
  return useQuery({ queryKey: cadreKeys.objections(id), enabled, queryFn: ({ signal }) => ok(api.GET('/api/cadres/notices/{id}/objections', { ...path(id), signal })) });
}

/** The server's field errors under the form's fields, nested ones too ('posts.0.name' → ['posts', 0, 'name']). */
export function applyNestedErrors(form: FormInstance, e: unknown): boolean {
  if (!isApiError(e) || e.errors.length === 0) return false;
  const fields = e.errors.map((err) => ({ name: err.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), errors: [err.message] }));
  form.setFields(fields);
  form.scrollToField(fields[0]!.name, { block: 'center' });
  return true;
}
