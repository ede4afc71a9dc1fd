import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { fullName, localised, shortName } from '../../ui/format.js';
import { useTitle } from '../../ui/useTitle.js';
import { groupsQuery, moveChild, runGrouping, type AdminApplication, type DutyGroup, type DutyWindow, type GroupingResult } from './api.js';
import { WindowFacts } from './WindowFacts.js';
import { ApplicationsSection } from './ApplicationsSection.js';
import { ConfirmButton } from './ConfirmButton.js';
import { dateTimeText, dayPatternText } from './days.js';
import { useDayNames } from './useDayNames.js';
import './duty.css';

interface Movable {
  applicationId: number;
  name: string;
  groupId: number | null;
}

/**
 * Moves one child into another group or back to the waiting list; the cap error is shown in words.
 * Folded behind one button per child, so a long list stays short on a phone.
 */
function MoveControl({ child, groups, windowId }: { child: Movable; groups: DutyGroup[]; windowId: number }) {
  const { t } = useTranslation('duty');
  const queryClient = useQueryClient();
  const id = useId();
  const days = useDayNames();
  const [open, setOpen] = useState(false);
  const targets = groups.filter((g) => g.id !== child.groupId);
  const [target, setTarget] = useState<string>(targets[0] ? String(targets[0].id) : 'waiting');
  const move = useMutation({
    mutationFn: () => moveChild(child.applicationId, target === 'waiting' ? null : Number(target)),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['duty', 'windows', windowId] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  if (!open) {
    return (
      <button type="button" className="button button--quiet fd-move__open" aria-label={t('window.moveTo', { name: child.name })} onClick={() => setOpen(true)}>
        {t('window.move')}
      </button>
    );
  }
  return (
    <form className="fd-move" onSubmit={submit}>
      <label htmlFor={id}>{t('window.moveTo', { name: child.name })}</label>
      <select
        id={id}
        value={target}
        // biome-ignore lint/a11y/noAutofocus: the form opens on the teacher's own "move" click; focus follows it
        autoFocus
        onChange={(e) => {
          setTarget(e.target.value);
          move.reset();
        }}
      >
        {targets.map((g) => (
          <option key={g.id} value={g.id}>
            {t('window.group', { label: g.label })} · {t('shiftN', { n: g.shift })} · {dayPatternText(g.days, days)} · {g.size}/{g.capacity}
          </option>
        ))}
        {child.groupId !== null && <option value="waiting">{t('window.toWaiting')}</option>}
      </select>
      <div className="fd-actions">
        <button type="submit" className="button" disabled={move.isPending}>
          {t('window.moveHere')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setOpen(false);
            move.reset();
          }}
        >
          {t('cancel')}
        </button>
      </div>
      {move.isError && <ErrorNotice error={move.error} />}
    </form>
  );
}

function GroupCard({ group, groups, windowId }: { group: DutyGroup; groups: DutyGroup[]; windowId: number }) {
  const { t } = useTranslation('duty');
  const days = useDayNames();
  const headingId = useId();
  return (
    <section className="duty-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('window.group', { label: group.label })}
        {group.belowMinimum && <span className="fd-tag fd-tag--warn">{t('window.belowMinimum')}</span>}
      </h3>
      <dl className="facts">
        <dt>{t('parent.shiftLabel')}</dt>
        <dd>{t('shiftN', { n: group.shift })}</dd>
        <dt>{t('parent.daysLabel')}</dt>
        <dd>{dayPatternText(group.days, days)}</dd>
        <dt>{t('parent.room')}</dt>
        <dd>{group.room.name}</dd>
        <dt>{t('parent.teacher')}</dt>
        <dd>{fullName(group.teacher)}</dd>
        <dt>{t('window.child')}</dt>
        <dd>{t('window.size', { size: group.size, capacity: group.capacity })}</dd>
      </dl>
      <ul className="duty-members" aria-label={t('window.members', { label: group.label })}>
        {group.members.map((m) => (
          <li key={m.applicationId}>
            <span className="duty-members__name">
              {shortName(m.child)} <span className="muted">{m.className}</span>
              {m.placedByHand && <span className="fd-tag">{t('window.byHand')}</span>}
            </span>
            <MoveControl child={{ applicationId: m.applicationId, name: fullName(m.child), groupId: group.id }} groups={groups} windowId={windowId} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function WaitingList({ waiting, groups, window }: { waiting: AdminApplication[]; groups: DutyGroup[]; window: DutyWindow }) {
  const { t, i18n } = useTranslation('duty');
  const lang = i18n.language;
  const reasonText = (codes: string[]) =>
    codes
      .map((c) => {
        const r = window.reasons.find((x) => x.code === c);
        return r ? localised(r.label, lang) : c;
      })
      .join('; ');
  if (waiting.length === 0) return <p>{t('window.noWaiting')}</p>;
  return (
    <ol className="duty-waiting">
      {waiting.map((a) => (
        <li key={a.id}>
          <p className="duty-members__name">
            <span className="duty-waiting__pos">{a.waitingPosition ?? '–'}.</span> {fullName(a.child)} <span className="muted">{a.class.name}</span>
            {a.siblingIds.length > 0 && <span className="fd-tag">{t('window.siblings')}</span>}
          </p>
          <dl className="facts fd-compact">
            <dt>{t('window.priority')}</dt>
            <dd>{a.priority}</dd>
            <dt>{t('window.reasons')}</dt>
            <dd>{reasonText(a.reasons)}</dd>
            {a.preferredShift !== null && (
              <>
                <dt>{t('parent.preferredShift')}</dt>
                <dd>{t('shiftN', { n: a.preferredShift })}</dd>
              </>
            )}
            <dt>{t('window.submittedAt')}</dt>
            <dd>{dateTimeText(a.submittedAt, lang)}</dd>
            {a.waitingReason && (
              <>
                <dt>{t('window.why')}</dt>
                <dd>{t(`waitingReasons.${a.waitingReason as 'moved_by_admin'}`, { defaultValue: a.waitingReason })}</dd>
              </>
            )}
          </dl>
          {groups.length > 0 && <MoveControl child={{ applicationId: a.id, name: fullName(a.child), groupId: null }} groups={groups} windowId={window.id} />}
        </li>
      ))}
    </ol>
  );
}

function GroupingActions({ window }: { window: DutyWindow }) {
  const { t } = useTranslation('duty');
  const queryClient = useQueryClient();
  const [result, setResult] = useState<GroupingResult | null>(null);
  const run = useMutation({
    mutationFn: (reshuffle: boolean) => runGrouping(window.id, reshuffle),
    onMutate: () => setResult(null),
    onSuccess: async (r) => {
      setResult(r);
      await queryClient.invalidateQueries({ queryKey: ['duty'] });
    },
  });
  return (
    <div className="duty-actions">
      {window.counts.submitted > 0 && <p>{t('window.newApplications', { n: window.counts.submitted })}</p>}
      <p className="field__hint">{t('window.formHint')}</p>
      <div className="fd-actions">
        <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate(false)}>
          {run.isPending ? t('window.running') : t('window.form')}
        </button>
      </div>
      <p className="field__hint">{t('window.reshuffleHint')}</p>
      <div className="fd-actions">
        <ConfirmButton
          label={t('window.reshuffle')}
          question={t('window.reshuffleHint')}
          yes={t('window.reshuffleYes')}
          no={t('cancel')}
          busy={run.isPending}
          onConfirm={() => run.mutate(true)}
        />
      </div>
      <div aria-live="polite">
        {result && (
          <p className="notice">
            {t('window.result', {
              groups: result.groups,
              created: result.groupsCreated,
              removed: result.groupsRemoved,
              placed: result.placed,
              newlyPlaced: result.newlyPlaced,
              moved: result.moved,
              waiting: result.waiting,
            })}
          </p>
        )}
      </div>
      {run.isError && <ErrorNotice error={run.error} />}
    </div>
  );
}

/** The admin's view of one window: form the groups (or reshuffle), the groups, the waiting list, moves by hand. */
export function WindowPage({ windowId }: { windowId: number }) {
  const { t } = useTranslation(['duty', 'common']);
  useTitle(t('window.title'));
  const data = useQuery({ ...groupsQuery(windowId), enabled: windowId > 0 });
  return (
    <QueryView query={data} heading={t('window.title')}>
      {({ window, groups, waiting }) => (
        <>
          <nav aria-label={t('common:app.breadcrumb')} className="breadcrumb">
            <ol>
              <li>
                <Link to="/">{t('common:app.home')}</Link>
              </li>
              <li>
                <Link to="/duty/organisations/$organisationId" params={{ organisationId: window.organisationId }}>
                  {t('window.back')}
                </Link>
              </li>
            </ol>
          </nav>
          <h1>{t('window.title')}</h1>
          <section className="card" aria-labelledby="duty-window">
            <h2 id="duty-window">{t('admin.sectionWindow')}</h2>
            <WindowFacts window={window} />
            <GroupingActions window={window} />
          </section>
          <section className="card" aria-labelledby="duty-groups">
            <h2 id="duty-groups">
              {t('admin.groups')} ({groups.length})
            </h2>
            {groups.length === 0 ? (
              <p>{t('window.noGroups')}</p>
            ) : (
              <div className="duty-groups">
                {groups.map((g) => (
                  <GroupCard key={g.id} group={g} groups={groups} windowId={window.id} />
                ))}
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="duty-waiting">
            <h2 id="duty-waiting">
              {t('window.waiting')} ({waiting.length})
            </h2>
            <WaitingList waiting={waiting} groups={groups} window={window} />
          </section>
          <ApplicationsSection window={window} />
        </>
      )}
    </QueryView>
  );
}
