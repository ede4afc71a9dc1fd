import type { ReactNode } from 'react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/error-message.js';

export function Loading() {
  const { t } = useTranslation();
  return <p className="loading" role="status">{t('app.loading')}</p>;
}

export function OfflineWaiting() {
  const { t } = useTranslation();
  return <p className="notice" role="status">{t('app.offlineWaiting')}</p>;
}

/** A failure as a translated sentence, with a way to try again when that can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="notice notice--error" role="alert">
      <p>{errorMessage(i18n, error)}</p>
      {onRetry && <button type="button" className="button button--secondary" onClick={onRetry}>{t('app.retry')}</button>}
    </div>
  );
}

/**
 * Renders a query's data, or its loading and error states. While the browser knows it is offline
 * the query waits (TanStack Query pauses it) and resumes by itself when the connection returns.
 */
export function QueryView<T>({ query, children, heading }: {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** a page's h1 while its data is not there yet, so the page always has a heading */
  heading?: string;
}) {
  const h1 = heading ? <h1>{heading}</h1> : null;
  if (query.isPending) return <>{h1}{query.fetchStatus === 'paused' ? <OfflineWaiting /> : <Loading />}</>;
  if (query.isError) return <>{h1}<ErrorNotice error={query.error} onRetry={() => void query.refetch()} /></>;
  return <>{children(query.data)}</>;
}
