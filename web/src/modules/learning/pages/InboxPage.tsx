import { useState } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { formatNumber, fullName, localised } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { Pager } from '../../../ui/Pager.js';
import { INBOX_PAGE_SIZE, inboxQuery, teachingQuery, type InboxFilter, type Submission } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { SubmissionReview } from '../components/SubmissionReview.js';
import { markText, shortWhen } from '../format.js';
import { useTeacherClock } from '../hooks.js';
import '../learning.css';

/**
 * The teacher's inbox: work waiting to be marked, oldest first, for all their classes or one
 * class and subject. Each item opens in place to be read and marked, so a pile of work is marked
 * without leaving the page.
 */
export default function InboxPage({ classId, subjectId, homeworkId, all, page }: InboxFilter) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const navigate = useNavigate();
  const inbox = useQuery(inboxQuery({ classId, subjectId, homeworkId, all, page }));
  // a change of filter starts again on page 1
  const go = (next: InboxFilter) => void navigate({ to: '/learning/inbox', search: { ...next, page: next.page && next.page > 1 ? next.page : undefined } });
  const teaching = useQuery(teachingQuery);
  const { timeZone } = useTeacherClock();
  const [open, setOpen] = useState<number | null>(null);
  const [marked, setMarked] = useState<Map<number, Submission>>(new Map());
  useTitle(t('inbox.title'));
  const filterValue = classId && subjectId ? `${classId}:${subjectId}` : '';
  return (
    <>
      <Crumbs />
      <h1>{t('inbox.title')}</h1>
      {teaching.data && teaching.data.items.length > 1 && (
        <div className="field l-term-picker">
          <label htmlFor="l-inbox-filter">{t('inbox.filter')}</label>
          <select
            id="l-inbox-filter"
            value={filterValue}
            onChange={(e) => {
              const [c, s] = e.target.value.split(':').map(Number);
              go(c && s ? { classId: c, subjectId: s, all } : { all });
            }}
          >
            <option value="">{t('inbox.all')}</option>
            {teaching.data.items.map((i) => (
              <option key={`${i.class.id}:${i.subject.id}`} value={`${i.class.id}:${i.subject.id}`}>
                {i.class.name} · {localised(i.subject.name, lang)} ({formatNumber(i.toMark, lang)})
              </option>
            ))}
          </select>
        </div>
      )}
      {inbox.data?.homeworks && (inbox.data.homeworks.length > 0 || homeworkId) && (
        <div className="field l-term-picker">
          <label htmlFor="l-inbox-homework">{t('inbox.homework')}</label>
          <select
            id="l-inbox-homework"
            value={homeworkId ?? ''}
            onChange={(e) => go({ classId, subjectId, all, homeworkId: Number(e.target.value) || undefined })}
          >
            <option value="">{t('inbox.allHomework')}</option>
            {inbox.data.homeworks.map((h) => (
              <option key={h.id} value={h.id}>
                {h.class.name} · {h.title} ({formatNumber(h.count, lang)})
              </option>
            ))}
          </select>
        </div>
      )}
      <label className="l-inbox__toggle">
        <input type="checkbox" checked={!all} onChange={(e) => go({ classId, subjectId, homeworkId, all: e.target.checked ? undefined : true })} />
        <span>{t('inbox.onlyWaiting')}</span>
      </label>
      <QueryView query={inbox}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="card">{all ? t('inbox.none') : t('inbox.empty')}</p>
          ) : (
            <>
              <p>{all ? t('inbox.totalAll', { total: formatNumber(data.total, lang) }) : t('inbox.total', { total: formatNumber(data.total, lang) })}</p>
              <ul className="l-inbox">
                {data.items.map((item) => {
                  const done = marked.get(item.submissionId);
                  const isOpen = open === item.submissionId;
                  const regionId = `l-review-${item.submissionId}`;
                  return (
                    <li key={item.submissionId} className={`card l-inbox__item${done ? ' l-inbox__item--done' : ''}`}>
                      <div className="l-inbox__head">
                        <div>
                          <h2 className="l-inbox__pupil">{fullName(item.pupil)}</h2>
                          <p className="l-inbox__what">
                            <span className="badge">{item.class.name}</span> {localised(item.subject.name, lang)} ·{' '}
                            <Link to="/learning/homework/$homeworkId" params={{ homeworkId: item.homework.id }}>
                              {item.homework.title}
                            </Link>
                          </p>
                          <p className="muted l-inbox__when">
                            {t('inbox.sent', { when: shortWhen(t, item.submittedAt, timeZone) })}
                            {item.late && <span className="l-badge l-badge--late">{t('submission.late')}</span>}
                            {item.attempts > 1 && <> · {t('submission.attempts', { n: item.attempts })}</>}
                          </p>
                        </div>
                        {done?.mark ? (
                          <p className="l-state l-state--marked" role="status">
                            {t('homework.state.marked', { mark: markText(done.mark) })}
                          </p>
                        ) : item.marked ? (
                          <p className="l-state l-state--marked">{t('inbox.marked')}</p>
                        ) : null}
                        <button
                          type="button"
                          className="button button--secondary"
                          aria-expanded={isOpen}
                          aria-controls={regionId}
                          onClick={() => setOpen(isOpen ? null : item.submissionId)}
                        >
                          {isOpen ? t('inbox.close') : done ? t('inbox.reopen') : t('inbox.open')}
                          <span className="visually-hidden">
                            : {fullName(item.pupil)}, {item.homework.title}
                          </span>
                        </button>
                      </div>
                      <div id={regionId} hidden={!isOpen}>
                        {isOpen && (
                          <SubmissionReview
                            submissionId={item.submissionId}
                            timeZone={timeZone}
                            onMarked={(s) => setMarked((m) => new Map(m).set(item.submissionId, s))}
                          />
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
              <Pager
                page={data.page ?? 1}
                pageSize={data.pageSize ?? INBOX_PAGE_SIZE}
                total={data.total}
                busy={inbox.isPlaceholderData}
                onChange={(p) => go({ classId, subjectId, homeworkId, all, page: p })}
              />
            </>
          )
        }
      </QueryView>
    </>
  );
}
