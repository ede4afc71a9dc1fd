import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryView } from '../../../ui/feedback.js';
import { fullName } from '../../../ui/format.js';
import { LEARNING, markSubmission, submissionQuery, unmarkSubmission, type Submission } from '../api.js';
import { LearningError } from '../errors.js';
import { SubmissionDetails } from './SubmissionDetails.js';

/**
 * The teacher's view of one submission: the work, and a form to mark it (or change the mark, or
 * take it back so the pupil may resubmit). Marking refreshes the inbox, the journal and the homework.
 */
export function SubmissionReview({
  submissionId,
  timeZone,
  onMarked,
  headingLevel = 3,
}: {
  submissionId: number;
  timeZone: string;
  onMarked?: (s: Submission) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('learning');
  const sub = useQuery(submissionQuery(submissionId));
  return (
    <QueryView query={sub}>
      {(s) => <Review s={s} timeZone={timeZone} onMarked={onMarked} headingLevel={headingLevel} title={t('review.markTitle')} />}
    </QueryView>
  );
}

function Review({
  s,
  timeZone,
  onMarked,
  headingLevel,
  title,
}: {
  s: Submission;
  timeZone: string;
  onMarked?: (s: Submission) => void;
  headingLevel: 2 | 3;
  title: string;
}) {
  const { t } = useTranslation('learning');
  const queryClient = useQueryClient();
  const scoreId = useId();
  const commentId = useId();
  const [score, setScore] = useState(s.mark ? String(s.mark.score) : '');
  const [comment, setComment] = useState(s.mark?.comment ?? '');
  const [invalid, setInvalid] = useState(false);
  const refresh = (updated: Submission) => {
    queryClient.setQueryData(submissionQuery(s.id).queryKey, updated);
    for (const key of ['journal', 'homework', 'teaching', 'diary', 'summary']) void queryClient.invalidateQueries({ queryKey: [LEARNING, key] });
    // an open inbox keeps the item in view (marked); it is gone the next time the inbox is opened
    void queryClient.invalidateQueries({ queryKey: [LEARNING, 'inbox'], refetchType: 'none' });
  };
  const mark = useMutation({
    mutationFn: (body: { score: number; comment: string | null }) => markSubmission(s.id, body),
    onSuccess: (updated) => {
      refresh(updated);
      onMarked?.(updated);
    },
  });
  const unmark = useMutation({ mutationFn: () => unmarkSubmission(s.id), onSuccess: refresh });
  const H = `h${headingLevel}` as const;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const text = score.trim();
    if (!/^\d{1,3}$/.test(text)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    unmark.reset();
    mark.mutate({ score: Number(text), comment: comment.trim() || null });
  };
  return (
    <div className="l-review">
      <p className="l-review__who">
        <strong>{fullName(s.pupil)}</strong>{' '}
        <Link to="/learning/homework/$homeworkId" params={{ homeworkId: s.homeworkId }} className="muted">
          {t('review.openHomework')}
        </Link>
      </p>
      <SubmissionDetails submission={s} timeZone={timeZone} />
      <H>{s.mark ? t('review.changeTitle') : title}</H>
      <form className="form l-review__form" onSubmit={onSubmit} noValidate>
        <div className="l-review__row">
          <div className="field l-review__score">
            <label htmlFor={scoreId}>{t('review.score')}</label>
            <input
              id={scoreId}
              inputMode="numeric"
              autoComplete="off"
              maxLength={3}
              value={score}
              onChange={(e) => setScore(e.target.value)}
              aria-invalid={invalid || mark.isError || undefined}
            />
          </div>
          <div className="field l-review__comment">
            <label htmlFor={commentId}>{t('review.comment')}</label>
            <textarea id={commentId} rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
        </div>
        {invalid && (
          <p className="form__error" role="alert">
            {t('review.scoreInvalid')}
          </p>
        )}
        {mark.isError && <LearningError error={mark.error} />}
        {unmark.isError && <LearningError error={unmark.error} />}
        {mark.isSuccess && !mark.isPending && s.status === 'marked' && (
          <p className="notice" role="status">
            {t('review.saved')}
          </p>
        )}
        {unmark.isSuccess && !unmark.isPending && s.status === 'submitted' && (
          <p className="notice" role="status">
            {t('review.returned')}
          </p>
        )}
        <div className="l-actions">
          <button type="submit" className="button" disabled={mark.isPending}>
            {mark.isPending ? t('review.saving') : t('review.save')}
          </button>
          {s.status === 'marked' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={unmark.isPending}
              onClick={() => {
                mark.reset();
                unmark.mutate();
              }}
            >
              {t('review.unmark')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
