import type { SupplyStatus } from '../../../contracts/textbook-supply.js';

/**
 * Textbook supply: progress arithmetic and who is late (pure). The defaults come from the seeds:
 * deadline 25 August of the school year; a month before school 50% should be dispatched and 35%
 * delivered (the 2020 figures, taken as the checkpoint an officer is warned by).
 */
export const SUPPLY_DEFAULTS = {
  deadlineMonthDay: '08-25',
  checkpointDaysBefore: 25,
  dispatchedShareAtCheckpoint: 0.5,
  deliveredShareAtCheckpoint: 0.35,
} as const;
export type SupplySettings = typeof SUPPLY_DEFAULTS;

export interface SupplyFigures {
  planned: number;
  dispatched: number;
  delivered: number;
  /** dispatches whose planned date has passed and that are not sent */
  overdueDispatches: number;
  /** the earliest deadline among the orders behind these figures (YYYY-MM-DD) */
  deadline: string | null;
}

/** The default deadline of a school year starting on `startsOn` (or of the year of `today`). */
export function defaultDeadline(startsOnOrToday: string, settings: SupplySettings = SUPPLY_DEFAULTS): string {
  return `${startsOnOrToday.slice(0, 4)}-${settings.deadlineMonthDay}`;
}

/** Whole per cent, rounded down, 0 when nothing is planned; never above 100 when part ≤ whole. */
export function pct(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.floor((100 * part) / whole));
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * - no_plan: nothing is scheduled;
 * - done: every planned copy arrived;
 * - late: the deadline has passed with copies missing, or a planned dispatch date passed unsent;
 * - behind: within the checkpoint window before the deadline, less than the checkpoint share
 *   dispatched or delivered;
 * - on_track: otherwise.
 */
export function supplyStatus(f: SupplyFigures, today: string, settings: SupplySettings = SUPPLY_DEFAULTS): SupplyStatus {
  if (f.planned <= 0) return 'no_plan';
  if (f.delivered >= f.planned) return 'done';
  if ((f.deadline !== null && today > f.deadline) || f.overdueDispatches > 0) return 'late';
  if (f.deadline !== null && today >= addDays(f.deadline, -settings.checkpointDaysBefore)) {
    if (f.dispatched < f.planned * settings.dispatchedShareAtCheckpoint || f.delivered < f.planned * settings.deliveredShareAtCheckpoint) return 'behind';
  }
  return 'on_track';
}

export const isLate = (s: SupplyStatus) => s === 'late' || s === 'behind';

/** Sums figures of several schools (a district's, a region's); the deadline is the earliest. */
export function sumFigures<T extends SupplyFigures & { issued: number }>(rows: Iterable<T>): SupplyFigures & { issued: number } {
  const out = { planned: 0, dispatched: 0, delivered: 0, issued: 0, overdueDispatches: 0, deadline: null as string | null };
  for (const r of rows) {
    out.planned += r.planned;
    out.dispatched += r.dispatched;
    out.delivered += r.delivered;
    out.issued += r.issued;
    out.overdueDispatches += r.overdueDispatches;
    if (r.deadline !== null && (out.deadline === null || r.deadline < out.deadline)) out.deadline = r.deadline;
  }
  return out;
}

/**
 * Spreads a delivery of `copies` over the school's dispatches of one title, earliest planned first,
 * never past what each still awaits. Null when the copies exceed what is awaited (over-delivery).
 */
export function spreadDelivery(
  copies: number,
  dispatches: readonly { id: number; copies: number; delivered: number; plannedOn: string }[],
): { dispatchId: number; copies: number }[] | null {
  const order = [...dispatches].sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : a.id - b.id));
  const out: { dispatchId: number; copies: number }[] = [];
  let left = copies;
  for (const d of order) {
    if (left === 0) break;
    const take = Math.min(left, Math.max(0, d.copies - d.delivered));
    if (take > 0) {
      out.push({ dispatchId: d.id, copies: take });
      left -= take;
    }
  }
  return left === 0 ? out : null;
}
