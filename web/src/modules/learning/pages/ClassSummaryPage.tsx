import { useMemo } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus } from '../../../../../contracts/learning.js';
import { QueryView } from '../../../ui/feedback.js';
import { formatDate, formatNumber, fullName, localised, shortName } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { classSummaryQuery, paperUrl, type ClassSummary } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { PaperLink, Papers } from '../components/Papers.js';
import { resultShort } from '../components/Result.js';
import { termName, weekdayShort } from '../format.js';
import { addDays, dayMonth, weekStart } from '../time.js';
import '../learning.css';

/** The homeroom teacher's class summary: the week's attendance per pupil and day, totals, and the term's grades per subject. */
export default function ClassSummaryPage({ classId, from }: { classId: number; from?: string }) {
  const { t } = useTranslation('learning');
  const monday = from ? weekStart(from) : undefined;
  const summary = useQuery({ ...classSummaryQuery(classId, monday ? { from: monday, to: addDays(monday, 6) } : undefined), enabled: classId > 0 });
  useTitle(summary.data ? `${summary.data.class.name} — ${t('classSummary.title')}` : t('classSummary.title'));
  return (
    <>
      <Crumbs />
      <QueryView query={summary} heading={t('classSummary.title')}>
        {(data) => <SummaryView data={data} busy={summary.isPlaceholderData} />}
      </QueryView>
    </>
  );
}

const NOT_PRESENT = ['absent', 'late', 'excused'] as const satisfies readonly AttendanceStatus[];

function SummaryView({ data, busy }: { data: ClassSummary; busy: boolean }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const days = useMemo(() => [...new Set(data.lessons.map((l) => l.date))].sort(), [data.lessons]);
  const lessonDay = useMemo(() => new Map(data.lessons.map((l) => [l.id, l.date])), [data.lessons]);
  /** pupil → day → counts of absences, late arrivals, excused absences; and whether anything was recorded */
  const byDay = useMemo(() => {
    const m = new Map<string, Record<AttendanceStatus, number>>();
    for (const a of data.attendance) {
      const day = lessonDay.get(a.lessonId);
      if (!day) continue;
      const k = `${a.pupilId}:${day}`;
      const c = m.get(k) ?? { present: 0, absent: 0, late: 0, excused: 0 };
      c[a.status] += 1;
      m.set(k, c);
    }
    return m;
  }, [data.attendance, lessonDay]);
  const totals = new Map(data.totals.map((x) => [x.pupilId, x]));
  const results = new Map(data.results.map((r) => [`${r.pupilId}:${r.subjectId}`, r.result]));
  const classId = data.class.id;
  return (
    <>
      <h1>
        {data.class.name} — {t('classSummary.title')}
      </h1>
      <p className="l-journal-links">
        <Link to="/learning/classes/$classId/announcements" params={{ classId }}>
          {t('announcements.title')}
        </Link>
      </p>
      <nav className="l-daynav" aria-label={t('week.otherWeeks')}>
        <Link to="/learning/classes/$classId/summary" params={{ classId }} search={{ from: addDays(data.from, -7) }} className="button button--secondary">
          <span aria-hidden="true">← </span>
          {t('week.previous')}
        </Link>
        <span className="l-daynav__label" aria-live="polite">
          {t('week.range', { from: formatDate(data.from, lang), to: formatDate(data.to, lang) })}
        </span>
        <Link to="/learning/classes/$classId/summary" params={{ classId }} search={{ from: addDays(data.from, 7) }} className="button button--secondary">
          {t('week.next')}
          <span aria-hidden="true"> →</span>
        </Link>
      </nav>
      <section className="card" aria-labelledby="l-cs-att" aria-busy={busy}>
        <h2 id="l-cs-att">{t('classSummary.attendance')}</h2>
        <p className="muted">{t('classSummary.legend')}</p>
        <div className="l-grid-wrap">
          <table className="l-table">
            <caption className="visually-hidden">{t('classSummary.attendance')}</caption>
            <thead>
              <tr>
                <th scope="col" className="l-sticky">
                  {t('journal.pupil')}
                </th>
                {days.map((d) => (
                  <th key={d} scope="col" className="num">
                    {weekdayShort(t, d)}
                    <br />
                    {dayMonth(d)}
                  </th>
                ))}
                {NOT_PRESENT.map((s) => (
                  <th key={s} scope="col" className="num">
                    {t(`attendance.${s}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.pupils.map((p) => {
                const total = totals.get(p.id);
                return (
                  <tr key={p.id}>
                    <th scope="row" className="l-sticky" title={fullName(p)}>
                      {shortName(p)}
                    </th>
                    {days.map((d) => {
                      const c = byDay.get(`${p.id}:${d}`);
                      const missed = c ? NOT_PRESENT.filter((s) => c[s] > 0) : [];
                      return (
                        <td key={d} className="num">
                          {!c ? (
                            <span className="muted">—</span>
                          ) : missed.length === 0 ? (
                            <span className="l-ok" title={t('classSummary.allPresent')}>
                              ✓<span className="visually-hidden">{t('classSummary.allPresent')}</span>
                            </span>
                          ) : (
                            missed.map((s) => (
                              <span key={s} className={`l-att l-att--${s}`} title={t(`attendance.${s}`)}>
                                {t(`attLetter.${s}`)}
                                {c[s] > 1 ? c[s] : ''}
                                <span className="visually-hidden">
                                  {' '}
                                  ({t(`attendance.${s}`)}: {c[s]})
                                </span>
                              </span>
                            ))
                          )}
                        </td>
                      );
                    })}
                    {NOT_PRESENT.map((s) => (
                      <td key={s} className="num">
                        {total ? formatNumber(total[s], lang) : 0}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card" aria-labelledby="l-cs-res">
        <h2 id="l-cs-res">
          {t('classSummary.results')}
          {data.term && <> · {termName(t, data.term)}</>}
        </h2>
        <p className="muted">{t('classSummary.resultsNote')}</p>
        <div className="l-grid-wrap">
          <table className="l-table l-table--results">
            <caption className="visually-hidden">{t('classSummary.results')}</caption>
            <thead>
              <tr>
                <th scope="col" className="l-sticky">
                  {t('journal.pupil')}
                </th>
                {data.subjects.map((s) => (
                  <th key={s.id} scope="col" className="l-vhead">
                    <span>{localised(s.name, lang)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.pupils.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="l-sticky" title={fullName(p)}>
                    {shortName(p)}
                  </th>
                  {data.subjects.map((s) => {
                    const r = results.get(`${p.id}:${s.id}`);
                    const short = r ? resultShort(r) : '—';
                    return (
                      <td key={s.id} className="num">
                        <Link
                          to="/learning/journal"
                          search={{ classId, subjectId: s.id }}
                          className={`l-grade l-grade--${short}`}
                          aria-label={`${fullName(p)}, ${localised(s.name, lang)}: ${short}`}
                        >
                          {short}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <Papers>
        <li className="l-papers__note">{t('print.classMarks')}:</li>
        <PaperLink href={paperUrl.classMarks(classId, 'csv', lang, { termId: data.term?.id })}>{t('print.marksCsv')}</PaperLink>
        <PaperLink href={paperUrl.classMarks(classId, 'xlsx', lang, { termId: data.term?.id })}>{t('print.marksXlsx')}</PaperLink>
      </Papers>
    </>
  );
}
