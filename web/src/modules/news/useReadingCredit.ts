// Reading credit (F-71) on the public article page: a signed-in member who opens a published article starts a reading
// session (POST /api/news/articles/:id/read → the learning module's startReading) and sends the signed heartbeat
// (POST /api/learning/reading/heartbeat) at the returned interval, each with the token of the previous answer, while
// the page is visible; the server counts the time and credits the member after the minimum (docs/learning.md). The
// public (401) and staff without a member record (403) get nothing and see nothing. Free of antd and the query
// library: the public article page's chunk must stay small.
import { useEffect, useState } from 'react';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { hasSessionHint, setSessionHint } from '@/modules/auth/session-hint';

export type ReadingSource = 'news.article';
type Credit = NonNullable<ResponseOf<'/api/learning/reading/heartbeat', 'post'>['credit']>;

export type ReadingCredit =
  | { active: false }
  | {
    /** A reading session runs for the signed-in member (the page shows a note). */
    active: true;
    minSeconds: number;
    /** study minutes the article is worth, before the daily cap */
    creditMinutes: number;
    readSeconds: number;
    /** the outcome once the minimum was reached: credited, already credited today, or today's cap used up */
    credit: Credit | null;
    /** the session ended early (another tab used the token, the network failed): reload to go on */
    stopped: boolean;
  };

/** Starts a reading session for article `id` once it is known, and keeps it going while the page is visible. */
export function useReadingCredit(sourceType: ReadingSource, id: string | undefined): ReadingCredit {
  const [state, setState] = useState<ReadingCredit>({ active: false });
  useEffect(() => {
    // Only where a session may exist: the public reads without a request (and without a 401).
    if (!id || sourceType !== 'news.article' || !hasSessionHint()) return undefined;
    let ended = false;
    let token: string | null = null;
    let intervalMs = 30_000;
    let timer: number | undefined;
    let inFlight = false;
    let again = false; // the page was hidden or shown while a heartbeat was on its way: send the next at once

    const schedule = () => {
      window.clearTimeout(timer);
      if (!ended && token && document.visibilityState === 'visible') timer = window.setTimeout(() => void beat(), intervalMs);
    };
    // One heartbeat at a time: each token is accepted once, and the next one comes with the answer.
    const beat = async () => {
      if (ended || !token) return;
      if (inFlight) { again = true; return; }
      inFlight = true;
      try {
        const h = await ok(api.POST('/api/learning/reading/heartbeat', { body: { token } }));
        if (ended) return;
        token = h.credit || h.readSeconds >= h.minSeconds ? null : h.token; // credited (or told why not): nothing more to count
        setState((s) => (s.active ? { ...s, readSeconds: h.readSeconds, minSeconds: h.minSeconds, credit: h.credit ?? s.credit } : s));
      } catch {
        token = null;
        if (!ended) setState((s) => (s.active ? { ...s, stopped: true } : s));
      } finally {
        inFlight = false;
        if (again) { again = false; void beat(); } else schedule();
      }
    };
    // Hidden: count the time read so far and pause; visible again: go on (the server leaves out gaps over 45 s).
    const onVisibility = () => {
      window.clearTimeout(timer);
      void beat();
    };

    ok(api.POST('/api/news/articles/{id}/read', { params: { path: { id } } })).then((r) => {
      if (ended) return;
      token = r.token;
      intervalMs = Math.max(5, Math.min(r.intervalSeconds, 30)) * 1000;
      setState({ active: true, minSeconds: r.minSeconds, creditMinutes: r.creditMinutes, readSeconds: 0, credit: null, stopped: false });
      document.addEventListener('visibilitychange', onVisibility);
      schedule();
    }).catch((e: unknown) => {
      if (isApiError(e) && e.status === 401) setSessionHint(false); // the session ended
      // The public (401), staff without a member record (403), a withdrawn article (404), or no network: reading
      // works as for anyone, without a session and without a note.
    });

    return () => {
      ended = true;
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      setState({ active: false });
    };
  }, [sourceType, id]);
  return state;
}
