import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/client.js';

/** True for the API's "no live session" answer (expired, revoked, signed out elsewhere). */
export function isSessionEnded(err: unknown): boolean {
  return isApiError(err) && err.code === 'auth.required';
}

/**
 * The app's query cache. `onSessionEnded` runs when any request answers auth.required, so a 401
 * anywhere takes the person back to sign-in. Only network failures are retried (slow, flaky links);
 * a 4xx will not change by asking again.
 */
export function createQueryClient(onSessionEnded: () => void): QueryClient {
  const onError = (err: unknown) => {
    if (isSessionEnded(err)) onSessionEnded();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // offline, ask anyway: the service worker answers from its saved copy (with its time)
        networkMode: 'offlineFirst',
        retry: (failures, err) => isApiError(err) && err.status === 0 && failures < 2,
      },
      // a sign-in or a save must answer at once, offline or not, rather than wait silently
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}
