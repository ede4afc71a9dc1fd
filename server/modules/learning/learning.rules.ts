/**
 * Pure decisions of the e-journal: mark scales and term results, school days of a term, timetable
 * clashes, lateness. No database, no clock: `now` and settings are arguments.
 */

export type GradingSystem = 'criteria' | 'credit';
export type Assessment = 'formative' | 'section' | 'term' | 'rating' | 'exam';
export type AttendanceStatus = 'present' | 'absent' | 'late' | 'excused';
export type OrganisationKind = 'school' | 'college' | 'university' | 'kindergarten' | 'additional';

export interface TermBand {
  grade: number;
  min: number;
}
export interface LetterGrade {
  letter: string;
  min: number;
  gpa: number;
}

/** Every number the rules use; the national defaults live in learning_settings (organisation null). */
export interface LearningSettings {
  gradingSystem: GradingSystem;
  acceptLateSubmissions: boolean;
  joinEarlyMinutes: number;
  lateAfterMinutes: number;
  formativeMax: number;
  weights: { formative: number; section: number; term: number };
  termGradeBands: TermBand[];
  creditWeights: { rating: number; exam: number };
  letterGrades: LetterGrade[];
}

/** The defaults of migration 0101 (a test keeps the two equal). */
export const DEFAULT_SETTINGS: Omit<LearningSettings, 'gradingSystem'> = {
  acceptLateSubmissions: true,
  joinEarlyMinutes: 15,
  lateAfterMinutes: 10,
  formativeMax: 10,
  weights: { formative: 25, section: 25, term: 50 },
  termGradeBands: [
    { grade: 2, min: 0 },
    { grade: 3, min: 40 },
    { grade: 4, min: 65 },
    { grade: 5, min: 85 },
  ],
  creditWeights: { rating: 60, exam: 40 },
  letterGrades: [
    { letter: 'F', min: 0, gpa: 0 },
    { letter: 'D', min: 50, gpa: 1 },
    { letter: 'D+', min: 55, gpa: 1.33 },
    { letter: 'C-', min: 60, gpa: 1.67 },
    { letter: 'C', min: 65, gpa: 2 },
    { letter: 'C+', min: 70, gpa: 2.33 },
    { letter: 'B-', min: 75, gpa: 2.67 },
    { letter: 'B', min: 80, gpa: 3 },
    { letter: 'B+', min: 85, gpa: 3.33 },
    { letter: 'A-', min: 90, gpa: 3.67 },
    { letter: 'A', min: 95, gpa: 4 },
  ],
};

/** Universities grade on the credit system; schools, colleges and the rest on criteria — unless a setting says otherwise. */
export function gradingSystemFor(kind: OrganisationKind, setting: GradingSystem | null): GradingSystem {
  return setting ?? (kind === 'university' ? 'credit' : 'criteria');
}

export const ASSESSMENTS: Record<GradingSystem, readonly Assessment[]> = {
  criteria: ['formative', 'section', 'term'],
  credit: ['rating', 'exam'],
};

/** The mark a homework gets: the system's everyday kind. */
export function homeworkAssessment(system: GradingSystem): Assessment {
  return system === 'criteria' ? 'formative' : 'rating';
}

/** Which maximum a mark of this kind is out of: fixed for formative (10) and credit (100), the lesson's own for summatives. */
export function maxScoreFor(assessment: Assessment, settings: Pick<LearningSettings, 'formativeMax'>, lessonMax: number | null): number | null {
  if (assessment === 'formative') return settings.formativeMax;
  if (assessment === 'rating' || assessment === 'exam') return 100;
  return lessonMax;
}

export type ScoreProblem = 'not_integer' | 'below_scale' | 'above_scale' | 'kind_not_in_system' | 'no_maximum';

/** Is `score` a valid mark of this kind? Formative marks run 1..max; summative scores and points 0..max. */
export function checkScore(system: GradingSystem, assessment: Assessment, score: number, max: number | null): ScoreProblem | null {
  if (!ASSESSMENTS[system].includes(assessment)) return 'kind_not_in_system';
  if (max === null) return 'no_maximum';
  if (!Number.isInteger(score)) return 'not_integer';
  const min = assessment === 'formative' ? 1 : 0;
  if (score < min) return 'below_scale';
  if (score > max) return 'above_scale';
  return null;
}

export function scaleText(assessment: Assessment, max: number): string {
  return `${assessment === 'formative' ? 1 : 0}..${max}`;
}

export interface MarkValue {
  kind: Assessment;
  score: number;
  max: number;
}

/** Rounds half up to a whole percent — the journal shows whole percents, and bands compare those. */
function wholePercent(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

function share(marks: MarkValue[], kinds: Assessment[]): number | null {
  const of = marks.filter((m) => kinds.includes(m.kind));
  if (!of.length) return null;
  const max = of.reduce((s, m) => s + m.max, 0);
  return (of.reduce((s, m) => s + m.score, 0) / max) * 100;
}

export interface TermResult {
  /** weighted percent, whole number; null without any mark */
  percent: number | null;
  /** 2..5 from the bands; null without any mark */
  grade: number | null;
  components: { formative: number | null; section: number | null; term: number | null };
  /** every weighted component has marks (otherwise the result is provisional) */
  complete: boolean;
}

/**
 * Criteria-based term result: each component's percent is its scores over its maximums; components
 * are weighted (25/25/50 by default). A component without marks yet drops out and the others'
 * weights are scaled up, so a mid-term result is a fair provisional one.
 */
export function termResult(settings: Pick<LearningSettings, 'weights' | 'termGradeBands'>, marks: MarkValue[]): TermResult {
  const components = {
    formative: share(marks, ['formative']),
    section: share(marks, ['section']),
    term: share(marks, ['term']),
  };
  let weighted = 0;
  let weights = 0;
  let complete = true;
  for (const key of ['formative', 'section', 'term'] as const) {
    const w = settings.weights[key];
    const p = components[key];
    if (w <= 0) continue;
    if (p === null) {
      complete = false;
      continue;
    }
    weighted += w * p;
    weights += w;
  }
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  const rounded = { formative: round1(components.formative), section: round1(components.section), term: round1(components.term) };
  if (weights === 0) return { percent: null, grade: null, components: rounded, complete: false };
  const percent = wholePercent(weighted / weights);
  return { percent, grade: gradeFromPercent(settings.termGradeBands, percent), components: rounded, complete };
}

/** The band with the highest minimum not above `percent`. */
export function gradeFromPercent(bands: TermBand[], percent: number): number {
  let grade = bands[0]!.grade;
  for (const b of [...bands].sort((a, b) => a.min - b.min)) if (percent >= b.min) grade = b.grade;
  return grade;
}

export interface CourseResult {
  /** final points 0..100, whole; null without marks */
  score: number | null;
  letter: string | null;
  gpa: number | null;
  rating: number | null;
  exam: number | null;
  complete: boolean;
}

/** Credit system: final = rating × 60 % + exam × 40 % (configurable); before the exam, the rating alone (provisional). */
export function courseResult(settings: Pick<LearningSettings, 'creditWeights' | 'letterGrades'>, marks: MarkValue[]): CourseResult {
  const rating = share(marks, ['rating']);
  const exam = share(marks, ['exam']);
  let final: number | null = null;
  if (rating !== null && exam !== null) {
    const { rating: wr, exam: we } = settings.creditWeights;
    final = (rating * wr + exam * we) / (wr + we);
  } else {
    final = rating ?? exam;
  }
  const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  if (final === null) return { score: null, letter: null, gpa: null, rating: null, exam: null, complete: false };
  const score = wholePercent(final);
  const letter = letterFromScore(settings.letterGrades, score);
  return { score, letter: letter.letter, gpa: letter.gpa, rating: round1(rating), exam: round1(exam), complete: rating !== null && exam !== null };
}

export function letterFromScore(table: LetterGrade[], score: number): LetterGrade {
  const sorted = [...table].sort((a, b) => a.min - b.min);
  let found = sorted[0]!;
  for (const row of sorted) if (score >= row.min) found = row;
  return found;
}

/** A settings problem in words, or null: bands and letters must start at 0, rise strictly and stay within 100. */
export function checkSettings(s: Pick<LearningSettings, 'weights' | 'termGradeBands' | 'creditWeights' | 'letterGrades'>): string | null {
  const sum = s.weights.formative + s.weights.section + s.weights.term;
  if (Math.abs(sum - 100) > 1e-9) return `the formative, section and term weights add up to ${sum}, not 100`;
  if (Math.abs(s.creditWeights.rating + s.creditWeights.exam - 100) > 1e-9) return 'the rating and exam weights must add up to 100';
  const ladder = (rows: { min: number }[], what: string): string | null => {
    if (!rows.length) return `${what} are empty`;
    if (rows[0]!.min !== 0) return `${what} must start at 0`;
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.min <= rows[i - 1]!.min) return `${what} must be listed with strictly rising minimums`;
    }
    if (rows[rows.length - 1]!.min > 100) return `${what} must stay within 0..100`;
    return null;
  };
  const bands = ladder(s.termGradeBands, 'term grade bands');
  if (bands) return bands;
  for (let i = 1; i < s.termGradeBands.length; i++) {
    if (s.termGradeBands[i]!.grade <= s.termGradeBands[i - 1]!.grade) return 'term grades must rise with the percent';
  }
  const letters = ladder(s.letterGrades, 'letter grades');
  if (letters) return letters;
  return null;
}

// ── calendar ───────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;

function toDay(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** Monday of the week that holds `date`. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export interface DateRange {
  startsOn: string;
  endsOn: string;
}

/** The dates of a term that are not holidays, each with its ISO weekday: where weekly slots become lessons. */
export function termSchoolDays(term: DateRange, holidays: DateRange[]): { date: string; weekday: number }[] {
  const off = new Set<string>();
  for (const h of holidays) {
    for (let d = Math.max(toDay(h.startsOn), toDay(term.startsOn)); d <= Math.min(toDay(h.endsOn), toDay(term.endsOn)); d++) off.add(fromDay(d));
  }
  const days: { date: string; weekday: number }[] = [];
  for (let d = toDay(term.startsOn); d <= toDay(term.endsOn); d++) {
    const date = fromDay(d);
    if (!off.has(date)) days.push({ date, weekday: isoWeekday(date) });
  }
  return days;
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

export function dateInRange(date: string, r: DateRange): boolean {
  return date >= r.startsOn && date <= r.endsOn;
}

export type TermProblem = 'outside_year' | 'overlaps' | 'number_for_kind';

/** Schools have quarters 1-4; colleges and universities semesters 1-2; terms lie in their year and never overlap. */
export function checkTerm(
  term: DateRange & { number: number; kind: 'quarter' | 'semester' },
  year: DateRange,
  others: (DateRange & { number: number })[],
): { problem: TermProblem; other?: number } | null {
  if (term.number > (term.kind === 'quarter' ? 4 : 2)) return { problem: 'number_for_kind' };
  if (term.startsOn < year.startsOn || term.endsOn > year.endsOn) return { problem: 'outside_year' };
  const clash = others.find((o) => o.number !== term.number && rangesOverlap(o, term));
  return clash ? { problem: 'overlaps', other: clash.number } : null;
}

export function termKindFor(kind: OrganisationKind): 'quarter' | 'semester' {
  return kind === 'school' || kind === 'kindergarten' || kind === 'additional' ? 'quarter' : 'semester';
}

// ── bells and timetable ───────────────────────────────────────────────────

/** 'HH:MM' or 'HH:MM:SS' to minutes after midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** A shift's bell schedule must list each period once, in order, each ending before the next starts. */
export function checkPeriods(periods: { number: number; startsAt: string; endsAt: string }[]): string | null {
  const sorted = [...periods].sort((a, b) => a.number - b.number);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (minutesOf(p.endsAt) <= minutesOf(p.startsAt)) return `period ${p.number} ends before it starts`;
    const next = sorted[i + 1];
    if (next && next.number === p.number) return `period ${p.number} is listed twice`;
    if (next && minutesOf(next.startsAt) < minutesOf(p.endsAt)) return `period ${next.number} starts before period ${p.number} ends`;
  }
  return null;
}

export interface SlotTime {
  weekday: number;
  startsAt: string;
  endsAt: string;
  term: DateRange;
  courseId: number | null;
}

/**
 * The first existing slot that makes the candidate impossible: same weekday, overlapping bell times,
 * overlapping terms. Groups of one course taught together (a joint lecture) are no clash.
 */
export function findClash<T extends SlotTime>(candidate: SlotTime, existing: T[]): T | null {
  for (const other of existing) {
    if (other.weekday !== candidate.weekday) continue;
    if (!rangesOverlap(other.term, candidate.term)) continue;
    if (minutesOf(other.startsAt) >= minutesOf(candidate.endsAt) || minutesOf(candidate.startsAt) >= minutesOf(other.endsAt)) continue;
    if (candidate.courseId !== null && other.courseId === candidate.courseId) continue;
    return other;
  }
  return null;
}

/** Dated lessons clash when their instants overlap (a joint lecture of one course excepted). */
export function findLessonClash<T extends { startsAt: Date; endsAt: Date; courseId: number | null }>(
  candidate: { startsAt: Date; endsAt: Date; courseId: number | null },
  existing: T[],
): T | null {
  return (
    existing.find(
      (o) => o.startsAt < candidate.endsAt && candidate.startsAt < o.endsAt && !(candidate.courseId !== null && o.courseId === candidate.courseId),
    ) ?? null
  );
}

// ── joining, submitting ───────────────────────────────────────────────────

export type JoinWindow = 'early' | 'open' | 'over';

/** An online lesson opens `joinEarlyMinutes` before it starts and closes when it ends. */
export function joinWindow(now: Date, lesson: { startsAt: Date; endsAt: Date }, joinEarlyMinutes: number): JoinWindow {
  if (now.getTime() < lesson.startsAt.getTime() - joinEarlyMinutes * 60_000) return 'early';
  if (now.getTime() > lesson.endsAt.getTime()) return 'over';
  return 'open';
}

/** Joining more than `lateAfterMinutes` after the start counts as late. */
export function joinStatus(now: Date, startsAt: Date, lateAfterMinutes: number): 'present' | 'late' {
  return now.getTime() > startsAt.getTime() + lateAfterMinutes * 60_000 ? 'late' : 'present';
}

export type SubmissionDecision = { ok: true; late: boolean } | { ok: false; reason: 'late_refused' | 'already_marked' };

/** Work after the due time is accepted and flagged late — unless the organisation refuses late work; marked work is final. */
export function decideSubmission(now: Date, dueAt: Date, acceptLate: boolean, alreadyMarked: boolean): SubmissionDecision {
  if (alreadyMarked) return { ok: false, reason: 'already_marked' };
  const late = now.getTime() > dueAt.getTime();
  if (late && !acceptLate) return { ok: false, reason: 'late_refused' };
  return { ok: true, late };
}

/** Teacher-entered attendance: an excused absence needs its reason. */
export function checkAttendance(status: AttendanceStatus, reason: string | null): string | null {
  if (status === 'excused' && !reason?.trim()) return 'an excused absence needs a reason';
  return null;
}

export type SubjectResult = ({ system: 'criteria' } & TermResult) | ({ system: 'credit' } & CourseResult);

/** A pupil's standing in one subject under the organisation's grading system. */
export function subjectResult(settings: LearningSettings, marks: MarkValue[]): SubjectResult {
  const own = marks.filter((m) => ASSESSMENTS[settings.gradingSystem].includes(m.kind));
  return settings.gradingSystem === 'criteria' ? { system: 'criteria', ...termResult(settings, own) } : { system: 'credit', ...courseResult(settings, own) };
}

/** Counts of each attendance status. */
export function countAttendance(statuses: { status: AttendanceStatus; n?: number }[]): Record<AttendanceStatus, number> {
  const counts = { present: 0, absent: 0, late: 0, excused: 0 };
  for (const s of statuses) counts[s.status] += s.n ?? 1;
  return counts;
}

/** A requested date range, or the problem with it; `maxDays` counts both ends. */
export function checkRange(from: string | null, to: string | null, maxDays: number): 'to_without_from' | 'reversed' | 'too_long' | null {
  if (to && !from) return 'to_without_from';
  if (from && to) {
    if (to < from) return 'reversed';
    if (daysBetween(from, to) + 1 > maxDays) return 'too_long';
  }
  return null;
}

/** The calendar date of an instant in a time zone ('2020-12-09' in Asia/Almaty at 2020-12-08T19:00Z). */
export function localDateOf(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
