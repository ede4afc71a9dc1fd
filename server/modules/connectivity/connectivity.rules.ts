import { SLOW_BELOW_MBPS, type CensusRollup, type InternetLevel } from '../../../contracts/connectivity.js';
import { suppress } from '../analytics/analytics.usecases.js';

/**
 * The connectivity register's rules (pure, no database): what an internet level allows as a speed,
 * what a settlement's TV reception is, who is cut off (neither a device, nor home internet, nor TV
 * reception), the roll-up of pupils' census answers per settlement, and the small-number suppression
 * of what officers see (through analytics' `suppress`, decision 0018).
 */

export type Devices = 'none' | 'shared' | 'own';
export type HomeInternet = 'none' | 'mobile' | 'fixed';
export interface Answer {
  devices: Devices;
  internet: HomeInternet;
  connectable: boolean;
}

/** Why a speed does not fit a level (an error code's reason), or null when it fits. */
export function internetProblem(level: InternetLevel, mbps: number | null): 'speed_without_internet' | 'slow_too_fast' | 'broadband_too_slow' | null {
  if (mbps === null) return null;
  if (level === 'none') return mbps > 0 ? 'speed_without_internet' : null;
  if (level === 'slow') return mbps >= SLOW_BELOW_MBPS ? 'slow_too_fast' : null;
  return mbps < SLOW_BELOW_MBPS ? 'broadband_too_slow' : null;
}

/** `settlements.tv_reception`: the settlement receives at least one of the national lesson channels. */
export function tvReceptionOf(received: boolean[]): boolean {
  return received.some(Boolean);
}

/** Cut off from distance learning: no device and no home internet (census) and no TV reception where the school is. */
export function isIsolated(answer: Answer | null, tvReception: boolean): boolean {
  return answer !== null && answer.devices === 'none' && answer.internet === 'none' && !tvReception;
}

export interface PupilFacts {
  settlementId: number;
  answer: Answer | null;
}

/** A roll-up before suppression (every figure a number). */
export interface RawRollup {
  pupils: number;
  internet: { none: number; mobile: number; fixed: number; unanswered: number };
  connectable: number;
  devices: { none: number; shared: number; own: number; unanswered: number };
  isolated: number;
}

export function emptyRollup(): RawRollup {
  return {
    pupils: 0,
    internet: { none: 0, mobile: 0, fixed: 0, unanswered: 0 },
    connectable: 0,
    devices: { none: 0, shared: 0, own: 0, unanswered: 0 },
    isolated: 0,
  };
}

export function addTo(r: RawRollup, answer: Answer | null, tvReception: boolean): void {
  r.pupils++;
  if (answer === null) {
    r.internet.unanswered++;
    r.devices.unanswered++;
  } else {
    r.internet[answer.internet]++;
    r.devices[answer.devices]++;
    if (answer.internet === 'none' && answer.connectable) r.connectable++;
  }
  if (isIsolated(answer, tvReception)) r.isolated++;
}

/** Pupils rolled up per settlement (the school's settlement is the household's place). */
export function rollUp(pupils: PupilFacts[], tvOf: (settlementId: number) => boolean): Map<number, RawRollup> {
  const out = new Map<number, RawRollup>();
  for (const p of pupils) {
    let r = out.get(p.settlementId);
    if (!r) {
      r = emptyRollup();
      out.set(p.settlementId, r);
    }
    addTo(r, p.answer, tvOf(p.settlementId));
  }
  return out;
}

export function sumRollups(rows: RawRollup[]): RawRollup {
  const t = emptyRollup();
  for (const r of rows) {
    t.pupils += r.pupils;
    t.connectable += r.connectable;
    t.isolated += r.isolated;
    for (const k of ['none', 'mobile', 'fixed', 'unanswered'] as const) t.internet[k] += r.internet[k];
    for (const k of ['none', 'shared', 'own', 'unanswered'] as const) t.devices[k] += r.devices[k];
  }
  return t;
}

const INTERNET = ['none', 'mobile', 'fixed', 'unanswered'] as const;
const DEVICES = ['none', 'shared', 'own', 'unanswered'] as const;
/** Added to the pupils column so suppression never picks it as a complement (enrolment stays shown). */
const KEEP_VISIBLE = 1e12;

/**
 * What an officer sees of the roll-ups: rows then the total (the sum of the rows). Two additive
 * tables (home internet, devices: the categories add up to the pupils, which stay visible) and one
 * column-wise table (connectable, cut off); each with analytics' complementary suppression.
 * `suppressSmall` false (the school's own admin): everything as is.
 */
export function publishRollups(rows: RawRollup[], threshold: number, suppressSmall: boolean): { rows: CensusRollup[]; total: CensusRollup } {
  const all = [...rows, sumRollups(rows)];
  const internetMask = suppressSmall
    ? suppress(
        all.map((r) => [...INTERNET.map((k) => r.internet[k]), r.pupils + KEEP_VISIBLE]),
        threshold,
        true,
      )
    : null;
  const devicesMask = suppressSmall
    ? suppress(
        all.map((r) => [...DEVICES.map((k) => r.devices[k]), r.pupils + KEEP_VISIBLE]),
        threshold,
        true,
      )
    : null;
  const otherMask = suppressSmall
    ? suppress(
        all.map((r) => [r.connectable, r.isolated]),
        threshold,
        false,
      )
    : null;
  const shown = (mask: boolean[][] | null, r: number, c: number, v: number) => (mask?.[r]?.[c] ? null : v);
  const published = all.map(
    (x, r): CensusRollup => ({
      pupils: x.pupils,
      internet: {
        none: shown(internetMask, r, 0, x.internet.none),
        mobile: shown(internetMask, r, 1, x.internet.mobile),
        fixed: shown(internetMask, r, 2, x.internet.fixed),
        unanswered: shown(internetMask, r, 3, x.internet.unanswered),
      },
      connectable: shown(otherMask, r, 0, x.connectable),
      devices: {
        none: shown(devicesMask, r, 0, x.devices.none),
        shared: shown(devicesMask, r, 1, x.devices.shared),
        own: shown(devicesMask, r, 2, x.devices.own),
        unanswered: shown(devicesMask, r, 3, x.devices.unanswered),
      },
      isolated: shown(otherMask, r, 1, x.isolated),
    }),
  );
  return { rows: published.slice(0, -1), total: published[published.length - 1]! };
}

/**
 * One column of counts by school, grouped by settlement, for officers: schools and settlements each
 * add up to the district's total, and a settlement is the sum of its schools. A school's count is
 * suppressed as analytics does (small, then complements down the column); a settlement is hidden
 * when exactly one of its schools is (its value would give that school away), then the settlements'
 * column is closed the same way (a hidden cell is given a value under the threshold, which hides it).
 */
export function publishBySchool(
  schools: { settlementId: number; value: number }[],
  threshold: number,
  suppressSmall: boolean,
): { schools: (number | null)[]; settlements: Map<number, number | null>; total: number | null } {
  const total = schools.reduce((s, x) => s + x.value, 0);
  const settlementIds = [...new Set(schools.map((s) => s.settlementId))];
  const bySettlement = new Map(settlementIds.map((id) => [id, 0]));
  for (const s of schools) bySettlement.set(s.settlementId, bySettlement.get(s.settlementId)! + s.value);
  if (!suppressSmall || threshold <= 1) {
    return { schools: schools.map((s) => s.value), settlements: bySettlement, total };
  }
  const schoolMask = suppress([...schools.map((s) => [s.value]), [total]], threshold, false);
  const hiddenIn = new Map<number, number>();
  schools.forEach((s, i) => {
    if (schoolMask[i]![0]) hiddenIn.set(s.settlementId, (hiddenIn.get(s.settlementId) ?? 0) + 1);
  });
  // a settlement with one hidden school is forced hidden (value 1: primary-suppressed); one whose schools are all
  // shown could be added up from them, so it never serves as a complement (inflated: picked last, never small)
  const settlementGrid = settlementIds.map((id) => {
    const hidden = hiddenIn.get(id) ?? 0;
    return [hidden === 1 ? 1 : hidden === 0 ? bySettlement.get(id)! + KEEP_VISIBLE : bySettlement.get(id)!];
  });
  const settlementMask = suppress([...settlementGrid, [total]], threshold, false);
  const totalHidden = schoolMask[schools.length]![0] || settlementMask[settlementIds.length]![0];
  return {
    schools: schools.map((s, i) => (schoolMask[i]![0] ? null : s.value)),
    settlements: new Map(settlementIds.map((id, i) => [id, settlementMask[i]![0] || hiddenIn.get(id) === 1 ? null : bySettlement.get(id)!])),
    total: totalHidden ? null : total,
  };
}

export type ChangeValue = string | number | boolean | null;
export interface ChangeLine {
  field: string;
  old: ChangeValue;
  new: ChangeValue;
}

export interface SettlementState {
  internet: InternetLevel;
  internetMbps: number | null;
  measuredOn: string | null;
  reception: { code: string; received: boolean }[];
}

/** The fields an edit changes, each with its old and new value (reception as `tv:<channel>`). */
export function changesOf(before: SettlementState, after: SettlementState): ChangeLine[] {
  const out: ChangeLine[] = [];
  if (before.internet !== after.internet) out.push({ field: 'internet', old: before.internet, new: after.internet });
  if (before.internetMbps !== after.internetMbps) out.push({ field: 'internetMbps', old: before.internetMbps, new: after.internetMbps });
  if (before.measuredOn !== after.measuredOn) out.push({ field: 'measuredOn', old: before.measuredOn, new: after.measuredOn });
  for (const a of after.reception) {
    const b = before.reception.find((x) => x.code === a.code);
    if (!b || b.received !== a.received) out.push({ field: `tv:${a.code}`, old: b ? b.received : null, new: a.received });
  }
  return out;
}
