import type { Period, TimetableSlot } from './api.js';

/** Whose week the grid shows: one class (its shift's periods), or one teacher or room (every shift). */
export type GridView = { kind: 'class'; classId: number; shift: number } | { kind: 'teacher'; teacherId: number } | { kind: 'room'; roomId: number };

export interface GridRow {
  shift: number;
  number: number;
  startsAt: string;
  endsAt: string;
}
export interface Grid {
  /** ISO weekdays shown as columns: Monday to Saturday, and Sunday only when something is on it */
  days: number[];
  /** bell periods as rows, in time order */
  rows: GridRow[];
  /** the weekly lessons of the view in a cell (a teacher or room may show a joint lecture of several groups) */
  cell: (day: number, row: GridRow) => TimetableSlot[];
  /** how many weekly lessons the view holds */
  count: number;
}

const belongs =
  (view: GridView) =>
  (s: TimetableSlot): boolean =>
    view.kind === 'class' ? s.class.id === view.classId : view.kind === 'teacher' ? s.teacher.id === view.teacherId : s.room?.id === view.roomId;

/** The week grid of a view: pure, so the page only draws it. */
export function gridFor(slots: TimetableSlot[], periods: Period[], view: GridView): Grid {
  const mine = slots.filter(belongs(view));
  const rows = periods
    .filter((p) => view.kind !== 'class' || p.shift === view.shift)
    .map((p) => ({ shift: p.shift, number: p.number, startsAt: p.startsAt, endsAt: p.endsAt }))
    .sort((a, b) => a.shift - b.shift || a.number - b.number);
  const byCell = new Map<string, TimetableSlot[]>();
  for (const s of mine) {
    const key = `${s.weekday}/${s.shift}/${s.periodNumber}`;
    byCell.set(key, [...(byCell.get(key) ?? []), s]);
  }
  const days = [1, 2, 3, 4, 5, 6];
  if (mine.some((s) => s.weekday === 7)) days.push(7);
  return { days, rows, count: mine.length, cell: (day, row) => byCell.get(`${day}/${row.shift}/${row.number}`) ?? [] };
}

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** 'HH:MM' on a 24-hour clock. */
export function isClockTime(value: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/** The day to generate lessons from: today when it lies in the term, else the term's first day. */
export function defaultGenerateFrom(term: { startsOn: string; endsOn: string }, today: string): string {
  return today >= term.startsOn && today <= term.endsOn ? today : term.startsOn;
}
