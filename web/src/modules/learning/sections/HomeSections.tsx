import { useEffect } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me, RoleGrant } from '../../identity/api.js';
import { childrenQuery } from '../../identity/api.js';
import { QueryView } from '../../../ui/feedback.js';
import { Section } from '../../../ui/Section.js';
import { formatNumber, fullName, localised } from '../../../ui/format.js';
import { diaryQuery, myLessonsQuery, teachingQuery } from '../api.js';
import { DayView } from '../components/DayView.js';
import { DeliveryBadge } from '../components/LessonCard.js';
import { longDay, timeRange } from '../format.js';
import { addDays, weekStart } from '../time.js';
import { asOfHeader } from '../../../api/as-of.js';
import { buildUrl } from '../../../api/client.js';
import { startOutbox } from '../outbox.js';
import '../learning.css';

interface Props {
  grant: RoleGrant;
  me: Me;
}

/** The pupil's home is their day: lessons and how to join them, homework due, the class's news. */
export function PupilTodaySection({ me }: Props) {
  const { t, i18n } = useTranslation('learning');
  const pupilId = me.person.id;
  const diary = useQuery(diaryQuery(pupilId));
  const queryClient = useQueryClient();
  // work handed in offline on an earlier visit goes now (or when the connection returns)
  useEffect(() => startOutbox(pupilId, () => void queryClient.invalidateQueries({ queryKey: ['learning'] })), [pupilId, queryClient]);
  useKeepWeekOffline(pupilId, diary.data?.today);
  const title = diary.data ? t('day.todayTitle', { date: longDay(t, diary.data.today, i18n.language) }) : t('nav.today');
  return (
    <Section title={title}>
      <PupilLinks pupilId={pupilId} />
      <QueryView query={diary}>{(d) => <DayView diary={d} headingLevel={3} compact />}</QueryView>
    </Section>
  );
}

/** How fresh the saved week must be for it not to be fetched again. */
const WEEK_KEPT_MS = 6 * 60 * 60_000;

/**
 * The week stays readable offline (issue 8): once the service worker keeps the app (a later visit,
 * never the first visit's 2G budget), a few seconds after Today is on screen the week's diary and
 * its page's code are fetched, at most every few hours, and the worker saves both (web/public/sw.js).
 */
function useKeepWeekOffline(pupilId: number, today: string | undefined) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!today || !navigator.serviceWorker?.controller || typeof caches === 'undefined') return;
    const monday = weekStart(today);
    const range = { from: monday, to: addDays(monday, 6) };
    const timer = setTimeout(async () => {
      const saved = await caches.match(buildUrl('', `/api/learning/pupils/${pupilId}/diary`, range)).catch(() => undefined);
      const asOf = asOfHeader(saved?.headers.get('x-sabaq-as-of') ?? null);
      if (asOf !== null && Date.now() - asOf < WEEK_KEPT_MS) return;
      void import('../pages/WeekDiaryPage.js').catch(() => undefined);
      void queryClient.prefetchQuery(diaryQuery(pupilId, range));
    }, 2000);
    return () => clearTimeout(timer);
  }, [pupilId, today, queryClient]);
}

function PupilLinks({ pupilId }: { pupilId: number }) {
  const { t } = useTranslation('learning');
  return (
    <ul className="l-links">
      <li>
        <Link to="/learning/pupils/$pupilId" params={{ pupilId }}>
          {t('nav.todayFull')}
        </Link>
      </li>
      <li>
        <Link to="/learning/pupils/$pupilId/week" params={{ pupilId }}>
          {t('nav.week')}
        </Link>
      </li>
      <li>
        <Link to="/learning/pupils/$pupilId/marks" params={{ pupilId }}>
          {t('nav.marks')}
        </Link>
      </li>
    </ul>
  );
}

/** A parent: each child's day, week and marks, one click away. */
export function ParentLearningSection(_props: Props) {
  const { t } = useTranslation('learning');
  const children = useQuery(childrenQuery);
  return (
    <Section title={t('sections.parent')}>
      <QueryView query={children}>
        {(data) =>
          data.children.length === 0 ? (
            <p>{t('sections.noChildren')}</p>
          ) : (
            <ul className="plain-list">
              {data.children.map((c) => (
                <li key={c.id} className="org-card">
                  <h3 className="org-card__name">
                    {fullName(c)}
                    {c.classes.map((k) => (
                      <span key={k.id} className="badge">
                        {k.name}
                      </span>
                    ))}
                  </h3>
                  <PupilLinks pupilId={c.id} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

/** A teacher: today's lessons (to open and edit), each class and subject's journal, and work waiting to be marked. */
export function TeacherLearningSection(_props: Props) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const lessons = useQuery(myLessonsQuery());
  const teaching = useQuery(teachingQuery);
  const toMark = teaching.data?.items.reduce((n, i) => n + i.toMark, 0) ?? 0;
  return (
    <Section title={t('sections.teacher')}>
      <h3>{lessons.data ? t('sections.myDay', { date: longDay(t, lessons.data.from, lang) }) : t('sections.myDayPlain')}</h3>
      <QueryView query={lessons}>
        {(data) =>
          data.lessons.length === 0 ? (
            <p>{t('sections.noLessonsToday')}</p>
          ) : (
            <ol className="l-teacher-day">
              {data.lessons.map((l) => (
                <li key={l.id} className={l.cancelled ? 'l-tlesson l-tlesson--cancelled' : 'l-tlesson'}>
                  <span className="l-lesson__time">
                    {l.periodNumber !== null && <span className="l-lesson__n">{l.periodNumber}</span>}
                    {timeRange(l.startsAt, l.endsAt, l.timeZone)}
                  </span>
                  <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.id }} className="l-tlesson__what">
                    {l.class.name} · {localised(l.subject.name, lang)}
                  </Link>
                  <DeliveryBadge kind={l.delivery} />
                  {l.topic && <span className="muted l-tlesson__topic">{l.topic}</span>}
                </li>
              ))}
            </ol>
          )
        }
      </QueryView>
      <p>
        <Link to="/learning/me/week">{t('sections.myWeek')}</Link>
      </p>
      <h3>{t('sections.journals')}</h3>
      <QueryView query={teaching}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('sections.noTeaching')}</p>
          ) : (
            <>
              <ul className="l-pairs">
                {data.items.map((i) => (
                  <li key={`${i.class.id}:${i.subject.id}`} className="l-pair">
                    <Link to="/learning/journal" search={{ classId: i.class.id, subjectId: i.subject.id }} className="l-pair__journal">
                      <span className="visually-hidden">{t('journal.title')}: </span>
                      {i.class.name} · {localised(i.subject.name, lang)}
                    </Link>
                    <span className="l-pair__links">
                      {i.toMark > 0 ? (
                        <Link to="/learning/inbox" search={{ classId: i.class.id, subjectId: i.subject.id }}>
                          {t('sections.toMarkIn', { n: formatNumber(i.toMark, lang) })}
                        </Link>
                      ) : (
                        <span className="muted">{t('sections.nothingToMark')}</span>
                      )}
                      <Link to="/learning/classes/$classId/announcements" params={{ classId: i.class.id }}>
                        {t('sections.post')}
                        <span className="visually-hidden"> — {i.class.name}</span>
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
              <p>
                <Link to="/learning/inbox" className="button button--secondary">
                  {t('sections.inbox', { n: toMark })}
                </Link>
              </p>
            </>
          )
        }
      </QueryView>
    </Section>
  );
}

/** A homeroom teacher: their class's week and term at a glance, and announcements to it. */
export function HomeroomLearningSection(_props: Props) {
  const { t } = useTranslation('learning');
  const teaching = useQuery(teachingQuery);
  return (
    <Section title={t('sections.homeroom')}>
      <QueryView query={teaching}>
        {(data) =>
          data.homeroomClasses.length === 0 ? (
            <p>{t('sections.noHomeroom')}</p>
          ) : (
            <ul className="plain-list">
              {data.homeroomClasses.map((c) => (
                <li key={c.id} className="org-card">
                  <h3 className="org-card__name">{c.name}</h3>
                  <ul className="l-links">
                    <li>
                      <Link to="/learning/classes/$classId/summary" params={{ classId: c.id }}>
                        {t('classSummary.title')}
                      </Link>
                    </li>
                    <li>
                      <Link to="/learning/classes/$classId/announcements" params={{ classId: c.id }}>
                        {t('announcements.title')}
                      </Link>
                    </li>
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}
