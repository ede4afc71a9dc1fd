import type { Queryable } from '../../platform/db.js';
import { notify } from '../notifications/notifications.usecases.js';
import {
  renderReason,
  ruleSetBody,
  SITUATION_LEVELS,
  type FormatCode,
  type Impact,
  type RuleSetBody,
  type SituationScale,
} from '../../../contracts/formats.js';
import { createHash } from 'node:crypto';
import {
  evaluateFormat,
  indexSituations,
  resolveSituation,
  type Evaluation,
  type OrgFacts,
  type RuleSetRef,
  type SituationEntry,
  type SituationFacts,
} from './formats.rules.js';
import * as repo from './formats.repository.js';
import type { FactScope, NewDecision } from './formats.repository.js';

/**
 * Recomputing decisions: evaluate the rules for every organisation and class in a scope on every
 * date from `from` on where something changes (a situation or rule set taking effect), compare with
 * the stored versions, and — unless it is a preview — write the difference and notify the people
 * whose format changes. Facts are read in bulk and evaluated in memory (one pass per change date),
 * so the whole country takes seconds, not one query per class.
 */

export interface RecomputeInput {
  scope: FactScope;
  /** the first date the change applies to */
  from: string;
  /** a situation not yet recorded (preview) */
  extraSituation?: SituationEntry;
  /** a rule set not yet published (preview): id 0 */
  extraRuleSet?: repo.RuleSetRow;
  write: boolean;
  /** default true; the seed writes its first decisions without telling anyone */
  notify?: boolean;
}

export interface Uncovered {
  organisationId: number;
  classId: number | null;
}

export interface RecomputeResult {
  impact: Impact;
  /** keys the rules leave without a format under some situation level (a rule set is incomplete) */
  uncovered: Uncovered[];
  written: { superseded: number; inserted: number; notified: number };
  /**
   * classes whose format (or, for 'combined', possibly its on-site activities) differs on some date
   * from `from` on: the classes whose lessons must follow (learning's applyFormatsToLessons).
   * A change of reason alone (e.g. the date a situation began) is not one.
   */
  lessonClassIds: number[];
  /** milliseconds per phase, for logs and benchmarks */
  timings: Record<string, number>;
}

interface ParsedRuleSet {
  ref: RuleSetRef;
  regionId: number | null;
  effectiveFrom: string;
}

function parseRuleSets(rows: repo.RuleSetRow[]): ParsedRuleSet[] {
  return rows.map((r) => ({
    ref: { id: r.id, version: r.version, regional: r.regionId !== null, body: ruleSetBody.parse(r.body) },
    regionId: r.regionId,
    effectiveFrom: r.effectiveFrom,
  }));
}

/** The rule set in force for a region on a date: its own latest one in force, else the country's. */
function ruleSetFor(sets: ParsedRuleSet[], regionId: number, date: string): RuleSetRef | null {
  let regional: ParsedRuleSet | null = null;
  let country: ParsedRuleSet | null = null;
  for (const s of sets) {
    if (s.effectiveFrom > date) continue;
    if (s.regionId === regionId && (!regional || s.ref.version > regional.ref.version)) regional = s;
    if (s.regionId === null && (!country || s.ref.version > country.ref.version)) country = s;
  }
  return (regional ?? country)?.ref ?? null;
}

interface Facts {
  orgs: repo.OrgFactRow[];
  classes: repo.ClassFactRow[];
  orgFacts: Map<number, OrgFacts>;
  classesOf: Map<number, repo.ClassFactRow[]>;
}

async function loadFacts(db: Queryable, scope: FactScope): Promise<Facts> {
  // one after the other: `db` may be a transaction's single connection
  const orgs = await repo.orgFacts(db, scope);
  const classes = await repo.classFacts(db, scope);
  const orgFacts = new Map<number, OrgFacts>(
    orgs.map((o) => [
      o.id,
      {
        id: o.id,
        kind: o.kind,
        settlementKind: o.settlement_kind,
        pupilCount: o.pupil_count,
        regionCode: o.region_code,
      },
    ]),
  );
  const classesOf = new Map<number, repo.ClassFactRow[]>();
  for (const c of classes) {
    const list = classesOf.get(c.organisation_id);
    if (list) list.push(c);
    else classesOf.set(c.organisation_id, [c]);
  }
  return { orgs, classes, orgFacts, classesOf };
}

/** Every organisation's and class's evaluation on one date (absent: no rule set in force there yet). */
interface Evaluations {
  org: Map<number, Evaluation | null>;
  cls: Map<number, Evaluation | null>;
}

/** Evaluates every organisation and class on one date. Classes with the same facts share one evaluation. */
function evaluateAll(
  facts: Facts,
  sets: ParsedRuleSet[],
  situations: ReturnType<typeof indexSituations>,
  scale: SituationScale,
  date: string,
  levelOverride?: SituationFacts['level'],
): Evaluations {
  const out: Evaluations = { org: new Map(), cls: new Map() };
  const setOf = new Map<number, RuleSetRef | null>();
  const situationOf = new Map<number, SituationFacts>();
  for (const o of facts.orgs) {
    let set = setOf.get(o.region_id);
    if (set === undefined) {
      set = ruleSetFor(sets, o.region_id, date);
      setOf.set(o.region_id, set);
    }
    if (!set) continue; // nothing published for this region yet: no decision
    let situation: SituationFacts | undefined =
      levelOverride !== undefined ? { level: levelOverride, area: 'country', since: null, scale } : situationOf.get(o.settlement_id);
    if (!situation) {
      const r = resolveSituation(situations, { settlementId: o.settlement_id, districtId: o.district_id, regionId: o.region_id }, date);
      situation = r ? { level: r.level, area: r.area, since: r.since, scale } : { level: null, area: null, since: null, scale };
      situationOf.set(o.settlement_id, situation);
    }
    const org = facts.orgFacts.get(o.id)!;
    out.org.set(o.id, evaluateFormat(set, org, null, situation));
    const memo = new Map<string, Evaluation | null>();
    for (const c of facts.classesOf.get(o.id) ?? []) {
      const k = c.specialty === null ? String(c.grade) : `${c.grade}|${c.specialty}`;
      let e = memo.get(k);
      if (e === undefined) {
        e = evaluateFormat(set, org, { id: c.id, grade: c.grade, specialty: c.specialty }, situation);
        memo.set(k, e);
      }
      out.cls.set(c.id, e);
    }
  }
  return out;
}

/**
 * Which organisations and classes a rule set leaves without a format under some situation level
 * (a complete set decides for every one of them whatever the situation becomes).
 */
export function uncoveredBy(facts: Facts, set: ParsedRuleSet, scale: SituationScale): Uncovered[] {
  const out: Uncovered[] = [];
  const seenOrg = new Set<number>();
  const seenClass = new Set<number>();
  const classOrg = new Map(facts.classes.map((c) => [c.id, c.organisation_id]));
  for (const level of SITUATION_LEVELS) {
    const evals = evaluateAll(facts, [{ ...set, effectiveFrom: '0000-01-01' }], indexSituations([]), scale, '9999-12-31', level);
    for (const [id, e] of evals.org) {
      if (e === null && !seenOrg.has(id)) {
        seenOrg.add(id);
        out.push({ organisationId: id, classId: null });
      }
    }
    for (const [id, e] of evals.cls) {
      if (e === null && !seenClass.has(id)) {
        seenClass.add(id);
        out.push({ organisationId: classOrg.get(id)!, classId: id });
      }
    }
  }
  return out;
}

/**
 * A decision's fingerprint: what a recomputation compares with the stored version (format,
 * activities, reason, rule) without reading the reasons back. Plain JSON is stable here because
 * every evaluation is built by the same code in the same key order. Cached per evaluation object,
 * which classes with the same facts share.
 */
const fingerprints = new WeakMap<Evaluation, string>();
export function fingerprintOf(e: Evaluation): string {
  let fp = fingerprints.get(e);
  if (fp === undefined) {
    fp = createHash('sha1')
      .update(JSON.stringify([e.format, e.onSite, e.subgroupMax, e.reason, e.ruleSetId, e.ruleId]))
      .digest('base64url');
    fingerprints.set(e, fp);
  }
  return fp;
}

interface Version {
  from: string;
  format: FormatCode;
  fp: string | null;
  e?: Evaluation;
}

/** The format a timeline gives on a date. */
function formatOn(prev: Version | undefined, later: Version[], date: string): FormatCode | null {
  let f: FormatCode | null = prev?.format ?? null;
  for (const v of later) if (v.from <= date) f = v.format;
  return f;
}

/**
 * Whether lessons may see a different format somewhere from `from` on: the two timelines give
 * another format on a date where either changes, or a 'combined' version is involved (its on-site
 * activities are not among the light rows read back, so it is taken as changed).
 */
function lessonsAffected(prev: Version | undefined, before: Version[], after: Version[], from: string): boolean {
  if ([...before, ...after].some((v) => v.format === 'combined')) return true;
  return [from, ...before.map((v) => v.from), ...after.map((v) => v.from)].some((d) => formatOn(prev, before, d) !== formatOn(prev, after, d));
}

export async function recompute(db: Queryable, input: RecomputeInput, now: Date): Promise<RecomputeResult> {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  const lap = (phase: string) => {
    const t = performance.now();
    timings[phase] = Math.round(t - mark);
    mark = t;
  };
  const settings = await repo.getSettings(db);
  const setRows = await repo.allRuleSets(db);
  if (input.extraRuleSet) setRows.push(input.extraRuleSet);
  const sets = parseRuleSets(setRows);
  const entries = await repo.allSituationEntries(db);
  if (input.extraSituation) entries.push(input.extraSituation);
  const situations = indexSituations(entries);
  const facts = await loadFacts(db, input.scope);
  lap('load');

  // the dates from `from` on where what is in force may change
  const points = [
    ...new Set([
      input.from,
      ...entries.map((e) => e.effectiveFrom).filter((d) => d > input.from),
      ...sets.map((s) => s.effectiveFrom).filter((d) => d > input.from),
    ]),
  ].sort();
  const evaluations = points.map((p) => evaluateAll(facts, sets, situations, settings.situationScale, p));
  lap('evaluate');

  // stored versions per organisation (0) / class (1): the last one before `from`, and those from `from` on
  const stored = await repo.storedDecisions(db, input.scope);
  const prevOf = [new Map<number, Version>(), new Map<number, Version>()] as const;
  const laterOf = [new Map<number, { id: number; v: Version }[]>(), new Map<number, { id: number; v: Version }[]>()] as const;
  for (const d of stored) {
    const kind = d.class_id === null ? 0 : 1;
    const id = d.class_id ?? d.organisation_id;
    const v: Version = { from: d.effective_from, format: d.format, fp: d.fingerprint };
    if (d.effective_from < input.from) {
      const p = prevOf[kind].get(id);
      if (!p || p.from < v.from) prevOf[kind].set(id, v);
    } else {
      const list = laterOf[kind].get(id);
      if (list) list.push({ id: d.id, v });
      else laterOf[kind].set(id, [{ id: d.id, v }]);
    }
  }
  for (const m of laterOf) for (const list of m.values()) list.sort((a, b) => (a.v.from < b.v.from ? -1 : 1));
  lap('stored');

  const overrides = await repo.activeOverrides(db, input.scope);
  const orgOverrides = new Map<number, repo.ActiveOverride[]>();
  const classOverrides = new Map<number, repo.ActiveOverride[]>();
  for (const o of overrides) {
    const m = o.class_id === null ? orgOverrides : classOverrides;
    const id = o.class_id ?? o.organisation_id;
    m.set(id, [...(m.get(id) ?? []), o]);
  }
  const inForce = (list: repo.ActiveOverride[] | undefined, date: string) =>
    (list ?? []).some((o) => o.effective_from <= date && (o.effective_to === null || o.effective_to >= date));
  const held = (orgId: number, classId: number | null, date: string) =>
    inForce(orgOverrides.get(orgId), date) || (classId !== null && inForce(classOverrides.get(classId), date));

  const orgsWithClasses = new Set(facts.classes.map((c) => c.organisation_id));
  const orgById = new Map(facts.orgs.map((o) => [o.id, o]));

  const toSupersede: number[] = [];
  const toInsert: NewDecision[] = [];
  const changes: { orgId: number; classId: number | null; from: FormatCode; to: FormatCode; date: string }[] = [];
  const lessonClassIds: number[] = [];
  const uncovered: Uncovered[] = [];

  // impact on the first date (the pupils of changed classes are counted afterwards, for them only)
  const byDistrict = new Map<number, { organisations: Set<number>; classes: number; pupils: number }>();
  const transitions = new Map<string, { from: FormatCode | null; to: FormatCode; organisations: number; classes: number }>();
  const examples: { orgId: number; classId: number | null; from: FormatCode | null; e: Evaluation }[] = [];
  const changedClassDistrict = new Map<number, number>();
  let heldByOverride = 0;
  const changedOrgs = new Set<number>();
  let changedClasses = 0;
  let changedPupils = 0;

  const visit = (kind: 0 | 1, id: number, orgId: number, classId: number | null) => {
    const prev = prevOf[kind].get(id);
    const existing = laterOf[kind].get(id) ?? [];
    const fresh: Version[] = [];
    let lastFp: string | null | undefined = prev?.fp;
    for (let i = 0; i < points.length; i++) {
      const e = (kind === 0 ? evaluations[i]!.org : evaluations[i]!.cls).get(id);
      if (e === undefined) continue; // no rule set in force for the region yet
      if (e === null) {
        if (i === 0) uncovered.push({ organisationId: orgId, classId });
        continue;
      }
      const fp = fingerprintOf(e);
      if (fp !== lastFp) {
        fresh.push({ from: points[i]!, format: e.format, fp, e });
        lastFp = fp;
      }
    }
    const same = existing.length === fresh.length && existing.every((x, i) => x.v.from === fresh[i]!.from && x.v.fp === fresh[i]!.fp);
    if (!same) {
      for (const x of existing) toSupersede.push(x.id);
      const before = existing.map((x) => x.v);
      if (classId !== null && lessonsAffected(prev, before, fresh, input.from)) lessonClassIds.push(classId);
      fresh.forEach((v, i) => {
        const e = v.e!;
        toInsert.push({
          organisationId: orgId,
          classId,
          format: e.format,
          onSite: e.onSite,
          subgroupMax: e.subgroupMax,
          reason: e.reason,
          ruleSetId: e.ruleSetId,
          ruleId: e.ruleId,
          effectiveFrom: v.from,
          fingerprint: v.fp!,
        });
        // who sees a different format, and from when
        const prior = i > 0 ? fresh[i - 1]!.format : formatOn(prev, before, v.from);
        if (prior !== null && prior !== v.format && !held(orgId, classId, v.from)) {
          changes.push({ orgId, classId, from: prior, to: v.format, date: v.from });
        }
      });
    }

    // the preview counts what differs on the first date
    const fromFormat = formatOn(
      prev,
      existing.map((x) => x.v),
      input.from,
    );
    const toEval = (kind === 0 ? evaluations[0]!.org : evaluations[0]!.cls).get(id);
    if (!toEval || toEval.format === fromFormat) return;
    if (held(orgId, classId, input.from)) {
      heldByOverride += 1;
      return;
    }
    const org = orgById.get(orgId)!;
    const d = byDistrict.get(org.district_id) ?? { organisations: new Set<number>(), classes: 0, pupils: 0 };
    d.organisations.add(orgId);
    changedOrgs.add(orgId);
    if (classId !== null) {
      d.classes += 1;
      changedClasses += 1;
      changedClassDistrict.set(classId, org.district_id);
    } else if (!orgsWithClasses.has(orgId)) {
      d.pupils += org.pupil_count;
      changedPupils += org.pupil_count;
    }
    byDistrict.set(org.district_id, d);
    const tk = `${fromFormat}>${toEval.format}`;
    const t = transitions.get(tk) ?? { from: fromFormat, to: toEval.format, organisations: 0, classes: 0 };
    if (classId === null) t.organisations += 1;
    else t.classes += 1;
    transitions.set(tk, t);
    if (examples.length < 20 && (classId === null || !examples.some((x) => x.orgId === orgId))) {
      examples.push({ orgId, classId, from: fromFormat, e: toEval });
    }
  };
  for (const o of facts.orgs) visit(0, o.id, o.id, null);
  for (const c of facts.classes) visit(1, c.id, c.organisation_id, c.id);
  lap('compare');

  const pupils = await repo.classPupilCounts(db, [...changedClassDistrict.keys()]);
  for (const [classId, districtId] of changedClassDistrict) {
    const n = pupils.get(classId) ?? 0;
    byDistrict.get(districtId)!.pupils += n;
    changedPupils += n;
  }

  lap('pupils');
  let notified = 0;
  if (input.write) {
    await repo.supersedeDecisions(db, toSupersede);
    await repo.insertDecisions(db, toInsert);
    lap('write');
    if (input.notify !== false) notified = await notifyFormatChanges(db, changes, now);
    lap('notify');
  }

  const names = await repo.districtNames(db, [...byDistrict.keys()]);
  const orgNames = await repo.organisationNames(
    db,
    examples.map((x) => x.orgId),
  );
  const classNames = await repo.classNames(
    db,
    examples.flatMap((x) => (x.classId === null ? [] : [x.classId])),
  );
  const impact: Impact = {
    effectiveFrom: input.from,
    totals: { organisations: changedOrgs.size, classes: changedClasses, pupils: changedPupils },
    byDistrict: [...byDistrict.entries()]
      .map(([id, d]) => ({ ...names.get(id)!, organisations: d.organisations.size, classes: d.classes, pupils: d.pupils }))
      .sort((a, b) => b.pupils - a.pupils || a.district.id - b.district.id),
    transitions: [...transitions.values()].sort((a, b) => b.classes + b.organisations - (a.classes + a.organisations)),
    examples: examples.map((x) => ({
      organisation: { id: x.orgId, name: orgNames.get(x.orgId)! },
      class: x.classId === null ? null : { id: x.classId, name: classNames.get(x.classId) ?? '' },
      from: x.from,
      to: x.e.format,
      reason: x.e.reason,
      reasonText: renderReason(x.e.format, x.e.reason, 'en'),
    })),
    heldByOverride,
  };
  lap('names');
  return { impact, uncovered, written: { superseded: toSupersede.length, inserted: toInsert.length, notified }, lessonClassIds, timings };
}

/**
 * The organisations and classes a candidate rule set would leave without a format under some
 * situation level: a regional set is checked on its region, the country's on the whole country.
 */
export async function checkCoverage(db: Queryable, row: repo.RuleSetRow, body: RuleSetBody): Promise<Uncovered[]> {
  const settings = await repo.getSettings(db);
  const facts = await loadFacts(db, { ...repo.WHOLE_COUNTRY, regionId: row.regionId });
  const set: ParsedRuleSet = {
    ref: { id: row.id, version: row.version, regional: row.regionId !== null, body },
    regionId: row.regionId,
    effectiveFrom: row.effectiveFrom,
  };
  return uncoveredBy(facts, set, settings.situationScale);
}

/**
 * In-app notifications for format changes, one per person and changed organisation/class: the
 * pupils, their parents and the class's teachers for a class; the admins and teachers for an
 * organisation as a whole. One set-based read of the recipients; the rows go through the
 * notifications module's `notify()` (which applies each person's channel choices).
 */
export async function notifyFormatChanges(
  db: Queryable,
  changes: { orgId: number; classId: number | null; from: FormatCode; to: FormatCode; date: string }[],
  now: Date,
): Promise<number> {
  if (changes.length === 0) return 0;
  const { rows } = await db.query<{ person_id: number; params: Record<string, unknown> }>(
    `with ch as (
       select * from unnest($1::int[], $2::bigint[], $3::text[], $4::text[], $5::date[]) as t(org_id, class_id, f_from, f_to, on_date)
     ),
     recipients as (
       select ch.*, m.pupil_id as person_id from ch join class_members m on m.class_id = ch.class_id
       union select ch.*, l.parent_id from ch join class_members m on m.class_id = ch.class_id join parent_links l on l.child_id = m.pupil_id
       union select ch.*, t.teacher_id from ch join teaching_assignments t on t.class_id = ch.class_id
       union select ch.*, c.homeroom_teacher_id from ch join classes c on c.id = ch.class_id where c.homeroom_teacher_id is not null
       union select ch.*, r.person_id from ch join role_assignments r on r.organisation_id = ch.org_id and r.role in ('org_admin', 'teacher')
        where ch.class_id is null
     )
     select x.person_id,
       jsonb_build_object('organisationId', x.org_id, 'organisationName', jsonb_build_object('kk', o.name_kk, 'ru', o.name_ru, 'en', o.name_en),
         'classId', x.class_id, 'className', c.name, 'from', x.f_from, 'to', x.f_to, 'effectiveFrom', x.on_date) as params
     from recipients x join organisations o on o.id = x.org_id left join classes c on c.id = x.class_id
     where exists (select 1 from accounts a where a.person_id = x.person_id and a.disabled_at is null)`,
    [changes.map((c) => c.orgId), changes.map((c) => c.classId), changes.map((c) => c.from), changes.map((c) => c.to), changes.map((c) => c.date)],
  );
  return notify(
    db,
    rows.map((r) => ({ personId: r.person_id, kind: 'formats.format_changed', params: r.params })),
    now,
  );
}
