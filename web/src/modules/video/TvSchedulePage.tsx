import { Link } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../ui/feedback.js';
import { useTitle } from '../../ui/useTitle.js';
import { formatDate } from '../../ui/format.js';
import { meQuery } from '../identity/api.js';
import { localised } from '../../ui/format.js';
import { almatyDate, almatyTime, almatyToday, myTvLessonsQuery, tvScheduleQuery, type TvSlot } from './api.js';
import './video.css';
import { DateInput } from '../../ui/controls.js';

export interface TvSearch {
  date?: string;
  week?: boolean;
  channel?: string;
  grade?: number;
  language?: 'kk' | 'ru' | 'en';
}

const GRADES = Array.from({ length: 12 }, (_, i) => i + 1);

/** The public TV lessons grid (no sign-in): a day or a week, by channel, grade and language, with each recording. */
export function TvSchedulePage({ search, onSearch }: { search: TvSearch; onSearch: (s: TvSearch) => void }) {
  const { t, i18n } = useTranslation('video');
  useTitle(t('tv.title'));
  const days = search.week ? 7 : 1;
  // no day chosen: the server's school day (the demo's pinned day in the demo), which the answer names
  const q = useQuery({ ...tvScheduleQuery(search.date, days), placeholderData: keepPreviousData });
  const date = search.date ?? q.data?.date ?? almatyToday();
  // signed in: which of my classes' lessons (taught, led, mine, my children's) each slot of the day serves
  const me = useQuery(meQuery).data;
  const mine = useQuery({ ...myTvLessonsQuery(date), enabled: !!me && !search.week });
  const lessonsOf = (slotId: number) => (mine.data?.items ?? []).filter((l) => l.slotId === slotId);
  const set = (patch: Partial<TvSearch>) => onSearch({ ...search, ...patch });
  const channels = [...new Map((q.data?.items ?? []).map((s) => [s.channel.code, s.channel.name])).entries()];
  const shown = (q.data?.items ?? []).filter(
    (s) =>
      (!search.channel || s.channel.code === search.channel) &&
      (search.grade === undefined || s.grade === search.grade) &&
      (!search.language || s.language === search.language),
  );
  const byDay = new Map<string, TvSlot[]>();
  for (const s of shown) byDay.set(almatyDate(s.startsAt, s.timeZone), [...(byDay.get(almatyDate(s.startsAt, s.timeZone)) ?? []), s]);
  return (
    <div className="video">
      <h1>{t('tv.title')}</h1>
      <p>{t('tv.intro')}</p>
      <div className="video-filters">
        <div className="field">
          <label htmlFor="tv-date">{t('tv.date')}</label>
          <DateInput
            id="tv-date"
            value={date}
            onChange={(v) => {
              if (v) set({ date: v });
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="tv-span">{t('tv.week')}</label>
          <select id="tv-span" value={search.week ? 'week' : 'day'} onChange={(e) => set({ week: e.target.value === 'week' || undefined })}>
            <option value="day">{t('tv.day')}</option>
            <option value="week">{t('tv.week')}</option>
          </select>
        </div>
        <div className="field field--wide">
          <label htmlFor="tv-channel">{t('tv.channel')}</label>
          <select id="tv-channel" value={search.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
            <option value="">{t('tv.any')}</option>
            {channels.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tv-grade">{t('tv.grade')}</label>
          <select id="tv-grade" value={search.grade ?? ''} onChange={(e) => set({ grade: e.target.value ? Number(e.target.value) : undefined })}>
            <option value="">{t('tv.any')}</option>
            {GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tv-language">{t('tv.language')}</label>
          <select id="tv-language" value={search.language ?? ''} onChange={(e) => set({ language: (e.target.value || undefined) as TvSearch['language'] })}>
            <option value="">{t('tv.any')}</option>
            {(['kk', 'ru', 'en'] as const).map((l) => (
              <option key={l} value={l}>
                {t(`languages.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--secondary" onClick={() => set({ date: undefined, week: undefined })}>
          {t('tv.today')}
        </button>
      </div>
      <QueryView query={q}>
        {() =>
          byDay.size === 0 ? (
            <p role="status">{t('tv.empty')}</p>
          ) : (
            <>
              {[...byDay].map(([day, slots]) => (
                <section key={day} className="card" aria-label={formatDate(day, i18n.language)}>
                  <h2>{formatDate(day, i18n.language)}</h2>
                  <ul className="video-list">
                    {slots.map((s) => (
                      <li key={s.id} className="tv-slot">
                        <span className="tv-slot__time">{almatyTime(s.startsAt, s.timeZone)}</span>
                        <div>
                          <strong>{s.topic}</strong>
                          <p className="video-meta">
                            {[
                              s.channel.name,
                              s.grade !== null ? t('gradeN', { grade: s.grade }) : null,
                              s.subject,
                              s.language ? t(`languages.${s.language}`) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </p>
                          {s.video?.hlsUrl && (
                            <Link to="/video/watch/$videoId" params={{ videoId: s.video.id }}>
                              {t('tv.recording')}
                            </Link>
                          )}
                          {lessonsOf(s.id).length > 0 && (
                            <ul className="plain-list tv-slot__lessons" aria-label={t('tv.servesLessons')}>
                              {lessonsOf(s.id).map((l) => (
                                <li key={l.lessonId}>
                                  <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.lessonId }}>
                                    {t('tv.lessonOf', { className: l.className, subject: localised(l.subject, i18n.language) })}
                                  </Link>
                                </li>
                              ))}
                            </ul>
                          )}
                        </div>
                      </li>
                    ))}
                  </ul>
                </section>
              ))}
            </>
          )
        }
      </QueryView>
      <p>
        <a href={`/api/video/tv-schedule/xmltv?from=${date}&days=${days}`} download>
          {t('tv.xmltv')}
        </a>
      </p>
      <p>
        <a
          href={`/api/video/tv-schedule/pdf?date=${date}&days=${days}${search.grade !== undefined ? `&grade=${search.grade}` : ''}${search.language ? `&language=${search.language}` : ''}&lang=${i18n.language === 'ru' || i18n.language === 'en' ? i18n.language : 'kk'}`}
          download
        >
          {t('tv.pdf')}
        </a>
      </p>
    </div>
  );
}
