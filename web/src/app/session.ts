import type { QueryClient } from '@tanstack/react-query';
import { ME_KEY } from '../modules/identity/api.js';
import type { AppRouter } from './router.js';
import { forgetOfflineData } from './offline.js';
import { forgetPasses } from '../modules/access/pass-keys.js';
import { forgetEarly } from '../api/early.js';

/** A path inside this app to return to after sign-in; anything else (other sites, `//host`) is dropped. */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith('/sign-in')) return undefined;
  return value;
}

/**
 * Forgets everything about the signed-in person in this tab and shows the sign-in page. After a
 * sign-out nothing of theirs stays in the cache for the next person using a shared phone.
 */
export async function endSession(queryClient: QueryClient, router: AppRouter, opts: { expired: boolean }): Promise<void> {
  // several requests fail with 401 together when a session ends: the first one leads to sign-in
  if (ending) return ending;
  ending = leave(queryClient, router, opts).finally(() => {
    ending = null;
  });
  return ending;
}

let ending: Promise<void> | null = null;

async function leave(queryClient: QueryClient, router: AppRouter, opts: { expired: boolean }): Promise<void> {
  void queryClient.cancelQueries();
  forgetOfflineData();
  forgetEarly(); // the pupil's day's address the first script keeps (api/early.ts)
  // a sign-out wipes the campus pass kept for offline use; an expired session keeps it (the owner's phone, maybe offline next)
  if (!opts.expired) forgetPasses();
  queryClient.setQueryData(ME_KEY, null);
  const here = router.state.location;
  if (here.pathname !== '/sign-in') {
    await router.navigate({
      to: '/sign-in',
      search: opts.expired ? { redirect: safeRedirect(here.href), ended: true } : {},
      replace: opts.expired,
    });
  }
  queryClient.removeQueries({ predicate: (q) => !(q.queryKey.length === 1 && q.queryKey[0] === ME_KEY[0]) });
}
