import { useEffect, useRef } from 'react';
import { Link, Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { meQuery, signOut } from '../modules/identity/api.js';
import { errorMessage } from '../api/error-message.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NotificationsLink } from '../modules/notifications/NotificationsLink.js';
import { endSession } from './session.js';
import { isSessionEnded } from './query-client.js';
import { BusyNotice } from '../ui/feedback.js';
import { OfflineAsOf } from './offline.js';

function SignOutButton() {
  const { t, i18n } = useTranslation();
  const router = useRouter();
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: signOut,
    onSuccess: () => endSession(queryClient, router, { expired: false }),
  });
  return (
    <>
      <button type="button" className="button button--quiet" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
        {mutation.isPending ? t('app.signingOut') : t('app.signOut')}
      </button>
      {mutation.isError && !isSessionEnded(mutation.error) && (
        <p className="topbar__error" role="alert">
          {errorMessage(i18n, mutation.error)}
        </p>
      )}
    </>
  );
}

/** The frame of every page: skip link, header (brand, menu, language, sign-out), main, footer. */
export function Layout() {
  const { t } = useTranslation();
  const { data: me } = useQuery(meQuery);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // after a navigation, screen readers and keyboards continue from the new page's content
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation, which `pathname` stands for
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          {me && (
            <nav aria-label={t('app.mainNav')} className="topbar__nav">
              <ul>
                <li>
                  <Link to="/" activeOptions={{ exact: true, includeSearch: false }}>
                    {t('app.home')}
                  </Link>
                </li>
                <li>
                  <NotificationsLink />
                </li>
              </ul>
            </nav>
          )}
          <LanguageSwitch />
          {me && <SignOutButton />}
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        <BusyNotice />
        <OfflineAsOf />
        <Outlet />
      </main>
      <footer className="footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
