import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** Home › … : where a page sits, for the way back on a phone without a back button in view. */
export function Crumbs({ children }: { children?: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <nav aria-label={t('app.breadcrumb')} className="breadcrumb">
      <ol>
        <li>
          <Link to="/">{t('app.home')}</Link>
        </li>
        {children}
      </ol>
    </nav>
  );
}
