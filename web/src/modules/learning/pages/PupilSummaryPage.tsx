import { useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatNumber, fullName, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { paperUrl, summaryQuery, type Summary } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { PupilNav } from '../components/PupilNav.js';
import { PaperLink, Papers } from '../components/Papers.js';
import { ResultText } from '../components/Result.js';
import { dayMonth } from '../time.js';
import { markText, termName } from '../format.js';
import '../learning.css';

/** A pupil's marks per subject with the term result, and attendance: what a parent checks each week. */
export default function PupilSummaryPage({ pupilId, termId }: { pupilId: number; termId?: number }) {
  const { t } = useTranslation('learning');
  const summary = useQuery({ ...summaryQuery(pupilId, termId), enabled: pupilId > 0 });
  useTitle(t('summary.title'));
  return (
    <>
      <Crumbs />
      <QueryView query={summary} heading={t('summary.title')}>
        {(data) => <SummaryView data={data} pupilId={pupilId} />}
      </QueryView>
    </>
  );
}

function SummaryView({ data, pupilId }: { data: Summary; pupilId: number }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const navigate = useNavigate();
  const a = data.attendance;
  return (
    <>
      <h1>{t('summary.title')}</h1>
      <p className="lead">{fullName(data.pupil)}</p>
      <PupilNav pupilId={pupilId} current="marks" />
      {data.terms.length > 0 && (
        <div className="field l-term-picker">
          <label htmlFor="l-term">{t('summary.term')}</label>
          <select
            id="l-term"
            value={data.term?.id ?? ''}
            onChange={(e) => void navigate({ to: '/learning/pupils/$pupilId/marks', params: { pupilId }, search: { termId: Number(e.target.value) } })}
          >
            {data.terms.map((term) => (
              <option key={term.id} value={term.id}>
                {termName(t, term)}
              </option>
            ))}
          </select>
        </div>
      )}
      <section className="card" aria-labelledby="l-sum-marks">
        <h2 id="l-sum-marks">{t('summary.marks')}</h2>
        {data.subjects.length === 0 ? (
          <p>{t('summary.noSubjects')}</p>
        ) : (
          <ul className="l-subjects">
            {data.subjects.map((s) => {
              const name = localised(s.subject.name, lang);
              return (
                <li key={s.subject.id} className="l-subject">
                  <div className="l-subject__head">
                    <h3 className="l-subject__name">{name}</h3>
                    <ResultText result={s.result} />
                  </div>
                  {s.marks.length === 0 ? (
                    <p className="muted">{t('summary.noMarks')}</p>
                  ) : (
                    <ul className="l-marks" aria-label={t('summary.marksOf', { subject: name })}>
                      {s.marks.map((m) => (
                        <li key={`${m.lessonId}-${m.homeworkId ?? 'c'}`} className={`l-markchip l-markchip--${m.kind}`}>
                          <span className="l-markchip__score">{markText(m)}</span>
                          <span className="l-markchip__meta">
                            {dayMonth(m.date)}
                            {m.kind !== 'formative' && <> · {t(`assessmentShort.${m.kind}`)}</>}
                            {m.homeworkId !== null && <> · {t('summary.homeworkShort')}</>}
                          </span>
                          {m.comment && <span className="visually-hidden"> — {m.comment}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                  {s.attendance.absent + s.attendance.late + s.attendance.excused > 0 && (
                    <p className="muted l-subject__att">
                      {t('summary.attendanceLine', {
                        absent: formatNumber(s.attendance.absent, lang),
                        late: formatNumber(s.attendance.late, lang),
                        excused: formatNumber(s.attendance.excused, lang),
                      })}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="l-sum-att">
        <h2 id="l-sum-att">{t('summary.attendance')}</h2>
        <dl className="l-att-totals">
          {(['present', 'absent', 'late', 'excused'] as const).map((k) => (
            <div key={k}>
              <dt>{t(`attendance.${k}`)}</dt>
              <dd>{formatNumber(a[k], lang)}</dd>
            </div>
          ))}
        </dl>
        {a.recent.length > 0 && (
          <>
            <h3>{t('summary.recent')}</h3>
            <ul className="l-recent">
              {a.recent.map((r) => (
                <li key={`${r.lessonId}`}>
                  <span className="nowrap">{dayMonth(r.date)}</span> · {localised(r.subject.name, lang)} ·{' '}
                  <span className={`l-att l-att--${r.status}`}>{t(`attendance.${r.status}`)}</span>
                  {r.reason && <span className="muted"> — {r.reason}</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <Papers>
        <PaperLink href={paperUrl.reportCard(pupilId, data.term?.id, lang)}>{t('print.reportCard')}</PaperLink>
      </Papers>
    </>
  );
}
