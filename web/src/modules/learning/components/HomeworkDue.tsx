import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { localised } from '../../../ui/format.js';
import type { DiaryHomework } from '../api.js';
import { markText, shortWhen } from '../format.js';
import { AttachedVideos } from './Videos.js';

/** Where a piece of homework stands for the pupil: to do, overdue, sent (late), marked. */
export function SubmissionState({ submission, dueAt, now }: { submission: DiaryHomework['submission']; dueAt: string; now: string | null }) {
  const { t } = useTranslation('learning');
  if (!submission) {
    const overdue = now !== null && dueAt < now;
    return <span className={`l-state l-state--${overdue ? 'overdue' : 'todo'}`}>{overdue ? t('homework.state.overdue') : t('homework.state.todo')}</span>;
  }
  if (submission.status === 'marked' && submission.mark) {
    return <span className="l-state l-state--marked">{t('homework.state.marked', { mark: markText(submission.mark) })}</span>;
  }
  return (
    <span className={`l-state l-state--${submission.late ? 'late' : 'sent'}`}>{submission.late ? t('homework.state.sentLate') : t('homework.state.sent')}</span>
  );
}

/**
 * Homework due, soonest first: subject, title, due time at the school and its state, each linking
 * to the homework page (where it is submitted). `now` (an instant) decides what is overdue.
 */
export function HomeworkDueList({
  items,
  timeZone,
  pupilId,
  now,
  limit,
}: {
  items: DiaryHomework[];
  timeZone: string;
  pupilId: number;
  now: string | null;
  limit?: number;
}) {
  const { t, i18n } = useTranslation('learning');
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const shown = limit ? sorted.slice(0, limit) : sorted;
  if (shown.length === 0) return <p>{t('day.noHomework')}</p>;
  return (
    <ul className="l-hw-list">
      {shown.map((h) => (
        <li key={h.id} className="l-hw">
          <div className="l-hw__main">
            <span className="l-hw__subject">{localised(h.subject.name, i18n.language)}</span>
            <Link to="/learning/homework/$homeworkId" params={{ homeworkId: h.id }} search={{ pupilId }} className="l-hw__title">
              {h.title}
            </Link>
            <AttachedVideos videos={h.videos} />
          </div>
          <div className="l-hw__meta">
            <span className="muted">{t('homework.dueShort', { when: shortWhen(t, h.dueAt, timeZone) })}</span>
            <SubmissionState submission={h.submission} dueAt={h.dueAt} now={now} />
          </div>
        </li>
      ))}
    </ul>
  );
}
