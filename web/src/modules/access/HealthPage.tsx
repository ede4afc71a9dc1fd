import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Pager } from '../../ui/Pager.js';
import { Section } from '../../ui/Section.js';
import { formatDate } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import {
  batchesQuery,
  decideReport,
  enterRecord,
  exemptionsQuery,
  importBatch,
  overviewQuery,
  personRecordsQuery,
  reportsQuery,
  revokeHolder,
  type OfficerRecordBody,
  type Overview,
} from './api.js';
import { formatDateTime, toLocalInput } from './format.js';
import { RecordLine } from './MyPassPage.js';
import { ExemptionForms, Fevers } from './GateExtras.js';
import './access.css';
import { type RecordField, recordProblems } from './record-check.js';
import { FieldError } from './FieldError.js';
import { DateTimeInput, FileInput } from '../../ui/controls.js';

const PAGE_SIZE = 20;
type Person = Overview['people'][number];
const personName = (p: Person['person']) => `${p.lastName} ${p.firstName}`;

/**
 * The health officer of one organisation: people by status (never which record made it), a
 * person's records with a form to enter one by hand, reported records to decide, imports from the
 * health system, exemptions. Anyone else gets the server's 404.
 */
export function HealthPage({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  useTitle(t('health.title'));
  const overview = useQuery(overviewQuery(organisationId));
  return (
    <div className="access-health">
      <QueryView query={overview} heading={t('health.title')}>
        {(o) => (
          <>
            <h1>{t('health.title')}</h1>
            <p role="status">{t('health.counts', { admitted: o.counts.admitted, notAdmitted: o.counts.not_admitted, noData: o.counts.no_data })}</p>
            <People organisationId={organisationId} people={o.people} />
            <ExemptionForms organisationId={organisationId} people={o.people} />
          </>
        )}
      </QueryView>
      <Reports organisationId={organisationId} />
      <Import organisationId={organisationId} />
      <Exemptions organisationId={organisationId} />
      <Fevers organisationId={organisationId} />
    </div>
  );
}

function People({ organisationId, people }: { organisationId: number; people: Person[] }) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | Person['status']>('');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const shown = useMemo(() => {
    const needle = q.trim().toLocaleLowerCase();
    return people.filter((p) => (!status || p.status === status) && (!needle || personName(p.person).toLocaleLowerCase().includes(needle)));
  }, [people, q, status]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const slice = shown.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  return (
    <Section title={t('health.people')}>
      <div className="access-filters">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('health.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('health.filter')}</label>
          <select
            id={`${id}-s`}
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as typeof status);
              setPage(1);
            }}
          >
            <option value="">{t('health.all')}</option>
            {(['admitted', 'not_admitted', 'no_data'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ul className="access-people">
        {slice.map((p) => (
          <li key={p.person.id}>
            <span className="access-people__name">{personName(p.person)}</span>
            <span className={`access-badge access-badge--${p.status}`}>{t(`status.${p.status}`)}</span>
            {p.validUntil && (
              <span className="muted">
                {t('health.validUntil')} {formatDateTime(p.validUntil, i18n.language)}
              </span>
            )}
            <button
              type="button"
              className="button button--secondary"
              aria-expanded={open === p.person.id}
              onClick={() => setOpen(open === p.person.id ? null : p.person.id)}
            >
              {open === p.person.id ? t('health.close') : t('health.open')}
              <span className="visually-hidden">: {personName(p.person)}</span>
            </button>
            {open === p.person.id && <PersonPanel organisationId={organisationId} person={p} />}
          </li>
        ))}
      </ul>
      <Pager page={current} pageSize={PAGE_SIZE} total={shown.length} onChange={setPage} />
    </Section>
  );
}

function PersonPanel({ organisationId, person }: { organisationId: number; person: Person }) {
  const { t } = useTranslation('access');
  const records = useQuery(personRecordsQuery(organisationId, person.person.id));
  return (
    <div className="access-panel">
      <h3>{t('health.recordsOf', { name: personName(person.person) })}</h3>
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
      <RecordForm organisationId={organisationId} personId={person.person.id} />
      <RevokeForm organisationId={organisationId} personId={person.person.id} />
    </div>
  );
}

function RecordForm({ organisationId, personId }: { organisationId: number; personId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [kind, setKind] = useState<OfficerRecordBody['kind']>('test');
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
  const save = useMutation({
    mutationFn: () => {
      const when = new Date(at);
      const body: OfficerRecordBody = { personId, kind, occurredAt: Number.isNaN(when.getTime()) ? at : when.toISOString() };
      if (kind === 'vaccination') Object.assign(body, { product: product.trim() || undefined, doseNumber: Number(dose), seriesDoses: Number(series) });
      if (kind === 'test') Object.assign(body, { testKind, result });
      return enterRecord(organisationId, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const bad = recordProblems({ kind, at, product, dose, series });
    setWrong(bad);
    if (bad.length === 0) save.mutate();
  };
  return (
    <form className="access-form" onSubmit={submit} aria-labelledby={`${id}-h`} noValidate>
      <h4 id={`${id}-h`}>{t('health.addRecord')}</h4>
      <div className="field">
        <label htmlFor={`${id}-k`}>{t('health.kind')}</label>
        <select id={`${id}-k`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          {(['test', 'vaccination', 'recovery'] as const).map((k) => (
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
              list={`${id}-pl`}
              aria-invalid={problem('product')['aria-invalid']}
              aria-describedby={problem('product')['aria-describedby']}
            />
            <datalist id={`${id}-pl`}>
              {['Sputnik V', 'QazVac', 'Hayat-Vax', 'CoronaVac', 'Pfizer-BioNTech'].map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
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
      <button type="submit" className="button" disabled={save.isPending}>
        {t('health.save')}
      </button>
      {save.isSuccess && <p role="status">{t('health.saved')}</p>}
      {save.isError && <ErrorNotice error={save.error} />}
    </form>
  );
}

function RevokeForm({ organisationId, personId }: { organisationId: number; personId: number }) {
  const { t } = useTranslation('access');
  const id = useId();
  const [reason, setReason] = useState('');
  const revoke = useMutation({ mutationFn: () => revokeHolder(organisationId, personId, reason.trim()) });
  return (
    <form
      className="access-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) revoke.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-r`}>{t('health.revokeReason')}</label>
        <input id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
      <button type="submit" className="button button--secondary" disabled={revoke.isPending || !reason.trim()}>
        {t('health.revoke')}
      </button>
      {revoke.isSuccess && <p role="status">{t('health.revoked')}</p>}
      {revoke.isError && <ErrorNotice error={revoke.error} />}
    </form>
  );
}

function Reports({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('access');
  const qc = useQueryClient();
  const reports = useQuery(reportsQuery(organisationId));
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'confirm' | 'reject' }) => decideReport(id, decision),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] }),
  });
  return (
    <Section title={t('health.reports')}>
      <QueryView query={reports}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('health.noReports')}</p>
          ) : (
            <ul className="access-people">
              {data.items.map((r) => (
                <li key={r.id}>
                  <span className="access-people__name">
                    <strong>{personName(r.person)}</strong>: <RecordLine r={r} />
                    {r.reportedNote && <> — {r.reportedNote}</>}
                  </span>
                  {r.hasDocument && <a href={`/api/access/records/${r.id}/document`}>{t('health.document')}</a>}
                  <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate({ id: r.id, decision: 'confirm' })}>
                    {t('health.confirm')}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={decide.isPending}
                    onClick={() => decide.mutate({ id: r.id, decision: 'reject' })}
                  >
                    {t('health.reject')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {decide.isError && <ErrorNotice error={decide.error} />}
    </Section>
  );
}

function Import({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('access');
  const id = useId();
  const qc = useQueryClient();
  const [format, setFormat] = useState<'csv' | 'fhir'>('csv');
  const [source, setSource] = useState('');
  const [content, setContent] = useState('');
  const batches = useQuery(batchesQuery(organisationId));
  const run = useMutation({
    mutationFn: () => importBatch(organisationId, { format, source: source.trim(), content }),
    onSuccess: () => {
      setContent('');
      void qc.invalidateQueries({ queryKey: ['access', 'org', organisationId] });
    },
  });
  return (
    <Section title={t('health.import')}>
      <form
        className="access-form"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-f`}>{t('health.format')}</label>
          <select id={`${id}-f`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="csv">CSV</option>
            <option value="fhir">FHIR (JSON)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-s`}>{t('health.source')}</label>
          <input id={`${id}-s`} value={source} onChange={(e) => setSource(e.target.value)} maxLength={200} required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t('health.file')}</label>
          <FileInput
            id={`${id}-file`}
            accept=".csv,.json,text/csv,application/json,application/fhir+json"
            onFiles={(files) => {
              const f = files[0];
              if (f) void f.text().then(setContent);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-c`}>{t('health.content')}</label>
          <textarea id={`${id}-c`} rows={4} value={content} onChange={(e) => setContent(e.target.value)} spellCheck={false} />
        </div>
        <button type="submit" className="button" disabled={run.isPending || !content.trim() || !source.trim()}>
          {t('health.importButton')}
        </button>
        {run.isSuccess && <p role="status">{t('health.imported', { count: run.data.imported })}</p>}
        {run.isError && <ErrorNotice error={run.error} />}
      </form>
      <QueryView query={batches}>
        {(data) => (
          <ul className="plain-list">
            {data.items.slice(0, 10).map((b) => (
              <li key={b.id}>
                {formatDateTime(b.importedAt, i18n.language)} · {b.source} · {b.format.toUpperCase()} · {b.recordCount}
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </Section>
  );
}

function Exemptions({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('access');
  const list = useQuery(exemptionsQuery(organisationId));
  return (
    <Section title={t('health.exemptions')}>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('health.noExemptions')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((e) => (
                <li key={e.id}>
                  {t('health.exemptionLine', {
                    name: personName(e.person),
                    from: formatDate(e.validFrom.slice(0, 10), i18n.language),
                    until: formatDate(e.validUntil.slice(0, 10), i18n.language),
                  })}
                  {' — '}
                  {e.reason}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}
