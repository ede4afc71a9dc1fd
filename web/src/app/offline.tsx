import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { savedDataAsOf, subscribeAsOf } from '../api/as-of.js';

/**
 * The installable, offline app: registers the service worker (web/public/sw.js) once the page has
 * loaded — so it never competes with the first visit's downloads — and hands it the files this page
 * already loaded, which it keeps from the browser's cache without downloading them again.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((u) => new URL(u).pathname.startsWith('/assets/'));
        reg.active?.postMessage({ type: 'cache-assets', urls });
      })
      .catch(() => {
        // no service worker (private window, old browser): the app works online as before
      });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

/** Sign-out: the service worker deletes its saved answers, so a shared phone keeps nothing of the person. */
export function forgetOfflineData(): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.controller?.postMessage({ type: 'sign-out' });
}

/** "Offline: showing what was saved as of 14:05" while any answer on screen came from the saved copy. */
export function OfflineAsOf() {
  const { t, i18n } = useTranslation();
  const asOf = useSyncExternalStore(subscribeAsOf, savedDataAsOf);
  if (asOf === null) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(asOf));
  return (
    <p className="notice" role="status">
      {t('app.offlineAsOf', { time })}
    </p>
  );
}
