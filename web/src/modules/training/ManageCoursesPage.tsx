import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { coursesQuery, withdrawCertificate } from './api.js';
import './training.css';

function WithdrawForm() {
  const { t } = useTranslation('training');
  const id = useId();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const withdraw = useMutation({ mutationFn: () => withdrawCertificate(code.trim(), reason.trim()) });
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('manage.withdrawTitle')}</h2>
      <form
        className="training-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          withdraw.mutate();
        }}
      >
        <label htmlFor={`${id}-code`}>{t('manage.code')}</label>
        <input id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} autoComplete="off" />
        <label htmlFor={`${id}-reason`}>{t('manage.reason')}</label>
        <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} rows={3} />
        <button type="submit" className="button" disabled={withdraw.isPending || !code.trim() || !reason.trim()}>
          {t('manage.withdraw')}
        </button>
      </form>
      {withdraw.isSuccess && <p role="status">{t('manage.withdrawn', { code: withdraw.data.code })}</p>}
      {withdraw.isError && <ErrorNotice error={withdraw.error} />}
    </section>
  );
}

/** The ministry's courses: a link to each course's editor, and the withdrawal of a certificate. */
export function ManageCoursesPage() {
  const { t, i18n } = useTranslation('training');
  useTitle(t('manage.title'));
  const courses = useQuery(coursesQuery);
  return (
    <>
      <h1>{t('manage.title')}</h1>
      <QueryView query={courses} heading={t('manage.title')}>
        {(c) => (
          <ul className="plain-list training-list">
            {c.courses.map((x) => (
              <li key={x.id} className="card training-card">
                {/* h2: straight under the page's h1 (a skipped level leaves screen-reader users wondering what they missed) */}
                <h2 className="training-card__title">{localised(x.title, i18n.language)}</h2>
                <Link className="button button--secondary" to="/training/courses/$courseId/edit" params={{ courseId: x.id }}>
                  {t('manage.edit', { title: localised(x.title, i18n.language) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <WithdrawForm />
    </>
  );
}
