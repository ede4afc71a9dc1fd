import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { organisationQuery } from '../organisations/api.js';
import { closeWindow, dutySettingsQuery, openWindow, windowsQuery, type DutySettings, type DutyWindow } from './api.js';
import { ConfirmButton } from './ConfirmButton.js';
import { dayPatternText } from './days.js';
import { useDayNames } from './useDayNames.js';
import { WindowFacts } from './WindowFacts.js';
import './duty.css';
import { DateInput } from '../../ui/controls.js';

function WindowCard({ window, canManage }: { window: DutyWindow; canManage: boolean }) {
  const { t } = useTranslation('duty');
  const queryClient = useQueryClient();
  const close = useMutation({
    mutationFn: () => closeWindow(window.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['duty'] }),
  });
  return (
    <li className="org-card">
      <WindowFacts window={window} />
      <div className="fd-actions">
        <Link to="/duty/windows/$windowId" params={{ windowId: window.id }} className="button">
          {t('admin.manage')}
        </Link>
        {canManage && window.isOpen && (
          <ConfirmButton
            label={t('admin.close')}
            question={t('admin.closeConfirm')}
            yes={t('admin.closeYes')}
            no={t('cancel')}
            busy={close.isPending}
            onConfirm={() => close.mutate()}
          />
        )}
      </div>
      {close.isError && <ErrorNotice error={close.error} />}
    </li>
  );
}

/** The device's calendar date, YYYY-MM-DD. */
const localToday = () => new Date().toLocaleDateString('sv-SE');

function toggled<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

function OpenWindowForm({ organisationId, settings }: { organisationId: number; settings: DutySettings }) {
  const { t } = useTranslation('duty');
  const queryClient = useQueryClient();
  const id = useId();
  const days = useDayNames();
  const [opensOn, setOpensOn] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [grades, setGrades] = useState<number[]>(settings.eligibleGrades);
  const [groupMax, setGroupMax] = useState(String(settings.groupMax));
  const [groupMin, setGroupMin] = useState(String(settings.groupMin));
  const [join, setJoin] = useState(settings.joinAdjacentGrades);
  const [shifts, setShifts] = useState<number[]>(settings.shifts);
  const [patterns, setPatterns] = useState<string[]>(settings.dayPatterns);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const open = useMutation({
    mutationFn: () =>
      openWindow(organisationId, {
        opensOn,
        closesOn,
        eligibleGrades: [...grades].sort((a, b) => a - b),
        groupMax: Number(groupMax),
        groupMin: Number(groupMin),
        joinAdjacentGrades: join,
        shifts: [...shifts].sort(),
        dayPatterns: patterns,
      }),
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ['duty'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!opensOn || !closesOn) return setProblem(t('admin.fillDates'));
    if (grades.length === 0 || shifts.length === 0 || patterns.length === 0) return setProblem(t('admin.chooseOne'));
    setProblem(null);
    open.mutate();
  };
  return (
    <form className="form fd-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('admin.openTitle')}</h2>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('admin.opensOn')}</label>
          <DateInput id={`${id}-from`} required value={opensOn} onChange={setOpensOn} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('admin.closesOn')}</label>
          <DateInput id={`${id}-to`} required value={closesOn} min={opensOn || undefined} onChange={setClosesOn} />
        </div>
      </div>
      <fieldset className="fd-choices fd-choices--row">
        <legend>{t('admin.eligibleGrades')}</legend>
        {settings.eligibleGrades.map((g) => (
          <label key={g} className="fd-choice">
            <input type="checkbox" checked={grades.includes(g)} onChange={(e) => setGrades(toggled(grades, g, e.target.checked))} />
            <span>{g}</span>
          </label>
        ))}
      </fieldset>
      <div className="fd-row">
        <div className="field">
          <label htmlFor={`${id}-max`}>{t('admin.groupMax')}</label>
          <input
            id={`${id}-max`}
            type="number"
            inputMode="numeric"
            min={1}
            max={settings.groupMax}
            value={groupMax}
            aria-describedby={`${id}-max-hint`}
            onChange={(e) => setGroupMax(e.target.value)}
          />
          <p id={`${id}-max-hint`} className="field__hint">
            {t('admin.groupMaxHint', { max: settings.groupMax })}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-min`}>{t('admin.groupMin')}</label>
          <input id={`${id}-min`} type="number" inputMode="numeric" min={1} max={60} value={groupMin} onChange={(e) => setGroupMin(e.target.value)} />
        </div>
      </div>
      <label className="fd-choice">
        <input type="checkbox" checked={join} onChange={(e) => setJoin(e.target.checked)} />
        <span>{t('admin.joinAdjacent')}</span>
      </label>
      <fieldset className="fd-choices fd-choices--row">
        <legend>{t('admin.shifts')}</legend>
        {settings.shifts.map((s) => (
          <label key={s} className="fd-choice">
            <input type="checkbox" checked={shifts.includes(s)} onChange={(e) => setShifts(toggled(shifts, s, e.target.checked))} />
            <span>{t('shiftN', { n: s })}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="fd-choices">
        <legend>{t('admin.dayPatterns')}</legend>
        {settings.dayPatterns.map((p) => (
          <label key={p} className="fd-choice">
            <input type="checkbox" checked={patterns.includes(p)} onChange={(e) => setPatterns(toggled(patterns, p, e.target.checked))} />
            <span>{dayPatternText(p, days)}</span>
          </label>
        ))}
      </fieldset>
      {problem && (
        <p className="form__error" role="alert">
          {problem}
        </p>
      )}
      {open.isError && <ErrorNotice error={open.error} />}
      {done && (
        <p className="notice" role="status">
          {t('admin.opened')}
        </p>
      )}
      <div className="fd-actions">
        <button type="submit" className="button" disabled={open.isPending}>
          {t('admin.openSubmit')}
        </button>
      </div>
    </form>
  );
}

/** The school admin's duty-class windows: each with counts and a way to its groups; opening a new one. */
export function AdminDutyPage({ organisationId }: { organisationId: number }) {
  const { t, i18n } = useTranslation(['duty', 'common']);
  useTitle(t('title'));
  const organisation = useQuery({ ...organisationQuery(organisationId), enabled: organisationId > 0 });
  const windows = useQuery({ ...windowsQuery(organisationId), enabled: organisationId > 0 });
  const kind = organisation.data?.kind;
  const dutyKind = kind === 'kindergarten' || kind === 'additional' ? kind : 'school';
  const settings = useQuery({ ...dutySettingsQuery(dutyKind), enabled: windows.data?.canManage === true && kind !== undefined });
  return (
    <>
      <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
        <ol>
          <li>
            <Link to="/">{t('common:app.home')}</Link>
          </li>
          {organisation.data && (
            <li>
              <Link to="/organisations/$organisationId" params={{ organisationId }}>
                {localised(organisation.data.name, i18n.language)}
              </Link>
            </li>
          )}
        </ol>
      </nav>
      <h1>{t('title')}</h1>
      <QueryView query={windows}>
        {(data) => (
          <>
            <section className="card" aria-labelledby="duty-windows">
              <h2 id="duty-windows">{t('admin.windows')}</h2>
              {data.items.length === 0 ? (
                <p>{t('admin.noWindows')}</p>
              ) : (
                <ul className="plain-list">
                  {data.items.map((w) => (
                    <WindowCard key={w.id} window={w} canManage={data.canManage} />
                  ))}
                </ul>
              )}
            </section>
            {data.canManage &&
              (data.items.some((w) => w.isOpen || (w.closedAt === null && w.closesOn >= localToday())) ? (
                // one window at a time: the form would only end in a 409, so it is not offered
                <p className="notice">{t('admin.oneAtATime')}</p>
              ) : (
                <section className="card">
                  <p>
                    <Link to="/duty/settings">{t('settings.link')}</Link>
                  </p>
                  <QueryView query={settings}>{(s) => <OpenWindowForm organisationId={organisationId} settings={s} />}</QueryView>
                </section>
              ))}
          </>
        )}
      </QueryView>
    </>
  );
}
