import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import {
  addHoliday,
  addTerm,
  calendarQuery,
  PLANNING_KEY,
  periodsQuery,
  planQuery,
  savePeriods,
  savePlan,
  subjectsQuery,
  type Calendar,
  type Period,
  type Plan,
  type Subject,
} from './api.js';
import { isClockTime, isIsoDate } from './timetable-grid.js';
import { useProblemText } from './TimetableTab.js';
import { useTermLabel } from './useTermLabel.js';

/** A saved/failed line under a form, in the page's language. */
function Outcome({ saved, error }: { saved: boolean; error: unknown }) {
  const { t } = useTranslation('planning');
  const problemText = useProblemText();
  if (error)
    return (
      <p className="notice notice--error" role="alert">
        {problemText(error)}
      </p>
    );
  if (saved)
    return (
      <p className="notice" role="status">
        {t('saved')}
      </p>
    );
  return null;
}

// ── bells ─────────────────────────────────────────────────────────────────

export function BellsTab({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('planning');
  const periods = useQuery(periodsQuery(organisationId));
  const [extraShift, setExtraShift] = useState<number | null>(null);
  return (
    <QueryView query={periods}>
      {(data) => {
        const shifts = [...new Set(data.items.map((p) => p.shift))].sort();
        if (extraShift !== null && !shifts.includes(extraShift)) shifts.push(extraShift);
        if (shifts.length === 0) shifts.push(1);
        const next = Math.max(...shifts) + 1;
        return (
          <>
            <p className="muted">{t('bells.intro')}</p>
            {shifts.map((shift) => (
              <ShiftBells key={shift} organisationId={organisationId} shift={shift} periods={data.items.filter((p) => p.shift === shift)} />
            ))}
            {next <= 3 && (
              <button type="button" className="button button--secondary" onClick={() => setExtraShift(next)}>
                {t('bells.addShift', { n: next })}
              </button>
            )}
          </>
        );
      }}
    </QueryView>
  );
}

function ShiftBells({ organisationId, shift, periods }: { organisationId: number; shift: number; periods: Period[] }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => periods.map((p) => ({ number: p.number, startsAt: p.startsAt, endsAt: p.endsAt })));
  const [saved, setSaved] = useState(false);
  const valid = rows.length > 0 && rows.every((r) => isClockTime(r.startsAt) && isClockTime(r.endsAt));
  const save = useMutation({
    mutationFn: () => savePeriods(organisationId, { shift, periods: rows }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
    },
  });
  const set = (i: number, field: 'startsAt' | 'endsAt', value: string) => {
    setSaved(false);
    setRows(rows.map((r, j) => (j === i ? { ...r, [field]: value.trim() } : r)));
  };
  const add = () => {
    setSaved(false);
    const last = rows[rows.length - 1];
    setRows([...rows, { number: last ? last.number + 1 : 1, startsAt: '', endsAt: '' }]);
  };
  return (
    <form
      className="form pl-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        if (valid) save.mutate();
      }}
    >
      <h2 id={`${id}-title`}>{t('shiftN', { n: shift })}</h2>
      {rows.length === 0 && <p>{t('bells.empty')}</p>}
      <p id={`${id}-hint`} className="field__hint">
        {t('timeHint')}
      </p>
      <ol className="pl-bells">
        {rows.map((r, i) => (
          <li key={r.number} className="pl-row">
            <span className="pl-bells__n">{t('periodN', { n: r.number })}</span>
            <div className="field">
              <label htmlFor={`${id}-${i}-s`}>{t('bells.starts')}</label>
              <input
                id={`${id}-${i}-s`}
                inputMode="numeric"
                autoComplete="off"
                size={5}
                value={r.startsAt}
                aria-describedby={`${id}-hint`}
                aria-invalid={!isClockTime(r.startsAt)}
                onChange={(e) => set(i, 'startsAt', e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-${i}-e`}>{t('bells.ends')}</label>
              <input
                id={`${id}-${i}-e`}
                inputMode="numeric"
                autoComplete="off"
                size={5}
                value={r.endsAt}
                aria-describedby={`${id}-hint`}
                aria-invalid={!isClockTime(r.endsAt)}
                onChange={(e) => set(i, 'endsAt', e.target.value)}
              />
            </div>
            <button
              type="button"
              className="button button--quiet"
              aria-label={`${t('remove')}: ${t('periodN', { n: r.number })}`}
              onClick={() => {
                setSaved(false);
                setRows(rows.filter((_, j) => j !== i));
              }}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ol>
      {!valid && rows.length > 0 && <p className="form__error">{t('badTime')}</p>}
      <Outcome saved={saved} error={save.error} />
      <div className="pl-actions">
        <button type="button" className="button button--secondary" onClick={add} disabled={rows.length >= 13}>
          {t('bells.addPeriod')}
        </button>
        <button type="submit" className="button" disabled={!valid || save.isPending}>
          {t('save')}
        </button>
      </div>
    </form>
  );
}

// ── terms and holidays ────────────────────────────────────────────────────

export function CalendarTab({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation('planning');
  const calendar = useQuery(calendarQuery(organisationId));
  const termLabel = useTermLabel();
  return (
    <QueryView query={calendar}>
      {(data) => (
        <>
          <h2>{t('calendar.terms')}</h2>
          {data.terms.length === 0 ? (
            <p>{t('calendar.noTerms')}</p>
          ) : (
            <ul className="plain-list">
              {data.terms.map((x) => (
                <li key={x.id}>{termLabel(x)}</li>
              ))}
            </ul>
          )}
          <TermForm organisationId={organisationId} calendar={data} />
          <h2>{t('calendar.holidays')}</h2>
          <ul className="plain-list">
            {data.holidays.map((h) => (
              <li key={h.id}>
                {h.startsOn === h.endsOn ? h.startsOn : `${h.startsOn} – ${h.endsOn}`}: {localised(h.name, i18n.language)}{' '}
                <span className="badge">{h.organisationId === null ? t('calendar.national') : t('calendar.own')}</span>
              </li>
            ))}
          </ul>
          <HolidayForm organisationId={organisationId} />
        </>
      )}
    </QueryView>
  );
}

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation('planning');
  const ok = value === '' || isIsoDate(value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="2021-01-11"
        value={value}
        aria-invalid={!ok}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange(e.target.value.trim())}
      />
      <p id={`${id}-hint`} className="field__hint">
        {ok ? t('dateHint') : t('badDate')}
      </p>
    </div>
  );
}

function TermForm({ organisationId, calendar }: { organisationId: number; calendar: Calendar }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const queryClient = useQueryClient();
  const year = calendar.terms[calendar.terms.length - 1]?.academicYearId;
  const [number, setNumber] = useState(String((calendar.terms.length % 4) + 1));
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => addTerm(organisationId, { academicYearId: year!, number: Number(number), startsOn, endsOn }),
    onSuccess: async () => {
      setSaved(true);
      setStartsOn('');
      setEndsOn('');
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
    },
  });
  if (!year) return null;
  const valid = isIsoDate(startsOn) && isIsoDate(endsOn);
  return (
    <form
      className="form pl-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (valid) save.mutate();
      }}
    >
      <h3 id={`${id}-title`}>{t('calendar.addTerm')}</h3>
      <div className="pl-row">
        <div className="field">
          <label htmlFor={`${id}-n`}>{t('calendar.number')}</label>
          <select id={`${id}-n`} value={number} onChange={(e) => setNumber(e.target.value)}>
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <DateField id={`${id}-s`} label={t('calendar.startsOn')} value={startsOn} onChange={setStartsOn} />
        <DateField id={`${id}-e`} label={t('calendar.endsOn')} value={endsOn} onChange={setEndsOn} />
      </div>
      <Outcome saved={saved} error={save.error} />
      <button type="submit" className="button" disabled={!valid || save.isPending}>
        {t('save')}
      </button>
    </form>
  );
}

function HolidayForm({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const queryClient = useQueryClient();
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [name, setName] = useState({ kk: '', ru: '', en: '' });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => addHoliday(organisationId, { startsOn, endsOn: endsOn || startsOn, name }),
    onSuccess: async () => {
      setSaved(true);
      setStartsOn('');
      setEndsOn('');
      setName({ kk: '', ru: '', en: '' });
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
    },
  });
  const valid = isIsoDate(startsOn) && (endsOn === '' || isIsoDate(endsOn)) && name.kk.trim() && name.ru.trim() && name.en.trim();
  return (
    <form
      className="form pl-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        if (valid) save.mutate();
      }}
    >
      <h3 id={`${id}-title`}>{t('calendar.addHoliday')}</h3>
      <div className="pl-row">
        <DateField id={`${id}-s`} label={t('calendar.startsOn')} value={startsOn} onChange={setStartsOn} />
        <DateField id={`${id}-e`} label={t('calendar.endsOn')} value={endsOn} onChange={setEndsOn} />
      </div>
      {(['kk', 'ru', 'en'] as const).map((lang) => (
        <div className="field" key={lang}>
          <label htmlFor={`${id}-${lang}`}>{t(`calendar.name${lang === 'kk' ? 'Kk' : lang === 'ru' ? 'Ru' : 'En'}`)}</label>
          <input id={`${id}-${lang}`} lang={lang} value={name[lang]} maxLength={200} onChange={(e) => setName({ ...name, [lang]: e.target.value })} />
        </div>
      ))}
      <Outcome saved={saved} error={save.error} />
      <button type="submit" className="button" disabled={!valid || save.isPending}>
        {t('save')}
      </button>
    </form>
  );
}

// ── teaching plan ─────────────────────────────────────────────────────────

export function PlanTab({ organisationId }: { organisationId: number }) {
  const plan = useQuery(planQuery(organisationId));
  const subjects = useQuery(subjectsQuery);
  return (
    <QueryView query={plan}>
      {(data) =>
        subjects.data ? (
          <PlanEditor key={JSON.stringify(data)} organisationId={organisationId} plan={data} subjects={subjects.data.items} />
        ) : subjects.isError ? (
          <ErrorNotice error={subjects.error} />
        ) : null
      }
    </QueryView>
  );
}

function PlanEditor({ organisationId, plan, subjects }: { organisationId: number; plan: Plan; subjects: Subject[] }) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const queryClient = useQueryClient();
  const [items, setItems] = useState(() => plan.items.map((i) => ({ grade: i.grade, subjectId: i.subject.id, hours: String(i.hoursPerWeek) })));
  const [saved, setSaved] = useState(false);
  const [adding, setAdding] = useState<Record<number, number>>({});
  const byId = useMemo(() => new Map(subjects.map((s) => [s.id, s])), [subjects]);
  const grades = [...new Set(items.map((i) => i.grade))].sort((a, b) => a - b);
  const valid = items.every((i) => Number(i.hours) > 0 && Number(i.hours) <= 20);
  const save = useMutation({
    mutationFn: (body: { grade: number; subjectId: number; hoursPerWeek: number }[]) => savePlan(organisationId, { items: body }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (valid) save.mutate(items.map((i) => ({ grade: i.grade, subjectId: i.subjectId, hoursPerWeek: Number(i.hours) })));
  };
  const name = (subjectId: number) => localised(byId.get(subjectId)?.name, i18n.language);
  return (
    <form className="form pl-form" noValidate onSubmit={submit} aria-describedby={`${id}-state`}>
      <p className="muted">{t('plan.intro')}</p>
      <p id={`${id}-state`}>{plan.own ? t('plan.own') : t('plan.national')}</p>
      {grades.map((grade) => (
        <fieldset key={grade} className="pl-grade">
          <legend>{t('plan.grade', { n: grade })}</legend>
          <ul className="plain-list">
            {items.map((item, index) =>
              item.grade !== grade ? null : (
                <li key={`${item.grade}-${item.subjectId}`} className="pl-row pl-row--plan">
                  <label htmlFor={`${id}-${index}`} className="pl-plan__subject">
                    {name(item.subjectId)}
                  </label>
                  <input
                    id={`${id}-${index}`}
                    inputMode="decimal"
                    size={4}
                    value={item.hours}
                    aria-invalid={!(Number(item.hours) > 0 && Number(item.hours) <= 20)}
                    aria-describedby={`${id}-hours`}
                    onChange={(e) => {
                      setSaved(false);
                      setItems(items.map((x, j) => (j === index ? { ...x, hours: e.target.value.trim().replace(',', '.') } : x)));
                    }}
                  />
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={`${t('remove')}: ${name(item.subjectId)}`}
                    onClick={() => {
                      setSaved(false);
                      setItems(items.filter((_, j) => j !== index));
                    }}
                  >
                    {t('remove')}
                  </button>
                </li>
              ),
            )}
          </ul>
          <div className="pl-row">
            <label htmlFor={`${id}-add-${grade}`} className="visually-hidden">
              {t('plan.addSubject')}
            </label>
            <select id={`${id}-add-${grade}`} value={adding[grade] ?? ''} onChange={(e) => setAdding({ ...adding, [grade]: Number(e.target.value) })}>
              <option value="">{t('plan.addSubject')}</option>
              {subjects
                .filter((s) => !items.some((i) => i.grade === grade && i.subjectId === s.id))
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {localised(s.name, i18n.language)}
                  </option>
                ))}
            </select>
            <button
              type="button"
              className="button button--secondary"
              disabled={!adding[grade]}
              onClick={() => {
                setSaved(false);
                setItems([...items, { grade, subjectId: adding[grade]!, hours: '1' }]);
                setAdding({ ...adding, [grade]: 0 });
              }}
            >
              {t('plan.addSubject')}
            </button>
          </div>
        </fieldset>
      ))}
      <p id={`${id}-hours`} className="field__hint">
        {t('plan.hours')}
      </p>
      <Outcome saved={saved} error={save.error} />
      <div className="pl-actions">
        <button type="submit" className="button" disabled={!valid || save.isPending}>
          {t('save')}
        </button>
        {plan.own && (
          <button
            type="button"
            className="button button--secondary"
            disabled={save.isPending}
            onClick={() => {
              setSaved(false);
              save.mutate([]);
            }}
          >
            {t('plan.backToNational')}
          </button>
        )}
      </div>
    </form>
  );
}
