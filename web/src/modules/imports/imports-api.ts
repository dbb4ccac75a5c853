// Calls of the Import and export part of the contract (docs/api-contract.md) and their cache keys.
// The upload is the .xlsx file itself as the request body (no multipart); the import then runs
// as a background job whose status is polled until it is done.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, languageHeader, withQuery } from '@/api/client';
import type { Permission } from '@/api/types';

export type ImportKind = 'members' | 'organizations' | 'stations';
export type ImportMode = 'all_or_nothing' | 'valid_only';
export type ImportState = 'queued' | 'running' | 'succeeded' | 'failed';
export type ImportPhase = 'queued' | 'validating' | 'writing' | 'done' | 'failed';
export type ImportOutcome = 'imported' | 'partial' | 'rejected';

export const IMPORT_KINDS: ImportKind[] = ['members', 'organizations', 'stations'];
export const IMPORT_MODES: ImportMode[] = ['all_or_nothing', 'valid_only'];
/** The server refuses bodies above 20 MB; the page says so before uploading. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportProgress { processed: number; total: number | null; errors: number }
export interface ImportRowError { row: number; column: string; message: string }

export interface ImportStatus {
  id: string;
  jobId: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string | null;
  state: ImportState;
  phase: ImportPhase;
  outcome: ImportOutcome | null;
  progress: ImportProgress;
  rowsTotal: number | null;
  rowsValid: number | null;
  rowsWritten: number;
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
  errors: { items: ImportRowError[]; total: number; offset: number; limit: number };
}

export interface ImportListItem {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  fileName: string | null;
  state: ImportState;
  outcome: ImportOutcome | null;
  progress: ImportProgress;
  rowsTotal: number | null;
  rowsWritten: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportCreated { id: string; jobId: string; statusUrl: string }

export const importKeys = {
  all: ['imports'] as const,
  mine: ['imports', 'mine'] as const,
  status: (id: string) => ['imports', 'status', id] as const,
};

/** The permission a kind needs (the server checks the same). */
export const KIND_PERMISSION: Record<ImportKind, Permission> = { members: 'member.write', organizations: 'org.write', stations: 'org.write' };

export const isRunning = (s: { state: ImportState } | undefined) => s?.state === 'queued' || s?.state === 'running';

/** Polls GET /api/imports/:id every second while the job is queued or running. */
export function useImportStatus(id: string | null, errorsLimit = 100) {
  return useQuery({
    queryKey: importKeys.status(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportStatus>(`/api/imports/${id}`, { errorsLimit }, signal),
    enabled: !!id,
    refetchInterval: (q) => (isRunning(q.state.data) ? 1000 : false),
    retry: (n, e) => !(e instanceof ApiError && (e.status === 403 || e.status === 404)) && n < 2,
  });
}

/** The caller's own recent imports; refreshed every 3 s while one of them is still running. */
export function useMyImports(limit = 10) {
  return useQuery({
    queryKey: importKeys.mine,
    queryFn: ({ signal }) => api.get<{ items: ImportListItem[] }>('/api/imports', { limit }, signal),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 3000 : false),
  });
}

/** POST /api/imports with the file as the body; resolves with the new import's id. */
export async function uploadImport(kind: ImportKind, mode: ImportMode, file: File): Promise<ImportCreated> {
  let res: Response;
  try {
    res = await fetch(withQuery('/api/imports', { kind, mode, fileName: file.name.slice(0, 200) }), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': /\.csv$/i.test(file.name) ? 'text/csv' : XLSX_TYPE, ...languageHeader() },
      body: file,
    });
  } catch {
    throw new ApiError(0, {});
  }
  const json: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, (json ?? {}) as ConstructorParameters<typeof ApiError>[1]);
  return json as ImportCreated;
}

export const templatePath = (kind: ImportKind) => `/api/imports/templates/${kind}.xlsx`;
export const errorReportPath = (id: string) => `/api/imports/${id}/errors.xlsx`;
