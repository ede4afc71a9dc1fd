import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AttendanceStatus } from '../../../../../contracts/learning.js';
import { QueryView } from '../../../ui/feedback.js';
import { fullName, localised, shortName } from '../../../ui/format.js';
import { useTitle } from '../../../ui/useTitle.js';
import { journalQuery, putAttendance, putMarks, type Journal, type JournalLesson } from '../api.js';
import { Crumbs } from '../components/Crumbs.js';
import { JournalPapers } from '../components/Papers.js';
import { resultShort } from '../components/Result.js';
import { learningErrorText } from '../errors.js';
import { markText, termName, weekdayShort } from '../format.js';
import { useTeacherClock } from '../hooks.js';
import { gridKey, initialColumn, inScale, parseCellInput, scaleOf, type CellInput, type GridState } from '../journal-grid.js';
import { dayMonth } from '../time.js';
import '../learning.css';

/** The journal of a class and subject for a term: pupils × lessons, filled from the keyboard. */
export default function JournalPage({ classId, subjectId, termId }: { classId: number; subjectId: number; termId?: number }) {
  const { t, i18n } = useTranslation('learning');
  const journal = useQuery({ ...journalQuery(classId, subjectId, termId), enabled: classId > 0 && subjectId > 0 });
  const j = journal.data;
  useTitle(j ? `${t('journal.title')}: ${j.class.name} · ${localised(j.subject.name, i18n.language)}` : t('journal.title'));
  return (
    <>
      <Crumbs />
      <QueryView query={journal} heading={t('journal.title')}>
        {(data) => (
          <JournalView
            key={`${data.class.id}:${data.subject.id}:${data.term?.id ?? 0}`}
            j={data}
            cacheKey={journalQuery(classId, subjectId, termId).queryKey}
            refetching={journal.isFetching}
            onRefetch={() => void journal.refetch()}
          />
        )}
      </QueryView>
    </>
  );
}

const cellKey = (lessonId: number, pupilId: number) => `${lessonId}:${pupilId}`;

interface Indexed {
  classwork: Map<string, Journal['marks'][number]>;
  homework: Map<string, Journal['marks'][number][]>;
  attendance: Map<string, Journal['attendance'][number]>;
  results: Map<number, Journal['results'][number]['result']>;
}

function indexJournal(j: Journal): Indexed {
  const classwork = new Map<string, Journal['marks'][number]>();
  const homework = new Map<string, Journal['marks'][number][]>();
  for (const m of j.marks) {
    const k = cellKey(m.lessonId, m.pupilId);
    if (m.homeworkId === null) classwork.set(k, m);
    else homework.set(k, [...(homework.get(k) ?? []), m]);
  }
  return {
    classwork,
    homework,
    attendance: new Map(j.attendance.map((a) => [cellKey(a.lessonId, a.pupilId), a])),
    results: new Map(j.results.map((r) => [r.pupilId, r.result])),
  };
}

function JournalView({ j, cacheKey, refetching, onRefetch }: { j: Journal; cacheKey: readonly unknown[]; refetching: boolean; onRefetch: () => void }) {
  const { t, i18n } = useTranslation('learning');
  const lang = i18n.language;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { today } = useTeacherClock();
  const idx = useMemo(() => indexJournal(j), [j]);
  const lessons = j.lessons;
  const pupils = j.pupils;
  const size = { rows: pupils.length, cols: lessons.length };
  const [grid, setGrid] = useState<GridState>(() => ({
    row: 0,
    col: initialColumn(
      lessons.map((l) => l.date),
      today ?? '9999-12-31',
    ),
    buffer: null,
  }));
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [stale, setStale] = useState<Set<number>>(new Set());
  const [announce, setAnnounce] = useState('');
  /** the editor of the chosen cell (for taps, and for the reason of an excused absence); it follows the cursor while open */
  const [panel, setPanel] = useState<{ excused: boolean; focus: boolean } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);

  // the cursor starts on today's column once the school's today is known
  const placed = useRef(false);
  useEffect(() => {
    if (placed.current || !today) return;
    placed.current = true;
    setGrid((g) => ({
      ...g,
      col: initialColumn(
        lessons.map((l) => l.date),
        today,
      ),
    }));
  }, [today, lessons]);

  const scrolledToToday = useRef(false);
  useEffect(() => {
    const cell = tableRef.current?.querySelector<HTMLElement>(`[data-cell="${grid.row}:${grid.col}"]`);
    if (!cell) return;
    if (focusWanted.current) {
      cell.focus({ preventScroll: true });
      cell.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      return;
    }
    if (scrolledToToday.current) return;
    // wait for the school's today and the cursor placed on it (a direct open or a refresh knows today a moment later)
    if (
      !today ||
      grid.col !==
        initialColumn(
          lessons.map((l) => l.date),
          today,
        )
    )
      return;
    // opening the page: bring today's column into view sideways, without moving the page down to it
    scrolledToToday.current = true;
    const wrap = cell.closest<HTMLElement>('.l-grid-wrap');
    const pupilColumn = tableRef.current?.querySelector<HTMLElement>('.l-grid__corner')?.offsetWidth ?? 0;
    if (wrap) wrap.scrollLeft = Math.max(0, cell.offsetLeft - pupilColumn - wrap.clientWidth / 3);
  }, [grid.row, grid.col, today, lessons]);

  /** Writes a change into the cached journal, so the grid shows it without fetching the whole term again. */
  const updateCache = (fn: (j: Journal) => Journal) => {
    queryClient.setQueryData<Journal>(cacheKey, (old) => (old ? fn(old) : old));
  };

  const setError = (k: string, message: string | null) =>
    setErrors((m) => {
      const next = new Map(m);
      if (message === null) next.delete(k);
      else next.set(k, message);
      return next;
    });
  const setBusy = (k: string, busy: boolean) =>
    setPending((s) => {
      const next = new Set(s);
      if (busy) next.add(k);
      else next.delete(k);
      return next;
    });

  const cellLabel = (row: number, col: number) => `${fullName(pupils[row]!)}, ${dayMonth(lessons[col]!.date)}`;

  async function saveMark(row: number, col: number, score: number | null) {
    const lesson = lessons[col]!;
    const pupil = pupils[row]!;
    const k = cellKey(lesson.id, pupil.id);
    const scale = scaleOf(lesson.assessment, lesson.assessmentMax, j.formativeMax);
    if (score !== null && !inScale(score, scale)) {
      setError(k, t('detailed.markOutOfScale', { min: scale.min, max: scale.max }));
      setAnnounce(`${cellLabel(row, col)}: ${t('detailed.markOutOfScale', { min: scale.min, max: scale.max })}`);
      return;
    }
    if (score === null && !idx.classwork.has(k)) return;
    setError(k, null);
    setBusy(k, true);
    try {
      await putMarks(lesson.id, [{ pupilId: pupil.id, score }]);
      updateCache((old) => {
        const marks = old.marks.filter((m) => !(m.lessonId === lesson.id && m.pupilId === pupil.id && m.homeworkId === null));
        if (score !== null)
          marks.push({ kind: lesson.assessment, score, max: scale.max, lessonId: lesson.id, pupilId: pupil.id, homeworkId: null, comment: null });
        return { ...old, marks };
      });
      setStale((s) => new Set(s).add(pupil.id));
      setAnnounce(`${cellLabel(row, col)}: ${score === null ? t('journal.markRemoved') : t('journal.saved', { value: score })}`);
    } catch (err) {
      const message = learningErrorText(i18n, err);
      setError(k, message);
      setAnnounce(`${cellLabel(row, col)}: ${message}`);
    } finally {
      setBusy(k, false);
    }
  }

  async function saveAttendance(row: number, col: number, status: AttendanceStatus | null, reason?: string) {
    const lesson = lessons[col]!;
    const pupil = pupils[row]!;
    const k = cellKey(lesson.id, pupil.id);
    if (status === 'excused' && !reason?.trim()) {
      setPanel({ excused: true, focus: true });
      return;
    }
    setError(k, null);
    setBusy(k, true);
    try {
      await putAttendance(lesson.id, [{ pupilId: pupil.id, status, reason: status === 'excused' ? reason!.trim() : null }]);
      updateCache((old) => {
        const attendance = old.attendance.filter((a) => !(a.lessonId === lesson.id && a.pupilId === pupil.id));
        const before = idx.attendance.get(k);
        if (status !== null)
          attendance.push({
            lessonId: lesson.id,
            pupilId: pupil.id,
            status,
            reason: status === 'excused' ? reason!.trim() : null,
            online: before?.online ?? false,
            onlineMinutes: before?.onlineMinutes ?? null,
          });
        return { ...old, attendance };
      });
      setAnnounce(`${cellLabel(row, col)}: ${status ? t(`attendance.${status}`) : t('journal.attendanceRemoved')}`);
    } catch (err) {
      const message = learningErrorText(i18n, err);
      setError(k, message);
      setAnnounce(`${cellLabel(row, col)}: ${message}`);
    } finally {
      setBusy(k, false);
    }
  }

  function apply(row: number, col: number, input: CellInput) {
    const lesson = lessons[col]!;
    const k = cellKey(lesson.id, pupils[row]!.id);
    if (lesson.cancelled) {
      setError(k, t('journal.cancelledLesson'));
      return;
    }
    switch (input.kind) {
      case 'mark':
        void saveMark(row, col, input.score);
        break;
      case 'attendance':
        void saveAttendance(row, col, input.status);
        break;
      case 'clearAttendance':
        void saveAttendance(row, col, null);
        break;
      default:
        setError(k, t('journal.badInput'));
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const target = e.target as HTMLElement;
    if (!target.dataset.cell || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === ' ' && grid.buffer === null) {
      e.preventDefault();
      setPanel({ excused: false, focus: true });
      return;
    }
    const editable = j.canEdit && !lessons[grid.col]?.cancelled;
    const r = gridKey(grid, e.key, size, { shift: e.shiftKey, editable });
    if (!r.handled) return;
    e.preventDefault();
    focusWanted.current = true;
    if (r.effect?.type === 'save') {
      const { row, col, input } = r.effect;
      const problem = checkInput(col, input);
      if (problem) {
        // case: the mark cannot be right (outside the scale) → stay in the cell to correct it, as a spreadsheet does
        setError(cellKey(lessons[col]!.id, pupils[row]!.id), problem);
        setAnnounce(`${cellLabel(row, col)}: ${problem}`);
        setGrid({ row, col, buffer: null });
        return;
      }
      if (input.kind === 'attendance' && input.status === 'excused') {
        // an excused absence needs its reason: ask for it next to the grid, and stay on the cell
        setGrid({ row, col, buffer: null });
        focusWanted.current = false;
        setPanel({ excused: true, focus: true });
        return;
      }
      apply(row, col, input);
    }
    if (r.effect?.type === 'clearMark') void saveMark(r.effect.row, r.effect.col, null);
    if (r.state.buffer !== null) setError(cellKey(lessons[r.state.col]!.id, pupils[r.state.row]!.id), null);
    const moved = r.state.row !== grid.row || r.state.col !== grid.col;
    // leaving a cell without typing: its notice has been seen
    if (moved && !r.effect) setError(cellKey(lessons[grid.col]!.id, pupils[grid.row]!.id), null);
    if (panel && moved) setPanel({ excused: false, focus: false });
    setGrid(r.state);
  };

  /** What is wrong with an entry before anything is sent (a cancelled lesson, a mark off the scale, an unknown key). */
  function checkInput(col: number, input: CellInput): string | null {
    const lesson = lessons[col]!;
    if (lesson.cancelled) return t('journal.cancelledLesson');
    if (input.kind === 'invalid') return t('journal.badInput');
    if (input.kind === 'mark') {
      const scale = scaleOf(lesson.assessment, lesson.assessmentMax, j.formativeMax);
      if (!inScale(input.score, scale)) return t('detailed.markOutOfScale', { min: scale.min, max: scale.max });
    }
    return null;
  }

  const focusCell = (row: number, col: number, openPanel: boolean) => {
    focusWanted.current = true;
    // a click elsewhere saves what was typed, as leaving a spreadsheet cell does
    if (grid.buffer && (row !== grid.row || col !== grid.col)) apply(grid.row, grid.col, parseCellInput(grid.buffer));
    else if (row !== grid.row || col !== grid.col) setError(cellKey(lessons[grid.col]!.id, pupils[grid.row]!.id), null);
    setGrid({ row, col, buffer: row === grid.row && col === grid.col ? grid.buffer : null });
    if (openPanel) setPanel({ excused: false, focus: true });
    else if (panel && (row !== grid.row || col !== grid.col)) setPanel({ excused: false, focus: false });
  };

  const closePanel = () => {
    setPanel(null);
    focusWanted.current = true;
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${grid.row}:${grid.col}"]`)?.focus();
  };

  const refreshResults = () => {
    setStale(new Set());
    onRefetch();
  };

  const current =
    panel && lessons[grid.col] && pupils[grid.row] ? { row: grid.row, col: grid.col, lesson: lessons[grid.col]!, pupil: pupils[grid.row]! } : null;

  return (
    <>
      <h1>
        {j.class.name} · {localised(j.subject.name, lang)}
      </h1>
      <p className="lead">
        {t('journal.title')}
        {j.term && <> · {termName(t, j.term)}</>}
      </p>
      <div className="l-journal-bar">
        {j.terms.length > 1 && (
          <div className="field l-term-picker">
            <label htmlFor="l-j-term">{t('summary.term')}</label>
            <select
              id="l-j-term"
              value={j.term?.id ?? ''}
              onChange={(e) =>
                void navigate({
                  to: '/learning/journal',
                  search: { classId: j.class.id, subjectId: j.subject.id, termId: Number(e.target.value) },
                })
              }
            >
              {j.terms.map((term) => (
                <option key={term.id} value={term.id}>
                  {termName(t, term)}
                </option>
              ))}
            </select>
          </div>
        )}
        {j.canEdit && (
          <p className="l-journal-links">
            <Link to="/learning/inbox" search={{ classId: j.class.id, subjectId: j.subject.id }}>
              {t('inbox.title')}
            </Link>
            {' · '}
            <Link to="/learning/classes/$classId/announcements" params={{ classId: j.class.id }}>
              {t('announcements.title')}
            </Link>
          </p>
        )}
        <JournalPapers classId={j.class.id} subjectId={j.subject.id} term={j.term} today={today ?? null} />
      </div>
      {!j.canEdit && <p className="notice">{t('journal.readOnly')}</p>}
      {j.canEdit && <KeyHelp />}
      {stale.size > 0 && (
        <p className="notice l-stale" role="status">
          {t('journal.resultsStale')}{' '}
          <button type="button" className="button button--secondary l-inline-button" onClick={refreshResults} disabled={refetching}>
            {t('journal.refresh')}
          </button>
        </p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
      {pupils.length === 0 || lessons.length === 0 ? (
        <p className="card">{pupils.length === 0 ? t('journal.noPupils') : t('journal.noLessons')}</p>
      ) : (
        <div className="l-grid-wrap" role="region" aria-label={t('journal.gridLabel')} tabIndex={-1}>
          {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA grid pattern on a table (APG data grid), keyboard handled on the table */}
          <table ref={tableRef} className="l-grid" role="grid" aria-rowcount={pupils.length + 1} aria-colcount={lessons.length + 2} onKeyDown={onKeyDown}>
            <caption className="visually-hidden">{t('journal.caption', { class: j.class.name, subject: localised(j.subject.name, lang) })}</caption>
            <thead>
              <tr>
                <th scope="col" className="l-grid__corner">
                  {t('journal.pupil')}
                </th>
                {lessons.map((l, c) => (
                  <LessonHead key={l.id} l={l} today={today} active={c === grid.col} />
                ))}
                <th scope="col" className="l-grid__result">
                  {t('journal.result')}
                </th>
              </tr>
            </thead>
            <tbody>
              {pupils.map((p, r) => {
                const result = idx.results.get(p.id);
                return (
                  <tr key={p.id} className={r === grid.row ? 'l-grid__row--active' : undefined}>
                    <th scope="row" className="l-grid__pupil" title={fullName(p)}>
                      <span className="l-grid__who">
                        <span className="l-grid__num">{r + 1}</span>
                        <span>{shortName(p)}</span>
                      </span>
                    </th>
                    {lessons.map((l, c) => {
                      const k = cellKey(l.id, p.id);
                      const active = r === grid.row && c === grid.col;
                      return (
                        <Cell
                          key={l.id}
                          row={r}
                          col={c}
                          lesson={l}
                          label={cellLabel(r, c)}
                          active={active}
                          buffer={active ? grid.buffer : null}
                          mark={idx.classwork.get(k)}
                          homework={idx.homework.get(k)}
                          attendance={idx.attendance.get(k)}
                          busy={pending.has(k)}
                          error={errors.get(k)}
                          isToday={l.date === today}
                          onFocusCell={focusCell}
                        />
                      );
                    })}
                    <td className={`l-grid__result${stale.has(p.id) ? ' l-grid__result--stale' : ''}`}>
                      {result ? (
                        <span title={result.system === 'criteria' && result.percent !== null ? t('result.percent', { percent: result.percent }) : undefined}>
                          <strong>{resultShort(result)}</strong>
                          {result.system === 'criteria' && result.percent !== null && (
                            <span className="l-grid__pct"> {t('result.percent', { percent: result.percent })}</span>
                          )}
                          {result.system === 'credit' && result.score !== null && <span className="l-grid__pct"> {result.score}</span>}
                        </span>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {panel && current && j.canEdit && (
        <CellPanel
          key={`${current.row}:${current.col}:${panel.excused ? 'e' : ''}`}
          j={j}
          lesson={current.lesson}
          pupilName={fullName(current.pupil)}
          mark={idx.classwork.get(cellKey(current.lesson.id, current.pupil.id))}
          homework={idx.homework.get(cellKey(current.lesson.id, current.pupil.id))}
          attendance={idx.attendance.get(cellKey(current.lesson.id, current.pupil.id))}
          askReason={panel.excused}
          autoFocus={panel.focus}
          error={errors.get(cellKey(current.lesson.id, current.pupil.id))}
          onMark={(score) => void saveMark(current.row, current.col, score)}
          onAttendance={(status, reason) => {
            void saveAttendance(current.row, current.col, status, reason);
            // the reason asked for from the keyboard is given: back to the grid
            if (panel.excused && status === 'excused') closePanel();
          }}
          onClose={closePanel}
        />
      )}
    </>
  );
}

function LessonHead({ l, today, active }: { l: JournalLesson; today: string | null; active: boolean }) {
  const { t } = useTranslation('learning');
  const classes = ['l-grid__date', active && 'l-grid__date--active', l.date === today && 'l-grid__date--today', l.cancelled && 'l-grid__date--cancelled']
    .filter(Boolean)
    .join(' ');
  const kind = l.assessment !== 'formative' ? t(`assessmentShort.${l.assessment}`) : null;
  return (
    <th scope="col" className={classes} aria-current={l.date === today ? 'date' : undefined}>
      <Link to="/learning/lessons/$lessonId" params={{ lessonId: l.id }} title={l.topic ?? undefined}>
        <span className="l-grid__dm">{dayMonth(l.date)}</span>
        <span className="l-grid__wd">{weekdayShort(t, l.date)}</span>
      </Link>
      {kind && (
        <span className="l-grid__kind">
          {kind}
          {l.assessmentMax !== null && `/${l.assessmentMax}`}
        </span>
      )}
      {l.homework.length > 0 && (
        <span className="l-grid__hwmark" title={l.homework.map((h) => h.title).join('; ')}>
          {t('journal.hwShort')}
        </span>
      )}
    </th>
  );
}

const ATT_CLASS: Record<AttendanceStatus, string> = { present: 'present', absent: 'absent', late: 'late', excused: 'excused' };

function Cell({
  row,
  col,
  lesson,
  label,
  active,
  buffer,
  mark,
  homework,
  attendance,
  busy,
  error,
  isToday,
  onFocusCell,
}: {
  row: number;
  col: number;
  lesson: JournalLesson;
  label: string;
  active: boolean;
  buffer: string | null;
  mark: Journal['marks'][number] | undefined;
  homework: Journal['marks'][number][] | undefined;
  attendance: Journal['attendance'][number] | undefined;
  busy: boolean;
  error: string | undefined;
  isToday: boolean;
  onFocusCell: (row: number, col: number, openPanel: boolean) => void;
}) {
  const { t } = useTranslation('learning');
  const focusedBefore = useRef(false);
  const att = attendance && attendance.status !== 'present' ? t(`attLetter.${attendance.status as Exclude<AttendanceStatus, 'present'>}`) : '';
  const describe = [
    label,
    mark ? `${t('lesson.mark')} ${markText(mark)}` : null,
    homework?.length ? `${t('journal.homeworkMarks')} ${homework.map(markText).join(', ')}` : null,
    attendance ? t(`attendance.${attendance.status}`) : null,
    attendance?.online && attendance.onlineMinutes !== null ? t('attendance.minutesOnline', { count: attendance.onlineMinutes }) : null,
    lesson.cancelled ? t('lesson.cancelled') : null,
  ]
    .filter(Boolean)
    .join('; ');
  const classes = [
    'l-cell',
    active && 'l-cell--active',
    isToday && 'l-cell--today',
    lesson.cancelled && 'l-cell--cancelled',
    error && 'l-cell--error',
    busy && 'l-cell--busy',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a cell of the ARIA grid; the grid's onKeyDown (on the table) opens and moves between cells
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the ARIA grid (APG data grid)
      role="gridcell"
      className={classes}
      tabIndex={active ? 0 : -1}
      data-cell={`${row}:${col}`}
      aria-invalid={error ? true : undefined}
      aria-busy={busy || undefined}
      onMouseDown={(e) => {
        focusedBefore.current = document.activeElement === e.currentTarget;
        onFocusCell(row, col, false);
      }}
      onClick={() => {
        // a second tap on the chosen cell opens its editor: a phone has no keys to type into a cell
        if (focusedBefore.current) onFocusCell(row, col, true);
      }}
    >
      {buffer !== null ? (
        <span className="l-cell__buffer" aria-hidden="true">
          {buffer}
        </span>
      ) : (
        <span className="l-cell__main" aria-hidden="true">
          {mark && <span className="l-cell__mark">{markText(mark)}</span>}
          {att && <span className={`l-cell__att l-att--${ATT_CLASS[attendance!.status]}`}>{att}</span>}
          {attendance?.online && attendance.status !== 'absent' && !att && !mark && (
            <span
              className="l-cell__online"
              title={
                attendance.onlineMinutes !== null
                  ? `${t('attendance.online')}: ${t('attendance.minutesOnline', { count: attendance.onlineMinutes })}`
                  : t('attendance.online')
              }
            >
              ·
            </span>
          )}
        </span>
      )}
      {homework && homework.length > 0 && buffer === null && (
        <span className="l-cell__hw" aria-hidden="true">
          {homework.map(markText).join(' ')}
        </span>
      )}
      {/* the cell's name comes from this text (not aria-label), so what is seen and what is heard cannot disagree */}
      <span className="visually-hidden">{describe}</span>
      {error && (
        <span className="l-cell__error" role="alert">
          {error}
        </span>
      )}
    </td>
  );
}

/** The chosen cell, editable by tapping: mark, attendance (an excused absence asks for its reason). */
function CellPanel({
  j,
  lesson,
  pupilName,
  mark,
  homework,
  attendance,
  askReason,
  autoFocus,
  error,
  onMark,
  onAttendance,
  onClose,
}: {
  j: Journal;
  lesson: JournalLesson;
  pupilName: string;
  mark: Journal['marks'][number] | undefined;
  homework: Journal['marks'][number][] | undefined;
  attendance: Journal['attendance'][number] | undefined;
  askReason: boolean;
  autoFocus: boolean;
  error: string | undefined;
  onMark: (score: number | null) => void;
  onAttendance: (status: AttendanceStatus | null, reason?: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('learning');
  const scale = scaleOf(lesson.assessment, lesson.assessmentMax, j.formativeMax);
  const [score, setScore] = useState(mark ? String(mark.score) : '');
  const [reason, setReason] = useState(attendance?.reason ?? '');
  const [excusing, setExcusing] = useState(askReason);
  const reasonRef = useRef<HTMLInputElement>(null);
  const scoreRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // opened by a tap, Space or an excused key: straight into the field; following the cursor: focus stays in the grid
    if (autoFocus) (askReason ? reasonRef.current : scoreRef.current)?.focus();
  }, [askReason, autoFocus]);
  return (
    <section
      className="l-cellpanel card"
      aria-label={t('journal.panel', { pupil: pupilName, date: dayMonth(lesson.date) })}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="l-cellpanel__head">
        <h2>
          {pupilName} · {dayMonth(lesson.date)}
        </h2>
        <button type="button" className="button button--quiet" onClick={onClose}>
          {t('journal.closePanel')}
        </button>
      </div>
      {lesson.cancelled ? (
        <p>{t('journal.cancelledLesson')}</p>
      ) : (
        <>
          <form
            className="l-cellpanel__row"
            onSubmit={(e) => {
              e.preventDefault();
              onMark(score.trim() === '' ? null : /^\d{1,3}$/.test(score.trim()) ? Number(score.trim()) : NaN);
            }}
          >
            <div className="field">
              <label htmlFor="l-panel-score">{t('journal.markLabel', { min: scale.min, max: scale.max })}</label>
              <input
                id="l-panel-score"
                ref={scoreRef}
                inputMode="numeric"
                autoComplete="off"
                maxLength={3}
                value={score}
                onChange={(e) => setScore(e.target.value)}
              />
            </div>
            <button type="submit" className="button">
              {t('journal.saveMark')}
            </button>
            {mark && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setScore('');
                  onMark(null);
                }}
              >
                {t('journal.removeMark')}
              </button>
            )}
          </form>
          {homework && homework.length > 0 && (
            <p className="muted">
              {t('journal.homeworkMarks')}: {homework.map(markText).join(', ')}
            </p>
          )}
          <fieldset className="l-fieldset">
            <legend>
              {t('lesson.attendance')}
              {attendance && (
                <>
                  : <strong>{t(`attendance.${attendance.status}`)}</strong>
                </>
              )}
            </legend>
            <div className="l-actions">
              {(['present', 'absent', 'late'] as const).map((s) => (
                <button
                  key={s}
                  type="button"
                  className="button button--secondary"
                  aria-pressed={attendance?.status === s}
                  onClick={() => {
                    setExcusing(false);
                    onAttendance(s);
                  }}
                >
                  {t(`attendance.${s}`)}
                </button>
              ))}
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={attendance?.status === 'excused'}
                onClick={() => {
                  setExcusing(true);
                  setTimeout(() => reasonRef.current?.focus(), 0);
                }}
              >
                {t('attendance.excused')}
              </button>
              {attendance && (
                <button type="button" className="button button--quiet" onClick={() => onAttendance(null)}>
                  {t('journal.clearAttendance')}
                </button>
              )}
            </div>
            {excusing && (
              <form
                className="l-cellpanel__row"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reason.trim()) onAttendance('excused', reason);
                }}
              >
                <div className="field">
                  <label htmlFor="l-panel-reason">{t('journal.reason')}</label>
                  <input id="l-panel-reason" ref={reasonRef} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} required />
                </div>
                <button type="submit" className="button" disabled={!reason.trim()}>
                  {t('journal.saveExcused')}
                </button>
              </form>
            )}
          </fieldset>
        </>
      )}
      {error && (
        <p className="form__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function KeyHelp() {
  const { t } = useTranslation('learning');
  return (
    <details className="l-keyhelp">
      <summary>{t('journal.help.title')}</summary>
      <ul>
        <li>{t('journal.help.move')}</li>
        <li>{t('journal.help.mark')}</li>
        <li>{t('journal.help.attendance')}</li>
        <li>{t('journal.help.remove')}</li>
        <li>{t('journal.help.panel')}</li>
      </ul>
    </details>
  );
}
