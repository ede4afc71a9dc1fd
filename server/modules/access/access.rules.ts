/**
 * Status by rules (pure): a person's confirmed records, their exemptions and a rule set give a status
 * at an instant. "No data" (nothing on record) is distinct from "not admitted" (records that do not
 * qualify). Tested as a truth table in access.rules.test.ts.
 */
import { DEFAULT_FEVER_THRESHOLD_C, type PassStatus } from '../../../contracts/access-pass.js';

export interface RuleParams {
  /** full vaccination counts this many days after the last dose of the series */
  fullVaccinationAfterDays: number;
  /** how long a full vaccination admits (null: no end) */
  vaccinationValidDays: number | null;
  /** a negative PCR admits for this many hours after sampling */
  pcrValidHours: number;
  /** a negative antigen test admits for this many hours (0: not accepted) */
  antigenValidHours: number;
  /** a recovery admits for this many days */
  recoveryValidDays: number;
  /** a positive test keeps a person out for this many days */
  isolationDays: number;
  /** a pass lives at most this many hours (capped by the status's own end) */
  passValidHours: number;
  /** °C at or above which the gate refuses entry and the health officer hears of it (older rule sets: the default) */
  feverThresholdC?: number;
}

/** The defaults of the time (Kazakhstan, 2021): all of them settings of the rule set. */
export const DEFAULT_RULES: RuleParams = {
  fullVaccinationAfterDays: 14,
  vaccinationValidDays: null,
  pcrValidHours: 72,
  antigenValidHours: 0,
  recoveryValidDays: 180,
  isolationDays: 10,
  passValidHours: 24,
  feverThresholdC: DEFAULT_FEVER_THRESHOLD_C,
};

export type Basis = 'vaccination' | 'test' | 'recovery' | 'exemption';
export type NotAdmittedReason = 'positive_test' | 'incomplete_vaccination' | 'waiting_period' | 'vaccination_expired' | 'test_expired' | 'recovery_expired';

export type HealthRecord =
  | { kind: 'vaccination'; at: Date; doseNumber: number; seriesDoses: number }
  | { kind: 'test'; at: Date; testKind: 'pcr' | 'antigen'; result: 'negative' | 'positive' }
  | { kind: 'recovery'; at: Date };

export interface Exemption {
  validFrom: string;
  validUntil: string;
}

export interface StatusResult {
  status: PassStatus;
  /** what made the status (never shown to anyone but the person and the health officer) */
  basis: Basis | null;
  /** when an admitted status ends (null: no end) */
  validUntil: Date | null;
  reason: NotAdmittedReason | null;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const addMs = (d: Date, ms: number) => new Date(d.getTime() + ms);

export function validateRules(p: RuleParams): boolean {
  const ints = [p.fullVaccinationAfterDays, p.pcrValidHours, p.antigenValidHours, p.recoveryValidDays, p.isolationDays, p.passValidHours];
  return (
    ints.every((n) => Number.isInteger(n) && n >= 0 && n <= 3650) &&
    p.passValidHours >= 1 &&
    p.passValidHours <= 168 &&
    (p.vaccinationValidDays === null || (Number.isInteger(p.vaccinationValidDays) && p.vaccinationValidDays > 0)) &&
    (p.feverThresholdC === undefined || (Number.isFinite(p.feverThresholdC) && p.feverThresholdC >= 35 && p.feverThresholdC <= 42))
  );
}

export function evaluateStatus(records: readonly HealthRecord[], exemptions: readonly Exemption[], rules: RuleParams, now: Date): StatusResult {
  const past = records.filter((r) => r.at.getTime() <= now.getTime());
  const today = now.toISOString().slice(0, 10);
  const exemption = exemptions.find((e) => e.validFrom <= today && today <= e.validUntil);
  if (past.length === 0 && !exemption) return { status: 'no_data', basis: null, validUntil: null, reason: null };

  // a recent positive test keeps the person out whatever else is on record
  const positive = past.some((r) => r.kind === 'test' && r.result === 'positive' && now.getTime() < r.at.getTime() + rules.isolationDays * DAY);
  if (positive) return { status: 'not_admitted', basis: null, validUntil: null, reason: 'positive_test' };

  const admitted: { basis: Basis; until: Date | null }[] = [];
  const reasons: NotAdmittedReason[] = [];
  if (exemption) admitted.push({ basis: 'exemption', until: new Date(`${exemption.validUntil}T23:59:59Z`) });

  const complete = past
    .filter((r): r is Extract<HealthRecord, { kind: 'vaccination' }> => r.kind === 'vaccination' && r.doseNumber >= r.seriesDoses)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  if (complete.length > 0) {
    const last = complete[complete.length - 1]!;
    const from = addMs(last.at, rules.fullVaccinationAfterDays * DAY);
    const until = rules.vaccinationValidDays === null ? null : addMs(from, rules.vaccinationValidDays * DAY);
    if (now < from) reasons.push('waiting_period');
    else if (until && now >= until) reasons.push('vaccination_expired');
    else admitted.push({ basis: 'vaccination', until });
  } else if (past.some((r) => r.kind === 'vaccination')) reasons.push('incomplete_vaccination');

  for (const r of past) {
    if (r.kind === 'test' && r.result === 'negative') {
      const hours = r.testKind === 'pcr' ? rules.pcrValidHours : rules.antigenValidHours;
      const until = addMs(r.at, hours * HOUR);
      if (hours > 0 && now < until) admitted.push({ basis: 'test', until });
      else reasons.push('test_expired');
    } else if (r.kind === 'recovery') {
      const until = addMs(r.at, rules.recoveryValidDays * DAY);
      if (now < until) admitted.push({ basis: 'recovery', until });
      else reasons.push('recovery_expired');
    }
  }
  if (admitted.length > 0) {
    // the basis that lasts longest
    admitted.sort((a, b) => (a.until === null ? Infinity : a.until.getTime()) - (b.until === null ? Infinity : b.until.getTime()));
    const best = admitted[admitted.length - 1]!;
    return { status: 'admitted', basis: best.basis, validUntil: best.until, reason: null };
  }
  const order: NotAdmittedReason[] = ['waiting_period', 'incomplete_vaccination', 'vaccination_expired', 'test_expired', 'recovery_expired'];
  return { status: 'not_admitted', basis: null, validUntil: null, reason: order.find((r) => reasons.includes(r)) ?? 'test_expired' };
}

/** A pass's expiry: the pass lifetime, cut short by the status's own end. */
export function passExpiry(now: Date, status: StatusResult, rules: RuleParams): Date {
  const max = addMs(now, rules.passValidHours * HOUR);
  return status.validUntil && status.validUntil < max ? status.validUntil : max;
}

/**
 * The instants after which `evaluateStatus` may answer differently: every bound it compares `now`
 * with (a record taking effect, a waiting period ending, a test, recovery, isolation or vaccination
 * running out, an exemption's first day and the day after its last, at 00:00 UTC as it compares
 * dates). Between two of them every comparison, and so the status, stays the same.
 */
export function statusBreakpoints(records: readonly HealthRecord[], exemptions: readonly Exemption[], rules: RuleParams): number[] {
  const out: number[] = [];
  for (const r of records) {
    const at = r.at.getTime();
    out.push(at);
    if (r.kind === 'test') {
      if (r.result === 'positive') out.push(at + rules.isolationDays * DAY);
      else out.push(at + (r.testKind === 'pcr' ? rules.pcrValidHours : rules.antigenValidHours) * HOUR);
    } else if (r.kind === 'recovery') out.push(at + rules.recoveryValidDays * DAY);
    else {
      const from = at + rules.fullVaccinationAfterDays * DAY;
      out.push(from);
      if (rules.vaccinationValidDays !== null) out.push(from + rules.vaccinationValidDays * DAY);
    }
  }
  for (const e of exemptions) out.push(Date.parse(`${e.validFrom}T00:00:00Z`), Date.parse(`${e.validUntil}T00:00:00Z`) + DAY);
  return out.filter((t) => Number.isFinite(t));
}

/**
 * When the status next changes with time alone (records, exemptions and rules as they are), or null
 * when it never does: the first bound after `now` at which the status differs. The background job
 * (access.jobs.ts) wakes the person up then; a write recomputes it anyway.
 */
export function nextStatusChange(records: readonly HealthRecord[], exemptions: readonly Exemption[], rules: RuleParams, now: Date): Date | null {
  const current = evaluateStatus(records, exemptions, rules, now).status;
  const later = [...new Set(statusBreakpoints(records, exemptions, rules))].filter((t) => t > now.getTime()).sort((a, b) => a - b);
  for (const t of later) {
    const at = new Date(t);
    if (evaluateStatus(records, exemptions, rules, at).status !== current) return at;
  }
  return null;
}
