import type { Queryable } from '../../platform/db.js';
import type { ActivityKind, FormatCode } from '../../../contracts/formats.js';
import * as repo from './formats.repository.js';

/**
 * What other modules read from formats. The learning module asks, for a class and a date, which
 * format is in force and turns lessons online (or TV) accordingly; see `deliveryMode`.
 */
export interface EffectiveFormat {
  format: FormatCode;
  /** combined: the activities held on site (e.g. ['lab', 'practice']); null otherwise */
  onSite: ActivityKind[] | null;
  /** the most pupils in an on-site subgroup or a duty group, when the rules say */
  subgroupMax: number | null;
  /** 'override': an officer's decision in force */
  source: 'decision' | 'override';
  /** the date this format took effect */
  effectiveFrom: string;
}

const toEffective = (e: repo.EffectiveRow | null): EffectiveFormat | null =>
  e
    ? { format: e.format, onSite: (e.on_site as ActivityKind[] | null) ?? null, subgroupMax: e.subgroup_max, source: e.source, effectiveFrom: e.effective_from }
    : null;

/** The format of a class on a date; null when nothing has been decided for it yet. */
export async function effectiveFormat(db: Queryable, classId: number, date: string): Promise<EffectiveFormat | null> {
  const [row] = await repo.effectiveFormats(db, [{ classId, date }]);
  return toEffective(row ?? null);
}

/** Many (class, date) pairs in one query, in the order given. */
export async function effectiveFormats(db: Queryable, pairs: { classId: number; date: string }[]): Promise<(EffectiveFormat | null)[]> {
  return (await repo.effectiveFormats(db, pairs)).map(toEffective);
}

export { deliveryMode } from './formats.rules.js';
