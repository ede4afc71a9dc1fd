import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatNumber, fullName, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { meQuery } from '../../identity/api.js';
import { homeworkQuery, type HomeworkView } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { SubmissionState } from '../components/HomeworkDue.js';
import { Materials } from '../components/Materials.js';
import { AttachedVideos } from '../components/Videos.js';
import { AttachVideos } from '../../video/AttachVideos.js';
import { SubmissionDetails } from '../components/SubmissionDetails.js';
import { SubmitForm } from '../components/SubmitForm.js';
import { longDay, markText, shortWhen } from '../format.js';
import { zonedDate, zonedTime } from '../time.js';
import '../learning.css';

/**
 * A piece of homework. A pupil reads it and sends (or resends) work until it is marked; a parent
 * sees their child's work and mark; the teacher sees every pupil's state and opens each to mark.
 */
export default function HomeworkPage({ homeworkId, pupilId }: { homeworkId: number; pupilId?: number }) {
  const { t } = useTranslation('learning');
  const hw = useQuery({ ...homeworkQuery(homeworkId, pupilId), enabled: homeworkId > 0 });
  useTitle(hw.data?.homework.title ?? t('homework.title'));
  return (
    <>
      <Crumbs />
      <QueryView query={hw} heading={t('homework.title')}>
        {(data) => <Homework data={data} />}
      </QueryView>
    </>
  );
}

function Homework({ data }: { data: HomeworkView }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const { homework: h, lesson } = data;
  const tz = lesson.timeZone;
  const dueDate = zonedDate(h.dueAt, tz);
  const me = useQuery(meQuery);
  const isPupil = me.data?.roles.some((r) => r.role === 'pupil') ?? false;
  return (
    <>
      <h1>{h.title}</h1>
      <p className="lead">
        {localised(lesson.subject.name, lang)} · {lesson.class.name}
      </p>
      <section className="card" aria-labelledby="l-hw-about">
        <h2 id="l-hw-about" className="visually-hidden">
          {t('homework.about')}
        </h2>
        <dl className="facts">
          <dt>{t('homework.due')}</dt>
          <dd>
            <strong>
              {longDay(t, dueDate, lang)}, {zonedTime(h.dueAt, tz)}
            </strong>
          </dd>
          <dt>{t('homework.lesson')}</dt>
          <dd>
            <Link to="/learning/lessons/$lessonId" params={{ lessonId: lesson.id }}>
              {longDay(t, lesson.date, lang)}
            </Link>
          </dd>
          {data.canEdit && h.submitted !== null && (
            <>
              <dt>{t('homework.progress')}</dt>
              <dd>{t('homework.counts', { submitted: formatNumber(h.submitted, lang), toMark: formatNumber(h.toMark ?? 0, lang) })}</dd>
            </>
          )}
        </dl>
        {h.instructions && (
          <>
            <h3 className="l-h3">{t('homework.instructions')}</h3>
            <p className="l-pre">{h.instructions}</p>
          </>
        )}
        {h.materials.length > 0 && (
          <>
            <h3 className="l-h3">{t('homework.materials')}</h3>
            <Materials items={h.materials} />
          </>
        )}
        {!data.canEdit && <AttachedVideos videos={h.videos} />}
      </section>
      {data.canEdit && <AttachVideos target={{ homeworkId: h.id }} />}

      {data.pupils === null && (
        <section className="card" aria-labelledby="l-hw-mine">
          <h2 id="l-hw-mine">{isPupil ? t('homework.mine') : t('homework.child')}</h2>
          {data.mySubmission ? <SubmissionDetails submission={data.mySubmission} timeZone={tz} /> : <p>{t('homework.notSent')}</p>}
          {data.canSubmit ? (
            <>
              <h3>{data.mySubmission ? t('homework.resendTitle') : t('homework.sendTitle')}</h3>
              {data.mySubmission && <p className="muted">{t('homework.resendNote')}</p>}
              <SubmitForm homeworkId={h.id} previous={data.mySubmission} timeZone={tz} />
            </>
          ) : (
            data.mySubmission?.status === 'marked' && isPupil && <p className="muted">{t('homework.markedFinal')}</p>
          )}
        </section>
      )}

      {data.pupils !== null && (
        <section className="card" aria-labelledby="l-hw-class">
          <h2 id="l-hw-class">{t('homework.classWork')}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('homework.classWork')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('homework.pupil')}</th>
                  <th scope="col">{t('homework.state.title')}</th>
                  <th scope="col" className="num">
                    {t('submission.mark')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.pupils.map(({ pupil, submission }) => (
                  <tr key={pupil.id}>
                    <th scope="row">
                      {submission ? (
                        <Link to="/learning/submissions/$submissionId" params={{ submissionId: submission.id }}>
                          {fullName(pupil)}
                        </Link>
                      ) : (
                        fullName(pupil)
                      )}
                    </th>
                    <td>
                      <SubmissionState submission={submission} dueAt={h.dueAt} now={null} />
                      {submission && <span className="muted l-cell-note">{shortWhen(t, submission.submittedAt, tz)}</span>}
                    </td>
                    <td className="num">{submission?.mark ? markText(submission.mark) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.canEdit && (
            <p>
              <Link to="/learning/inbox" search={{ classId: lesson.class.id, subjectId: lesson.subject.id }}>
                {t('inbox.openFor', { class: lesson.class.name })}
              </Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}
