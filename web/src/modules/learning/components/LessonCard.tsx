import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { fullName, localised } from '../../../ui/format.js';
import type { DiaryLesson } from '../api.js';
import { markText, timeRange } from '../format.js';
import { DeliveryInfo } from './Delivery.js';
import { Materials } from './Materials.js';
import { AttachedVideos } from './Videos.js';

/** The kind of delivery as a small label in the lesson's header. */
export function DeliveryBadge({ kind }: { kind: DiaryLesson['delivery']['kind'] }) {
  const { t } = useTranslation('learning');
  return <span className={`l-badge l-badge--${kind}`}>{t(`delivery.${kind}`)}</span>;
}

/** One lesson of a pupil's day: when, what, how to take part, materials, homework set, mark and attendance. */
export function LessonCard({ lesson, timeZone, pupilId, compact = false }: { lesson: DiaryLesson; timeZone: string; pupilId: number; compact?: boolean }) {
  const { t, i18n } = useTranslation('learning');
  const subject = localised(lesson.subject.name, i18n.language);
  return (
    <article className={`l-lesson${lesson.cancelled ? ' l-lesson--cancelled' : ''}`} aria-label={`${lesson.periodNumber ?? ''} ${subject}`.trim()}>
      <header className="l-lesson__head">
        <span className="l-lesson__time">
          {lesson.periodNumber !== null && <span className="l-lesson__n">{lesson.periodNumber}</span>}
          {timeRange(lesson.startsAt, lesson.endsAt, timeZone)}
        </span>
        <h3 className="l-lesson__subject">
          <Link to="/learning/lessons/$lessonId" params={{ lessonId: lesson.id }}>
            {subject}
          </Link>
        </h3>
        {lesson.cancelled ? <span className="l-badge l-badge--cancelled">{t('lesson.cancelled')}</span> : <DeliveryBadge kind={lesson.delivery.kind} />}
      </header>
      {lesson.topic && <p className="l-lesson__topic">{lesson.topic}</p>}
      {!compact && <p className="muted l-lesson__teacher">{fullName(lesson.teacher)}</p>}
      <DeliveryInfo
        lessonId={lesson.id}
        delivery={lesson.delivery}
        joinable={lesson.joinable}
        room={lesson.room}
        timeZone={timeZone}
        cancelled={lesson.cancelled}
      />
      <AttachedVideos videos={lesson.videos} />
      {!compact && <Materials items={lesson.materials} />}
      {(lesson.mark || lesson.attendance || lesson.homeworkSet.length > 0) && (
        <dl className="l-lesson__facts">
          {lesson.mark && (
            <>
              <dt>{t('lesson.mark')}</dt>
              <dd>
                <span className="l-mark">{markText(lesson.mark)}</span>
                {lesson.mark.kind !== 'formative' && <> {t(`assessment.${lesson.mark.kind}`)}</>}
                {lesson.mark.comment && <span className="muted"> — {lesson.mark.comment}</span>}
              </dd>
            </>
          )}
          {lesson.attendance && lesson.attendance.status !== 'present' && (
            <>
              <dt>{t('lesson.attendance')}</dt>
              <dd>
                {t(`attendance.${lesson.attendance.status}`)}
                {lesson.attendance.reason && <span className="muted"> — {lesson.attendance.reason}</span>}
              </dd>
            </>
          )}
          {lesson.attendance?.status === 'present' && lesson.attendance.online && (
            <>
              <dt>{t('lesson.attendance')}</dt>
              <dd>
                {t('attendance.presentOnline')}
                {lesson.attendance.onlineMinutes !== null && (
                  <span className="muted"> — {t('attendance.minutesOnline', { count: lesson.attendance.onlineMinutes })}</span>
                )}
              </dd>
            </>
          )}
          {lesson.homeworkSet.length > 0 && (
            <>
              <dt>{t('lesson.homeworkSet')}</dt>
              {lesson.homeworkSet.map((h) => (
                <dd key={h.id}>
                  <Link to="/learning/homework/$homeworkId" params={{ homeworkId: h.id }} search={{ pupilId }}>
                    {h.title}
                  </Link>
                </dd>
              ))}
            </>
          )}
        </dl>
      )}
    </article>
  );
}
