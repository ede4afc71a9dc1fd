import type { Db, Queryable } from '../../platform/db.js';
import {
  localisedText,
  renderReason,
  ruleSetBody,
  type Decision,
  type FormatsSettings,
  type Impact,
  type RuleSetBody,
  type SituationBody,
} from '../../../contracts/formats.js';
import { hasRole, type Actor } from '../identity/identity.actor.js';
import { findOrganisationNode } from '../organisations/organisations.usecases.js';
import { applyFormatsToLessons } from '../learning/lessons.usecases.js';
import { classAccess } from '../organisations/organisations.usecases.js';
import * as repo from './formats.repository.js';
import type { AreaRow, EffectiveRow, FactScope, RuleSetRow } from './formats.repository.js';
import { checkCoverage, notifyFormatChanges, recompute, type Uncovered } from './formats.recompute.js';
import { indexSituations, levelAllowed, nextOwnRecordAfter, ownRecordOn, resolveSituation, type SituationEntry } from './formats.rules.js';
import {
  canOverride,
  canReadArea,
  canReadRuleSets,
  canRecordSituation,
  decisionAccess,
  isOfficer,
  officerScope,
  ownClassIds,
  rulePublishing,
  type AreaNode,
} from './formats.policy.js';
import * as errors from './formats.errors.js';

/** The calendar date of an instant (UTC; the country-wide changes are dated, not timed). */
// the calendar day in Kazakhstan (Asia/Almaty; UTC+6 in 2020-21), not in UTC: between midnight and
// 06:00 local time the UTC date is still yesterday
const KAZAKHSTAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
export const dayOf = (now: Date) => KAZAKHSTAN_DAY.format(now);

/** Serialises recomputations: two publications never interleave their versions. */
const lockRecompute = (tx: Queryable) => tx.query("select pg_advisory_xact_lock(hashtext('formats.recompute'))");

function districtGrants(actor: Actor): number[] {
  return actor.grants.filter((g) => g.role === 'district_officer' && g.districtId !== null).map((g) => g.districtId!);
}

export function toDecision(e: EffectiveRow | null): Decision | null {
  if (!e) return null;
  return {
    format: e.format,
    onSite: (e.on_site as Decision['onSite']) ?? null,
    subgroupMax: e.subgroup_max,
    reason: e.reason,
    reasonText: renderReason(e.format, e.reason, 'en'),
    effectiveFrom: e.effective_from,
    source: e.source,
    ruleSet: e.rule_set_id !== null && e.rule_set_version !== null ? { id: e.rule_set_id, version: e.rule_set_version } : null,
    ruleId: e.rule_id,
  };
}

const areaScope = (a: AreaNode): FactScope =>
  a.level === 'country'
    ? repo.WHOLE_COUNTRY
    : a.level === 'region'
      ? { regionId: a.regionId, districtId: null, settlementId: null }
      : a.level === 'district'
        ? { regionId: null, districtId: a.districtId, settlementId: null }
        : { regionId: null, districtId: null, settlementId: a.settlementId };

// ── settings ────────────────────────────────────────────────────────────────────────────────

export async function readSettings(db: Queryable, actor: Actor): Promise<FormatsSettings> {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  return repo.getSettings(db);
}

/** Only the ministry changes the scale and whether regions may have their own rules. */
export async function changeSettings(db: Queryable, actor: Actor, s: FormatsSettings): Promise<FormatsSettings> {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  if (!hasRole(actor, 'ministry_officer')) throw errors.forbiddenAction('Only the ministry changes these settings');
  if (s.situationScale === 'binary') {
    const { rows } = await db.query<{ n: number }>("select count(*) as n from epidemic_situations where level = 'yellow'");
    // case: switching back to two levels would leave yellow records nobody can read as favourable or not
    if (rows[0]!.n > 0) throw errors.levelNotInScale('Yellow zones are recorded: the scale cannot go back to favourable/unfavourable');
  }
  await repo.updateSettings(db, s, actor.personId);
  return repo.getSettings(db);
}

// ── situations ──────────────────────────────────────────────────────────────────────────────

async function unknownLevel(db: Queryable) {
  const sets = (await repo.allRuleSets(db)).filter((s) => s.regionId === null);
  const latest = sets[sets.length - 1];
  return latest ? ruleSetBody.parse(latest.body).unknownSituation : 'red';
}

/** The areas an officer works with: the top of their scope, or the children of one of its areas. */
export async function listAreas(db: Queryable, actor: Actor, q: { regionId?: number; districtId?: number; date?: string }, now: Date) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const settings = await repo.getSettings(db);
  const date = q.date ?? dayOf(now);
  let items: AreaRow[];
  if (q.districtId !== undefined) {
    const parent = await repo.findArea(db, 'district', q.districtId);
    if (!parent || !canRecordSituation(actor, parent)) throw errors.areaNotFound();
    items = await repo.childAreas(db, parent, null);
  } else if (q.regionId !== undefined) {
    const parent = await repo.findArea(db, 'region', q.regionId);
    if (!parent) throw errors.areaNotFound();
    if (canRecordSituation(actor, parent)) items = await repo.childAreas(db, parent, null);
    else {
      const own = districtGrants(actor);
      items = own.length ? await repo.childAreas(db, parent, own) : [];
      if (items.length === 0) throw errors.areaNotFound();
    }
  } else if (hasRole(actor, 'ministry_officer')) {
    const country = (await repo.findArea(db, 'country', null))!;
    items = [country, ...(await repo.childAreas(db, country, null))];
  } else {
    items = [];
    for (const g of actor.grants) {
      if (g.role === 'region_officer' && g.regionId !== null) items.push((await repo.findArea(db, 'region', g.regionId))!);
      if (g.role === 'district_officer' && g.districtId !== null) items.push((await repo.findArea(db, 'district', g.districtId))!);
    }
  }
  const entries = await repo.allSituationEntries(db);
  const index = indexSituations(entries);
  const assumed = await unknownLevel(db);
  const owns = items.map((a) => ownRecordOn(index, a.level, a.id, date));
  // the soonest own record after the date: a change already scheduled (the list is newest first)
  const nexts = items.map((a) => nextOwnRecordAfter(index, a.level, a.id, date));
  const records = await repo.situationsByIds(
    db,
    [...owns, ...nexts].flatMap((o) => (o ? [o.id] : [])),
  );
  return {
    scale: settings.situationScale,
    items: items.map((a, i) => {
      const r = resolveSituation(index, { settlementId: a.settlementId, districtId: a.districtId, regionId: a.regionId }, date);
      return {
        area: { level: a.level, id: a.id, name: a.name },
        own: owns[i] ? (records.get(owns[i]!.id) ?? null) : null,
        scheduled: nexts[i] ? (records.get(nexts[i]!.id) ?? null) : null,
        effective: r
          ? { level: r.level, area: r.area, since: r.since, source: r.source, assumed: false }
          : { level: assumed, area: null, since: null, source: null, assumed: true },
        canRecord: canRecordSituation(actor, a),
        hasChildren: a.hasChildren,
      };
    }),
  };
}

async function readableArea(db: Queryable, actor: Actor, level: AreaNode['level'], id: number | null): Promise<AreaRow> {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const area = await repo.findArea(db, level, level === 'country' ? null : id);
  const districtRegions = await repo.regionsOfDistricts(db, districtGrants(actor));
  if (!area || !canReadArea(actor, area, districtRegions)) throw errors.areaNotFound();
  return area;
}

export async function situationHistory(db: Queryable, actor: Actor, q: { level: AreaNode['level']; id?: number; page: number; pageSize: number }) {
  const area = await readableArea(db, actor, q.level, q.id ?? null);
  const { rows, total } = await repo.situationHistory(db, area, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: rows, page: q.page, pageSize: q.pageSize, total };
}

async function recordableArea(db: Queryable, actor: Actor, body: SituationBody): Promise<AreaRow> {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const area = await repo.findArea(db, body.area.level, body.area.level === 'country' ? null : body.area.id);
  if (!area || !canRecordSituation(actor, area)) throw errors.areaNotFound();
  const settings = await repo.getSettings(db);
  if (!levelAllowed(settings.situationScale, body.level)) {
    throw errors.levelNotInScale(`"${body.level}" is not on the favourable/unfavourable scale: use green (favourable) or red (unfavourable)`);
  }
  return area;
}

/** What recording this situation would change (nothing is written). */
export async function previewSituation(db: Queryable, actor: Actor, body: SituationBody, now: Date): Promise<Impact> {
  const area = await recordableArea(db, actor, body);
  const entry: SituationEntry = {
    id: -1,
    areaLevel: area.level,
    areaId: area.id,
    level: body.level,
    effectiveFrom: body.effectiveFrom,
    recordedAt: now.toISOString(),
    source: body.source,
  };
  const result = await recompute(db, { scope: areaScope(area), from: body.effectiveFrom, extraSituation: entry, write: false }, now);
  return result.impact;
}

/**
 * Records an area's situation and, in the same transaction, recomputes the decisions of every
 * organisation under the area from the effective date, notifies whoever's format changes and has
 * the learning module switch those classes' lessons (from the effective date, lessons not begun).
 */
export async function recordSituation(db: Db, actor: Actor, body: SituationBody, now: Date) {
  const area = await recordableArea(db, actor, body);
  return db.transaction(async (tx) => {
    await lockRecompute(tx);
    const situation = await repo.insertSituation(tx, area, body.level, body.effectiveFrom, body.source, actor.personId);
    const result = await recompute(tx, { scope: areaScope(area), from: body.effectiveFrom, write: true }, now);
    await applyFormatsToLessons({ tx, scope: { classIds: result.lessonClassIds }, from: body.effectiveFrom, now });
    return { situation, impact: result.impact };
  });
}

// ── rule sets ───────────────────────────────────────────────────────────────────────────────

const toSummary = (r: RuleSetRow) => ({
  id: r.id,
  version: r.version,
  region: r.region,
  name: r.name,
  effectiveFrom: r.effectiveFrom,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy,
  notes: r.notes,
  ...localisedOfBody(r.body),
});

/** The body's names and description in the three languages, when it has them (older sets do not). */
function localisedOfBody(body: unknown) {
  const b = (typeof body === 'object' && body !== null ? body : {}) as { names?: unknown; about?: unknown };
  const names = localisedText(200).safeParse(b.names);
  const about = localisedText(1000).safeParse(b.about);
  return { names: names.success ? names.data : null, about: about.success ? about.data : null };
}

export async function listRuleSets(db: Queryable, actor: Actor, regionId: number | undefined) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const settings = await repo.getSettings(db);
  const districtRegions = await repo.regionsOfDistricts(db, districtGrants(actor));
  if (regionId !== undefined && !canReadRuleSets(actor, regionId, districtRegions)) throw errors.areaNotFound();
  const readable = hasRole(actor, 'ministry_officer')
    ? ('all' as const)
    : [...actor.grants.filter((g) => g.role === 'region_officer').map((g) => g.regionId!), ...districtRegions];
  const rows = (await repo.listRuleSets(db, readable)).filter((r) => regionId === undefined || r.regionId === null || r.regionId === regionId);
  return {
    items: rows.map(toSummary),
    canPublish: rulePublishing(actor, regionId ?? null, settings.regionsMayEditRules, districtRegions) === 'allowed',
  };
}

export async function getRuleSet(db: Queryable, actor: Actor, id: number) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const row = await repo.findRuleSet(db, id);
  const districtRegions = await repo.regionsOfDistricts(db, districtGrants(actor));
  if (!row || !canReadRuleSets(actor, row.regionId, districtRegions)) throw errors.ruleSetNotFound();
  return { ...toSummary(row), body: ruleSetBody.parse(row.body) };
}

interface CandidateInput {
  regionId: number | null;
  body?: unknown;
  source?: string;
  effectiveFrom?: string;
}

/** The candidate's JSON: refused with the place of the first problem when it does not parse or validate. */
export function parseCandidate(input: CandidateInput): RuleSetBody {
  if ((input.body === undefined) === (input.source === undefined)) throw errors.ruleSetMissing();
  let raw: unknown = input.body;
  if (input.source !== undefined) {
    try {
      raw = JSON.parse(input.source);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const pos = /position (\d+)/.exec(message);
      let details: Record<string, unknown> = {};
      if (pos) {
        const before = input.source.slice(0, Number(pos[1]));
        const line = before.split('\n').length;
        details = { line, column: Number(pos[1]) - before.lastIndexOf('\n') };
      }
      throw errors.ruleSetUnparseable(`The rule set is not valid JSON: ${message}`, details);
    }
  }
  const parsed = ruleSetBody.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0]!;
    throw errors.ruleSetInvalid(`The rule set does not follow the format: ${first.path || '(top)'}: ${first.message}`, { issues });
  }
  return parsed.data;
}

async function describeUncovered(db: Queryable, uncovered: Uncovered[]) {
  const sample = uncovered.slice(0, 20);
  const orgNames = await repo.organisationNames(db, [...new Set(sample.map((u) => u.organisationId))]);
  const classNames = await repo.classNames(
    db,
    sample.flatMap((u) => (u.classId === null ? [] : [u.classId])),
  );
  const organisations = sample.map((u) => ({
    id: u.organisationId,
    name: orgNames.get(u.organisationId) ?? null,
    classId: u.classId,
    className: u.classId === null ? null : (classNames.get(u.classId) ?? null),
  }));
  const firstName = organisations[0]?.name?.en ?? `#${organisations[0]?.id}`;
  const count = new Set(uncovered.map((u) => u.organisationId)).size;
  return errors.ruleSetIncomplete(
    `The rule set leaves ${count} organisation${count === 1 ? '' : 's'} without a format under some situation, e.g. "${firstName}"${organisations[0]?.className ? ` (class ${organisations[0].className})` : ''}: add a rule or a default`,
    { count, organisations },
  );
}

async function candidateRow(db: Queryable, actor: Actor, input: CandidateInput, now: Date): Promise<{ row: RuleSetRow; body: RuleSetBody }> {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const settings = await repo.getSettings(db);
  const districtRegions = await repo.regionsOfDistricts(db, districtGrants(actor));
  if (input.regionId !== null && !(await repo.regionCode(db, input.regionId))) throw errors.areaNotFound();
  const access = rulePublishing(actor, input.regionId, settings.regionsMayEditRules, districtRegions);
  if (access === 'hidden') throw errors.areaNotFound();
  if (access === 'forbidden')
    throw errors.forbiddenAction(
      input.regionId === null ? 'Only the ministry publishes the country rule set' : "Only the region's officers or the ministry publish a region's rules",
    );
  if (access === 'disabled') throw errors.regionalRulesDisabled();
  const body = parseCandidate(input);
  const version = (await repo.latestVersion(db, input.regionId)) + 1;
  const row: RuleSetRow = {
    id: 0,
    regionId: input.regionId,
    region: null,
    regionCode: null,
    version,
    name: body.name,
    body,
    effectiveFrom: input.effectiveFrom ?? dayOf(now),
    notes: '',
    publishedAt: now.toISOString(),
    publishedBy: null,
  };
  return { row, body };
}

const ruleScope = (regionId: number | null): FactScope => ({ regionId, districtId: null, settlementId: null });

/** What publishing this rule set would change; 422 naming the organisations it leaves without a format. */
export async function previewRuleSet(db: Queryable, actor: Actor, input: CandidateInput, now: Date): Promise<{ version: number; impact: Impact }> {
  const { row, body } = await candidateRow(db, actor, input, now);
  const uncovered = await checkCoverage(db, row, body);
  if (uncovered.length) throw await describeUncovered(db, uncovered);
  const result = await recompute(db, { scope: ruleScope(row.regionId), from: row.effectiveFrom, extraRuleSet: row, write: false }, now);
  return { version: row.version, impact: result.impact };
}

/** Publishes a new version and recomputes every decision it governs, in one transaction. */
export async function publishRuleSet(db: Db, actor: Actor, input: CandidateInput & { notes: string; basedOnVersion?: number | null }, now: Date) {
  const { row, body } = await candidateRow(db, actor, input, now);
  const uncovered = await checkCoverage(db, row, body);
  if (uncovered.length) throw await describeUncovered(db, uncovered);
  return db.transaction(async (tx) => {
    await lockRecompute(tx);
    const latest = await repo.latestVersion(tx, row.regionId);
    if (input.basedOnVersion !== undefined && input.basedOnVersion !== null && input.basedOnVersion !== latest) {
      throw errors.ruleSetStale(`Version ${latest} was published after version ${input.basedOnVersion} you started from: reload and merge your changes`, {
        latestVersion: latest,
      });
    }
    const id = await repo.insertRuleSet(tx, {
      regionId: row.regionId,
      version: latest + 1,
      name: body.name,
      body,
      effectiveFrom: row.effectiveFrom,
      notes: input.notes,
      personId: actor.personId,
    });
    const result = await recompute(tx, { scope: ruleScope(row.regionId), from: row.effectiveFrom, write: true }, now);
    await applyFormatsToLessons({ tx, scope: { classIds: result.lessonClassIds }, from: row.effectiveFrom, now });
    return { ruleSet: toSummary((await repo.findRuleSet(tx, id))!), impact: result.impact };
  });
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────

export async function listDecisions(
  db: Queryable,
  actor: Actor,
  q: {
    regionId?: number;
    districtId?: number;
    format?: Decision['format'];
    kind?: string;
    date?: string;
    page: number;
    pageSize: number;
  },
  now: Date,
) {
  if (!isOfficer(actor)) throw errors.notAnOfficer();
  const scope = officerScope(actor);
  const { rows, total } = await repo.listOrganisationDecisions(
    db,
    {
      ...scope,
      regionId: q.regionId ?? null,
      districtId: q.districtId ?? null,
      format: q.format ?? null,
      kind: q.kind ?? null,
    },
    q.date ?? dayOf(now),
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return {
    items: rows.map((r) => ({ organisation: r.organisation, decision: toDecision(r.effective), classesByFormat: r.classesByFormat })),
    page: q.page,
    pageSize: q.pageSize,
    total,
  };
}

/** An organisation's format and its classes' formats, with the reason, the situation and the overrides. */
export async function organisationFormats(db: Queryable, actor: Actor, organisationId: number, date: string | undefined, now: Date) {
  const node = await findOrganisationNode(db, organisationId);
  const access = node ? decisionAccess(actor, node) : 'none';
  if (!node || access === 'none') throw errors.organisationNotFound();
  const on = date ?? dayOf(now);
  const onlyIds = access === 'own' ? ownClassIds(actor) : null;
  const [row, classes, overrides, entries] = await Promise.all([
    repo.organisationDecision(db, node.id, on),
    repo.classDecisions(db, node.id, on, onlyIds),
    repo.listOverrides(db, node.id, onlyIds),
    repo.allSituationEntries(db),
  ]);
  const { rows: place } = await db.query<{ settlement_id: number }>('select settlement_id from organisations where id = $1', [node.id]);
  const r = resolveSituation(indexSituations(entries), { settlementId: place[0]!.settlement_id, districtId: node.districtId, regionId: node.regionId }, on);
  return {
    organisation: row!.organisation,
    decision: toDecision(row!.effective),
    classesByFormat: row!.classesByFormat,
    situation: r
      ? { level: r.level, area: r.area, since: r.since, source: r.source, assumed: false }
      : { level: await unknownLevel(db), area: null, since: null, source: null, assumed: true },
    classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade, specialty: c.specialty, pupils: c.pupils, decision: toDecision(c.effective) })),
    overrides,
    canOverride: canOverride(actor, node),
  };
}

export async function classFormat(db: Queryable, actor: Actor, classId: number, date: string | undefined, now: Date) {
  const node = await repo.findClassNode(db, classId);
  const access = node
    ? classAccess(actor, { id: node.id, organisation: { id: node.organisation_id, districtId: node.district_id, regionId: node.region_id } })
    : 'none';
  if (!node || access === 'none') throw errors.classNotFound();
  const on = date ?? dayOf(now);
  const [effective] = await repo.effectiveFormats(db, [{ classId, date: on }]);
  return { classId, date: on, decision: toDecision(effective ?? null) };
}

// ── overrides ───────────────────────────────────────────────────────────────────────────────

/** The formats an override touches on a date: the organisation's own and its classes' (or one class's). */
async function formatsTouched(db: Queryable, organisationId: number, classId: number | null, date: string) {
  const { rows } = await db.query<{ class_id: number | null; format: string | null }>(
    `select null::bigint as class_id, (select format from formats_effective_org_format($1, $3::date)) as format where $2::bigint is null
     union all
     select c.id, (select format from formats_effective_format(c.id, $3::date))
       from classes c where c.organisation_id = $1 and ($2::bigint is null or c.id = $2)
        and c.academic_year_id = (select id from academic_years where is_current)`,
    [organisationId, classId, date],
  );
  return new Map(rows.map((r) => [r.class_id ?? 0, r.format]));
}

/** The classes an override governs (its class, or every class of its organisation this year): their lessons follow. */
const touchedClassIds = (after: Map<number, string | null>) => [...after.keys()].filter((k) => k !== 0);

async function notifyOverrideChange(
  tx: Queryable,
  organisationId: number,
  before: Map<number, string | null>,
  after: Map<number, string | null>,
  date: string,
  now: Date,
) {
  const changes = [...after.entries()]
    .filter(([k, f]) => f !== null && before.get(k) !== null && before.get(k) !== undefined && before.get(k) !== f)
    .map(([k, f]) => ({ orgId: organisationId, classId: k === 0 ? null : k, from: before.get(k) as Decision['format'], to: f as Decision['format'], date }));
  await notifyFormatChanges(tx, changes, now);
}

export async function createOverride(
  db: Db,
  actor: Actor,
  body: {
    organisationId: number;
    classId: number | null;
    format: Decision['format'];
    onSite: Decision['onSite'];
    subgroupMax: number | null;
    reason: string;
    effectiveFrom: string;
    effectiveTo: string | null;
  },
  now: Date,
) {
  const node = await findOrganisationNode(db, body.organisationId);
  if (!node || !canOverride(actor, node)) throw errors.organisationNotFound();
  if (body.classId !== null) {
    const cls = await repo.findClassNode(db, body.classId);
    if (!cls || cls.organisation_id !== node.id) throw errors.classNotFound();
  }
  if (body.format === 'combined' && !body.onSite) throw errors.overrideInvalid('A combined format must say which activities happen on site (onSite)');
  if (body.format !== 'combined' && body.onSite) throw errors.overrideInvalid('onSite only applies to the combined format');
  if (body.effectiveTo !== null && body.effectiveTo < body.effectiveFrom) throw errors.overrideInvalid('effectiveTo is before effectiveFrom');
  return db.transaction(async (tx) => {
    await lockRecompute(tx);
    const before = await formatsTouched(tx, node.id, body.classId, body.effectiveFrom);
    const id = await repo.insertOverride(tx, { ...body, personId: actor.personId });
    const after = await formatsTouched(tx, node.id, body.classId, body.effectiveFrom);
    await notifyOverrideChange(tx, node.id, before, after, body.effectiveFrom, now);
    await applyFormatsToLessons({ tx, scope: { classIds: touchedClassIds(after) }, from: body.effectiveFrom, now });
    return (await repo.findOverride(tx, id))!;
  });
}

export async function revokeOverride(db: Db, actor: Actor, id: number, reason: string, now: Date) {
  return db.transaction(async (tx) => {
    await lockRecompute(tx);
    const o = await repo.findOverride(tx, id, true);
    const node = o ? await findOrganisationNode(tx, o.organisationId) : null;
    if (!o || !node || !canOverride(actor, node)) throw errors.overrideNotFound();
    if (o.revokedAt) throw errors.overrideRevoked();
    const today = dayOf(now);
    const date = o.effectiveFrom > today ? o.effectiveFrom : today;
    const before = await formatsTouched(tx, node.id, o.classId, date);
    await repo.revokeOverride(tx, id, actor.personId, reason);
    const after = await formatsTouched(tx, node.id, o.classId, date);
    if (o.effectiveTo === null || o.effectiveTo >= date) {
      await notifyOverrideChange(tx, node.id, before, after, date, now);
      // lessons not begun in the override's period return to the decided format
      await applyFormatsToLessons({ tx, scope: { classIds: touchedClassIds(after) }, from: o.effectiveFrom, now });
    }
    return (await repo.findOverride(tx, id))!;
  });
}

// Used by supplies (docs/ARCHITECTURE.md, module boundaries): who learns in person needs no device.
export { effectiveFormats } from './formats.effective.js';
