import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { meQuery, type Me } from '../identity/api.js';
import { api } from '../../api/client.js';
import type { DutySettings } from './api.js';
import { dayPatternText } from './days.js';
import { useDayNames } from './useDayNames.js';
import './duty.css';
import '../formats/fd.css';

type Kind = DutySettings['kind'];
type Reason = DutySettings['reasons'][number];
const KINDS: Kind[] = ['school', 'kindergarten', 'additional'];
const GRADES = Array.from({ length: 13 }, (_, i) => i);
const PATTERNS = ['mon-wed-fri', 'tue-thu-sat', 'mon-tue-wed-thu-fri', 'mon-tue-wed-thu-fri-sat'];

const settingsFor = (kind: Kind, regionId: number | null) => ({
  queryKey: ['duty', 'settings', kind, regionId ?? 'country'],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    api.get<DutySettings>('/api/duty/settings', { query: regionId === null ? { kind } : { kind, regionId }, signal }),
});

/** Whose settings this person may read and change: the ministry the country's (and any region's), a region officer their region's. */
function scopes(me: Me) {
  const ministry = me.roles.some((g) => g.role === 'ministry_officer');
  const regions = me.roles.filter((g) => g.role === 'region_officer' && g.scope.regionId !== null).map((g) => ({ id: g.scope.regionId!, name: g.scope.name }));
  // district officers and school admins read their region's settings
  const readRegions = me.roles
    .filter((g) => g.scope.regionId !== null && !['region_officer', 'ministry_officer'].includes(g.role))
    .map((g) => ({ id: g.scope.regionId!, name: null }));
  return { ministry, editable: regions, readable: readRegions };
}

const toggled = <T,>(list: T[], value: T, on: boolean): T[] => (on ? [...new Set([...list, value])] : list.filter((v) => v !== value));

function SettingsForm({ settings, editable }: { settings: DutySettings; editable: boolean }) {
  const { t } = useTranslation('duty');
  const id = useId();
  const days = useDayNames();
  const queryClient = useQueryClient();
  const [grades, setGrades] = useState(settings.eligibleGrades);
  const [groupMax, setGroupMax] = useState(String(settings.groupMax));
  const [groupMin, setGroupMin] = useState(String(settings.groupMin));
  const [join, setJoin] = useState(settings.joinAdjacentGrades);
  const [shifts, setShifts] = useState(settings.shifts);
  const [patterns, setPatterns] = useState(settings.dayPatterns);
  const [reasons, setReasons] = useState<Reason[]>(settings.reasons);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      api.put<DutySettings>('/api/duty/settings', {
        kind: settings.kind,
        regionId: settings.regionId,
        eligibleGrades: [...grades].sort((a, b) => a - b),
        groupMax: Number(groupMax),
        groupMin: Number(groupMin),
        joinAdjacentGrades: join,
        shifts: [...shifts].sort(),
        dayPatterns: patterns,
        reasons: reasons.map((r) => ({ ...r, code: r.code.trim(), label: { kk: r.label.kk.trim(), ru: r.label.ru.trim(), en: r.label.en.trim() } })),
      }),
    onSuccess: (saved) => queryClient.setQueryData(settingsFor(saved.kind, saved.regionId).queryKey, saved),
  });
  const setReason = (i: number, patch: Partial<Reason> & { lang?: 'kk' | 'ru' | 'en'; text?: string }) => {
    setReasons(
      reasons.map((r, j) => {
        if (j !== i) return r;
        const { lang, text, ...rest } = patch;
        return { ...r, ...rest, label: lang ? { ...r.label, [lang]: text ?? '' } : r.label };
      }),
    );
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (grades.length === 0 || shifts.length === 0 || patterns.length === 0 || reasons.length === 0) return setProblem(t('settings.chooseOne'));
    setProblem(null);
    save.mutate();
  };
  const patternChoices = [...new Set([...PATTERNS, ...settings.dayPatterns])];
  return (
    <form className="form fd-form" onSubmit={submit} noValidate>
      <fieldset className="fd-choices fd-choices--row" disabled={!editable}>
        <legend>{t('settings.eligibleGrades')}</legend>
        {GRADES.map((g) => (
          <label key={g} className="fd-choice">
            <input type="checkbox" checked={grades.includes(g)} onChange={(e) => setGrades(toggled(grades, g, e.target.checked))} />
            <span>{g === 0 ? t('settings.grade0') : g}</span>
          </label>
        ))}
      </fieldset>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${id}-max`}>{t('settings.groupMax')}</label>
          <input
            id={`${id}-max`}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={groupMax}
            disabled={!editable}
            onChange={(e) => setGroupMax(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-min`}>{t('settings.groupMin')}</label>
          <input
            id={`${id}-min`}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={groupMin}
            disabled={!editable}
            onChange={(e) => setGroupMin(e.target.value)}
          />
        </div>
      </div>
      <label className="fd-choice">
        <input type="checkbox" checked={join} disabled={!editable} onChange={(e) => setJoin(e.target.checked)} />
        <span>{t('settings.joinAdjacent')}</span>
      </label>
      <fieldset className="fd-choices fd-choices--row" disabled={!editable}>
        <legend>{t('settings.shifts')}</legend>
        {[1, 2, 3].map((s) => (
          <label key={s} className="fd-choice">
            <input type="checkbox" checked={shifts.includes(s)} onChange={(e) => setShifts(toggled(shifts, s, e.target.checked))} />
            <span>{t('shiftN', { n: s })}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="fd-choices" disabled={!editable}>
        <legend>{t('settings.dayPatterns')}</legend>
        {patternChoices.map((p) => (
          <label key={p} className="fd-choice">
            <input type="checkbox" checked={patterns.includes(p)} onChange={(e) => setPatterns(toggled(patterns, p, e.target.checked))} />
            <span>{dayPatternText(p, days)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="fd-choices" disabled={!editable}>
        <legend>{t('settings.reasons')}</legend>
        <p className="field__hint">{t('settings.reasonsHint')}</p>
        {reasons.map((r, i) => (
          <fieldset key={i} className="card">
            <legend>{t('settings.reasonN', { n: i + 1 })}</legend>
            <div className="fd-row">
              <div className="field">
                <label htmlFor={`${id}-r${i}-code`}>{t('settings.reasonCode')}</label>
                <input id={`${id}-r${i}-code`} value={r.code} maxLength={40} onChange={(e) => setReason(i, { code: e.target.value })} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-r${i}-prio`}>{t('settings.reasonPriority')}</label>
                <input
                  id={`${id}-r${i}-prio`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={9}
                  value={r.priority}
                  onChange={(e) => setReason(i, { priority: Number(e.target.value) })}
                />
              </div>
            </div>
            {(['kk', 'ru', 'en'] as const).map((lang) => (
              <div key={lang} className="field">
                <label htmlFor={`${id}-r${i}-${lang}`}>{t(`settings.label${lang === 'kk' ? 'Kk' : lang === 'ru' ? 'Ru' : 'En'}`)}</label>
                <input id={`${id}-r${i}-${lang}`} value={r.label[lang]} maxLength={120} onChange={(e) => setReason(i, { lang, text: e.target.value })} />
              </div>
            ))}
            {editable && reasons.length > 1 && (
              <button type="button" className="button button--quiet" onClick={() => setReasons(reasons.filter((_, j) => j !== i))}>
                {t('settings.removeReason')}
              </button>
            )}
          </fieldset>
        ))}
        {editable && (
          <div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setReasons([...reasons, { code: '', priority: 5, label: { kk: '', ru: '', en: '' } }])}
            >
              {t('settings.addReason')}
            </button>
          </div>
        )}
      </fieldset>
      {problem && (
        <p className="form__error" role="alert">
          {problem}
        </p>
      )}
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice" role="status">
          {t('settings.saved')}
        </p>
      )}
      {editable && (
        <div className="fd-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('settings.save')}
          </button>
        </div>
      )}
    </form>
  );
}

/** Duty-class settings: the ministry sets the country's defaults, a region officer the region's own; others read them. */
export function DutySettingsPage() {
  const { t, i18n } = useTranslation(['duty', 'common']);
  useTitle(t('settings.title'));
  const me = useQuery(meQuery).data;
  const s = me ? scopes(me) : { ministry: false, editable: [], readable: [] };
  const options: { key: string; regionId: number | null; label: string }[] = [
    ...(s.ministry ? [{ key: 'country', regionId: null, label: t('settings.country') }] : []),
    ...s.editable.map((r) => ({ key: `r${r.id}`, regionId: r.id, label: localised(r.name, i18n.language) || String(r.id) })),
  ];
  const fallback = s.readable[0]?.id ?? null;
  const [kind, setKind] = useState<Kind>('school');
  const [scopeKey, setScopeKey] = useState(options[0]?.key ?? 'read');
  const optionKeys = options.map((o) => o.key).join(' ');
  useEffect(() => {
    const keys = optionKeys.split(' ').filter(Boolean);
    if (keys[0] && !keys.includes(scopeKey)) setScopeKey(keys[0]);
  }, [optionKeys, scopeKey]);
  const chosen = options.find((o) => o.key === scopeKey);
  const regionId = chosen ? chosen.regionId : fallback;
  const editable = chosen !== undefined;
  const settings = useQuery({ ...settingsFor(kind, regionId), enabled: me !== undefined });
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
        </ol>
      </nav>
      <h1>{t('settings.title')}</h1>
      <p className="lead">{t('settings.intro')}</p>
      <div className="fd-row">
        <div className="field">
          <label htmlFor="duty-settings-kind">{t('settings.kind')}</label>
          <select id="duty-settings-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`settings.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        {options.length > 1 && (
          <div className="field">
            <label htmlFor="duty-settings-scope">{t('settings.scope')}</label>
            <select id="duty-settings-scope" value={scopeKey} onChange={(e) => setScopeKey(e.target.value)}>
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {!editable && <p className="notice">{t('settings.readOnly')}</p>}
      <section className="card">
        <QueryView query={settings}>
          {(data) => (
            <>
              {data.regionId !== null && <p className="muted">{data.inherited ? t('settings.inherited') : t('settings.own')}</p>}
              <SettingsForm key={`${kind}-${regionId ?? 'country'}`} settings={data} editable={editable} />
            </>
          )}
        </QueryView>
      </section>
    </>
  );
}
