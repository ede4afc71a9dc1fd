import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatDate, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { myLessonsQuery, type TeacherLessons } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { DeliveryBadge } from '../components/LessonCard.js';
import { longDay, timeRange } from '../format.js';
import { addDays, datesBetween, weekStart } from '../time.js';
import '../learning.css';

/**
 * A teacher's own week, Monday to Sunday, across every class they teach: each day's lessons in
 * order with the time, class and subject (a link to the lesson), how it is held and its topic.
 * Without `from` it opens on the school's current week (learned from today's lessons, usually cached
 * from the home page). One column of day cards, so it reads on a 360 px phone.
 */
export default function TeacherWeekPage({ from }: { from?: string }) {
  const { t } = useTranslation('learning');
  const today = useQuery({ ...myLessonsQuery(), enabled: !from });
  const monday = from ? weekStart(from) : today.data ? weekStart(today.data.from) : null;
  const week = useQuery({
    ...myLessonsQuery(monday ? { from: monday, to: addDays(monday, 6) } : undefined),
    enabled: monday !== null,
    placeholderData: (previous) => previous,
  });
  useTitle(t('teacherWeek.title'));
  return (
    <>
      <Crumbs />
      {monday === null ? (
        <QueryView query={today} heading={t('teacherWeek.title')}>
          {() => null}
        </QueryView>
      ) : (
        <QueryView query={week} heading={t('teacherWeek.title')}>
          {(data) => <Week data={data} monday={monday} today={today.data?.from ?? null} busy={week.isPlaceholderData} />}
        </QueryView>
      )}
    </>
  );
}

function Week({ data, monday, today, busy }: { data: TeacherLessons; monday: string; today: string | null; busy: boolean }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const lessons = data.lessons;
  const days = datesBetween(monday, addDays(monday, 6)).filter((d, i) => i < 5 || lessons.some((l) => l.date === d));
  const held = lessons.filter((l) => !l.cancelled).length;
  return (
    <>
      <h1>{t('teacherWeek.title')}</h1>
      <p className="lead">{t('teacherWeek.lead', { count: held })}</p>
      <nav className="l-daynav" aria-label={t('week.otherWeeks')}>
        <Link to="/learning/me/week" search={{ from: addDays(monday, -7) }} className="button button--secondary">
          <span aria-hidden="true">← </span>
          {t('week.previous')}
        </Link>
        <span className="l-daynav__label" aria-live="polite">
          {t('week.range', { from: formatDate(monday, lang), to: formatDate(addDays(monday, 6), lang) })}
        </span>
        <Link to="/learning/me/week" search={{ from: addDays(monday, 7) }} className="button button--secondary">
          {t('week.next')}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <div className="l-week" aria-busy={busy}>
        {days.map((day) => {
          const list = lessons.filter((l) => l.date === day);
          return (
            <section key={day} className={`card l-weekday${day === today ? ' l-weekday--today' : ''}`} aria-labelledby={`tw-${day}`}>
              <h2 id={`tw-${day}`}>
                {longDay(t, day, lang)}
                {day === today && <span className="badge">{t('nav.today')}</span>}
              </h2>
              {list.length === 0 ? (
                <p className="muted">{t('week.noLessons')}</p>
              ) : (
                <ol className="l-teacher-day">
                  {list.map((l) => (
                    <li key={l.id} className={l.cancelled ? 'l-tlesson l-tlesson--cancelled' : 'l-tlesson'}>
                      <span className="l-lesson__time">
                        {l.periodNumber !== null && <span className="l-lesson__n">{l.periodNumber}</span>}
                        {timeRange(l.startsAt, l.endsAt, l.timeZone)}
                      </span>
                      <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.id }} className="l-tlesson__what">
                        {l.class.name} · {localised(l.subject.name, lang)}
                      </Link>
                      <DeliveryBadge kind={l.delivery} />
                      {l.cancelled && <span className="l-badge l-badge--cancelled">{t('lesson.cancelled')}</span>}
                      {l.homeworkCount > 0 && <span className="badge">{t('teacherWeek.homework')}</span>}
                      {l.topic && <span className="muted l-tlesson__topic">{l.topic}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
    </>
  );
}
