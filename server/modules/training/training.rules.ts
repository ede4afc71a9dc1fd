import { randomInt } from 'node:crypto';

/**
 * Pure decisions of the training module: coverage arithmetic, suppression of the coverage grid,
 * certificate codes. Tested without a database (training.rules.test.ts, with a property test).
 */

/** a share 0..1, or null when there is nothing to divide by (never NaN, never above 1) */
export function share(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return Math.min(1, Math.max(0, part / whole));
}

export interface CoverageCounts {
  teachers: number;
  trained: number;
}

/** Sums children into their area's total (teaching posts are additive: a teacher of two schools counts in each). */
export function totalOf(rows: CoverageCounts[]): CoverageCounts {
  return rows.reduce((t, r) => ({ teachers: t.teachers + r.teachers, trained: t.trained + r.trained }), { teachers: 0, trained: 0 });
}

/**
 * The published coverage grid: the children and the total, each `[trained, not trained, teachers]`,
 * with cells hidden (null) as the suppression mask says. `suppress` is analytics' small-cell
 * suppression (decision 0018), passed in so this stays pure. The share is shown only when both of
 * its parts are (a share with a visible denominator gives the hidden numerator away).
 */
export function publishCoverage(
  children: CoverageCounts[],
  suppressSmall: boolean,
  threshold: number,
  suppress: (cells: number[][], threshold: number, additive: boolean) => boolean[][],
): { children: Published[]; total: Published } {
  const total = totalOf(children);
  const grid = [...children, total].map((r) => [r.trained, r.teachers - r.trained, r.teachers]);
  const mask = suppressSmall ? suppress(grid, threshold, true) : grid.map((row) => row.map(() => false));
  const rows = grid.map((row, i): Published => {
    const trained = mask[i]![0] ? null : row[0]!;
    const teachers = mask[i]![2] ? null : row[2]!;
    return { teachers, trained, share: share(trained, teachers) };
  });
  return { children: rows.slice(0, -1), total: rows.at(-1)! };
}
export interface Published {
  teachers: number | null;
  trained: number | null;
  share: number | null;
}

// no 0/O, 1/I: read aloud or typed from paper
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A certificate's verification code, `XXXX-XXXX-XXXX` (60 bits of randomness). */
export function certificateCode(random: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[random(ALPHABET.length)]!);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

/** Whether a teacher may enrol in a course today (not after it ended). */
export function enrolmentOpen(c: { endsOn: string }, today: string): boolean {
  return today <= c.endsOn;
}

/** Whether a completion may be recorded today (not before the course starts). */
export function completionAllowed(c: { startsOn: string }, today: string): boolean {
  return today >= c.startsOn;
}
