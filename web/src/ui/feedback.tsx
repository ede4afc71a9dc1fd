import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/error-message.js';
import { busyState, type BusyState } from '../api/client.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

export function OfflineWaiting() {
  const { t } = useTranslation();
  return (
    <p className="notice" role="status">
      {t('app.offlineWaiting')}
    </p>
  );
}

/** A failure as a translated sentence, with a way to try again when that can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorMessage(i18n, error)}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

/**
 * Renders a query's data, or its loading and error states. While the browser knows it is offline
 * the query waits (TanStack Query pauses it) and resumes by itself when the connection returns.
 */
export function QueryView<T>({
  query,
  children,
  heading,
}: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** a page's h1 while its data is not there yet, so the page always has a heading */
  heading?: string;
}) {
  const h1 = heading ? <h1>{heading}</h1> : null;
  if (query.isPending)
    return (
      <>
        {h1}
        {query.fetchStatus === 'paused' ? <OfflineWaiting /> : <Loading />}
      </>
    );
  if (query.isError)
    return (
      <>
        {h1}
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  return <>{children(query.data)}</>;
}

/**
 * "The server is busy. Retrying in N s…": shown while the API client waits out a 503's Retry-After
 * before sending the request again by itself (see api/client.ts).
 */
export function BusyNotice({ state = busyState }: { state?: BusyState }) {
  const { t } = useTranslation();
  const retryAt = useSyncExternalStore(state.subscribe, state.get, state.get);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (retryAt === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  if (retryAt === null) return null;
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return (
    <p className="notice notice--busy" role="status" aria-live="polite">
      {t('app.busyRetrying', { seconds })}
    </p>
  );
}
