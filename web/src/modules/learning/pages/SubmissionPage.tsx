import { useTranslation } from 'react-i18next';
import { useTitle } from '../../../ui/useTitle.js';
import { Crumbs } from '../components/Crumbs.js';
import { SubmissionReview } from '../components/SubmissionReview.js';
import { useTeacherClock } from '../hooks.js';
import '../learning.css';

/** One submission, to read and mark (a teacher) — opened from the homework's list of pupils. */
export default function SubmissionPage({ submissionId }: { submissionId: number }) {
  const { t } = useTranslation('learning');
  const { timeZone } = useTeacherClock();
  useTitle(t('review.title'));
  return (
    <>
      <Crumbs />
      <h1>{t('review.title')}</h1>
      <section className="card">
        <SubmissionReview submissionId={submissionId} timeZone={timeZone} headingLevel={2} />
      </section>
    </>
  );
}
