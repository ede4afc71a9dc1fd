import { useState } from 'react';
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '../identity/api.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { Section } from '../../ui/Section.js';
import { DateInput } from '../../ui/controls.js';
import { formatDate, fullName, localised } from '../../ui/format.js';
import { type Areas, connectivityApi, fileUrl, type DistrictIsolated, type Register, type RegisterFilter, type SettlementDetail } from './api.js';
import './connectivity.css';

const FILTERS: RegisterFilter[] = ['all', 'no_internet', 'no_tv', 'with_pupils'];
/** the highest measured speed the server takes (contracts/connectivity.ts settlementEdit; not imported: it would bring zod) */
const MAX_MBPS = 100_000;
const shown = (v: number | null) => (v === null ? '…' : String(v));

/** The connectivity register for officers (their districts), and each school admin's cut-off pupils. */
export function ConnectivityPage({ me }: { me: Me }) {
  const { t } = useTranslation('connectivity');
  const areas = useQuery({ queryKey: ['connectivity', 'areas', me.person.id], queryFn: ({ signal }) => connectivityApi.areas(signal) });
  return (
    <div className="connectivity">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <QueryView query={areas}>
        {(a) => (
          <>
            {a.organisations.map((o) => (
              <SchoolList key={o.id} organisationId={o.id} />
            ))}
            {a.districts.length > 0 && <OfficerView districts={a.districts} regionIds={a.regionIds} />}
          </>
        )}
      </QueryView>
    </div>
  );
}

function OfficerView({ districts, regionIds }: { districts: Areas['districts']; regionIds: number[] }) {
  const { t, i18n } = useTranslation('connectivity');
  const [districtId, setDistrictId] = useState(districts[0]!.id);
  return (
    <>
      {districts.length > 1 && (
        <div className="conn-actions">
          <label htmlFor="conn-district">{t('district')}</label>
          <select id="conn-district" value={districtId} onChange={(e) => setDistrictId(Number(e.target.value))}>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {localised(d.name, i18n.language)}
              </option>
            ))}
          </select>
        </div>
      )}
      <RegisterView districtId={districtId} />
      <WithoutReceptionView
        district={districts.find((d) => d.id === districtId)!}
        wholeRegion={regionIds.includes(districts.find((d) => d.id === districtId)!.regionId)}
      />
      <PerSchoolView districtId={districtId} />
    </>
  );
}

function RegisterView({ districtId }: { districtId: number }) {
  const { t, i18n } = useTranslation('connectivity');
  const [filter, setFilter] = useState<RegisterFilter>('all');
  const [open, setOpen] = useState<number | null>(null);
  // the list stays while the next filter's arrives (no flash of "loading", no list torn down and built again)
  const q = useQuery({
    queryKey: ['connectivity', 'register', districtId, filter],
    queryFn: ({ signal }) => connectivityApi.register(districtId, filter, signal),
    placeholderData: keepPreviousData,
  });
  const path = `/api/connectivity/settlements?districtId=${districtId}&filter=${filter}`;
  return (
    <Section title={t('register.title')}>
      <div className="conn-actions">
        <label htmlFor="conn-filter">{t('register.filter')}</label>
        <select id="conn-filter" value={filter} onChange={(e) => setFilter(e.target.value as RegisterFilter)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`register.filters.${f}`)}
            </option>
          ))}
        </select>
        <a href={fileUrl(path, 'csv', i18n.language)}>CSV</a>
        <a href={fileUrl(path, 'xlsx', i18n.language)}>XLSX</a>
      </div>
      <QueryView query={q}>
        {(r) =>
          r.settlements.length === 0 ? (
            <p>{t('register.empty')}</p>
          ) : (
            <>
              <ul className="conn-list">
                {r.settlements.map((s) => (
                  <SettlementItem key={s.id} s={s} open={open === s.id} onToggle={() => setOpen(open === s.id ? null : s.id)} />
                ))}
              </ul>
              <p className="conn-history">{t('register.suppressed', { n: r.threshold })}</p>
            </>
          )
        }
      </QueryView>
    </Section>
  );
}

type Row = Register['settlements'][number];

function SettlementItem({ s, open, onToggle }: { s: Row; open: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation('connectivity');
  const name = localised(s.name, i18n.language);
  const c = s.census;
  return (
    <li className="conn-item">
      <h3>{name}</h3>
      <p>
        {t(`internet.${s.internet}`)}
        {s.internetMbps !== null && `, ${t('speed', { mbps: s.internetMbps })}`}
        {s.measuredOn && ` (${t('measured', { date: formatDate(s.measuredOn, i18n.language) })})`}
      </p>
      {s.reception.map((r) => (
        <p key={r.code} className={r.received ? undefined : 'conn-missing'}>
          {t(r.received ? 'tvReceived' : 'tvMissing', { name: r.name })}
        </p>
      ))}
      <p>
        {t('register.schools')}: {s.schools} · {t('register.pupils')}: {c.pupils}
      </p>
      {c.pupils > 0 && (
        <>
          <p>
            {t('register.homeInternet')}: {t('home.none')} {shown(c.internet.none)}, {t('home.mobile')} {shown(c.internet.mobile)}, {t('home.fixed')}{' '}
            {shown(c.internet.fixed)}, {t('register.unanswered')} {shown(c.internet.unanswered)}; {t('register.connectable')} {shown(c.connectable)}
          </p>
          <p>
            {t('register.devices')}: {t('device.none')} {shown(c.devices.none)}, {t('device.shared')} {shown(c.devices.shared)}, {t('device.own')}{' '}
            {shown(c.devices.own)}
          </p>
          <p>
            <strong>
              {t('register.isolated')}: {shown(c.isolated)}
            </strong>
          </p>
        </>
      )}
      <button type="button" className="button button--secondary" aria-expanded={open} onClick={onToggle}>
        {open ? t('register.close') : t('register.edit')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {open && <SettlementEditor id={s.id} />}
    </li>
  );
}

function SettlementEditor({ id }: { id: number }) {
  const q = useQuery({ queryKey: ['connectivity', 'settlement', id], queryFn: ({ signal }) => connectivityApi.settlement(id, signal) });
  // one form per settlement: after a save the history refreshes under it and its "saved" stays
  return <QueryView query={q}>{(s) => <EditForm key={s.id} s={s} />}</QueryView>;
}

function EditForm({ s }: { s: SettlementDetail }) {
  const { t, i18n } = useTranslation('connectivity');
  const qc = useQueryClient();
  const [internet, setInternet] = useState(s.internet);
  const [mbps, setMbps] = useState(s.internetMbps === null ? '' : String(s.internetMbps));
  const [measuredOn, setMeasuredOn] = useState(s.measuredOn ?? '');
  const [reception, setReception] = useState(s.reception.map((r) => ({ code: r.code, name: r.name, received: r.received })));
  const [reason, setReason] = useState('');
  const [badMbps, setBadMbps] = useState(false);
  const speed = mbps.trim() === '' ? null : Number(mbps.trim().replace(',', '.'));
  const save = useMutation({
    mutationFn: () =>
      connectivityApi.edit(s.id, {
        internet,
        internetMbps: speed,
        measuredOn: measuredOn || null,
        reception: reception.map((r) => ({ code: r.code, received: r.received })),
        reason: reason.trim(),
      }),
    onSuccess: () => {
      setReason('');
      void qc.invalidateQueries({ queryKey: ['connectivity'] });
    },
  });
  const f = `conn-${s.id}`;
  const names = new Map(s.reception.map((r) => [r.code, r.name]));
  const value = (field: string, v: string | number | boolean | null) => {
    if (v === null) return '—';
    if (field.startsWith('tv:')) return v ? t('edit.yes') : t('edit.no');
    if (field === 'internet') return t(`internet.${v as 'none' | 'slow' | 'broadband'}`);
    if (field === 'measuredOn') return formatDate(String(v), i18n.language);
    return String(v);
  };
  const label = (field: string) =>
    field.startsWith('tv:')
      ? t('edit.fields.tv', { name: names.get(field.slice(3)) ?? field.slice(3) })
      : t(`edit.fields.${field as 'internet' | 'internetMbps' | 'measuredOn'}`);
  return (
    <>
      <form
        className="conn-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // our own check, in the page's language (the browser's bubble speaks its own, and a number
          // field silently drops what is not a number)
          const wrong = speed !== null && (!Number.isFinite(speed) || speed < 0 || speed > MAX_MBPS);
          setBadMbps(wrong);
          if (!wrong) save.mutate();
        }}
      >
        <label htmlFor={`${f}-i`}>{t('edit.internet')}</label>
        <select id={`${f}-i`} value={internet} onChange={(e) => setInternet(e.target.value as typeof internet)}>
          {(['none', 'slow', 'broadband'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`internet.${v}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${f}-m`}>{t('edit.mbps')}</label>
        <input
          id={`${f}-m`}
          type="text"
          inputMode="decimal"
          value={mbps}
          aria-invalid={badMbps || undefined}
          aria-describedby={badMbps ? `${f}-m-error` : undefined}
          onChange={(e) => setMbps(e.target.value)}
        />
        {badMbps && (
          <p id={`${f}-m-error`} className="notice notice--error" role="alert">
            {t('edit.badMbps', { max: MAX_MBPS })}
          </p>
        )}
        <label htmlFor={`${f}-d`}>{t('edit.measuredOn')}</label>
        <DateInput id={`${f}-d`} value={measuredOn} onChange={setMeasuredOn} />
        {reception.map((r, i) => (
          <label key={r.code}>
            <input
              type="checkbox"
              checked={r.received}
              onChange={(e) => setReception(reception.map((x, j) => (j === i ? { ...x, received: e.target.checked } : x)))}
            />{' '}
            {t('edit.receives', { name: r.name })}
          </label>
        ))}
        <label htmlFor={`${f}-r`}>{t('edit.reason')}</label>
        <textarea id={`${f}-r`} rows={2} required minLength={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="conn-actions">
          <button type="submit" className="button" disabled={save.isPending || reason.trim().length < 3}>
            {t('edit.save')}
          </button>
          {save.isSuccess && <span role="status">{t('edit.saved')}</span>}
        </div>
        {save.error && <ErrorNotice error={save.error} />}
      </form>
      <h4>{t('edit.history')}</h4>
      {s.history.length === 0 ? (
        <p>{t('edit.noHistory')}</p>
      ) : (
        <ul className="conn-list conn-history">
          {s.history.map((h) => (
            <li key={h.id}>
              <strong>
                {h.by ? fullName(h.by) : t('edit.system')}, {formatDate(h.at.slice(0, 10), i18n.language)}
              </strong>
              <br />
              {h.reason}
              <ul>
                {h.changes.map((c) => (
                  <li key={c.field}>
                    {label(c.field)}: {value(c.field, c.old)} → {value(c.field, c.new)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function WithoutReceptionView({ district, wholeRegion }: { district: Areas['districts'][number]; wholeRegion: boolean }) {
  const { t, i18n } = useTranslation('connectivity');
  const [channel, setChannel] = useState('');
  const [region, setRegion] = useState(false);
  const area = region && wholeRegion ? `regionId=${district.regionId}` : `districtId=${district.id}`;
  const q = useQuery({
    queryKey: ['connectivity', 'without', area, channel],
    queryFn: ({ signal }) => connectivityApi.withoutReception(area, channel, signal),
  });
  const path = `/api/connectivity/without-reception?${area}${channel ? `&channel=${channel}` : ''}`;
  return (
    <Section title={t('without.title')} subtitle={t('without.intro')}>
      <QueryView query={q}>
        {(w) => {
          const names = new Map(w.channels.map((c) => [c.code, c.name]));
          return (
            <>
              <div className="conn-actions">
                <label htmlFor="conn-channel">{t('without.channel')}</label>
                <select id="conn-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
                  <option value="">{t('without.any')}</option>
                  {w.channels.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </select>
                {wholeRegion && (
                  <label>
                    <input type="checkbox" checked={region} onChange={(e) => setRegion(e.target.checked)} />{' '}
                    {t('without.wholeRegion', { region: localised(district.region, i18n.language) })}
                  </label>
                )}
                <a href={fileUrl(path, 'csv', i18n.language)}>CSV</a>
                <a href={fileUrl(path, 'xlsx', i18n.language)}>XLSX</a>
              </div>
              <p>{t('without.totals', w.totals)}</p>
              {w.totals.settlements === 0 && <p>{t('without.none')}</p>}
              {w.districts.map((d) => (
                <ul key={d.district.id} className="conn-list" aria-label={localised(d.district.name, i18n.language)}>
                  {w.districts.length > 1 && (
                    <li>
                      <strong>
                        {localised(d.district.name, i18n.language)}: {t('without.totals', d.totals)}
                      </strong>
                    </li>
                  )}
                  {d.settlements.map((s) => (
                    <li key={s.id} className="conn-item">
                      <h3>{localised(s.name, i18n.language)}</h3>
                      <p>{t('without.pupils', { count: s.pupils })}</p>
                      <p className="conn-missing">{t('without.missing', { channels: s.missing.map((c) => names.get(c) ?? c).join(', ') })}</p>
                    </li>
                  ))}
                </ul>
              ))}
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function PerSchoolView({ districtId }: { districtId: number }) {
  const { t, i18n } = useTranslation('connectivity');
  const q = useQuery({ queryKey: ['connectivity', 'per-school', districtId], queryFn: ({ signal }) => connectivityApi.districtIsolated(districtId, signal) });
  return (
    <Section title={t('perSchool.title')}>
      <QueryView query={q}>
        {(d) => (
          <div className="conn-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t('perSchool.school')}</th>
                  <th>{t('register.pupils')}</th>
                  <th>{t('register.isolated')}</th>
                </tr>
              </thead>
              <tbody>
                {d.settlements.map((s) => (
                  <SettlementSchools key={s.settlement.id} d={d} settlementId={s.settlement.id} lang={i18n.language} />
                ))}
                <tr>
                  <th>{t('perSchool.total')}</th>
                  <td>{d.total.pupils}</td>
                  <td>{shown(d.total.isolated)}</td>
                </tr>
              </tbody>
            </table>
            <p className="conn-history">{t('register.suppressed', { n: d.threshold })}</p>
          </div>
        )}
      </QueryView>
    </Section>
  );
}

function SettlementSchools({ d, settlementId, lang }: { d: DistrictIsolated; settlementId: number; lang: string }) {
  const s = d.settlements.find((x) => x.settlement.id === settlementId)!;
  return (
    <>
      <tr>
        <th scope="row">{localised(s.settlement.name, lang)}</th>
        <td>{s.pupils}</td>
        <td>{shown(s.isolated)}</td>
      </tr>
      {d.schools
        .filter((x) => x.settlement.id === settlementId)
        .map((x) => (
          <tr key={x.organisation.id}>
            <td>{localised(x.organisation.name, lang)}</td>
            <td>{x.pupils}</td>
            <td>{shown(x.isolated)}</td>
          </tr>
        ))}
    </>
  );
}

function SchoolList({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('connectivity');
  const q = useQuery({ queryKey: ['connectivity', 'isolated', organisationId], queryFn: ({ signal }) => connectivityApi.isolated(organisationId, signal) });
  const path = `/api/connectivity/organisations/${organisationId}/isolated-pupils`;
  return (
    <QueryView query={q}>
      {(l) => (
        <Section title={`${t('isolated.title')}: ${localised(l.organisation.name, i18n.language)}`} subtitle={t('isolated.intro')}>
          <div className="conn-actions">
            <button type="button" className="button button--secondary" onClick={() => window.print()}>
              {t('isolated.print')}
            </button>
            <a href={fileUrl(path, 'csv', i18n.language)}>CSV</a>
            <a href={fileUrl(path, 'xlsx', i18n.language)}>XLSX</a>
          </div>
          <p>
            {localised(l.settlement.name, i18n.language)}: {t(`internet.${l.settlement.internet}`)}
          </p>
          <p>{l.summary.isolated === null ? t('isolated.countHidden') : t('isolated.count', { count: l.summary.isolated })}</p>
          {l.settlement.tvReception && l.pupils.length === 0 ? (
            <p>{t('isolated.tvHere')}</p>
          ) : l.named && l.pupils.length === 0 ? (
            <p>{t('isolated.none')}</p>
          ) : (
            l.named && (
              <div className="conn-scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{t('isolated.name')}</th>
                      <th>{t('isolated.class')}</th>
                      <th>{t('isolated.inPerson')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {l.pupils.map((p) => (
                      <tr key={p.id}>
                        <td>{fullName(p)}</td>
                        <td>{p.className ?? ''}</td>
                        <td>{p.inPerson ? '✓' : ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          )}
        </Section>
      )}
    </QueryView>
  );
}
