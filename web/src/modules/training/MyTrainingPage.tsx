import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { certificateUrl, completeEnrolment, enrolSelf, myTrainingQuery, type Course, type Enrolment } from './api.js';
import './training.css';

function CourseFacts({ course }: { course: Course }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  return (
    <p className="muted training-facts">
      {course.required && <span className="training-badge">{t('required')}</span>}
      {t(`format.${course.format}`)} · {t('hours', { count: course.hours })} ·{' '}
      {t('dates', { from: formatDate(course.startsOn, lang), to: formatDate(course.endsOn, lang) })}
      <br />
      {t('provider', { name: course.provider })}
    </p>
  );
}

function EnrolmentCard({ e }: { e: Enrolment }) {
  const { t, i18n } = useTranslation('training');
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const complete = useMutation({ mutationFn: () => completeEnrolment(e.id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['training'] }) });
  const title = localised(e.course.title, lang);
  return (
    <li className="card training-card">
      <h3>{title}</h3>
      <CourseFacts course={e.course} />
      {e.completedAt && e.external ? (
        <p>
          <strong>{t('completedOn', { date: formatDate(e.completedAt.slice(0, 10), lang) })}</strong> ·{' '}
          {t('externalCertificate', { provider: e.external.provider, number: e.external.certificate })}
        </p>
      ) : e.completedAt && e.withdrawnAt ? (
        <p>
          <strong>{t('withdrawnOn', { date: formatDate(e.withdrawnAt.slice(0, 10), lang) })}</strong>
        </p>
      ) : e.completedAt ? (
        <>
          <p>
            <strong>{t('completedOn', { date: formatDate(e.completedAt.slice(0, 10), lang) })}</strong> ·{' '}
            <a href={`/certificates/${e.certificateCode}`}>{t('code', { code: e.certificateCode })}</a>
          </p>
          <a className="button button--secondary" href={certificateUrl(e.id, lang)} download>
            {t('certificate')}
          </a>
        </>
      ) : e.hasContent ? (
        <>
          <p>{t('inProgress')}</p>
          <Link className="button" to="/training/enrolments/$enrolmentId" params={{ enrolmentId: e.id }} aria-label={`${t('learn.open')}: ${title}`}>
            {t('learn.open')}
          </Link>
        </>
      ) : (
        <>
          <p>{t('inProgress')}</p>
          <button type="button" className="button" disabled={complete.isPending} onClick={() => complete.mutate()}>
            {t('complete')}
          </button>
        </>
      )}
      {complete.isError && <ErrorNotice error={complete.error} />}
    </li>
  );
}

function AvailableCard({ course }: { course: Course }) {
  const { t, i18n } = useTranslation('training');
  const queryClient = useQueryClient();
  const enrol = useMutation({ mutationFn: () => enrolSelf(course.id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['training'] }) });
  const title = localised(course.title, i18n.language);
  return (
    <li className="card training-card">
      <h3>{title}</h3>
      <CourseFacts course={course} />
      <button type="button" className="button" aria-label={`${t('enrol')}: ${title}`} disabled={enrol.isPending} onClick={() => enrol.mutate()}>
        {t('enrol')}
      </button>
      {enrol.isError && <ErrorNotice error={enrol.error} />}
    </li>
  );
}

/** A teacher's training: their courses (complete, download the certificate) and the courses they may join. */
export function MyTrainingPage() {
  const { t } = useTranslation('training');
  useTitle(t('myTitle'));
  const me = useQuery(myTrainingQuery);
  return (
    <QueryView query={me} heading={t('myTitle')}>
      {(m) => (
        <>
          <h1>{t('myTitle')}</h1>
          {!m.teacher && m.enrolments.length === 0 ? (
            <p>{t('notTeacher')}</p>
          ) : (
            <>
              <h2>{t('enrolled')}</h2>
              {m.enrolments.length === 0 ? (
                <p>{t('noneEnrolled')}</p>
              ) : (
                <ul className="plain-list training-list">
                  {m.enrolments.map((e) => (
                    <EnrolmentCard key={e.id} e={e} />
                  ))}
                </ul>
              )}
              {m.teacher && (
                <>
                  <h2>{t('available')}</h2>
                  {m.available.length === 0 ? (
                    <p>{t('noneAvailable')}</p>
                  ) : (
                    <ul className="plain-list training-list">
                      {m.available.map((c) => (
                        <AvailableCard key={c.id} course={c} />
                      ))}
                    </ul>
                  )}
                </>
              )}
            </>
          )}
        </>
      )}
    </QueryView>
  );
}
