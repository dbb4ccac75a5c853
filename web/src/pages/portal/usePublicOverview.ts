// The portal reads one public endpoint; a tiny hook instead of TanStack Query keeps
// the query library out of the public entry chunk.
import { useEffect, useState } from 'react';
import { api, ok } from '@/api/client';
import type { PublicOverview } from '@/api/types';

export type OverviewState = { status: 'loading' } | { status: 'error' } | { status: 'ok'; data: PublicOverview };

export function usePublicOverview(): OverviewState {
  const [state, setState] = useState<OverviewState>({ status: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    ok(api.GET('/api/public/overview', { signal: ctrl.signal }))
      .then((data) => setState({ status: 'ok', data }))
      .catch((e: unknown) => {
        if ((e as Error).name !== 'AbortError') setState({ status: 'error' });
      });
    return () => ctrl.abort();
  }, []);
  return state;
}
