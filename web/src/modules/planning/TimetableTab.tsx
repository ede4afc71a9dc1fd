import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { tvChannel as tvChannelSchema } from '../../../../contracts/learning.js';
import { isApiError } from '../../api/client.js';
import { errorMessage } from '../../api/error-message.js';
import { ErrorNotice, QueryView } from '../../ui/feedback.js';
import { fullName, localised, shortName } from '../../ui/format.js';
import { organisationClassesQuery } from '../organisations/api.js';
import {
  assignmentsQuery,
  checkSlot,
  createSlot,
  generateLessons,
  moveSlot,
  PLANNING_KEY,
  periodsQuery,
  previewLessons,
  removeSlot,
  roomsQuery,
  timetableQuery,
  type Assignment,
  type GeneratePreview,
  type OrganisationTimetable,
  type Period,
  type Room,
  type SlotCreate,
  type Term,
  type TimetableSlot,
} from './api.js';
import { defaultGenerateFrom, gridFor, isIsoDate, type GridRow, type GridView } from './timetable-grid.js';
import { dayKey, useTermLabel } from './useTermLabel.js';

export type ViewKind = 'class' | 'teacher' | 'room';
type TvChannel = z.infer<typeof tvChannelSchema>;
const CHANNELS: TvChannel[] = ['al_farabi', 'el_arna', 'balapan', 'qazaqstan'];

interface Props {
  organisationId: number;
  termId?: number;
  view: ViewKind;
  of?: number;
  onChange: (next: { termId?: number; view?: ViewKind; of?: number }) => void;
}

/**
 * A clash as one sentence with its reason (which class, day and period), from the 409's details;
 * other failures as their translated sentence.
 */
export function useProblemText() {
  const { t, i18n } = useTranslation('planning');
  return (error: unknown): string => {
    if (isApiError(error) && error.details && typeof error.details.className === 'string') {
      const d = error.details as { className: string; weekday?: number; periodNumber?: number; startsAt?: string; endsAt?: string };
      const kind =
        error.code === 'learning.teacher_clash'
          ? 'teacher'
          : error.code === 'learning.room_clash'
            ? 'room'
            : error.code === 'learning.class_busy'
              ? 'class'
              : null;
      if (kind) {
        const period = [t('periodN', { n: d.periodNumber }), d.startsAt && d.endsAt ? `${d.startsAt}–${d.endsAt}` : ''].filter(Boolean).join(', ');
        return t(`clash.${kind}`, { className: d.className, day: t(dayKey(d.weekday ?? 1)), period });
      }
    }
    return errorMessage(i18n, error);
  };
}

export function TimetableTab({ organisationId, termId, view, of, onChange }: Props) {
  const { t } = useTranslation('planning');
  const timetable = useQuery(timetableQuery(organisationId, termId));
  const periods = useQuery(periodsQuery(organisationId));
  const classes = useQuery(organisationClassesQuery(organisationId));
  const assignments = useQuery(assignmentsQuery(organisationId));
  const rooms = useQuery(roomsQuery(organisationId));
  const termLabel = useTermLabel();
  const id = useId();
  return (
    <QueryView query={timetable}>
      {(tt) =>
        tt.terms.length === 0 || !tt.term ? (
          <p className="notice">{t('timetable.noTerms')}</p>
        ) : (
          <>
            <div className="pl-controls">
              <div className="field">
                <label htmlFor={`${id}-term`}>{t('timetable.term')}</label>
                <select id={`${id}-term`} value={tt.term.id} onChange={(e) => onChange({ termId: Number(e.target.value) })}>
                  {tt.terms.map((x) => (
                    <option key={x.id} value={x.id}>
                      {termLabel(x)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-view`}>{t('timetable.view')}</label>
                <select id={`${id}-view`} value={view} onChange={(e) => onChange({ view: e.target.value as ViewKind, of: undefined })}>
                  {(['class', 'teacher', 'room'] as const).map((v) => (
                    <option key={v} value={v}>
                      {t(`timetable.views.${v}`)}
                    </option>
                  ))}
                </select>
              </div>
              <ViewPicker
                id={`${id}-of`}
                view={view}
                of={of}
                classes={classes.data?.items ?? []}
                assignments={assignments.data?.items ?? []}
                rooms={rooms.data?.items ?? []}
                onPick={(next) => onChange({ of: next })}
              />
            </div>
            {of && periods.data && classes.data && assignments.data && rooms.data ? (
              <Week
                timetable={tt}
                term={tt.term}
                periods={periods.data.items}
                view={view}
                of={of}
                classes={classes.data.items}
                assignments={assignments.data.items}
                rooms={rooms.data.items}
              />
            ) : periods.isError || classes.isError || assignments.isError || rooms.isError ? (
              <ErrorNotice error={periods.error ?? classes.error ?? assignments.error ?? rooms.error} />
            ) : null}
          </>
        )
      }
    </QueryView>
  );
}

type ClassItem = { id: number; name: string; shift: number; grade: number | null };

function ViewPicker({
  id,
  view,
  of,
  classes,
  assignments,
  rooms,
  onPick,
}: {
  id: string;
  view: ViewKind;
  of?: number;
  classes: ClassItem[];
  assignments: Assignment[];
  rooms: Room[];
  onPick: (of?: number) => void;
}) {
  const { t } = useTranslation('planning');
  const teachers = useMemo(() => {
    const byId = new Map<number, Assignment['teacher']>();
    for (const a of assignments) byId.set(a.teacher.id, a.teacher);
    return [...byId.values()].sort((a, b) => fullName(a).localeCompare(fullName(b)));
  }, [assignments]);
  const options =
    view === 'class'
      ? classes.map((c) => ({ id: c.id, label: c.name }))
      : view === 'teacher'
        ? teachers.map((p) => ({ id: p.id, label: fullName(p) }))
        : rooms.map((r) => ({ id: r.id, label: r.name }));
  return (
    <div className="field">
      <label htmlFor={id}>{t(`timetable.views.${view}`)}</label>
      <select id={id} value={of ?? ''} onChange={(e) => onPick(e.target.value ? Number(e.target.value) : undefined)}>
        <option value="">{t('timetable.choose')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface WeekProps {
  timetable: OrganisationTimetable;
  term: Term;
  periods: Period[];
  view: ViewKind;
  of: number;
  classes: ClassItem[];
  assignments: Assignment[];
  rooms: Room[];
}

type Editing = { kind: 'add'; day: number; row: GridRow } | { kind: 'move'; slot: TimetableSlot } | null;

function Week({ timetable, term, periods, view, of, classes, assignments, rooms }: WeekProps) {
  const { t, i18n } = useTranslation('planning');
  const cls = view === 'class' ? classes.find((c) => c.id === of) : undefined;
  const gridView: GridView | null =
    view === 'class'
      ? cls
        ? { kind: 'class', classId: cls.id, shift: cls.shift }
        : null
      : view === 'teacher'
        ? { kind: 'teacher', teacherId: of }
        : { kind: 'room', roomId: of };
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const problemText = useProblemText();
  const remove = useMutation({
    mutationFn: (slotId: number) => removeSlot(slotId),
    onSuccess: async (r) => {
      setMessage(t('timetable.removed', { count: r.lessonsRemoved }));
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
    },
  });
  if (!gridView) return null;
  const grid = gridFor(timetable.slots, periods, gridView);
  if (grid.rows.length === 0) return <p className="notice">{t('timetable.noBells')}</p>;
  const editable = view === 'class';
  return (
    <>
      <h2>
        {cls ? t('timetable.ofClass', { name: cls.name }) : t(`timetable.views.${view}`)} · {t('timetable.slotsCount', { count: grid.count })}
      </h2>
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {remove.isError && (
        <p className="notice notice--error" role="alert">
          {problemText(remove.error)}
        </p>
      )}
      <div className={grid.days.length > 6 ? 'pl-week pl-week--seven' : 'pl-week'}>
        {grid.days.map((day) => (
          <section key={day} className="pl-day" aria-labelledby={`pl-day-${day}`}>
            <h3 id={`pl-day-${day}`}>{t(dayKey(day))}</h3>
            <ol className="pl-periods">
              {grid.rows.map((row) => {
                const here = grid.cell(day, row);
                return (
                  <li key={`${row.shift}-${row.number}`} className={here.length ? 'pl-slot pl-slot--busy' : 'pl-slot'}>
                    <span className="pl-slot__time">
                      {view !== 'class' && <>{t('shiftN', { n: row.shift })}, </>}
                      {t('periodN', { n: row.number })} · {row.startsAt}–{row.endsAt}
                    </span>
                    {here.map((s) => (
                      <div key={s.id} className="pl-slot__lesson">
                        <strong>{localised(s.subject.name, i18n.language)}</strong>
                        <span>
                          {view === 'teacher' ? s.class.name : shortName(s.teacher)}
                          {view === 'room' ? ` · ${s.class.name}` : s.room ? ` · ${s.room.name}` : ''}
                        </span>
                        {editable && (
                          <span className="pl-slot__actions">
                            <button
                              type="button"
                              className="button button--secondary"
                              onClick={() => {
                                setMessage(null);
                                setEditing({ kind: 'move', slot: s });
                              }}
                              aria-label={`${t('timetable.move')}: ${localised(s.subject.name, i18n.language)}, ${t(dayKey(day))}, ${t('periodN', { n: row.number })}`}
                            >
                              {t('timetable.move')}
                            </button>
                            <button
                              type="button"
                              className="button button--secondary"
                              disabled={remove.isPending}
                              aria-label={`${t('remove')}: ${localised(s.subject.name, i18n.language)}, ${t(dayKey(day))}, ${t('periodN', { n: row.number })}`}
                              onClick={() => {
                                setMessage(null);
                                if (window.confirm(t('timetable.removeConfirm'))) remove.mutate(s.id);
                              }}
                            >
                              {t('remove')}
                            </button>
                          </span>
                        )}
                      </div>
                    ))}
                    {editable && here.length === 0 && (
                      <button
                        type="button"
                        className="button button--secondary pl-slot__add"
                        aria-label={`${t('timetable.add')}: ${t(dayKey(day))}, ${t('periodN', { n: row.number })}`}
                        onClick={() => {
                          setMessage(null);
                          setEditing({ kind: 'add', day, row });
                        }}
                      >
                        + {t('timetable.add')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ol>
          </section>
        ))}
      </div>
      {editing?.kind === 'add' && cls && (
        <AddSlotForm
          key={`${editing.day}-${editing.row.number}`}
          classId={cls.id}
          term={term}
          day={editing.day}
          row={editing.row}
          assignments={assignments.filter((a) => a.class.id === cls.id)}
          rooms={rooms}
          onDone={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'move' && cls && (
        <MoveSlotForm
          key={editing.slot.id}
          slot={editing.slot}
          rows={grid.rows}
          days={grid.days}
          rooms={rooms}
          onDone={(moved) => {
            setEditing(null);
            if (moved) setMessage(t('timetable.moved'));
          }}
        />
      )}
      {cls && <GenerateForm term={term} classId={cls.id} today={timetable.today} />}
    </>
  );
}

/** A form opened from a cell far up the page: bring it into view and put the focus on its heading. */
function useFocusOnOpen() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
    ref.current?.focus();
  }, []);
  return ref;
}

/** Runs the server's own clash check as the form changes (debounced), so a clash shows before saving. */
function useSlotCheck(run: ((signal: AbortSignal) => Promise<unknown>) | null, key: string) {
  const [state, setState] = useState<{ status: 'idle' | 'checking' | 'ok' | 'problem'; error?: unknown }>({ status: 'idle' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `run` is a new closure each render; `key` is what it checks, so the check reruns when that changes
  useEffect(() => {
    if (!run) return setState({ status: 'idle' });
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState({ status: 'checking' });
      run(controller.signal).then(
        () => setState({ status: 'ok' }),
        (error: unknown) => {
          if (!controller.signal.aborted) setState({ status: 'problem', error });
        },
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]); // `key` stands for everything `run` closes over
  return state;
}

function CheckLine({ state }: { state: ReturnType<typeof useSlotCheck> }) {
  const { t } = useTranslation('planning');
  const problemText = useProblemText();
  if (state.status === 'checking')
    return (
      <p className="muted" role="status">
        {t('timetable.checking')}
      </p>
    );
  if (state.status === 'ok')
    return (
      <p className="pl-ok" role="status">
        ✓ {t('timetable.fits')}
      </p>
    );
  if (state.status === 'problem')
    return (
      <p className="notice notice--error" role="alert">
        {problemText(state.error)}
      </p>
    );
  return null;
}

function AddSlotForm({
  classId,
  term,
  day,
  row,
  assignments,
  rooms,
  onDone,
}: {
  classId: number;
  term: Term;
  day: number;
  row: GridRow;
  assignments: Assignment[];
  rooms: Room[];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const heading = useFocusOnOpen();
  const queryClient = useQueryClient();
  const subjects = useMemo(() => {
    const byId = new Map<number, Assignment['subject']>();
    for (const a of assignments) byId.set(a.subject.id, a.subject);
    return [...byId.values()].sort((a, b) => localised(a.name, i18n.language).localeCompare(localised(b.name, i18n.language)));
  }, [assignments, i18n.language]);
  const [subjectId, setSubjectId] = useState(0);
  const teachers = assignments.filter((a) => a.subject.id === subjectId).map((a) => a.teacher);
  const [teacherId, setTeacherId] = useState(0);
  const [roomId, setRoomId] = useState(0);
  const [delivery, setDelivery] = useState<'in_person' | 'online_live' | 'tv'>('in_person');
  const [joinUrl, setJoinUrl] = useState('');
  const [channel, setChannel] = useState<TvChannel>('al_farabi');
  const chosenTeacher = teachers.length === 1 ? teachers[0]!.id : teacherId;
  const body: SlotCreate | null =
    subjectId && chosenTeacher && (delivery !== 'online_live' || /^https?:\/\/\S+$/.test(joinUrl))
      ? {
          termId: term.id,
          weekday: day,
          periodNumber: row.number,
          subjectId,
          teacherId: chosenTeacher,
          roomId: roomId || null,
          delivery:
            delivery === 'online_live' ? { kind: 'online_live', joinUrl } : delivery === 'tv' ? { kind: 'tv', tvChannel: channel } : { kind: 'in_person' },
        }
      : null;
  const check = useSlotCheck(body ? (signal) => checkSlot(classId, body, signal) : null, JSON.stringify(body));
  const save = useMutation({
    mutationFn: () => createSlot(classId, body!),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
      onDone();
    },
  });
  const problemText = useProblemText();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body) save.mutate();
  };
  const dayName = t(dayKey(day));
  if (assignments.length === 0) return <p className="notice">{t('timetable.noAssignments')}</p>;
  return (
    <form className="form pl-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('timetable.addTitle', { day: dayName, period: `${t('periodN', { n: row.number })} (${row.startsAt}–${row.endsAt})` })}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-subject`}>{t('timetable.subject')}</label>
        <select
          id={`${id}-subject`}
          value={subjectId || ''}
          onChange={(e) => {
            setSubjectId(Number(e.target.value));
            setTeacherId(0);
          }}
        >
          <option value="">{t('timetable.choose')}</option>
          {subjects.map((s) => (
            <option key={s.id} value={s.id}>
              {localised(s.name, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {teachers.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-teacher`}>{t('timetable.teacher')}</label>
          <select id={`${id}-teacher`} value={teacherId || ''} onChange={(e) => setTeacherId(Number(e.target.value))}>
            <option value="">{t('timetable.choose')}</option>
            {teachers.map((p) => (
              <option key={p.id} value={p.id}>
                {fullName(p)}
              </option>
            ))}
          </select>
        </div>
      )}
      {teachers.length === 1 && (
        <p>
          {t('timetable.teacher')}: <strong>{fullName(teachers[0]!)}</strong>
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-room`}>{t('timetable.room')}</label>
        <select id={`${id}-room`} value={roomId || ''} onChange={(e) => setRoomId(Number(e.target.value))}>
          <option value="">{t('timetable.noRoom')}</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-delivery`}>{t('timetable.delivery')}</label>
        <select id={`${id}-delivery`} value={delivery} onChange={(e) => setDelivery(e.target.value as typeof delivery)}>
          {(['in_person', 'online_live', 'tv'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`timetable.deliveries.${k}`)}
            </option>
          ))}
        </select>
      </div>
      {delivery === 'online_live' && (
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('timetable.joinUrl')}</label>
          <input id={`${id}-url`} type="url" inputMode="url" value={joinUrl} onChange={(e) => setJoinUrl(e.target.value.trim())} />
        </div>
      )}
      {delivery === 'tv' && (
        <div className="field">
          <label htmlFor={`${id}-tv`}>{t('timetable.tvChannel')}</label>
          <select id={`${id}-tv`} value={channel} onChange={(e) => setChannel(e.target.value as TvChannel)}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`timetable.channels.${c}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <CheckLine state={check} />
      {save.isError && (
        <p className="notice notice--error" role="alert">
          {problemText(save.error)}
        </p>
      )}
      <div className="pl-actions">
        <button type="submit" className="button" disabled={!body || check.status === 'problem' || save.isPending}>
          {t('save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function MoveSlotForm({
  slot,
  rows,
  days,
  rooms,
  onDone,
}: {
  slot: TimetableSlot;
  rows: GridRow[];
  days: number[];
  rooms: Room[];
  onDone: (moved: boolean) => void;
}) {
  const { t, i18n } = useTranslation('planning');
  const id = useId();
  const heading = useFocusOnOpen();
  const queryClient = useQueryClient();
  const [weekday, setWeekday] = useState(slot.weekday);
  const [periodNumber, setPeriodNumber] = useState(slot.periodNumber);
  const [roomId, setRoomId] = useState(slot.room?.id ?? 0);
  const same = weekday === slot.weekday && periodNumber === slot.periodNumber && roomId === (slot.room?.id ?? 0);
  const body = { weekday, periodNumber, roomId: roomId || null };
  const check = useSlotCheck(same ? null : (signal) => moveSlotDry(slot.id, body, signal), JSON.stringify(body));
  const save = useMutation({
    mutationFn: () => moveSlot(slot.id, { ...body, dryRun: false }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
      onDone(true);
    },
  });
  const problemText = useProblemText();
  return (
    <form
      className="form pl-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!same) save.mutate();
      }}
    >
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('timetable.moveTitle', { subject: localised(slot.subject.name, i18n.language) })}
      </h3>
      <div className="pl-row">
        <div className="field">
          <label htmlFor={`${id}-day`}>{t('timetable.day')}</label>
          <select id={`${id}-day`} value={weekday} onChange={(e) => setWeekday(Number(e.target.value))}>
            {days.map((d) => (
              <option key={d} value={d}>
                {t(dayKey(d))}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-period`}>{t('timetable.period')}</label>
          <select id={`${id}-period`} value={periodNumber} onChange={(e) => setPeriodNumber(Number(e.target.value))}>
            {rows.map((r) => (
              <option key={r.number} value={r.number}>
                {t('periodN', { n: r.number })} · {r.startsAt}–{r.endsAt}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-room`}>{t('timetable.room')}</label>
          <select id={`${id}-room`} value={roomId || ''} onChange={(e) => setRoomId(Number(e.target.value))}>
            <option value="">{t('timetable.noRoom')}</option>
            {rooms.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <CheckLine state={check} />
      {save.isError && (
        <p className="notice notice--error" role="alert">
          {problemText(save.error)}
        </p>
      )}
      <div className="pl-actions">
        <button type="submit" className="button" disabled={same || check.status === 'problem' || save.isPending}>
          {t('save')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

const moveSlotDry = (slotId: number, body: { weekday: number; periodNumber: number; roomId: number | null }, signal: AbortSignal) =>
  moveSlot(slotId, { ...body, dryRun: true }, signal);

function GenerateForm({ term, classId, today }: { term: Term; classId: number; today: string }) {
  const { t } = useTranslation('planning');
  const id = useId();
  const queryClient = useQueryClient();
  const termLabel = useTermLabel();
  const [scope, setScope] = useState<'class' | 'all'>('class');
  const [from, setFrom] = useState(defaultGenerateFrom(term, today));
  const [preview, setPreview] = useState<GeneratePreview | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const body = { classIds: scope === 'class' ? [classId] : undefined, from };
  const fromOk = isIsoDate(from);
  const previewing = useMutation({
    mutationFn: () => previewLessons(term.id, body),
    onSuccess: (p) => {
      setPreview(p);
      setDone(null);
    },
  });
  const generating = useMutation({
    mutationFn: () => generateLessons(term.id, body),
    onSuccess: async (r) => {
      setDone(r.created);
      setPreview(null);
      await queryClient.invalidateQueries({ queryKey: PLANNING_KEY });
      await queryClient.invalidateQueries({ queryKey: ['learning'] });
    },
  });
  const reset = () => {
    setPreview(null);
    setDone(null);
  };
  return (
    <form
      className="form pl-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (fromOk) previewing.mutate();
      }}
    >
      <h2 id={`${id}-title`}>
        {t('generate.title')}: {termLabel(term)}
      </h2>
      <p className="muted">{t('generate.intro')}</p>
      <fieldset className="pl-choices">
        <legend>{t('generate.scope')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'class'}
            onChange={() => {
              setScope('class');
              reset();
            }}
          />{' '}
          {t('generate.thisClass')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-scope`}
            checked={scope === 'all'}
            onChange={() => {
              setScope('all');
              reset();
            }}
          />{' '}
          {t('generate.allClasses')}
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('generate.from')}</label>
        <input
          id={`${id}-from`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={from}
          aria-describedby={`${id}-from-hint`}
          aria-invalid={!fromOk}
          onChange={(e) => {
            setFrom(e.target.value.trim());
            reset();
          }}
        />
        <p id={`${id}-from-hint`} className="field__hint">
          {fromOk ? t('dateHint') : t('badDate')}
        </p>
      </div>
      {previewing.isError && <ErrorNotice error={previewing.error} />}
      {generating.isError && <ErrorNotice error={generating.error} />}
      {preview && (
        <p className="notice" role="status">
          {preview.created === 0
            ? t('generate.nothing')
            : t('generate.previewText', {
                created: preview.created,
                days: preview.schoolDays,
                existing: preview.existing,
                recorded: preview.existingWithRecords,
              })}
        </p>
      )}
      {done !== null && (
        <p className="notice" role="status">
          {t('generate.done', { count: done })}
        </p>
      )}
      <div className="pl-actions">
        <button type="submit" className="button button--secondary" disabled={!fromOk || previewing.isPending}>
          {t('generate.preview')}
        </button>
        {preview && preview.created > 0 && (
          <button type="button" className="button" disabled={generating.isPending} onClick={() => generating.mutate()}>
            {t('generate.confirm')}
          </button>
        )}
      </div>
    </form>
  );
}
