import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import type { Me } from '../identity/api.js';
import { QueryView, ErrorNotice } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { formatDate, fullName, localised } from '../../ui/format.js';
import { suppliesApi, type MyHouseholds, type RunResult } from './api.js';

/** Supplies for whoever is signed in: a parent's households, a school admin's census, runs and issue, an officer's areas. */
export function SuppliesPage({ me }: { me: Me }) {
  const { t } = useTranslation('supplies');
  const roles = new Set(me.roles.map((r) => r.role));
  const adminOrgs = me.roles.filter((r) => r.role === 'org_admin' && r.scope.organisationId).map((r) => r.scope.organisationId!);
  return (
    <div className="supplies">
      <h1>{t('title')}</h1>
      {(adminOrgs.length > 0 || roles.has('district_officer') || roles.has('region_officer') || roles.has('ministry_officer')) && (
        <p>
          <Link to="/supplies/textbooks">{t('textbooks.open')}</Link>
        </p>
      )}
      {roles.has('parent') && <ParentView />}
      {adminOrgs.map((org) => (
        <AdminView key={org} organisationId={org} />
      ))}
      {(roles.has('district_officer') || roles.has('region_officer') || roles.has('ministry_officer')) && <OfficerView />}
    </div>
  );
}

type Household = MyHouseholds['households'][number];

function ParentView() {
  const { t, i18n } = useTranslation('supplies');
  const q = useQuery({ queryKey: ['supplies', 'mine'], queryFn: ({ signal }) => suppliesApi.myHouseholds(signal) });
  return (
    <Section title={t('title')}>
      <p>{t('parent.intro')}</p>
      <QueryView query={q}>
        {(data) => data.households.map((h) => <HouseholdCard key={`${h.organisation.id}-${h.key}`} h={h} lang={i18n.language} />)}
      </QueryView>
    </Section>
  );
}

function HouseholdCard({ h, lang }: { h: Household; lang: string }) {
  const { t } = useTranslation('supplies');
  const [text, setText] = useState('');
  const qc = useQueryClient();
  const appeal = useMutation({
    mutationFn: () => suppliesApi.appeal(h.members[0]!.person.id, text),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: ['supplies'] });
    },
  });
  return (
    <article className="card">
      <h3>{localised(h.organisation.name, lang)}</h3>
      {h.members.map((m) => (
        <ChildForm key={m.person.id} m={m} />
      ))}
      <h4>{t('parent.allocation')}</h4>
      <p>{h.allocation ? h.allocation.reasonText : t('parent.noAllocation')}</p>
      <ul className="plain-list">
        {h.loans
          .filter((l) => !l.returnedAt)
          .map((l) => (
            <li key={l.id}>
              {t('parent.loan', { inv: l.item.inventoryNumber, due: formatDate(l.dueOn, lang) })}{' '}
              <a href={`/api/supplies/loans/${l.id}/agreement.pdf`} target="_blank" rel="noreferrer">
                {t('parent.agreement')}
              </a>
            </li>
          ))}
      </ul>
      {h.appeals.map((a) => (
        <p key={a.id}>
          {t('parent.appeal')}: {t(`parent.appealStatus.${a.status}`)}
          {a.decisionNote ? ` — ${a.decisionNote}` : ''}
        </p>
      ))}
      <label>
        {t('parent.appealText')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} />
      </label>
      <button type="button" disabled={text.trim().length < 3 || appeal.isPending} onClick={() => appeal.mutate()}>
        {t('parent.sendAppeal')}
      </button>
      {appeal.error && <ErrorNotice error={appeal.error} />}
    </article>
  );
}

function ChildForm({ m }: { m: Household['members'][number] }) {
  const { t } = useTranslation('supplies');
  const qc = useQueryClient();
  const [devices, setDevices] = useState(m.answer?.devices ?? 'none');
  const [internet, setInternet] = useState(m.answer?.internet ?? 'fixed');
  const [connectable, setConnectable] = useState(m.answer?.connectable ?? true);
  const [cats, setCats] = useState<string[]>(m.answer?.categories ?? []);
  const save = useMutation({
    mutationFn: () => suppliesApi.declare(m.person.id, { devices, internet, connectable, categories: cats as never }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }),
  });
  const id = `c${m.person.id}`;
  return (
    <fieldset>
      <legend>
        {m.person.firstName}
        {m.class ? ` (${m.class.name})` : ''}
      </legend>
      <label htmlFor={`${id}d`}>{t('parent.devices')}</label>
      <select id={`${id}d`} value={devices} onChange={(e) => setDevices(e.target.value as typeof devices)}>
        {(['none', 'shared', 'own'] as const).map((v) => (
          <option key={v} value={v}>
            {t(`devices.${v}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}i`}>{t('parent.internet')}</label>
      <select id={`${id}i`} value={internet} onChange={(e) => setInternet(e.target.value as typeof internet)}>
        {(['none', 'mobile', 'fixed'] as const).map((v) => (
          <option key={v} value={v}>
            {t(`internet.${v}`)}
          </option>
        ))}
      </select>
      <label>
        <input type="checkbox" checked={connectable} onChange={(e) => setConnectable(e.target.checked)} /> {t('parent.connectable')}
      </label>
      <div role="group" aria-label={t('parent.categories')}>
        {(['low_income', 'large_family', 'orphan', 'special_needs'] as const).map((c) => (
          <label key={c}>
            <input type="checkbox" checked={cats.includes(c)} onChange={(e) => setCats(e.target.checked ? [...cats, c] : cats.filter((x) => x !== c))} />{' '}
            {t(`category.${c}`)}
          </label>
        ))}
      </div>
      <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>
        {t('parent.save')}
      </button>
      {save.isSuccess && <span role="status"> {t('parent.saved')}</span>}
      {save.error && <ErrorNotice error={save.error} />}
    </fieldset>
  );
}

function AdminView({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('supplies');
  const qc = useQueryClient();
  const needs = useQuery({ queryKey: ['supplies', 'needs', organisationId], queryFn: ({ signal }) => suppliesApi.needs(organisationId, signal) });
  const stock = useQuery({ queryKey: ['supplies', 'stock', organisationId], queryFn: ({ signal }) => suppliesApi.stock(organisationId, signal) });
  const overdue = useQuery({
    queryKey: ['supplies', 'overdue', organisationId],
    queryFn: ({ signal }) => suppliesApi.loans(organisationId, 'overdue', signal),
  });
  const [run, setRun] = useState<RunResult | null>(null);
  const preview = useMutation({ mutationFn: () => suppliesApi.preview(organisationId), onSuccess: setRun });
  const confirm = useMutation({
    mutationFn: () => suppliesApi.confirm(organisationId, run!.fingerprint),
    onSuccess: (r) => {
      setRun(r);
      void qc.invalidateQueries({ queryKey: ['supplies'] });
    },
  });
  const [inv, setInv] = useState('');
  const [allocationId, setAllocationId] = useState(0);
  const [condition, setCondition] = useState('ok');
  const issue = useMutation({
    mutationFn: () => suppliesApi.issue({ organisationId, inventoryNumber: inv.trim(), allocationId, language: i18n.language === 'ru' ? 'ru' : 'kk' }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }),
  });
  const giveBack = useMutation({
    mutationFn: () => suppliesApi.giveBack({ organisationId, inventoryNumber: inv.trim(), condition }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['supplies'] }),
  });
  const served = needs.data?.households.filter((h) => h.allocation) ?? [];
  return (
    <>
      <Section title={t('admin.needs')}>
        <QueryView query={needs}>
          {(n) => (
            <dl className="facts">
              <dt>{t('admin.pupils')}</dt>
              <dd>{n.summary.pupils}</dd>
              <dt>{t('admin.gaps')}</dt>
              <dd>{n.summary.gaps}</dd>
              <dt>{t('admin.inPerson')}</dt>
              <dd>{n.summary.inPerson}</dd>
              <dt>{t('admin.withoutDevice')}</dt>
              <dd>{shown(n.summary.withoutDevice)}</dd>
              <dt>{t('admin.households')}</dt>
              <dd>
                {shown(n.summary.householdsNeedingDevice)} / {n.summary.households}
              </dd>
            </dl>
          )}
        </QueryView>
      </Section>
      <Section title={t('admin.stock')}>
        <QueryView query={stock}>
          {(s) => (
            <p>
              {t('admin.available')}: {s.counts.devicesAvailable} / {s.counts.devices} · {s.counts.kitsAvailable} / {s.counts.kits}
            </p>
          )}
        </QueryView>
      </Section>
      <Section title={t('admin.run')}>
        <button type="button" onClick={() => preview.mutate()} disabled={preview.isPending}>
          {t('admin.preview')}
        </button>
        {run && (
          <>
            <p>
              {t('admin.served', { count: run.totals.served })}
              {run.totals.shortDevices > 0 && <> · {t('admin.short', { n: run.totals.shortDevices })}</>}
            </p>
            <ul className="plain-list">
              {run.lines.map((l) => (
                <li key={`${l.organisationId}-${l.key}`}>
                  {l.recipient ? fullName(l.recipient) : l.key}: {l.reasonText}
                </li>
              ))}
            </ul>
            {run.confirmed ? (
              <p role="status">{t('admin.confirmed')}</p>
            ) : (
              <button type="button" onClick={() => confirm.mutate()} disabled={confirm.isPending}>
                {t('admin.confirm')}
              </button>
            )}
          </>
        )}
        {(preview.error || confirm.error) && <ErrorNotice error={preview.error ?? confirm.error} />}
      </Section>
      <Section title={t('admin.issue')}>
        <label>
          {t('admin.inventory')}
          <input value={inv} onChange={(e) => setInv(e.target.value)} />
        </label>
        <label>
          {t('admin.household')}
          <select value={allocationId} onChange={(e) => setAllocationId(Number(e.target.value))}>
            <option value={0}>—</option>
            {served.map((h) => (
              <option key={h.key} value={h.allocation!.id}>
                {h.recipient ? fullName(h.recipient) : h.key} ({h.allocation!.devices})
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!inv.trim() || !allocationId || issue.isPending} onClick={() => issue.mutate()}>
          {t('admin.issue')}
        </button>
        {issue.isSuccess && <span role="status"> {t('admin.issued')}</span>}
        <label>
          {t('admin.condition')}
          <select value={condition} onChange={(e) => setCondition(e.target.value)}>
            {(['ok', 'damaged', 'lost'] as const).map((c) => (
              <option key={c} value={c}>
                {t(`admin.conditions.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!inv.trim() || giveBack.isPending} onClick={() => giveBack.mutate()}>
          {t('admin.return')}
        </button>
        {giveBack.isSuccess && <span role="status"> {t('admin.returned')}</span>}
        {(issue.error || giveBack.error) && <ErrorNotice error={issue.error ?? giveBack.error} />}
      </Section>
      <Section title={t('admin.overdue')}>
        <QueryView query={overdue}>
          {(l) =>
            l.items.length === 0 ? (
              <p>{t('admin.none')}</p>
            ) : (
              <>
                <ul className="plain-list">
                  {l.items.map((x) => (
                    <li key={x.id}>
                      {x.item.inventoryNumber} — {x.recipient ? fullName(x.recipient) : ''} — {formatDate(x.dueOn, i18n.language)}
                    </li>
                  ))}
                </ul>
                <button type="button" onClick={() => void suppliesApi.recall(organisationId).then(() => qc.invalidateQueries({ queryKey: ['supplies'] }))}>
                  {t('admin.recall')}
                </button>
              </>
            )
          }
        </QueryView>
      </Section>
    </>
  );
}

/** A figure an officer may not see (a small number, or one that would reveal it) reads "…", never as a zero. */
const shown = (v: number | null) => (v === null ? '…' : v);

function OfficerView() {
  const { t, i18n } = useTranslation('supplies');
  const [filter, setFilter] = useState('');
  const q = useQuery({ queryKey: ['supplies', 'areas', filter], queryFn: ({ signal }) => suppliesApi.areas(filter, signal) });
  return (
    <Section title={t('officer.areas')}>
      <QueryView query={q}>
        {(a) => (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th />
                  <th>{t('officer.withoutDevice')}</th>
                  <th>{t('officer.allocated')}</th>
                  <th>{t('officer.issued')}</th>
                  <th>{t('officer.short')}</th>
                </tr>
              </thead>
              <tbody>
                {a.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      {r.level === 'organisation' ? (
                        localised(r.name, i18n.language)
                      ) : (
                        <button type="button" className="link" onClick={() => setFilter(r.level === 'region' ? `?regionId=${r.id}` : `?districtId=${r.id}`)}>
                          {localised(r.name, i18n.language)}
                        </button>
                      )}
                    </td>
                    <td>{shown(r.withoutDevice)}</td>
                    <td>{shown(r.devicesAllocated)}</td>
                    <td>{shown(r.devicesIssued)}</td>
                    <td>{shown(r.shortDevices)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t('officer.suppressed', { n: a.threshold })}</p>
          </div>
        )}
      </QueryView>
    </Section>
  );
}
