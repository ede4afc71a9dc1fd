import { Link, useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../ui/feedback.js';
import { useTitle } from '../ui/useTitle.js';

export function NotFoundPage() {
  const { t } = useTranslation();
  useTitle(t('app.notFoundTitle'));
  return (
    <>
      <h1>{t('app.notFoundTitle')}</h1>
      <p>{t('app.notFoundText')}</p>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </>
  );
}

/** A route that failed to load (e.g. offline while checking the session): the reason and a retry. */
export function RouteErrorPage({ error }: ErrorComponentProps) {
  const router = useRouter();
  return <ErrorNotice error={error} onRetry={() => void router.invalidate()} />;
}
