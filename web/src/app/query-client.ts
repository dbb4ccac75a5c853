// One QueryClient for the signed-in faces. A 401 from any call means the session
// ended (idle timeout, revoked elsewhere): clearing `me` sends the guards to /login.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/client';
import { ME_KEY } from '@/modules/auth/auth-api';

function onError(e: unknown, key?: readonly unknown[]) {
  if (isApiError(e) && e.status === 401 && key?.[0] !== ME_KEY[0]) {
    queryClient.setQueryData(ME_KEY, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (e, query) => onError(e, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (e) => onError(e) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx never helps; one retry for a dropped connection does.
      retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 1,
    },
  },
});
