import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatDate, fullName, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { diaryQuery, paperUrl, type Diary } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { PupilNav } from '../components/PupilNav.js';
import { PaperLink, Papers } from '../components/Papers.js';
import { longDay, markText } from '../format.js';
import { addDays, datesBetween, weekStart } from '../time.js';
import '../learning.css';

/**
 * The week's diary, Monday to Sunday: each day's lessons with topic, mark, attendance and the
 * homework set. Without `from` it opens on the school's current week (learned from Today, which is
 * usually cached already).
 */
export default function WeekDiaryPage({ pupilId, from }: { pupilId: number; from?: string }) {
  const { t } = useTranslation('learning');
  const today = useQuery({ ...diaryQuery(pupilId), enabled: pupilId > 0 && !from });
  const monday = from ? weekStart(from) : today.data ? weekStart(today.data.today) : null;
  const week = useQuery({ ...diaryQuery(pupilId, monday ? { from: monday, to: addDays(monday, 6) } : undefined), enabled: pupilId > 0 && monday !== null });
  useTitle(t('week.title'));
  return (
    <>
      <Crumbs />
      {monday === null ? (
        <QueryView query={today} heading={t('week.title')}>
          {() => null}
        </QueryView>
      ) : (
        <QueryView query={week} heading={t('week.title')}>
          {(data) => <Week data={data} pupilId={pupilId} monday={monday} busy={week.isPlaceholderData} />}
        </QueryView>
      )}
    </>
  );
}

function Week({ data, pupilId, monday, busy }: { data: Diary; pupilId: number; monday: string; busy: boolean }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const days = datesBetween(monday, addDays(monday, 6)).filter((d, i) => i < 6 || data.lessons.some((l) => l.date === d));
  return (
    <>
      <h1>{t('week.title')}</h1>
      <p className="lead">{fullName(data.pupil)}</p>
      <PupilNav pupilId={pupilId} current="week" />
      <nav className="l-daynav" aria-label={t('week.otherWeeks')}>
        <Link to="/learning/pupils/$pupilId/week" params={{ pupilId }} search={{ from: addDays(monday, -7) }} className="button button--secondary">
          <span aria-hidden="true">← </span>
          {t('week.previous')}
        </Link>
        <span className="l-daynav__label" aria-live="polite">
          {t('week.range', { from: formatDate(monday, lang), to: formatDate(addDays(monday, 6), lang) })}
        </span>
        <Link to="/learning/pupils/$pupilId/week" params={{ pupilId }} search={{ from: addDays(monday, 7) }} className="button button--secondary">
          {t('week.next')}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <div className="l-week" aria-busy={busy}>
        {days.map((day) => {
          const lessons = data.lessons.filter((l) => l.date === day);
          return (
            <section key={day} className={`card l-weekday${day === data.today ? ' l-weekday--today' : ''}`} aria-labelledby={`d-${day}`}>
              <h2 id={`d-${day}`}>
                <Link to="/learning/pupils/$pupilId" params={{ pupilId }} search={{ date: day }}>
                  {longDay(t, day, lang)}
                </Link>
                {day === data.today && <span className="badge">{t('nav.today')}</span>}
              </h2>
              {lessons.length === 0 ? (
                <p className="muted">{t('week.noLessons')}</p>
              ) : (
                <ol className="l-wlessons">
                  {lessons.map((l) => (
                    <li key={l.id} className={l.cancelled ? 'l-wlesson l-wlesson--cancelled' : 'l-wlesson'}>
                      <span className="l-wlesson__n" aria-hidden="true">
                        {l.periodNumber ?? ''}
                      </span>
                      <div className="l-wlesson__body">
                        <div className="l-wlesson__line">
                          <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.id }} className="l-wlesson__subject">
                            <span className="visually-hidden">{l.periodNumber !== null ? `${l.periodNumber}. ` : ''}</span>
                            {localised(l.subject.name, lang)}
                          </Link>
                          {l.mark && (
                            <span className="l-mark" title={t(`assessment.${l.mark.kind}`)}>
                              {markText(l.mark)}
                            </span>
                          )}
                          {l.attendance && l.attendance.status !== 'present' && (
                            <span className={`l-att l-att--${l.attendance.status}`}>{t(`attendance.${l.attendance.status}`)}</span>
                          )}
                          {l.cancelled && <span className="l-badge l-badge--cancelled">{t('lesson.cancelled')}</span>}
                        </div>
                        {l.topic && <p className="l-wlesson__topic">{l.topic}</p>}
                        {l.homeworkSet.map((h) => (
                          <p key={h.id} className="l-wlesson__hw">
                            {t('week.homework')}:{' '}
                            <Link to="/learning/homework/$homeworkId" params={{ homeworkId: h.id }} search={{ pupilId }}>
                              {h.title}
                            </Link>
                          </p>
                        ))}
                      </div>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
      <Papers>
        <PaperLink href={paperUrl.diaryWeek(pupilId, monday, lang)}>{t('print.diaryWeek')}</PaperLink>
      </Papers>
    </>
  );
}
