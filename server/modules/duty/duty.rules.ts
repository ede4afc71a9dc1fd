import type { DutyKind, ReasonOption } from '../../../contracts/duty.js';

/**
 * Pure decisions of the duty module besides the grouping itself (duty.grouping.ts): which kind of
 * duty groups an organisation runs, whether a window is open, an application's priority, whether
 * a child's grade fits a group, whether caps and grades keep within the settings.
 */

export function dutyKindOf(orgKind: string): DutyKind | null {
  return orgKind === 'school' || orgKind === 'kindergarten' || orgKind === 'additional' ? orgKind : null;
}

/** The calendar date at an organisation ('YYYY-MM-DD' in its time zone: Kazakhstan had UTC+5 and UTC+6). */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function isWindowOpen(w: { opensOn: string; closesOn: string; closedAt: string | null }, today: string): boolean {
  return w.closedAt === null && w.opensOn <= today && today <= w.closesOn;
}

/** An application's priority: its most urgent reason's (lower = sooner); unknown codes are listed. */
export function priorityOf(reasons: string[], options: ReasonOption[]): { priority: number; unknown: string[] } {
  const byCode = new Map(options.map((o) => [o.code, o.priority]));
  const unknown = reasons.filter((r) => !byCode.has(r));
  const known = reasons.filter((r) => byCode.has(r)).map((r) => byCode.get(r)!);
  return { priority: known.length ? Math.min(...known) : 9, unknown };
}

/** May a child of `grade` sit in a group of `grades` (one grade, or two adjacent where allowed)? */
export function gradeFits(grades: number[], grade: number, joinAdjacentGrades: boolean): boolean {
  const all = [...grades, grade];
  return Math.max(...all) - Math.min(...all) <= (joinAdjacentGrades ? 1 : 0);
}

export type CapProblem = 'cap_below_minimum' | 'cap_above_maximum' | 'grades_not_allowed' | 'shifts_not_allowed' | null;

/** A window's caps and grades may only be as strict as the settings or stricter. */
export function windowProblem(
  w: { eligibleGrades: number[]; groupMax: number; groupMin: number; shifts: number[]; dayPatterns: string[] },
  settings: { eligibleGrades: number[]; groupMax: number; shifts: number[]; dayPatterns: string[] },
): CapProblem {
  if (w.groupMax < w.groupMin) return 'cap_below_minimum';
  if (w.groupMax > settings.groupMax) return 'cap_above_maximum';
  if (w.eligibleGrades.some((g) => !settings.eligibleGrades.includes(g))) return 'grades_not_allowed';
  if (w.shifts.some((s) => !settings.shifts.includes(s)) || w.dayPatterns.some((d) => !settings.dayPatterns.includes(d))) return 'shifts_not_allowed';
  return null;
}
