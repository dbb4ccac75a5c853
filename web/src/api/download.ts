// Downloads a file the API produces (Excel exports, templates, error reports, letters).
// A plain <a href> would show a problem+json body as a page when the server refuses, so
// the file is fetched, checked, and handed to the browser as a blob with the server's name.
import { ApiError, languageHeader, problemOf, withQuery, type Query } from './client';

/** The file name from `content-disposition` (RFC 6266 `filename*=UTF-8''…` first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** The filters without empty values, as a JSON body. */
function bodyOf(query: Query | undefined): string {
  const out: Query = {};
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return JSON.stringify(out);
}

/**
 * Fetches the file and saves it; throws ApiError (with the server's Chinese title) on refusal. GET sends `query` in
 * the URL (templates, error reports); POST sends it as a JSON body (exports: audited, and their filters may hold
 * an ID number or a mobile that must not appear in a URL).
 */
export async function downloadFile(path: string, query: Query | undefined, fallbackName: string, method: 'GET' | 'POST' = 'GET'): Promise<{ fileName: string; rows: number | null }> {
  let res: Response;
  try {
    res = method === 'POST'
      ? await fetch(path, { method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json', ...languageHeader() }, body: bodyOf(query) })
      : await fetch(withQuery(path, query), { credentials: 'same-origin', headers: languageHeader() });
  } catch {
    throw new ApiError(0, {});
  }
  if (!res.ok) {
    const body: unknown = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
    throw new ApiError(res.status, problemOf(body));
  }
  const blob = await res.blob();
  const fileName = fileNameOf(res.headers.get('content-disposition'), fallbackName);
  saveBlob(blob, fileName);
  const rows = res.headers.get('x-row-count');
  return { fileName, rows: rows === null ? null : Number(rows) };
}

/** Hands a blob to the browser as a download under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
