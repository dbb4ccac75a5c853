// A thin fetch wrapper over the JSON API. The session lives in an HttpOnly cookie,
// so requests only need `credentials: 'same-origin'`; the browser adds the Origin
// header the server checks on writes.
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

/** Builds `path?a=1&b=2`, leaving out empty values so that filters stay optional. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The console's chosen language, sent with every request: the server's problem titles and field messages follow
 * Accept-Language, and the browser's own header says the system's language, not the one chosen here.
 */
export const languageHeader = (): { 'Accept-Language': string } => ({ 'Accept-Language': currentLang() === 'en' ? 'en' : 'zh-CN' });

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json', ...languageHeader() } : { Accept: 'application/json', 'Content-Type': 'application/json', ...languageHeader() },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, {});
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const json: unknown = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) throw new ApiError(res.status, (json ?? {}) as ConstructorParameters<typeof ApiError>[1]);
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', withQuery(path, query), undefined, signal),
  post: <T>(path: string, body?: unknown, signal?: AbortSignal) => request<T>('POST', path, body ?? {}, signal),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
