import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONSENT_PURPOSES } from '../../../../contracts/privacy.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { formatDate, fullName } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { dateTimeText } from '../duty/days.js';
import { meQuery, type Me } from '../identity/api.js';
import { childrenQuery } from '../identity/api.js';
import { AccountSection } from './AccountSection.js';
import {
  EXPORT_DOWNLOAD_URL,
  giveConsent,
  myConsentsQuery,
  myErasureQuery,
  myExportQuery,
  PRIVACY_KEY,
  requestErasure,
  withdrawConsent,
  type ConsentPurpose,
  type ErasureRequest,
  type PersonalExport,
} from './api.js';
import { exportParts, MAX_ROWS_SHOWN, recordCount } from './export-view.js';
import '../formats/fd.css';
import './privacy.css';

type PersonOption = { id: number; name: string };

/** The people the signed-in person acts for: themselves and, for a parent, each child. */
function usePeople(me: Me | null | undefined): PersonOption[] {
  const isParent = me?.roles.some((g) => g.role === 'parent') ?? false;
  const children = useQuery({ ...childrenQuery, enabled: isParent });
  if (!me) return [];
  return [{ id: me.person.id, name: fullName(me.person) }, ...(children.data?.children ?? []).map((c) => ({ id: c.id, name: fullName(c) }))];
}

function ExportSection({ people }: { people: PersonOption[] }) {
  const { t, i18n } = useTranslation('privacy');
  const data = useQuery(myExportQuery);
  const nameOf = (id: number) => people.find((p) => p.id === id)?.name ?? `#${id}`;
  return (
    <Section title={t('data.title')}>
      <p>{t('data.intro')}</p>
      <p>
        <a className="button" href={EXPORT_DOWNLOAD_URL} download>
          {t('data.download')}
        </a>
      </p>
      <QueryView query={data}>
        {(body: PersonalExport) => (
          <>
            <p className="muted">{t('data.generatedAt', { at: dateTimeText(body.generatedAt, i18n.language) })}</p>
            {body.people.map((p) => (
              <div key={p.personId} className="privacy-person">
                <h3>
                  {t(p.relation === 'self' ? 'data.self' : 'data.child')}: {nameOf(p.personId)} — {t('data.records', { count: recordCount(p.modules) })}
                </h3>
                {Object.entries(p.modules).map(([module, parts]) => {
                  const tables = exportParts(parts);
                  const title = (t as (k: string, o?: object) => string)(`modules.${module}`, { defaultValue: module });
                  return (
                    <details key={module}>
                      <summary>
                        {title} ({tables.reduce((n, x) => n + x.total, 0)})
                      </summary>
                      {tables.length === 0 && <p className="muted">{t('data.nothing')}</p>}
                      {tables.map((part) => (
                        <div key={part.key}>
                          <h4>
                            {part.key} ({part.total})
                          </h4>
                          <div className="table-wrap">
                            <table className="privacy-table">
                              <thead>
                                <tr>
                                  {part.columns.map((c) => (
                                    <th key={c} scope="col">
                                      {c}
                                    </th>
                                  ))}
                                </tr>
                              </thead>
                              <tbody>
                                {part.rows.map((r, i) => (
                                  <tr key={i}>
                                    {r.map((v, j) => (
                                      <td key={j}>{v}</td>
                                    ))}
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </div>
                          {part.total > MAX_ROWS_SHOWN && <p className="muted">{t('data.shownOf', { shown: MAX_ROWS_SHOWN, total: part.total })}</p>}
                        </div>
                      ))}
                    </details>
                  );
                })}
              </div>
            ))}
          </>
        )}
      </QueryView>
    </Section>
  );
}

function ConsentsSection({ people }: { people: PersonOption[] }) {
  const { t, i18n } = useTranslation('privacy');
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery(myConsentsQuery);
  const [personId, setPersonId] = useState(0);
  const [purpose, setPurpose] = useState<ConsentPurpose>(CONSENT_PURPOSES[0]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: PRIVACY_KEY });
  const withdraw = useMutation({ mutationFn: withdrawConsent, onSuccess: refresh });
  const give = useMutation({ mutationFn: () => giveConsent(personId || people[0]!.id, purpose), onSuccess: refresh });
  return (
    <Section title={t('consents.title')}>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('consents.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((c) => (
                <li key={c.id} className="privacy-item">
                  <strong>{t(`consents.purposes.${c.purpose}`)}</strong> — {fullName({ ...c.person, middleName: null })}
                  <br />
                  <span className="muted">
                    {t('consents.given', { at: dateTimeText(c.givenAt, i18n.language), by: fullName({ ...c.givenBy, middleName: null }) })}
                  </span>
                  {c.withdrawnAt ? (
                    <>
                      <br />
                      <span className="muted">{t('consents.withdrawnAt', { at: dateTimeText(c.withdrawnAt, i18n.language) })}</span>
                    </>
                  ) : (
                    <>
                      <br />
                      <button type="button" className="button button--secondary" disabled={withdraw.isPending} onClick={() => withdraw.mutate(c.id)}>
                        {t('consents.withdraw')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
      {withdraw.isError && <ErrorNotice error={withdraw.error} />}
      {people.length > 0 && (
        <form
          className="form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            give.mutate();
          }}
        >
          {people.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-p`}>{t('consents.person')}</label>
              <select id={`${id}-p`} value={personId || people[0]!.id} onChange={(e) => setPersonId(Number(e.target.value))}>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-w`}>{t('consents.purpose')}</label>
            <select id={`${id}-w`} value={purpose} onChange={(e) => setPurpose(e.target.value as ConsentPurpose)}>
              {CONSENT_PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`consents.purposes.${p}`)}
                </option>
              ))}
            </select>
          </div>
          {give.isError && <ErrorNotice error={give.error} />}
          <div>
            <button type="submit" className="button button--secondary" disabled={give.isPending}>
              {t('consents.give')}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}

/** One erasure request with its status, the admin's note and what was done. */
export function ErasureOutcome({ r }: { r: ErasureRequest }) {
  const { t, i18n } = useTranslation('privacy');
  return (
    <>
      <span className={`fd-tag${r.status === 'pending' ? ' fd-tag--new' : ''}`}>{t(`erasure.status.${r.status}`)}</span>{' '}
      <span className="muted">{t('erasure.requestedAt', { at: dateTimeText(r.requestedAt, i18n.language) })}</span>
      {r.decidedAt && (
        <>
          {' '}
          · <span className="muted">{t('erasure.decidedAt', { at: dateTimeText(r.decidedAt, i18n.language) })}</span>
        </>
      )}
      {r.decisionNote && (
        <p>
          <strong>{t('erasure.note')}:</strong> {r.decisionNote}
        </p>
      )}
      {r.outcome && r.outcome.length > 0 && (
        <>
          <p>
            <strong>{t('erasure.outcome')}:</strong>
          </p>
          <ul className="privacy-outcome">
            {r.outcome.map((o, i) => (
              <li key={i}>
                {(t as (k: string, o?: object) => string)(`modules.${o.module}`, { defaultValue: o.module })}: {o.what} — {t(`erasure.action.${o.action}`)}
                {o.action !== 'kept' && ` (${o.count})`}
                {o.keptUntil && o.action === 'kept' && ` ${t('erasure.keptUntil', { date: formatDate(o.keptUntil, i18n.language) })}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ErasureSection({ people }: { people: PersonOption[] }) {
  const { t } = useTranslation('privacy');
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery(myErasureQuery);
  const [personId, setPersonId] = useState(0);
  const [reason, setReason] = useState('');
  const ask = useMutation({
    mutationFn: () => requestErasure(personId || people[0]!.id, reason),
    onSuccess: () => {
      setReason('');
      void queryClient.invalidateQueries({ queryKey: PRIVACY_KEY });
    },
  });
  return (
    <Section title={t('erasure.title')}>
      <p>{t('erasure.intro', { years: list.data?.retentionYears ?? 5 })}</p>
      {people.length > 0 && (
        <form
          className="form"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            ask.mutate();
          }}
        >
          {people.length > 1 && (
            <div className="field">
              <label htmlFor={`${id}-p`}>{t('erasure.person')}</label>
              <select id={`${id}-p`} value={personId || people[0]!.id} onChange={(e) => setPersonId(Number(e.target.value))}>
                {people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-r`}>{t('erasure.reason')}</label>
            <textarea id={`${id}-r`} rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          {ask.isError && <ErrorNotice error={ask.error} />}
          {ask.isSuccess && (
            <p className="notice" role="status">
              {t('erasure.sent')}
            </p>
          )}
          <div>
            <button type="submit" className="button" disabled={ask.isPending}>
              {t('erasure.submit')}
            </button>
          </div>
        </form>
      )}
      <h3>{t('erasure.mine')}</h3>
      <QueryView query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <p>{t('erasure.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.items.map((r) => (
                <li key={r.id} className="privacy-item">
                  <strong>{fullName({ ...r.person, middleName: null })}</strong>
                  <br />
                  <ErasureOutcome r={r} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Section>
  );
}

/** "My account and data": password and sessions, everything held (readable and as JSON), consents, erasure. */
export function MyDataPage() {
  const { t } = useTranslation(['privacy', 'common']);
  useTitle(t('title'));
  const { data: me } = useQuery(meQuery);
  const people = usePeople(me);
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('title')}</h1>
      <div className="sections">
        <AccountSection />
        <ExportSection people={people} />
        <ConsentsSection people={people} />
        <ErasureSection people={people} />
      </div>
    </>
  );
}
