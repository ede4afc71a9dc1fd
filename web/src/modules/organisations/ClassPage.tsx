import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatNumber, fullName, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { classQuery, organisationQuery } from './api.js';

/** A class: where it belongs, its homeroom teacher, and its pupils (names only for those who teach or belong to it). */
export function ClassPage({ classId }: { classId: number }) {
  const { t, i18n } = useTranslation(['organisations', 'common']);
  const lang = i18n.language;
  const cls = useQuery({ ...classQuery(classId), enabled: classId > 0 });
  const organisationId = cls.data?.organisationId ?? 0;
  // the organisation's name for the breadcrumb; the page stands without it if it cannot be read
  const organisation = useQuery({ ...organisationQuery(organisationId), enabled: organisationId > 0 });
  useTitle(cls.data?.name);
  if (classId <= 0) {
    return (
      <>
        <h1>{t('class.name')}</h1>
        <ErrorNotice error={new ApiError('organisations.class_not_found', '', 404)} />
      </>
    );
  }
  return (
    <QueryView query={cls} heading={t('class.name')}>
      {(c) => {
        const orgName = organisation.data ? localised(organisation.data.name, lang) : null;
        return (
          <>
            <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
              <ol>
                <li>
                  <Link to="/">{t('common:app.home')}</Link>
                </li>
                {orgName && (
                  <li>
                    <Link to="/organisations/$organisationId" params={{ organisationId: c.organisationId }}>
                      {orgName}
                    </Link>
                  </li>
                )}
              </ol>
            </nav>
            <h1>{c.name}</h1>
            {orgName && <p className="lead">{orgName}</p>}
            <section className="card" aria-labelledby="class-details">
              <h2 id="class-details" className="visually-hidden">
                {t('organisation.details')}
              </h2>
              <dl className="facts">
                <dt>{t('class.academicYear')}</dt>
                <dd>{c.academicYear.name}</dd>
                {c.specialty && (
                  <>
                    <dt>{t('class.specialty')}</dt>
                    <dd>{c.specialty}</dd>
                  </>
                )}
                {c.studyYear !== null && (
                  <>
                    <dt>{t('class.studyYear')}</dt>
                    <dd>{c.studyYear}</dd>
                  </>
                )}
                <dt>{t('class.shift')}</dt>
                <dd>{t('class.shiftN', { n: c.shift })}</dd>
                <dt>{t('class.homeroom')}</dt>
                <dd>{c.homeroomTeacher ? fullName(c.homeroomTeacher) : t('class.noHomeroom')}</dd>
                <dt>{t('class.pupilCount')}</dt>
                <dd>{formatNumber(c.pupilCount, lang)}</dd>
              </dl>
            </section>
            <section className="card" aria-labelledby="class-pupils">
              <h2 id="class-pupils">{t('class.pupilList')}</h2>
              {c.pupils === null ? (
                <p>{t('class.rosterHidden')}</p>
              ) : c.pupils.length === 0 ? (
                <p>{t('class.noPupils')}</p>
              ) : (
                <ol className="roster">
                  {c.pupils.map((p) => (
                    <li key={p.id}>{fullName(p)}</li>
                  ))}
                </ol>
              )}
            </section>
          </>
        );
      }}
    </QueryView>
  );
}
