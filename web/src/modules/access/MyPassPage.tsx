import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { ErrorNotice, Loading, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { fetchMyPass, giveConsent, meAccessQuery, myRecordsQuery, type HealthRecord } from './api.js';
import { formatDateTime } from './format.js';
import { QrImage } from './QrImage.js';
import { loadPass, passExpired, savePass, type StoredPass } from './store.js';
import './access.css';

/** Refreshed this often while the page is open and online (a pass lives 24 h by default). */
const REFRESH_MS = 10 * 60_000;

function useNow(everyMs: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The student's or staff member's pass: fetched whenever online, kept on the phone and shown from
 * there offline (with the time it was current) until it expires; a large QR code for the gate.
 */
export function MyPassPage({ me }: { me: Me }) {
  const { t } = useTranslation('access');
  useTitle(t('pass.title'));
  const personId = me.person.id;
  const access = useQuery(meAccessQuery);
  const [stored, setStored] = useState<StoredPass | null>(() => loadPass(personId));
  const consented = access.data ? access.data.consent && access.data.organisations.length > 0 : stored !== null;
  const pass = useQuery({
    queryKey: ['access', 'me', 'pass', personId],
    queryFn: ({ signal }) => fetchMyPass(signal),
    enabled: consented,
    refetchInterval: REFRESH_MS,
    refetchOnReconnect: true,
    retry: 1,
  });
  useEffect(() => {
    if (pass.data) setStored(savePass(personId, pass.data, new Date(pass.dataUpdatedAt)));
  }, [pass.data, pass.dataUpdatedAt, personId]);
  const now = useNow(30_000);
  const offline = pass.isError || pass.fetchStatus === 'paused' || access.fetchStatus === 'paused' || (access.isError && !access.data);

  if (access.data && access.data.organisations.length === 0) {
    return <><h1>{t('pass.title')}</h1><p>{t('pass.noCampus')}</p></>;
  }
  if (access.data && !access.data.consent) return <><h1>{t('pass.title')}</h1><Consent /></>;
  return (
    <div className="access-pass-page">
      <h1>{t('pass.title')}</h1>
      {stored ? <PassCard pass={stored} now={now} offline={offline} onRefresh={() => void pass.refetch()} refreshing={pass.isFetching} />
        : pass.isError ? <ErrorNotice error={pass.error} onRetry={() => void pass.refetch()} />
          : offline ? <p className="notice" role="status">{t('pass.none')}</p> : <Loading />}
      {access.data?.status && (
        <p className="muted">
          {access.data.status.basis && t('pass.statusBasis', { basis: t(`basis.${access.data.status.basis}`) })}
          {access.data.status.validUntil && <> · {t('pass.statusUntil', { date: formatDateTime(access.data.status.validUntil, me.language) })}</>}
        </p>
      )}
      <MyRecords />
    </div>
  );
}

function PassCard({ pass, now, offline, onRefresh, refreshing }: { pass: StoredPass; now: Date; offline: boolean; onRefresh: () => void; refreshing: boolean }) {
  const { t, i18n } = useTranslation('access');
  const expired = passExpired(pass, now);
  return (
    <section className={`card access-pass access-pass--${expired ? 'expired' : pass.status}`} aria-labelledby="access-pass-name">
      <p className={`access-badge access-badge--${pass.status}`} role="status">{t(`status.${pass.status}`)}</p>
      <h2 id="access-pass-name" className="access-pass__name">{pass.holderName}</h2>
      {offline && !expired && <p className="notice" role="status">{t('pass.offline')}</p>}
      {expired
        ? <p className="notice notice--error" role="alert">{t('pass.expired')}</p>
        : <QrImage text={pass.pass} alt={t('pass.qrAlt', { name: pass.holderName })} />}
      <p className="access-pass__valid">{t('pass.validUntil', { time: formatDateTime(pass.expiresAt, i18n.language) })}</p>
      <p className="muted">{t('pass.asOf', { time: formatDateTime(pass.fetchedAt, i18n.language) })}</p>
      <p className="muted">{t('pass.intro')}</p>
      <button type="button" className="button button--secondary" onClick={onRefresh} disabled={refreshing}>{t('pass.refresh')}</button>
    </section>
  );
}

function Consent() {
  const { t } = useTranslation('access');
  const qc = useQueryClient();
  const consent = useMutation({ mutationFn: giveConsent, onSuccess: (data) => { qc.setQueryData(meAccessQuery.queryKey, data); } });
  return (
    <Section title={t('pass.consentTitle')}>
      <p>{t('pass.consentText')}</p>
      <button type="button" className="button" disabled={consent.isPending} onClick={() => consent.mutate()}>{t('pass.consentButton')}</button>
      {consent.isError && <ErrorNotice error={consent.error} />}
    </Section>
  );
}

/** One record in a line: kind, date, and the vaccine and dose or the test and result. */
export function RecordLine({ r }: { r: HealthRecord }) {
  const { t, i18n } = useTranslation('access');
  const what = r.kind === 'vaccination' ? `${r.product ?? ''}, ${t('dose', { n: r.doseNumber, of: r.seriesDoses })}`
    : r.kind === 'test' ? `${r.testKind ? t(`testKinds.${r.testKind}`) : ''}: ${r.result ? t(`results.${r.result}`) : ''}` : '';
  return (
    <>
      <strong>{t(`kinds.${r.kind}`)}</strong> · {formatDateTime(r.occurredAt, i18n.language)}{what && <> · {what}</>}
      {r.state !== 'confirmed' && <> · <em>{t(`recordState.${r.state}`)}</em></>}
    </>
  );
}

function MyRecords() {
  const { t } = useTranslation('access');
  const records = useQuery(myRecordsQuery);
  return (
    <Section title={t('pass.records')}>
      <QueryView query={records}>
        {(data) => data.items.length === 0 ? <p>{t('pass.noRecords')}</p> : (
          <ul className="plain-list">{data.items.map((r) => <li key={r.id}><RecordLine r={r} /></li>)}</ul>
        )}
      </QueryView>
    </Section>
  );
}
