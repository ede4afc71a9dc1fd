import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { endSession } from '../../app/session.js';
import { changePassword, signOutEverywhere } from './api.js';

/** Change my password (other sessions end) and sign out everywhere (this one too). */
export function AccountSection() {
  const { t } = useTranslation('privacy');
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const change = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });
  const everywhere = useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => endSession(queryClient, router, { expired: false }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    change.mutate();
  };
  return (
    <Section title={t('account.title')}>
      <form className="form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-cur`}>{t('account.current')}</label>
          <input id={`${id}-cur`} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('account.next')}</label>
          <input
            id={`${id}-new`}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={200}
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-rep`}>{t('account.repeat')}</label>
          <input
            id={`${id}-rep`}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={200}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
          />
        </div>
        {mismatch && (
          <p className="form__error" role="alert">
            {t('account.mismatch')}
          </p>
        )}
        {change.isError && <ErrorNotice error={change.error} />}
        {change.isSuccess && (
          <p className="notice" role="status">
            {t('account.changed', { count: change.data.revokedSessions })}
          </p>
        )}
        <div>
          <button type="submit" className="button" disabled={change.isPending}>
            {t('account.change')}
          </button>
        </div>
      </form>
      <h3>{t('account.everywhere')}</h3>
      <p className="muted">{t('account.everywhereHint')}</p>
      {confirming ? (
        <p className="fd-actions">
          <button type="button" className="button" disabled={everywhere.isPending} onClick={() => everywhere.mutate()}>
            {t('account.everywhereConfirm')}
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            {t('account.cancel')}
          </button>
        </p>
      ) : (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          {t('account.everywhere')}
        </button>
      )}
      {everywhere.isError && <ErrorNotice error={everywhere.error} />}
    </Section>
  );
}
