// The JSON API client: openapi-fetch over the generated `paths` (schema.d.ts, from the committed OpenAPI
// document), so a call's path, parameters, body and answer are checked against what the server declares.
// The session lives in an HttpOnly cookie, so requests only need `credentials: 'same-origin'`; the browser
// adds the Origin header the server checks on writes.
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { currentLang } from '@/i18n';

export interface FieldError { field: string; message: string }

/** A failed API call, carrying the server's application/problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];

  constructor(status: number, body: { code?: string; title?: string; detail?: string; errors?: FieldError[] }) {
    super(body.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : `http.${status}`);
    this.title = body.title ?? '';
    this.detail = body.detail;
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `a=1&b=2`, leaving out empty values so that filters stay optional. */
function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  return params.toString();
}

/** Builds `path?a=1&b=2`, leaving out empty values (downloads and uploads, which are not JSON calls). */
export function withQuery(path: string, query?: Query): string {
  const s = queryString(query);
  return s ? `${path}?${s}` : path;
}

/** The body of a refusal as ApiError takes it (anything that is not a problem+json object counts as empty). */
export const problemOf = (body: unknown): ConstructorParameters<typeof ApiError>[1] =>
  body && typeof body === 'object' ? (body as ConstructorParameters<typeof ApiError>[1]) : {};

/**
 * The console's chosen language, sent with every request: the server's problem titles and field messages follow
 * Accept-Language, and the browser's own header says the system's language, not the one chosen here.
 */
export const languageHeader = (): { 'Accept-Language': string } => ({ 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN' });

/**
 * The typed client: `api.GET('/api/orgs/{id}', { params: { path: { id } } })`. Wrap each call in `ok()`,
 * which gives its data or throws ApiError.
 */
export const api = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  querySerializer: queryString,
});
api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', languageHeader()['Accept-Language']);
    return request;
  },
});

/**
 * The data of a successful call. A refusal throws ApiError with the server's problem+json body; a network
 * failure throws ApiError with status 0; an aborted call rethrows the AbortError (TanStack Query's cancellation).
 */
export async function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {});
  }
  if (!result.response.ok) throw new ApiError(result.response.status, problemOf(result.error));
  return result.data as D;
}

/**
 * POSTs a file itself as the body (`application/octet-stream`, its name in `fileName`): the server checks its real
 * type by content. A refusal comes back as an ApiError with the server's field errors.
 */
export async function uploadFile(path: string, file: File): Promise<void> {
  await uploadFileAnswer(path, file);
}

/** uploadFile, answering the stored file's description (its JSON answer), or null when there is none. */
export async function uploadFileAnswer(path: string, file: File): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, { fileName: file.name.slice(0, 200) }), {
      method: 'POST', credentials: 'same-origin', headers: { Accept: 'application/json', 'Content-Type': 'application/octet-stream', ...languageHeader() }, body: file,
    });
  } catch {
    throw new ApiError(0, {});
  }
  if (!res.ok) {
    const json: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
    throw new ApiError(res.status, problemOf(json));
  }
  // The stored file's description, for callers that need it (its id); null when the answer has no JSON body.
  return (res.headers.get('content-type') ?? '').includes('json') ? res.json().catch(() => null) : null;
}
