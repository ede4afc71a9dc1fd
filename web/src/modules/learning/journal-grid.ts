/**
 * The journal grid's keyboard model, kept pure so it is tested without a browser. The grid is
 * pupils (rows) × lessons (columns). One cell holds the focus (a roving tabindex); typing fills a
 * small buffer shown in the cell, and Enter, Tab or an arrow key saves it — the way teachers
 * already fill spreadsheets.
 */
import type { AssessmentKind, AttendanceStatus } from '../../../../contracts/learning.js';

export interface GridState {
  row: number;
  col: number;
  /** what is being typed into the focused cell; null when not editing */
  buffer: string | null;
}

export interface GridSize {
  rows: number;
  cols: number;
}

/** What a buffer means once it is saved. */
export type CellInput = { kind: 'mark'; score: number } | { kind: 'attendance'; status: AttendanceStatus } | { kind: 'clearAttendance' } | { kind: 'invalid' };

export type GridEffect = { type: 'save'; row: number; col: number; input: CellInput } | { type: 'clearMark'; row: number; col: number };

export interface KeyResult {
  state: GridState;
  effect: GridEffect | null;
  /** true: the grid used the key (the page calls preventDefault); false: the browser keeps it (Tab out) */
  handled: boolean;
}

/**
 * Keys that record attendance, on the keyboards a teacher in Kazakhstan has: Russian (н — нет,
 * о — опоздал, у — уважительная), Kazakh (ж — жоқ, к — кешікті, с — себепті) and Latin
 * (a — absent, l — late, e — excused); п / p / + mark present, and - removes the record.
 */
const ATTENDANCE_KEYS: Record<string, AttendanceStatus | 'clear'> = {
  н: 'absent',
  ж: 'absent',
  a: 'absent',
  о: 'late',
  к: 'late',
  l: 'late',
  у: 'excused',
  с: 'excused',
  e: 'excused',
  п: 'present',
  p: 'present',
  '+': 'present',
  '-': 'clear',
};

export function attendanceForKey(key: string): AttendanceStatus | 'clear' | null {
  return ATTENDANCE_KEYS[key.toLowerCase()] ?? null;
}

/** A buffer is either up to three digits (a mark) or one attendance letter. */
export function parseCellInput(buffer: string): CellInput {
  const text = buffer.trim();
  if (/^\d{1,3}$/.test(text)) return { kind: 'mark', score: Number(text) };
  if ([...text].length === 1) {
    const a = attendanceForKey(text);
    if (a === 'clear') return { kind: 'clearAttendance' };
    if (a) return { kind: 'attendance', status: a };
  }
  return { kind: 'invalid' };
}

/** The whole-number scale of a lesson's column: formative 1..formativeMax, summatives 0..their maximum, credit 0..100. */
export function scaleOf(assessment: AssessmentKind, assessmentMax: number | null, formativeMax: number): { min: number; max: number } {
  if (assessment === 'formative') return { min: 1, max: formativeMax };
  if (assessment === 'section' || assessment === 'term') return { min: 0, max: assessmentMax ?? 0 };
  return { min: 0, max: 100 };
}

export function inScale(score: number, scale: { min: number; max: number }): boolean {
  return Number.isInteger(score) && score >= scale.min && score <= scale.max;
}

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function move(state: GridState, size: GridSize, dRow: number, dCol: number): GridState {
  return {
    row: clamp(state.row + dRow, 0, Math.max(0, size.rows - 1)),
    col: clamp(state.col + dCol, 0, Math.max(0, size.cols - 1)),
    buffer: null,
  };
}

/** Saves what is typed (if anything), then moves. */
function commitAndMove(state: GridState, size: GridSize, dRow: number, dCol: number): KeyResult {
  const effect: GridEffect | null = state.buffer ? { type: 'save', row: state.row, col: state.col, input: parseCellInput(state.buffer) } : null;
  return { state: move(state, size, dRow, dCol), effect, handled: true };
}

/**
 * One key press in the grid. `editable` is false for readers (homeroom teacher, admin) and for a
 * cancelled lesson's cells: they move around but type nothing.
 */
export function gridKey(state: GridState, key: string, size: GridSize, opts: { shift?: boolean; editable: boolean }): KeyResult {
  const editing = state.buffer !== null;
  switch (key) {
    case 'ArrowUp':
      return commitAndMove(state, size, -1, 0);
    case 'ArrowDown':
      return commitAndMove(state, size, 1, 0);
    case 'ArrowLeft':
      return commitAndMove(state, size, 0, -1);
    case 'ArrowRight':
      return commitAndMove(state, size, 0, 1);
    case 'Home':
      return commitAndMove(state, size, 0, -state.col);
    case 'End':
      return commitAndMove(state, size, 0, size.cols);
    // Enter fills a column pupil by pupil, as marks are given in a lesson
    case 'Enter':
      return commitAndMove(state, size, opts.shift ? -1 : 1, 0);
    case 'Tab':
      // case: nothing typed → Tab leaves the grid like anywhere else (no keyboard trap)
      if (!editing) return { state, effect: null, handled: false };
      return commitAndMove(state, size, 0, opts.shift ? -1 : 1);
    case 'Escape':
      return { state: { ...state, buffer: null }, effect: null, handled: editing };
    case 'Backspace':
      if (editing) return { state: { ...state, buffer: state.buffer!.slice(0, -1) || null }, effect: null, handled: true };
      return opts.editable ? { state, effect: { type: 'clearMark', row: state.row, col: state.col }, handled: true } : { state, effect: null, handled: false };
    case 'Delete':
      if (!opts.editable) return { state, effect: null, handled: false };
      return { state: { ...state, buffer: null }, effect: { type: 'clearMark', row: state.row, col: state.col }, handled: true };
    default:
      break;
  }
  if (!opts.editable || [...key].length !== 1) return { state, effect: null, handled: false };
  if (/\d/.test(key)) {
    // digits add up to a mark (1, then 0 → 10); a digit after a letter starts over
    const base = editing && /^\d+$/.test(state.buffer!) ? state.buffer! : '';
    return { state: { ...state, buffer: (base + key).slice(-3) }, effect: null, handled: true };
  }
  if (attendanceForKey(key)) return { state: { ...state, buffer: key }, effect: null, handled: true };
  return { state, effect: null, handled: false };
}

/** Where the cursor starts: the last lesson up to today (the one most likely being marked), on the first pupil. */
export function initialColumn(lessonDates: string[], today: string): number {
  let col = 0;
  lessonDates.forEach((d, i) => {
    if (d <= today) col = i;
  });
  return col;
}
