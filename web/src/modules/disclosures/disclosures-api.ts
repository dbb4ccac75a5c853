// Calls of 党务公开 (the console): items, their versions and attachments, the disclosure calendar and its board.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, ok, uploadFile } from '@/api/client';
import type { BodyOf, QueryOf, ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type DisclosureItem = components['schemas']['DisclosureItem'];
export type DisclosureKind = DisclosureItem['kind'];
export type DisclosureState = DisclosureItem['state'];
export type ItemQuery = QueryOf<'/api/disclosures', 'get'>;
export type ItemSummary = ResponseOf<'/api/disclosures', 'get'>['items'][number];
export type ItemInput = BodyOf<'/api/disclosures', 'post'>;
export type ItemUpdate = BodyOf<'/api/disclosures/{id}', 'put'>;
export type Plan = ResponseOf<'/api/disclosures/plans', 'get'>['items'][number];
export type PlanInput = BodyOf<'/api/disclosures/plans', 'post'>;
export type Board = components['schemas']['DisclosureBoard'];
export const KINDS: DisclosureKind[] = ['party', 'village', 'finance'];

export const disclosureKeys = {
  all: ['disclosures'] as const,
  list: (q: ItemQuery) => ['disclosures', 'list', q] as const,
  item: (id: string) => ['disclosures', 'item', id] as const,
  plans: ['disclosures', 'plans'] as const,
  board: (id: string, parentId?: string) => ['disclosures', 'board', id, parentId ?? 'top'] as const,
};

const path = (id: string) => ({ params: { path: { id } } });
export const disclosuresApi = {
  create: (body: ItemInput) => ok(api.POST('/api/disclosures', { body })),
  update: (id: string, body: ItemUpdate) => ok(api.PUT('/api/disclosures/{id}', { ...path(id), body })),
  publish: (id: string) => ok(api.POST('/api/disclosures/{id}/publish', path(id))),
  withdraw: (id: string) => ok(api.POST('/api/disclosures/{id}/withdraw', path(id))),
  removeAttachment: (id: string, attachmentId: string) => ok(api.DELETE('/api/disclosures/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } })),
  createPlan: (body: PlanInput) => ok(api.POST('/api/disclosures/plans', { body })),
  deletePlan: (id: string) => ok(api.DELETE('/api/disclosures/plans/{id}', path(id))),
};

/** POST the file itself as the body (the server checks its type by content). */
export const uploadAttachment = (id: string, file: File): Promise<void> => uploadFile(`/api/disclosures/${id}/attachments`, file);

export function useItems(q: ItemQuery) {
  return useQuery({ queryKey: disclosureKeys.list(q), queryFn: ({ signal }) => ok(api.GET('/api/disclosures', { params: { query: q }, signal })), placeholderData: keepPreviousData });
}
export function useItem(id: string | undefined) {
  return useQuery({ queryKey: disclosureKeys.item(id ?? ''), enabled: !!id, queryFn: ({ signal }) => ok(api.GET('/api/disclosures/{id}', { ...path(id!), signal })) });
}
export function usePlans() {
  return useQuery({ queryKey: disclosureKeys.plans, queryFn: ({ signal }) => ok(api.GET('/api/disclosures/plans', { signal })) });
}
export function useBoard(id: string, parentId?: string) {
  return useQuery({ queryKey: disclosureKeys.board(id, parentId), queryFn: ({ signal }) => ok(api.GET('/api/disclosures/plans/{id}/board', { params: { path: { id }, query: { parentId } }, signal })), placeholderData: keepPreviousData });
}

/** Periods to choose from: this year and last, by year, quarter and month (newest first). */
export function periodOptions(today = new Date()): { value: string; label: string }[] {
  const year = new Date(today.getTime() + 8 * 3_600_000).getUTCFullYear();
  const q = ['一', '二', '三', '四'];
  const out: { value: string; label: string }[] = [];
  for (const y of [year, year - 1]) {
    out.push({ value: `${y}`, label: `${y}年度` });
    for (let i = 4; i >= 1; i--) out.push({ value: `${y}-Q${i}`, label: `${y}年第${q[i - 1]}季度` });
    for (let m = 12; m >= 1; m--) out.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: `${y}年${m}月` });
  }
  return out;
}

export const yuan = (fen: number) => {
  const a = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
};
/** "12,800.5" or 12800.5 → fen, exact (no binary fractions). */
export function toFen(v: string | number | null | undefined): number {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(v ?? '').replace(/,/g, '').trim());
  if (!m) return NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}
export const plainYuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
