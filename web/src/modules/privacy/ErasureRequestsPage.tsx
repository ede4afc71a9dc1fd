import { useId, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { fullName } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { decideErasure, organisationErasureQuery, PRIVACY_KEY, type ErasureRequest } from './api.js';
import { ErasureOutcome } from './MyDataPage.js';
import '../formats/fd.css';
import './privacy.css';

function Decide({ r }: { r: ErasureRequest }) {
  const { t } = useTranslation('privacy');
  const id = useId();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'refuse') => decideErasure(r.id, decision, note),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PRIVACY_KEY }),
  });
  const ok = note.trim().length >= 3;
  return (
    <div className="form">
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('admin.note')}</label>
        <textarea id={`${id}-n`} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {decide.isError && <ErrorNotice error={decide.error} />}
      <p className="fd-actions">
        <button type="button" className="button" disabled={!ok || decide.isPending} onClick={() => decide.mutate('approve')}>
          {t('admin.approve')}
        </button>{' '}
        <button type="button" className="button button--secondary" disabled={!ok || decide.isPending} onClick={() => decide.mutate('refuse')}>
          {t('admin.refuse')}
        </button>
      </p>
    </div>
  );
}

/** The organisation admin's erasure requests, pending first, with the retention rule and a decision form. */
export function ErasureRequestsPage({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation(['privacy', 'common']);
  useTitle(t('admin.title'));
  const list = useQuery(organisationErasureQuery(organisationId));
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('admin.title')}</h1>
      <QueryView query={list}>
        {(data) => (
          <>
            <p className="notice">{t('admin.retention', { years: data.retentionYears })}</p>
            {data.items.length === 0 ? (
              <p>{t('admin.none')}</p>
            ) : (
              <ul className="plain-list">
                {data.items.map((r) => (
                  <li key={r.id} className="card privacy-item">
                    <dl className="facts">
                      <dt>{t('admin.about')}</dt>
                      <dd>{fullName({ ...r.person, middleName: null })}</dd>
                      <dt>{t('admin.by')}</dt>
                      <dd>{fullName({ ...r.requestedBy, middleName: null })}</dd>
                      {r.reason && (
                        <>
                          <dt>{t('admin.reason')}</dt>
                          <dd>{r.reason}</dd>
                        </>
                      )}
                    </dl>
                    <ErasureOutcome r={r} />
                    {r.status === 'pending' && <Decide r={r} />}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </>
  );
}
