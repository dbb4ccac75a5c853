// Calls of the Import and export part of the contract (docs/api-contract.md) and their cache keys.
// The upload is the .xlsx file itself as the request body (no multipart); the import then runs
// as a background job whose status is polled until it is done.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, languageHeader, ok, problemOf, withQuery } from '@/api/client';
import { valuesOf, type ImportStatus, type Permission, type QueryOf, type ResponseOf } from '@/api/types';

export type { ImportStatus };
/** The kinds of the importers the server's modules register (the upload's `kind` parameter lists them). */
export type ImportKind = QueryOf<'/api/imports', 'post'>['kind'];
export type ImportMode = ImportStatus['mode'];
export type ImportState = ImportStatus['state'];
export type ImportPhase = ImportStatus['phase'];
export type ImportOutcome = NonNullable<ImportStatus['outcome']>;

export const IMPORT_KINDS = valuesOf<ImportKind>()(['members', 'organizations', 'stations', 'party-positions', 'village-officials', 'survey-replies', 'sensitive-words']);
export const IMPORT_MODES = valuesOf<ImportMode>()(['all_or_nothing', 'valid_only']);
/** The server refuses bodies above 20 MB; the page says so before uploading. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type ImportProgress = ImportStatus['progress'];
export type ImportRowError = ImportStatus['errors']['items'][number];
export type ImportListItem = ResponseOf<'/api/imports', 'get'>['items'][number];
export type ImportCreated = ResponseOf<'/api/imports', 'post', 202>;

export const importKeys = {
  all: ['imports'] as const,
  mine: ['imports', 'mine'] as const,
  status: (id: string) => ['imports', 'status', id] as const,
};

/** The permission a kind needs (the server checks the same). */
export const KIND_PERMISSION: Record<ImportKind, Permission> = { members: 'member.write', organizations: 'org.write', stations: 'org.write', 'party-positions': 'contact.write', 'village-officials': 'contact.write', 'survey-replies': 'survey.write', 'sensitive-words': 'security.write' };

export const isRunning = (s: { state: ImportState } | undefined) => s?.state === 'queued' || s?.state === 'running';

/** Polls GET /api/imports/:id every second while the job is queued or running. */
export function useImportStatus(id: string | null, errorsLimit = 100) {
  return useQuery({
    queryKey: importKeys.status(id ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/imports/{id}', { params: { path: { id: id! }, query: { errorsLimit } }, signal })),
    enabled: !!id,
    refetchInterval: (q) => (isRunning(q.state.data) ? 1000 : false),
    retry: (n, e) => !(e instanceof ApiError && (e.status === 403 || e.status === 404)) && n < 2,
  });
}

/** The caller's own recent imports; refreshed every 3 s while one of them is still running. */
export function useMyImports(limit = 10) {
  return useQuery({
    queryKey: importKeys.mine,
    queryFn: ({ signal }) => ok(api.GET('/api/imports', { params: { query: { limit } }, signal })),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 3000 : false),
  });
}

/** POST /api/imports with the file as the body; resolves with the new import's id. */
export async function uploadImport(kind: ImportKind, mode: ImportMode, file: File): Promise<ImportCreated> {
  let res: Response;
  try {
    const query: QueryOf<'/api/imports', 'post'> = { kind, mode, fileName: file.name.slice(0, 200) };
    res = await fetch(withQuery('/api/imports', query), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': /\.csv$/i.test(file.name) ? 'text/csv' : XLSX_TYPE, ...languageHeader() },
      body: file,
    });
  } catch {
    throw new ApiError(0, {});
  }
  const json: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, problemOf(json));
  return json as ImportCreated;
}

export const templatePath = (kind: ImportKind) => `/api/imports/templates/${kind}.xlsx`;
export const errorReportPath = (id: string) => `/api/imports/${id}/errors.xlsx`;
