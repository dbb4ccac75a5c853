// Calls of the 视频和文件资源 part of the contract (docs/media.md), their shapes and cache keys.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ApiError, ok } from '@/api/client';
import { currentLang } from '@/i18n';
import type { QueryOf, ResponseOf } from '@/api/types';

export type MediaRow = ResponseOf<'/api/media', 'get'>['items'][number];
export type MediaAsset = ResponseOf<'/api/media/{id}', 'get'>;
export type MediaStatus = MediaRow['status'];
export type MediaVisibility = MediaRow['visibility'];
export type MediaQuery = Pick<QueryOf<'/api/media', 'get'>, 'status' | 'kind' | 'q'>;
export const MEDIA_VISIBILITIES: readonly MediaVisibility[] = ['staff', 'members', 'public'];

export const mediaKeys = {
  all: ['media'] as const,
  list: (q: MediaQuery) => ['media', 'list', q] as const,
};

const PAGE_SIZE = 20;

export function useMediaList(q: MediaQuery) {
  return useInfiniteQuery({
    queryKey: mediaKeys.list(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/media', { params: { query: { ...q, cursor: pageParam, limit: PAGE_SIZE } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // While something is being transcoded, the list follows its progress.
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some((r) => r.status === 'processing')) ? 3000 : false),
  });
}

export const mediaApi = {
  get: (id: string) => ok(api.GET('/api/media/{id}', { params: { path: { id } } })),
  player: (id: string) => ok(api.GET('/api/media/{id}/player', { params: { path: { id } } })),
  update: (id: string, body: { title?: string; visibility?: MediaVisibility }) => ok(api.PATCH('/api/media/{id}', { params: { path: { id } }, body })),
  remove: (id: string) => ok(api.DELETE('/api/media/{id}', { params: { path: { id } } })),
  createUpload: (body: { fileName: string; size: number; type?: string; title?: string; visibility?: MediaVisibility }) => ok(api.POST('/api/media/uploads', { body })),
  /** Where the server's copy of an upload ends (HEAD, as tus does). */
  async offset(id: string): Promise<number> {
    const res = await fetch(`/api/media/uploads/${id}`, { method: 'HEAD', credentials: 'same-origin' });
    if (!res.ok) throw new ApiError(res.status, {});
    return Number(res.headers.get('upload-offset') ?? 0);
  },
  /** Sends one chunk at `offset`; answers the new offset, or the server's offset after a 409. */
  async chunk(id: string, offset: number, body: Blob, signal?: AbortSignal): Promise<{ offset: number; status: MediaStatus }> {
    const res = await fetch(`/api/media/uploads/${id}`, {
      method: 'PATCH', credentials: 'same-origin', body, signal,
      headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'accept-language': currentLang() },
    });
    if (res.status === 409 && res.headers.get('upload-offset')) return { offset: Number(res.headers.get('upload-offset')), status: 'uploading' };
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new ApiError(res.status, json as object);
    return json as { offset: number; status: MediaStatus };
  },
};

export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function fmtBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.ceil(n / 1024)} KB`;
}
