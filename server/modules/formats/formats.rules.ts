import type { ActivityKind, AreaLevel, FormatCode, ReasonPart, RuleOutcome, RuleSetBody, SituationLevel, SituationScale } from '../../../contracts/formats.js';

/**
 * Pure decisions of the formats module: which situation is in force for a settlement on a date
 * (lower levels inherit from higher ones unless they record their own), and which format a rule
 * set gives an organisation or a class. No I/O: the use cases load the facts and store the results.
 */

export interface OrgFacts {
  id: number;
  kind: 'school' | 'college' | 'university' | 'kindergarten' | 'additional';
  settlementKind: 'rural' | 'urban';
  pupilCount: number;
  regionCode: string;
}

export interface ClassFacts {
  id: number;
  grade: number | null;
  specialty: string | null;
}

/** The situation in force for an organisation's settlement; `level: null` when nothing was recorded up the tree. */
export interface SituationFacts {
  level: SituationLevel | null;
  area: AreaLevel | null;
  since: string | null;
  scale: SituationScale;
}

export interface RuleSetRef {
  id: number;
  version: number;
  /** a region's own rules rather than the country's */
  regional: boolean;
  body: RuleSetBody;
}

export interface Evaluation {
  format: FormatCode;
  onSite: ActivityKind[] | null;
  subgroupMax: number | null;
  ruleSetId: number;
  /** null: the rule set's default applied */
  ruleId: string | null;
  reason: ReasonPart[];
}

/**
 * The specialty group of a class's specialty: the group whose code it is (the seed stores the code),
 * else the first group (in the set's order) with a keyword the specialty contains.
 */
export function specialtyGroupOf(body: RuleSetBody, specialty: string | null): string | null {
  if (!specialty) return null;
  const s = specialty.trim().toLocaleLowerCase('ru');
  if (Object.hasOwn(body.specialtyGroups, s)) return s;
  for (const [group, keywords] of Object.entries(body.specialtyGroups)) {
    if (keywords.some((k) => s.includes(k.toLocaleLowerCase('ru')))) return group;
  }
  return null;
}

function outcomeParts(o: RuleOutcome): ReasonPart[] {
  if (o.format === 'combined') return [{ code: 'on_site', params: { activities: o.onSite ?? [], subgroupMax: o.subgroupMax ?? null } }];
  if (o.format === 'duty') return [{ code: 'duty_groups', params: { subgroupMax: o.subgroupMax ?? null } }];
  return [];
}

function situationPart(s: SituationFacts, effective: SituationLevel): ReasonPart {
  return s.level === null
    ? { code: 'situation', params: { level: effective, assumed: true, scale: s.scale } }
    : { code: 'situation', params: { level: s.level, area: s.area, since: s.since, scale: s.scale } };
}

/**
 * The format a rule set gives an organisation (`cls` null) or one of its classes: the first rule
 * whose conditions all hold, else the default, else null (the set leaves it without a format).
 */
export function evaluateFormat(ruleSet: RuleSetRef, org: OrgFacts, cls: ClassFacts | null, situation: SituationFacts): Evaluation | null {
  const body = ruleSet.body;
  const level: SituationLevel = situation.level ?? body.unknownSituation;
  const group = cls ? specialtyGroupOf(body, cls.specialty) : null;

  for (const rule of body.rules) {
    const w = rule.when;
    if (w.level === 'organisation' && cls) continue;
    if (w.level === 'class' && !cls) continue;
    if (w.kinds && !w.kinds.includes(org.kind)) continue;
    if (w.settlement && w.settlement !== org.settlementKind) continue;
    if (w.maxPupils !== undefined && org.pupilCount > w.maxPupils) continue;
    if (w.minPupils !== undefined && org.pupilCount < w.minPupils) continue;
    if (w.situation && !w.situation.includes(level)) continue;
    if (w.grades && (!cls || cls.grade === null || !w.grades.includes(cls.grade))) continue;
    if (w.specialtyGroups && (!group || !w.specialtyGroups.includes(group))) continue;
    if (w.regions && !w.regions.includes(org.regionCode)) continue;

    // case: the reason names exactly what the matching rule checked, in a readable order
    const subject: Record<string, unknown> = { kind: org.kind };
    if (w.settlement) subject.settlement = org.settlementKind;
    if (w.maxPupils !== undefined || w.minPupils !== undefined) {
      subject.pupils = org.pupilCount;
      if (w.maxPupils !== undefined) subject.maxPupils = w.maxPupils;
      else subject.minPupils = w.minPupils;
    }
    const reason: ReasonPart[] = [{ code: 'subject', params: subject }];
    if (w.grades && cls) reason.push({ code: 'grade', params: { grade: cls.grade, grades: w.grades } });
    if (w.specialtyGroups && cls) reason.push({ code: 'specialty', params: { specialty: cls.specialty, group } });
    if (w.regions) reason.push({ code: 'region', params: { code: org.regionCode } });
    if (w.situation) reason.push(situationPart(situation, level));
    reason.push(...outcomeParts(rule.then));
    reason.push({ code: 'rule', params: { version: ruleSet.version, rule: rule.id, regional: ruleSet.regional } });
    return {
      format: rule.then.format,
      onSite: rule.then.onSite ?? null,
      subgroupMax: rule.then.subgroupMax ?? null,
      ruleSetId: ruleSet.id,
      ruleId: rule.id,
      reason,
    };
  }
  if (!body.default) return null;
  // case: the default; the situation is shown because it is usually why a stricter rule did not apply
  return {
    format: body.default.format,
    onSite: body.default.onSite ?? null,
    subgroupMax: body.default.subgroupMax ?? null,
    ruleSetId: ruleSet.id,
    ruleId: null,
    reason: [
      { code: 'subject', params: { kind: org.kind, settlement: org.settlementKind } },
      situationPart(situation, level),
      ...outcomeParts(body.default),
      { code: 'default_rule', params: { version: ruleSet.version, regional: ruleSet.regional } },
    ],
  };
}

// ── situations ───────────────────────────────────────────────────────────────────────────────

export interface SituationEntry {
  id: number;
  areaLevel: AreaLevel;
  /** null for the country */
  areaId: number | null;
  /** null: "inherit from above again" */
  level: SituationLevel | null;
  effectiveFrom: string;
  /** ISO instant; a later record for the same date wins */
  recordedAt: string;
  source: string;
}

export interface ResolvedSituation {
  level: SituationLevel;
  area: AreaLevel;
  since: string;
  source: string;
  recordId: number;
}

export type SituationIndex = Map<string, SituationEntry[]>;

const areaKey = (level: AreaLevel, id: number | null) => `${level}:${id ?? 0}`;

/** Groups the records by area, newest first, so resolving one settlement is a few array scans. */
export function indexSituations(entries: SituationEntry[]): SituationIndex {
  const index: SituationIndex = new Map();
  for (const e of entries) {
    const k = areaKey(e.areaLevel, e.areaId);
    const list = index.get(k) ?? [];
    list.push(e);
    index.set(k, list);
  }
  for (const list of index.values()) {
    list.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.recordedAt.localeCompare(a.recordedAt) || b.id - a.id);
  }
  return index;
}

/** The area's own record in force on `date` (possibly an "inherit" record), or null. */
export function ownRecordOn(index: SituationIndex, level: AreaLevel, id: number | null, date: string): SituationEntry | null {
  return index.get(areaKey(level, id))?.find((e) => e.effectiveFrom <= date) ?? null;
}

/** The area's own soonest record that takes effect after `date` (a change already scheduled), or null. */
export function nextOwnRecordAfter(index: SituationIndex, level: AreaLevel, id: number | null, date: string): SituationEntry | null {
  return (index.get(areaKey(level, id)) ?? []).filter((e) => e.effectiveFrom > date).at(-1) ?? null;
}

/**
 * The situation in force at a place on a date: the most specific area (settlement, district,
 * region, country) whose own latest record by that date states a level; null when none does.
 */
export function resolveSituation(
  index: SituationIndex,
  place: { settlementId: number | null; districtId: number | null; regionId: number | null },
  date: string,
): ResolvedSituation | null {
  const chain: [AreaLevel, number | null][] = [];
  if (place.settlementId !== null) chain.push(['settlement', place.settlementId]);
  if (place.districtId !== null) chain.push(['district', place.districtId]);
  if (place.regionId !== null) chain.push(['region', place.regionId]);
  chain.push(['country', null]);
  for (const [level, id] of chain) {
    const own = ownRecordOn(index, level, id, date);
    if (own && own.level !== null) {
      return { level: own.level, area: level, since: own.effectiveFrom, source: own.source, recordId: own.id };
    }
  }
  return null;
}

/** May this scale record this level? ('binary' knows only favourable = green and unfavourable = red.) */
export function levelAllowed(scale: SituationScale, level: SituationLevel | null): boolean {
  return level === null || scale === 'zones' || level !== 'yellow';
}

/**
 * Where a lesson of a class happens under its format: regular → on site; distance and duty (the
 * class learns remotely; duty-group children attend in person through the duty module) → remote;
 * combined → on site only for the activities the rules keep on site (a university lab), else remote.
 * No decision yet → on site (nothing has been switched).
 */
export function deliveryMode(format: { format: FormatCode; onSite: ActivityKind[] | null } | null, activity: ActivityKind | null = null): 'on_site' | 'remote' {
  if (!format || format.format === 'regular') return 'on_site';
  if (format.format === 'combined') return activity !== null && (format.onSite ?? []).includes(activity) ? 'on_site' : 'remote';
  return 'remote';
}
