import { useEffect, useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { ErrorNotice, Loading, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { useTitle } from '../../ui/useTitle.js';
import { fetchMyPass, giveConsent, meAccessQuery, myRecordsQuery, reportMissing, type HealthRecord, type ReportBody } from './api.js';
import { formatDateTime, toLocalInput } from './format.js';
import { savedDataAsOf, subscribeAsOf } from '../../api/as-of.js';
import { QrImage } from './QrImage.js';
import { MyGatePhoto } from './GateExtras.js';
import { loadPass, passExpired, savePass, type StoredPass } from './store.js';
import './access.css';
import { type RecordField, recordProblems } from './record-check.js';
import { FieldError } from './FieldError.js';
import { DateTimeInput, FileInput } from '../../ui/controls.js';

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
  // an answer from the service worker's saved copy is not a fresh pass: keep the stored one and its time
  const fromSavedCopy = useSyncExternalStore(subscribeAsOf, savedDataAsOf) !== null;
  useEffect(() => {
    if (pass.data && !fromSavedCopy) setStored(savePass(personId, pass.data, new Date(pass.dataUpdatedAt)));
  }, [pass.data, pass.dataUpdatedAt, personId, fromSavedCopy]);
  const now = useNow(30_000);
  const offline = fromSavedCopy || pass.isError || pass.fetchStatus === 'paused' || access.fetchStatus === 'paused' || (access.isError && !access.data);

  if (access.data && access.data.organisations.length === 0) {
    return (
      <>
        <h1>{t('pass.title')}</h1>
        <p>{t('pass.noCampus')}</p>
      </>
    );
  }
  if (access.data && !access.data.consent)
    return (
      <>
        <h1>{t('pass.title')}</h1>
        <Consent />
      </>
    );
  return (
    <div className="access-pass-page">
      <h1>{t('pass.title')}</h1>
      {stored ? (
        <PassCard pass={stored} now={now} offline={offline} onRefresh={() => void pass.refetch()} refreshing={pass.isFetching} />
      ) : pass.isError ? (
        <ErrorNotice error={pass.error} onRetry={() => void pass.refetch()} />
      ) : offline ? (
        <p className="notice" role="status">
          {t('pass.none')}
        </p>
      ) : (
        <Loading />
      )}
      {access.data?.status && (
        <p className="muted">
          {access.data.status.basis && t('pass.statusBasis', { basis: t(`basis.${access.data.status.basis}`) })}
          {access.data.status.validUntil && <> · {t('pass.statusUntil', { date: formatDateTime(access.data.status.validUntil, me.language) })}</>}
        </p>
      )}
      <MyGatePhoto name={stored?.holderName ?? ''} />
      <MyRecords />
      {access.data && access.data.organisations[0] && <ReportForm organisationId={access.data.organisations[0].id} />}
    </div>
  );
}

function PassCard({
  pass,
  now,
  offline,
  onRefresh,
  refreshing,
}: {
  pass: StoredPass;
  now: Date;
  offline: boolean;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const { t, i18n } = useTranslation('access');
  const expired = passExpired(pass, now);
  return (
    <section className={`card access-pass access-pass--${expired ? 'expired' : pass.status}`} aria-labelledby="access-pass-name">
      <p className={`access-badge access-badge--${pass.status}`} role="status">
        {t(`status.${pass.status}`)}
      </p>
      <h2 id="access-pass-name" className="access-pass__name">
        {pass.holderName}
      </h2>
      {offline && !expired && (
        <p className="notice" role="status">
          {t('pass.offline')}
        </p>
      )}
      {expired ? (
        <p className="notice notice--error" role="alert">
          {t('pass.expired')}
        </p>
      ) : (
        <QrImage text={pass.pass} alt={t('pass.qrAlt', { name: pass.holderName })} />
      )}
      <p className="access-pass__valid">{t('pass.validUntil', { time: formatDateTime(pass.expiresAt, i18n.language) })}</p>
      <p className="muted">{t('pass.asOf', { time: formatDateTime(pass.fetchedAt, i18n.language) })}</p>
      <p className="muted">{t('pass.intro')}</p>
      <button type="button" className="button button--secondary" onClick={onRefresh} disabled={refreshing}>
        {t('pass.refresh')}
      </button>
    </section>
  );
}

function Consent() {
  const { t } = useTranslation('access');
  const qc = useQueryClient();
  const consent = useMutation({
    mutationFn: giveConsent,
    onSuccess: (data) => {
      qc.setQueryData(meAccessQuery.queryKey, data);
    },
  });
  return (
    <Section title={t('pass.consentTitle')}>
      <p>{t('pass.consentText')}</p>
      <button type="button" className="button" disabled={consent.isPending} onClick={() => consent.mutate()}>
        {t('pass.consentButton')}
      </button>
      {consent.isError && <ErrorNotice error={consent.error} />}
    </Section>
  );
}

/** One record in a line: kind, date, and the vaccine and dose or the test and result. */
export function RecordLine({ r }: { r: HealthRecord }) {
  const { t, i18n } = useTranslation('access');
  const what =
    r.kind === 'vaccination'
      ? `${r.product ?? ''}, ${t('dose', { n: r.doseNumber, of: r.seriesDoses })}`
      : r.kind === 'test'
        ? `${r.testKind ? t(`testKinds.${r.testKind}`) : ''}: ${r.result ? t(`results.${r.result}`) : ''}`
        : '';
  return (
    <>
      <strong>{t(`kinds.${r.kind}`)}</strong> · {formatDateTime(r.occurredAt, i18n.language)}
      {what && <> · {what}</>}
      {r.state !== 'confirmed' && (
        <>
          {' '}
          · <em>{t(`recordState.${r.state}`)}</em>
        </>
      )}
    </>
  );
}

function MyRecords() {
  const { t } = useTranslation('access');
  const records = useQuery(myRecordsQuery);
  return (
    <Section title={t('pass.records')}>
      <QueryView query={records}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('pass.noRecords')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((r) => (
                <li key={r.id}>
                  <RecordLine r={r} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

const DOCUMENT_MAX = 512 * 1024;

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** A record the health system does not have (a dose abroad, a test at a private lab), with its document; the health officer decides. */
function ReportForm({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ReportBody['kind']>('vaccination');
  const [at, setAt] = useState(() => toLocalInput(new Date()));
  const [product, setProduct] = useState('');
  const [dose, setDose] = useState('1');
  const [series, setSeries] = useState('2');
  const [testKind, setTestKind] = useState<'pcr' | 'antigen'>('pcr');
  const [result, setResult] = useState<'negative' | 'positive'>('negative');
  const [wrong, setWrong] = useState<RecordField[]>([]);
  const problem = (f: RecordField) =>
    wrong.includes(f)
      ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${f}-error`, error: <FieldError id={`${id}-${f}-error`} field={f} /> }
      : { error: null };
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const tooLarge = file !== null && file.size > DOCUMENT_MAX;
  const send = useMutation({
    mutationFn: async () => {
      const when = new Date(at);
      const body: ReportBody = { organisationId, kind, occurredAt: Number.isNaN(when.getTime()) ? at : when.toISOString() };
      if (kind === 'vaccination') Object.assign(body, { product: product.trim() || undefined, doseNumber: Number(dose), seriesDoses: Number(series) });
      if (kind === 'test') Object.assign(body, { testKind, result });
      if (note.trim()) body.note = note.trim();
      if (file) {
        const type = file.type as 'application/pdf' | 'image/jpeg' | 'image/png';
        body.document = { name: file.name.slice(0, 200) || 'document', type, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
      }
      return reportMissing(body);
    },
    onSuccess: () => {
      setNote('');
      setFile(null);
      void qc.invalidateQueries({ queryKey: myRecordsQuery.queryKey });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = recordProblems({ kind, at, product, dose, series });
    setWrong(bad);
    if (!tooLarge && bad.length === 0) send.mutate();
  };
  return (
    <Section title={t('pass.report')}>
      <form className="access-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-k`}>{t('health.kind')}</label>
          <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {(['vaccination', 'test', 'recovery'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-d`}>{t('health.date')}</label>
          <DateTimeInput id={`${id}-d`} value={at} onChange={setAt} />
          {problem('at').error}
        </div>
        {kind === 'vaccination' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-p`}>{t('health.product')}</label>
              <input
                id={`${id}-p`}
                value={product}
                onChange={(e) => setProduct(e.target.value)}
                maxLength={100}
                aria-invalid={problem('product')['aria-invalid']}
                aria-describedby={problem('product')['aria-describedby']}
              />
              {problem('product').error}
            </div>
            <div className="field">
              <label htmlFor={`${id}-n`}>{t('health.doseNumber')}</label>
              <input
                id={`${id}-n`}
                type="text"
                inputMode="numeric"
                value={dose}
                onChange={(e) => setDose(e.target.value)}
                aria-invalid={problem('dose')['aria-invalid']}
                aria-describedby={problem('dose')['aria-describedby']}
              />
              {problem('dose').error}
            </div>
            <div className="field">
              <label htmlFor={`${id}-s`}>{t('health.seriesDoses')}</label>
              <input
                id={`${id}-s`}
                type="text"
                inputMode="numeric"
                value={series}
                onChange={(e) => setSeries(e.target.value)}
                aria-invalid={problem('series')['aria-invalid']}
                aria-describedby={problem('series')['aria-describedby']}
              />
              {problem('series').error}
            </div>
          </>
        )}
        {kind === 'test' && (
          <>
            <div className="field">
              <label htmlFor={`${id}-tk`}>{t('health.testKind')}</label>
              <select id={`${id}-tk`} value={testKind} onChange={(e) => setTestKind(e.target.value as typeof testKind)}>
                {(['pcr', 'antigen'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`testKinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-r`}>{t('health.result')}</label>
              <select id={`${id}-r`} value={result} onChange={(e) => setResult(e.target.value as typeof result)}>
                {(['negative', 'positive'] as const).map((k) => (
                  <option key={k} value={k}>
                    {t(`results.${k}`)}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor={`${id}-note`}>{t('pass.reportNote')}</label>
          <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f`}>{t('pass.reportDocument')}</label>
          <FileInput id={`${id}-f`} accept="application/pdf,image/jpeg,image/png" onFiles={(files) => setFile(files[0] ?? null)} />
        </div>
        {tooLarge && (
          <p className="notice notice--error" role="alert">
            {t('pass.reportTooLarge')}
          </p>
        )}
        <button type="submit" className="button" disabled={send.isPending || tooLarge}>
          {t('pass.reportSend')}
        </button>
        {send.isSuccess && <p role="status">{t('pass.reportSent')}</p>}
        {send.isError && <ErrorNotice error={send.error} />}
      </form>
    </Section>
  );
}
