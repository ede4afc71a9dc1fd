import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { formatDate, fullName, localised } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { applyForDuty, myChildrenDutyQuery, withdrawApplication, type ChildDuty, type ParentApplication } from './api.js';
import { ConfirmButton } from './ConfirmButton.js';
import { dateTimeText, dayPatternText, gradeList } from './days.js';
import { useDayNames } from './useDayNames.js';
import './duty.css';

type Window = NonNullable<ChildDuty['window']>;

/** The reasons' labels in the reader's language (a code no longer offered is shown as it is). */
function reasonLabels(codes: string[], window: Window | null, language: string): string {
  return codes
    .map((code) => {
      const option = window?.reasons.find((r) => r.code === code);
      return option ? localised(option.label, language) : code;
    })
    .join('; ');
}

function ApplicationFacts({ application, window }: { application: ParentApplication; window: Window | null }) {
  const { t, i18n } = useTranslation('duty');
  const lang = i18n.language;
  const days = useDayNames();
  const g = application.group;
  return (
    <dl className="facts">
      <dt>{t('parent.status')}</dt>
      <dd>
        <span className={`fd-tag fd-tag--status-${application.status}`}>{t(`status.${application.status}`)}</span>
      </dd>
      {application.status === 'waiting' && application.waitingPosition !== null && (
        <>
          <dt>{t('parent.waitingPosition')}</dt>
          <dd>{application.waitingPosition}</dd>
        </>
      )}
      {g && (
        <>
          <dt>{t('parent.group')}</dt>
          <dd className="duty-strong">{g.label}</dd>
          <dt>{t('parent.room')}</dt>
          <dd>{g.room.name}</dd>
          <dt>{t('parent.shiftLabel')}</dt>
          <dd>{t('shiftN', { n: g.shift })}</dd>
          <dt>{t('parent.daysLabel')}</dt>
          <dd>{dayPatternText(g.days, days)}</dd>
          <dt>{t('parent.teacher')}</dt>
          <dd>{fullName(g.teacher)}</dd>
        </>
      )}
      <dt>{t('parent.reasonsGiven')}</dt>
      <dd>{reasonLabels(application.reasons, window, lang)}</dd>
      {application.preferredShift !== null && (
        <>
          <dt>{t('parent.preferredShift')}</dt>
          <dd>{t('shiftN', { n: application.preferredShift })}</dd>
        </>
      )}
      <dt>{t('parent.submittedAt')}</dt>
      <dd>{dateTimeText(application.submittedAt, lang)}</dd>
    </dl>
  );
}

function ApplyForm({ child, window, onDone }: { child: ChildDuty; window: Window; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation('duty');
  const queryClient = useQueryClient();
  const id = useId();
  const [reasons, setReasons] = useState<string[]>([]);
  const [shift, setShift] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const apply = useMutation({
    mutationFn: applyForDuty,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['duty'] });
      onDone(t('parent.submitted'));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reasons.length === 0) {
      setMissing(true);
      document.getElementById(`${id}-reason-0`)?.focus();
      return;
    }
    setMissing(false);
    apply.mutate({ windowId: window.id, childId: child.child.id, reasons, preferredShift: shift, note: note.trim() || null });
  };
  const toggle = (code: string, on: boolean) => setReasons((rs) => (on ? [...rs, code] : rs.filter((r) => r !== code)));
  return (
    <form className="form fd-form duty-apply" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('parent.applyTitle')}</h3>
      <fieldset className="fd-choices" aria-invalid={missing || undefined} aria-describedby={missing ? `${id}-missing` : undefined}>
        <legend>{t('parent.reasons')}</legend>
        {window.reasons.map((r, i) => (
          <label key={r.code} className="fd-choice">
            <input id={`${id}-reason-${i}`} type="checkbox" checked={reasons.includes(r.code)} onChange={(e) => toggle(r.code, e.target.checked)} />
            <span>{localised(r.label, i18n.language)}</span>
          </label>
        ))}
        {missing && (
          <p id={`${id}-missing`} className="form__error" role="alert">
            {t('parent.reasonsRequired')}
          </p>
        )}
      </fieldset>
      {window.shifts.length > 1 && (
        <fieldset className="fd-choices fd-choices--row">
          <legend>{t('parent.shift')}</legend>
          <label className="fd-choice">
            <input type="radio" name={`${id}-shift`} checked={shift === null} onChange={() => setShift(null)} />
            <span>{t('parent.anyShift')}</span>
          </label>
          {window.shifts.map((s) => (
            <label key={s} className="fd-choice">
              <input type="radio" name={`${id}-shift`} checked={shift === s} onChange={() => setShift(s)} />
              <span>{t('shiftN', { n: s })}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('parent.note')}</label>
        <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {apply.isError && <ErrorNotice error={apply.error} />}
      <div className="fd-actions">
        <button type="submit" className="button" disabled={apply.isPending}>
          {apply.isPending ? t('parent.submitting') : t('parent.submit')}
        </button>
      </div>
    </form>
  );
}

function WindowLine({ window }: { window: Window | null }) {
  const { t, i18n } = useTranslation('duty');
  const lang = i18n.language;
  if (!window) return <p className="duty-window">{t('parent.noWindow')}</p>;
  const dates = { from: formatDate(window.opensOn, lang), to: formatDate(window.closesOn, lang) };
  if (!window.eligible) return <p className="duty-window">{t('parent.notEligible', { grades: gradeList(window.eligibleGrades) })}</p>;
  return <p className="duty-window">{window.isOpen ? t('parent.windowOpen', dates) : t('parent.windowClosed', dates)}</p>;
}

function ChildCard({ item }: { item: ChildDuty }) {
  const { t, i18n } = useTranslation('duty');
  const queryClient = useQueryClient();
  const headingId = useId();
  const [message, setMessage] = useState<string | null>(null);
  const withdraw = useMutation({
    mutationFn: withdrawApplication,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['duty'] });
      setMessage(t('parent.withdrawn'));
    },
  });
  const { window, application } = item;
  const active = application && application.status !== 'withdrawn' ? application : null;
  const canApply = !active && window !== null && window.isOpen && window.eligible;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{fullName(item.child)}</h2>
      <dl className="facts">
        <dt>{t('parent.class')}</dt>
        <dd>{item.class.name}</dd>
        <dt>{t('parent.school')}</dt>
        <dd>{localised(item.organisation.name, i18n.language)}</dd>
      </dl>
      <WindowLine window={window} />
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {application && (
        <div className="duty-application">
          <h3>{t('parent.application')}</h3>
          <ApplicationFacts application={application} window={window} />
          {active && (
            <div className="fd-actions">
              <ConfirmButton
                label={t('parent.withdraw')}
                question={t('parent.withdrawConfirm')}
                yes={t('parent.withdrawYes')}
                no={t('cancel')}
                busy={withdraw.isPending}
                onConfirm={() => {
                  setMessage(null);
                  withdraw.mutate(active.id);
                }}
              />
            </div>
          )}
          {withdraw.isError && <ErrorNotice error={withdraw.error} />}
        </div>
      )}
      {canApply && <ApplyForm child={item} window={window} onDone={setMessage} />}
    </section>
  );
}

/** A parent's page: each child with the school's duty-class window, the application and the group. */
export function ParentDutyPage() {
  const { t } = useTranslation(['duty', 'common']);
  useTitle(t('title'));
  const children = useQuery(myChildrenDutyQuery);
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
      <p className="lead">{t('parent.intro')}</p>
      <QueryView query={children}>
        {(data) =>
          data.children.length === 0 ? (
            <p>{t('parent.noChildren')}</p>
          ) : (
            <div className="sections">
              {data.children.map((c) => (
                <ChildCard key={c.child.id} item={c} />
              ))}
            </div>
          )
        }
      </QueryView>
    </>
  );
}
