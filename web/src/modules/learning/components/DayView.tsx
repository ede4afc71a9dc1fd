import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diary } from '../api.js';
import { zoneOr } from '../format.js';
import { schoolNow } from '../time.js';
import { AnnouncementList } from './Announcements.js';
import { HomeworkDueList } from './HomeworkDue.js';
import { LessonCard } from './LessonCard.js';

/**
 * A pupil's day: the lessons in order, the homework due, the class's announcements. The same view
 * is the pupil's home ("Today") and the page a parent opens for each child.
 */
export function DayView({ diary, headingLevel = 2, compact = false }: { diary: Diary; headingLevel?: 2 | 3; compact?: boolean }) {
  const { t } = useTranslation('learning');
  const tz = zoneOr(diary.timeZone);
  const now = schoolNow(diary.today, tz);
  const H = `h${headingLevel}` as const;
  const ids = { lessons: useId(), homework: useId(), news: useId() };
  const isToday = diary.from === diary.today;
  return (
    <div className="l-day">
      <section aria-labelledby={ids.lessons} className="l-day__block">
        <H id={ids.lessons}>{t('day.lessons')}</H>
        {diary.lessons.length === 0 ? (
          <p>{t('day.noLessons')}</p>
        ) : (
          <ol className="l-lessons">
            {diary.lessons.map((l) => (
              <li key={l.id}>
                <LessonCard lesson={l} timeZone={tz} pupilId={diary.pupil.id} compact={compact} />
              </li>
            ))}
          </ol>
        )}
      </section>
      <section aria-labelledby={ids.homework} className="l-day__block">
        <H id={ids.homework}>{isToday ? t('day.homeworkDue') : t('day.homeworkAround')}</H>
        <HomeworkDueList items={diary.homework} timeZone={tz} pupilId={diary.pupil.id} now={now} limit={compact ? 6 : undefined} />
      </section>
      <section aria-labelledby={ids.news} className="l-day__block">
        <H id={ids.news}>{t('announcements.title')}</H>
        <AnnouncementList items={diary.announcements} timeZone={tz} limit={compact ? 2 : undefined} />
      </section>
    </div>
  );
}
