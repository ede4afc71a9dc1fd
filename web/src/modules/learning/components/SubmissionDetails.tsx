import { useTranslation } from 'react-i18next';
import type { Submission } from '../api.js';
import { fileSize, markText, shortWhen } from '../format.js';
import { fileUrl } from '../http.js';
import { isInline } from './Materials.js';

/** A submission as sent: when, late or not, how many attempts, the text, the files, and the mark with the teacher's comment. */
export function SubmissionDetails({ submission, timeZone }: { submission: Submission; timeZone: string }) {
  const { t, i18n } = useTranslation('learning');
  const s = submission;
  return (
    <div className="l-submission">
      <dl className="facts">
        <dt>{t('submission.state')}</dt>
        <dd>
          {s.status === 'marked' ? t('submission.marked') : t('submission.waiting')}
          {s.late && <span className="l-badge l-badge--late">{t('submission.late')}</span>}
        </dd>
        <dt>{t('submission.sentAt')}</dt>
        <dd>
          {shortWhen(t, s.submittedAt, timeZone)}
          {s.attempts > 1 && <span className="muted"> · {t('submission.attempts', { n: s.attempts })}</span>}
        </dd>
        {s.mark && (
          <>
            <dt>{t('submission.mark')}</dt>
            <dd>
              <span className="l-mark l-mark--big">{markText(s.mark)}</span>
              {s.mark.kind === 'formative' && <span className="muted"> / {s.mark.max}</span>}
            </dd>
            {s.mark.comment && (
              <>
                <dt>{t('submission.comment')}</dt>
                <dd className="l-pre">{s.mark.comment}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <h3 className="l-submission__h">{t('submission.answer')}</h3>
      {s.text ? <p className="l-pre l-submission__text">{s.text}</p> : <p className="muted">{t('submission.noText')}</p>}
      {s.files.length > 0 && (
        <ul className="l-materials">
          {s.files.map((f) => (
            <li key={f.id}>
              <a href={fileUrl(f.id, isInline(f.contentType))} target={isInline(f.contentType) ? '_blank' : undefined} rel="noopener">
                {f.name}
              </a>
              <span className="muted"> · {fileSize(t, f.size, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
