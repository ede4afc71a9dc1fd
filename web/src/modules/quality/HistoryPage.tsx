import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { historyQuery } from './api.js';
import './quality.css';

/** An organisation's self-assessments, one line per school year (the admin fills in; officers read). */
export function HistoryPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('quality');
  useTitle(t('history.title'));
  const q = useQuery(historyQuery(organisationId));
  return (
    <QueryView query={q} heading={t('history.title')}>
      {(h) => (
        <>
          <h1>{t('history.title')}</h1>
          <p className="muted">{localised(h.organisation.name, i18n.language)}</p>
          <ul className="plain-list quality-years">
            {h.years.map((y) => (
              <li key={y.id} className="card quality-year">
                <strong>{y.name}</strong>
                <span className={`quality-badge quality-badge--${y.status}`}>{t(`status.${y.status}`)}</span>
                {y.submissions > 0 && <span className="muted">{t('history.submissions', { count: y.submissions })}</span>}
                <Link to="/quality/organisations/$organisationId/years/$yearId" params={{ organisationId, yearId: y.id }}>
                  {h.mayEdit && (y.status === 'none' || y.status === 'draft' || y.status === 'returned') ? t('history.fill') : t('history.open')}
                  <span className="visually-hidden"> {y.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryView>
  );
}
