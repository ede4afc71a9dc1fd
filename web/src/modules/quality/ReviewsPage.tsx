import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { reviewsQuery } from './api.js';
import './quality.css';

/** The officer's list: assessments submitted in their area (or every one ever submitted). */
export function ReviewsPage() {
  const { t, i18n } = useTranslation('quality');
  const lang = i18n.language;
  useTitle(t('reviews.title'));
  const id = useId();
  const [status, setStatus] = useState<'submitted' | 'all'>('submitted');
  const q = useQuery(reviewsQuery(status));
  return (
    <>
      <h1>{t('reviews.title')}</h1>
      <fieldset className="quality-filter">
        <legend className="visually-hidden">{t('reviews.title')}</legend>
        {(['submitted', 'all'] as const).map((s) => (
          <label key={s} htmlFor={`${id}-${s}`}>
            <input id={`${id}-${s}`} type="radio" name={`${id}-status`} checked={status === s} onChange={() => setStatus(s)} />{' '}
            {s === 'submitted' ? t('reviews.onlySubmitted') : t('reviews.all')}
          </label>
        ))}
      </fieldset>
      <QueryView query={q}>
        {(d) =>
          d.assessments.length === 0 ? (
            <p>{t('reviews.empty')}</p>
          ) : (
            <ul className="plain-list quality-years">
              {d.assessments.map((a) => (
                <li key={a.id} className="card quality-year">
                  <Link to="/quality/organisations/$organisationId/years/$yearId" params={{ organisationId: a.organisation.id, yearId: a.yearId }}>
                    {localised(a.organisation.name, lang)}
                  </Link>
                  <span className="muted">
                    {localised(a.organisation.district, lang)} · {a.year} · {t('reviews.version')} {a.frameworkVersion} ·{' '}
                    {formatDate(a.updatedAt.slice(0, 10), lang)}
                  </span>
                  <span className={`quality-badge quality-badge--${a.status}`}>{t(`status.${a.status}`)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </>
  );
}
