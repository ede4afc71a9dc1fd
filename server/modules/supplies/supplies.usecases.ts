import type { Db, Queryable } from '../../platform/db.js';
import { renderAllocationReason, ruleSetBody, type CensusBody, type ItemBody, type ReasonPart, type RuleSetBody } from '../../../contracts/supplies.js';
import type { Actor, Language } from '../identity/identity.actor.js';
import { effectiveFormats } from '../formats/formats.usecases.js';
import { dayOf } from '../formats/formats.usecases.js';
import { childrenInDutyGroups } from '../duty/duty.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import { analyticsSettings, suppress } from '../analytics/analytics.usecases.js';
import { DEFAULT_RULES } from './supplies.defaults.js';
import * as repo from './supplies.repository.js';
import type { AllocationRow, OrgRow, PersonRow } from './supplies.repository.js';
import {
  allocate,
  entitlementOf,
  fingerprintOf,
  householdKey,
  isOverdue,
  shortfallByOrganisation,
  type AllocationLine,
  type HouseholdFacts,
  type MemberFacts,
  type Previous,
} from './supplies.rules.js';
import { canManage, canPublishRules, canRunFor, canTransfer, covers, isOfficer, isParentOf } from './supplies.policy.js';
import * as errors from './supplies.errors.js';
import { agreementPdf } from './supplies.pdf.js';

const reasonLang = (l: Language) => l;
export const today = (now: Date) => dayOf(now);

// ── organisations in scope ─────────────────────────────────────────────────────────────────────

async function managedOrganisation(db: Queryable, actor: Actor, id: number): Promise<OrgRow> {
  const org = await repo.findOrganisation(db, id);
  if (!org || !canManage(actor, org)) throw errors.organisationNotFound();
  return org;
}

/** The admin of the organisation, or an officer of its area. */
async function visibleOrganisation(db: Queryable, actor: Actor, id: number): Promise<{ org: OrgRow; admin: boolean }> {
  const org = await repo.findOrganisation(db, id);
  if (!org) throw errors.organisationNotFound();
  if (canManage(actor, org)) return { org, admin: true };
  if (covers(actor, org)) return { org, admin: false };
  throw errors.organisationNotFound();
}

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

/** The rules in force for a region: its own latest version, else the country's, else the defaults (v0 → shown as v1). */
export async function rulesFor(
  db: Queryable,
  regionId: number | null,
): Promise<{ id: number | null; version: number; body: RuleSetBody; regionId: number | null; notes: string | null; createdAt: string | null }> {
  const row = await repo.currentRuleSet(db, regionId);
  if (!row) return { id: null, version: 1, body: DEFAULT_RULES, regionId: null, notes: null, createdAt: null };
  return { id: row.id, version: row.version, body: ruleSetBody.parse(row.body), regionId: row.regionId, notes: row.notes, createdAt: row.createdAt };
}

export async function readRules(db: Queryable, actor: Actor, regionId: number | undefined) {
  if (!isOfficer(actor) && !actor.grants.some((g) => g.role === 'org_admin')) throw errors.areaNotFound();
  if (regionId !== undefined && !(await repo.areaExists(db, 'region', regionId))) throw errors.areaNotFound('Region not found');
  const r = await rulesFor(db, regionId ?? null);
  return { ...r, inherited: r.regionId !== (regionId ?? null) || r.id === null };
}

/** Publishes a new version (the body as JSON, or its text; a text that does not parse answers 400 naming the place). */
export async function publishRules(db: Db, actor: Actor, input: { regionId: number | null; body?: unknown; source?: string; notes?: string }, now: Date) {
  if (!isOfficer(actor)) throw errors.areaNotFound();
  if (input.regionId !== null && !(await repo.areaExists(db, 'region', input.regionId))) throw errors.areaNotFound('Region not found');
  if (!canPublishRules(actor, input.regionId))
    throw errors.forbidden(
      input.regionId === null ? 'Only the ministry publishes the country rules' : "Only the region's officers or the ministry publish its rules",
    );
  let raw = input.body;
  if (raw === undefined) {
    if (input.source === undefined) throw errors.ruleSetInvalid('Send the rule set as body or as source text');
    try {
      raw = JSON.parse(input.source);
    } catch (e) {
      throw errors.ruleSetUnparseable(`The rule set text does not parse: ${(e as Error).message}`);
    }
  }
  const parsed = ruleSetBody.safeParse(raw);
  if (!parsed.success) {
    throw errors.ruleSetInvalid('The rule set does not follow the rules schema', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  await db.transaction((tx) => repo.insertRuleSet(tx, input.regionId, parsed.data, input.notes ?? null, actor.personId, now));
  return readRules(db, actor, input.regionId ?? undefined);
}

// ── census and households ──────────────────────────────────────────────────────────────────────

interface Classified extends PersonRow {
  inPerson: boolean;
  format: string | null;
}

/** Marks who learns in person today: a regular-mode class (formats) or a place in a duty group (duty). */
async function classify(db: Queryable, people: PersonRow[], date: string): Promise<Classified[]> {
  const classIds = [...new Set(people.flatMap((p) => (p.classId !== null ? [p.classId] : [])))];
  const formats = await effectiveFormats(
    db,
    classIds.map((classId) => ({ classId, date })),
  );
  const formatOf = new Map(classIds.map((id, i) => [id, formats[i]?.format ?? null]));
  const placed = await childrenInDutyGroups(
    db,
    people.filter((p) => p.role === 'pupil' && p.classId !== null && formatOf.get(p.classId) === 'duty').map((p) => p.personId),
  );
  return people.map((p) => {
    const format = p.classId !== null ? (formatOf.get(p.classId) ?? null) : null;
    return { ...p, format, inPerson: p.role === 'pupil' && (format === 'regular' || placed.has(p.personId)) };
  });
}

interface Household {
  organisationId: number;
  districtId: number;
  key: string;
  recipientId: number;
  members: Classified[];
}

function householdsOf(people: Classified[], orgs: Map<number, OrgRow>): Household[] {
  const by = new Map<string, Household>();
  for (const p of people) {
    const key = householdKey(p.role, p.personId, p.parentIds);
    const id = `${p.organisationId}/${key}`;
    let h = by.get(id);
    if (!h) {
      const recipientId = p.role === 'pupil' && p.parentIds.length > 0 ? Math.min(...p.parentIds) : p.personId;
      h = { organisationId: p.organisationId, districtId: orgs.get(p.organisationId)?.districtId ?? 0, key, recipientId, members: [] };
      by.set(id, h);
    }
    h.members.push(p);
  }
  return [...by.values()];
}

function factsOf(h: Household): HouseholdFacts | null {
  const answered = h.members.filter((m) => m.answer !== null);
  if (answered.length === 0) return null;
  return {
    key: `${h.organisationId}/${h.key}`,
    organisationId: h.organisationId,
    districtId: h.districtId,
    recipientId: h.recipientId,
    declaredAt: answered.map((m) => m.answer!.answeredAt).sort()[0]!,
    members: answered.map(
      (m): MemberFacts => ({
        personId: m.personId,
        role: m.role,
        inPerson: m.inPerson,
        devices: m.answer!.devices,
        internet: m.answer!.internet,
        connectable: m.answer!.connectable,
        categories: m.answer!.categories,
      }),
    ),
  };
}

function allocationView(a: AllocationRow | undefined, lang: Language) {
  if (!a) return null;
  return {
    id: a.id,
    runId: a.runId,
    devices: a.devices,
    kits: a.kits,
    entitledDevices: a.entitledDevices,
    entitledKits: a.entitledKits,
    priority: a.priority,
    reason: a.reason,
    reasonText: renderAllocationReason(a.reason, reasonLang(lang)),
    createdAt: a.createdAt,
  };
}

function memberView(m: Classified) {
  return {
    person: { id: m.personId, ...m.name },
    role: m.role,
    class: m.classId !== null ? { id: m.classId, name: m.className!, grade: m.grade } : null,
    inPerson: m.inPerson,
    format: m.format,
    answer: m.answer,
  };
}

/** The figures about people of one row under the small-number threshold, hidden (null). */
function hideSmall<T extends Record<string, number>, K extends keyof T & string>(row: T, keys: K[]): Omit<T, K> & { [P in K]: number | null } {
  const [mask] = suppress([keys.map((k) => row[k] as number)], analyticsSettings().ANALYTICS_SMALL_CELL, false);
  return { ...row, ...Object.fromEntries(keys.map((k, i) => [k, mask![i] ? null : row[k]])) } as Omit<T, K> & { [P in K]: number | null };
}

/** Census summary and households of an organisation (households for its admin; officers get the summary only, small numbers hidden). */
export async function needsOf(db: Queryable, actor: Actor, organisationId: number, now: Date) {
  const { org, admin } = await visibleOrganisation(db, actor, organisationId);
  const date = today(now);
  const rules = (await rulesFor(db, org.regionId)).body;
  const people = await classify(db, await repo.peopleOf(db, [org.id]), date);
  const households = householdsOf(people, new Map([[org.id, org]]));
  const allocations = new Map((await repo.activeAllocations(db, [org.id])).map((a) => [a.householdKey, a]));
  const pupils = people.filter((p) => p.role === 'pupil');
  const pupilHouseholds = households.filter((h) => !h.key.startsWith('t:'));
  const summary = {
    pupils: pupils.length,
    teachers: people.length - pupils.length,
    answered: people.filter((p) => p.answer !== null).length,
    gaps: people.filter((p) => p.answer === null).length,
    inPerson: pupils.filter((p) => p.inPerson).length,
    withoutDevice: pupils.filter((p) => p.answer?.devices === 'none').length,
    withoutInternet: pupils.filter((p) => p.answer?.internet === 'none').length,
    withoutInternetConnectable: pupils.filter((p) => p.answer?.internet === 'none' && p.answer.connectable).length,
    households: pupilHouseholds.length,
    householdsNeedingDevice: households.map(factsOf).filter((f) => f !== null && entitlementOf(rules, f).devices > 0).length,
  };
  const recipients = await repo.personNames(db, [...new Set(households.map((h) => h.recipientId))]);
  return {
    organisation: { id: org.id, name: org.name },
    date,
    // the school's admin sees its families anyway; an officer sees the needs of one school with small numbers hidden
    summary: admin ? summary : hideSmall(summary, ['withoutDevice', 'withoutInternet', 'withoutInternetConnectable', 'householdsNeedingDevice']),
    households: admin
      ? households.map((h) => ({
          key: h.key,
          recipient: recipients.has(h.recipientId) ? { id: h.recipientId, ...recipients.get(h.recipientId)! } : null,
          members: h.members.map(memberView),
          allocation: allocationView(allocations.get(h.key), actor.language),
        }))
      : [],
  };
}

/** A parent's answer for their child, or an admin's for a pupil or teacher of their organisation; every answer is kept. */
export async function declareNeeds(db: Db, actor: Actor, personId: number, body: CensusBody, now: Date) {
  let target: PersonRow | undefined;
  let source: 'parent' | 'admin';
  if (isParentOf(actor, personId)) {
    const [place] = await repo.childrenOrganisations(db, [personId]);
    if (!place) throw errors.childNotFound('The child is in no class this school year');
    [target] = await repo.peopleOf(db, [place.organisationId], [personId]);
    source = 'parent';
  } else {
    const orgs = actor.grants.filter((g) => g.role === 'org_admin' && g.organisationId !== null).map((g) => g.organisationId!);
    [target] = await repo.peopleOf(db, orgs, [personId]);
    source = 'admin';
  }
  if (!target) throw errors.personNotFound();
  await repo.insertAnswers(db, [
    {
      personId,
      organisationId: target.organisationId,
      role: target.role,
      devices: body.devices,
      internet: body.internet,
      connectable: body.connectable,
      categories: [...new Set(body.categories)].sort(),
      source,
      answeredBy: actor.personId,
      answeredAt: now,
    },
  ]);
  const [after] = await repo.peopleOf(db, [target.organisationId], [personId]);
  return after!.answer!;
}

/** The parent's households: each child's needs, the allocation and its reason, loans (with agreement and return date), appeals. */
export async function myHouseholds(db: Queryable, actor: Actor, now: Date) {
  if (actor.childIds.length === 0) return { households: [] };
  const places = await repo.childrenOrganisations(db, actor.childIds);
  const orgIds = [...new Set(places.map((p) => p.organisationId))];
  const out = [];
  for (const orgId of orgIds) {
    const org = (await repo.findOrganisation(db, orgId))!;
    const children = places.filter((p) => p.organisationId === orgId).map((p) => p.childId);
    const people = await classify(db, await repo.peopleOf(db, [orgId], children), today(now));
    for (const h of householdsOf(people, new Map([[orgId, org]]))) {
      const allocation = (await repo.activeAllocations(db, [orgId])).find((a) => a.householdKey === h.key);
      const loans = (await repo.loansWhere(db, { organisationIds: [orgId], status: 'all', today: today(now) })).filter((l) => l.householdKey === h.key);
      const recipients = await repo.personNames(db, [h.recipientId]);
      out.push({
        organisation: { id: org.id, name: org.name },
        key: h.key,
        recipient: recipients.has(h.recipientId) ? { id: h.recipientId, ...recipients.get(h.recipientId)! } : null,
        members: h.members.map(memberView),
        allocation: allocationView(allocation, actor.language),
        loans: loans.map((l) => loanView(l, today(now))),
        appeals: await repo.appealsOf(db, orgId, [h.key]),
      });
    }
  }
  return { households: out };
}

// ── runs ───────────────────────────────────────────────────────────────────────────────────────

type Scope = { organisationId?: number; districtId?: number; regionId?: number };

async function resolveScope(db: Queryable, actor: Actor, scope: Scope) {
  if (scope.organisationId !== undefined) {
    const org = await repo.findOrganisation(db, scope.organisationId);
    if (!org || !canRunFor(actor, 'organisation', org)) throw errors.organisationNotFound();
    return { level: 'organisation' as const, id: org.id, regionId: org.regionId, orgs: [org] };
  }
  const level = scope.districtId !== undefined ? ('district' as const) : ('region' as const);
  const id = (scope.districtId ?? scope.regionId)!;
  const area = await repo.areaExists(db, level, id);
  if (!area || !canRunFor(actor, level, { id, districtId: area.districtId, regionId: area.regionId })) throw errors.areaNotFound();
  return { level, id, regionId: area.regionId, orgs: await repo.organisationsIn(db, level, id) };
}

/** Computes a run over the scope (nothing written): households in serving order with what they get and why. */
async function computeRun(db: Queryable, actor: Actor, scope: Scope, reshuffle: boolean, now: Date) {
  const s = await resolveScope(db, actor, scope);
  const rules = await rulesFor(db, s.regionId);
  const orgIds = s.orgs.map((o) => o.id);
  const orgs = new Map(s.orgs.map((o) => [o.id, o]));
  const people = await classify(db, await repo.peopleOf(db, orgIds), today(now));
  const households = householdsOf(people, orgs);
  // a lazy stream of facts: allocate keeps only the households that may need something
  const facts = (function* () {
    for (const h of households) {
      const f = factsOf(h);
      if (f) yield f;
    }
  })();
  const active = await repo.activeAllocations(db, orgIds);
  const previous = new Map<string, Previous>(
    reshuffle ? [] : active.map((a) => [`${a.organisationId}/${a.householdKey}`, { devices: a.devices, kits: a.kits }]),
  );
  const counts = await repo.stockCounts(db, orgIds);
  const stock = { devices: 0, kits: 0 };
  for (const c of counts.values()) {
    stock.devices += Math.max(0, c.devices - (reshuffle ? 0 : c.committedDevices));
    stock.kits += Math.max(0, c.kits - (reshuffle ? 0 : c.committedKits));
  }
  const outcome = allocate(rules.body, rules.version, facts, stock, previous);
  return { s, rules, stock, outcome, active, fingerprint: fingerprintOf(rules.version, outcome.lines, stock) };
}

async function runView(db: Queryable, actor: Actor, c: Awaited<ReturnType<typeof computeRun>>, id: number | null, reshuffle: boolean) {
  const lines = c.outcome.lines;
  const names = await repo.personNames(db, [...new Set(lines.map((l) => l.recipientId))]);
  const orgs = new Map(c.s.orgs.map((o) => [o.id, o]));
  const view = (l: AllocationLine) => ({
    ...l,
    key: l.key.slice(l.key.indexOf('/') + 1),
    recipient: names.get(l.recipientId) ?? null,
    reasonText: renderAllocationReason(l.reason, actor.language),
  });
  const shortfall = shortfallByOrganisation(lines).map((r) => ({ ...r, name: orgs.get(r.organisationId)?.name ?? null }));
  return {
    id,
    confirmed: id !== null,
    fingerprint: c.fingerprint,
    rulesVersion: c.rules.version,
    reshuffle,
    stock: c.stock,
    totals: {
      households: lines.length,
      served: lines.filter((l) => l.devices + l.kits > 0).length,
      newDevices: lines.reduce((s, l) => s + l.newDevices, 0),
      newKits: lines.reduce((s, l) => s + l.newKits, 0),
      shortDevices: lines.reduce((s, l) => s + l.shortDevices, 0),
      shortKits: lines.reduce((s, l) => s + l.shortKits, 0),
    },
    lines: lines.filter((l) => l.devices + l.kits > 0).map(view),
    unserved: lines.filter((l) => l.shortDevices + l.shortKits > 0).map(view),
    shortfall,
  };
}

export async function previewRun(db: Queryable, actor: Actor, body: { scope: Scope; reshuffle: boolean }, now: Date) {
  const c = await computeRun(db, actor, body.scope, body.reshuffle, now);
  return runView(db, actor, c, null, body.reshuffle);
}

/** Confirms a run: recomputed under a lock; when a preview's fingerprint is given and the outcome differs, 409. */
export async function confirmRun(db: Db, actor: Actor, body: { scope: Scope; reshuffle: boolean; fingerprint?: string }, now: Date) {
  return db.transaction(async (tx) => {
    // one confirmation at a time: runs over overlapping scopes must not both take the same stock
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', ['supplies.run']);
    const c = await computeRun(tx, actor, body.scope, body.reshuffle, now);
    if (body.fingerprint !== undefined && body.fingerprint !== c.fingerprint) throw errors.runStale();
    const view = await runView(tx, actor, c, null, body.reshuffle);
    const orgIds = c.s.orgs.map((o) => o.id);
    const activeByKey = new Map(c.active.map((a) => [`${a.organisationId}/${a.householdKey}`, a]));
    const changed = body.reshuffle
      ? c.outcome.lines
      : c.outcome.lines.filter((l) => {
          const a = activeByKey.get(l.key);
          return !a || a.devices !== l.devices || a.kits !== l.kits;
        });
    const runId = await repo.insertRun(tx, {
      scopeLevel: c.s.level,
      scopeId: c.s.id,
      ruleSetId: c.rules.id,
      rulesVersion: c.rules.version,
      fingerprint: c.fingerprint,
      reshuffle: body.reshuffle,
      totals: {
        ...view.totals,
        stock: c.stock,
        shortfall: view.shortfall.map(({ organisationId, districtId, devices, kits }) => ({ organisationId, districtId, devices, kits })),
      },
      by: actor.personId,
      at: now,
    });
    const split = (k: string) => ({ organisationId: Number(k.slice(0, k.indexOf('/'))), key: k.slice(k.indexOf('/') + 1) });
    await repo.supersedeAllocations(tx, orgIds, body.reshuffle ? null : changed.map((l) => split(l.key)));
    await repo.insertAllocations(
      tx,
      runId,
      now,
      changed
        .filter((l) => l.devices + l.kits > 0)
        .map((l) => ({
          ...l,
          key: split(l.key).key,
        })),
    );
    // the families newly served hear of it (the reason is in the app)
    await notify(
      tx,
      changed
        .filter((l) => l.newDevices + l.newKits > 0)
        .map((l) => ({
          personId: l.recipientId,
          kind: 'supplies.allocated',
          params: { devices: l.devices, kits: l.kits, organisationId: l.organisationId },
        })),
      now,
    );
    return { ...view, id: runId, confirmed: true };
  });
}

export async function listRuns(db: Queryable, actor: Actor, q: Scope) {
  if (q.organisationId === undefined && q.districtId === undefined && q.regionId === undefined) {
    const orgs = actor.grants.filter((g) => g.role === 'org_admin' && g.organisationId !== null).map((g) => g.organisationId!);
    if (orgs.length === 0) throw errors.organisationNotFound();
    return { items: await repo.listRuns(db, 'organisation', orgs) };
  }
  const s = await resolveScope(db, actor, q);
  return { items: await repo.listRuns(db, s.level, [s.id]) };
}

export async function getRun(db: Queryable, actor: Actor, id: number) {
  const run = await repo.findRun(db, id);
  if (!run) throw errors.runNotFound();
  try {
    await resolveScope(
      db,
      actor,
      run.scopeLevel === 'organisation'
        ? { organisationId: run.scopeId }
        : run.scopeLevel === 'district'
          ? { districtId: run.scopeId }
          : { regionId: run.scopeId },
    );
  } catch {
    throw errors.runNotFound();
  }
  const rows = await repo.allocationsOfRun(db, id);
  return {
    ...run,
    allocations: rows.map((a) => ({
      ...allocationView(a, actor.language)!,
      organisationId: a.organisationId,
      householdKey: a.householdKey,
      recipientId: a.recipientId,
    })),
  };
}

// ── appeals ────────────────────────────────────────────────────────────────────────────────────

export async function appeal(db: Db, actor: Actor, body: { childId: number; text: string }, now: Date) {
  if (!isParentOf(actor, body.childId)) throw errors.childNotFound();
  const [place] = await repo.childrenOrganisations(db, [body.childId]);
  if (!place) throw errors.childNotFound('The child is in no class this school year');
  const [child] = await repo.peopleOf(db, [place.organisationId], [body.childId]);
  const key = householdKey('pupil', body.childId, child!.parentIds);
  const id = await db.transaction(async (tx) => {
    const id = await repo.insertAppeal(tx, { organisationId: place.organisationId, householdKey: key, appellantId: actor.personId, text: body.text, at: now });
    await notify(
      tx,
      (await repo.adminsOf(tx, place.organisationId)).map((p) => ({ personId: p, kind: 'supplies.appeal_submitted', params: { appealId: id } })),
      now,
    );
    return id;
  });
  return (await repo.findAppeal(db, id))!;
}

export async function listAppeals(db: Queryable, actor: Actor, organisationId: number) {
  await managedOrganisation(db, actor, organisationId);
  return { items: await repo.appealsOf(db, organisationId, null) };
}

/** The admin decides an appeal; the decision is kept and the family notified. */
export async function decideAppeal(db: Db, actor: Actor, id: number, body: { decision: 'upheld' | 'rejected'; note: string }, now: Date) {
  return db.transaction(async (tx) => {
    const a = await repo.findAppeal(tx, id, true);
    if (!a || !canManage(actor, { id: a.organisationId })) throw errors.appealNotFound();
    if (a.status !== 'open') throw errors.appealDecided();
    await repo.decideAppeal(tx, id, body.decision, body.note, actor.personId, now);
    await notify(tx, [{ personId: a.appellantId, kind: 'supplies.appeal_decided', params: { appealId: id, decision: body.decision } }], now);
    return (await repo.findAppeal(tx, id))!;
  });
}

// ── stock ──────────────────────────────────────────────────────────────────────────────────────

const categoryOf = (kind: string): 'device' | 'kit' => (['laptop', 'desktop', 'tablet'].includes(kind) ? 'device' : 'kit');

export async function stockOf(db: Queryable, actor: Actor, organisationId: number) {
  const { org } = await visibleOrganisation(db, actor, organisationId);
  const c = (await repo.stockCounts(db, [org.id])).get(org.id)!;
  return {
    organisation: { id: org.id, name: org.name },
    counts: {
      devices: c.devicesAll,
      devicesAvailable: c.devices,
      kits: c.kitsAll,
      kitsAvailable: c.kits,
      committed: { devices: c.committedDevices, kits: c.committedKits },
    },
    items: await repo.itemsOf(db, org.id),
    textbooks: await repo.textbookStock(db, org.id),
  };
}

export async function addItem(db: Db, actor: Actor, organisationId: number, body: ItemBody) {
  const org = await managedOrganisation(db, actor, organisationId);
  return db.transaction(async (tx) => {
    if ((await repo.existingInventoryNumbers(tx, [body.inventoryNumber])).size > 0)
      throw errors.duplicateInventory(`Inventory number ${body.inventoryNumber} is already in stock`);
    const [id] = await repo.insertItems(tx, [{ ...body, organisationId: org.id, category: categoryOf(body.kind) }]).catch((e: { code?: string }) => {
      if (e.code === '23505') throw errors.duplicateInventory(`Inventory number ${body.inventoryNumber} is already in stock`);
      throw e;
    });
    return (await repo.findItem(tx, id!))!;
  });
}

async function visibleItem(db: Queryable, actor: Actor, id: number, forUpdate = false) {
  const item = await repo.findItem(db, id, forUpdate);
  if (!item) throw errors.itemNotFound();
  const org = (await repo.findOrganisation(db, item.organisationId))!;
  if (!canManage(actor, org) && !covers(actor, org)) throw errors.itemNotFound();
  return { item, org };
}

export async function itemDetail(db: Queryable, actor: Actor, id: number) {
  const { item } = await visibleItem(db, actor, id);
  return { ...item, ...(await repo.itemTrail(db, id)) };
}

/** Moves an item to another organisation of the officer's area; the move is kept in the trail. */
export async function transferItem(db: Db, actor: Actor, id: number, body: { toOrganisationId: number; note?: string }, now: Date) {
  return db.transaction(async (tx) => {
    const { item, org } = await visibleItem(tx, actor, id, true);
    const to = await repo.findOrganisation(tx, body.toOrganisationId);
    if (!to || !canTransfer(actor, org, to)) {
      if (!isOfficer(actor)) throw errors.itemNotFound();
      throw errors.organisationNotFound('The receiving organisation is not in your area');
    }
    if (to.id === org.id) throw errors.sameOrganisation();
    if (item.status === 'on_loan') throw errors.itemOnLoan('The item is lent: it moves after it is returned');
    await repo.moveItem(tx, item.id, org.id, to.id, actor.personId, now, body.note ?? null);
    return { ...(await repo.findItem(tx, item.id))!, ...(await repo.itemTrail(tx, item.id)) };
  });
}

// ── loans ──────────────────────────────────────────────────────────────────────────────────────

export function loanView(l: repo.LoanRow, day: string) {
  const recipient = l.recipient
    ? { id: l.recipient.id, lastName: l.recipient.lastName, firstName: l.recipient.firstName, middleName: l.recipient.middleName }
    : null;
  return {
    id: l.id,
    organisationId: l.organisationId,
    householdKey: l.householdKey,
    item: l.item as never,
    recipient,
    issuedAt: l.issuedAt,
    dueOn: l.dueOn,
    language: l.language,
    recalledAt: l.recalledAt,
    returnedAt: l.returnedAt,
    returnedCondition: l.returnedCondition,
    overdue: isOverdue(l, day),
  };
}

async function yearEnd(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ ends_on: string }>('select ends_on from academic_years where is_current');
  if (!rows[0]) throw errors.noCurrentYear();
  return rows[0].ends_on;
}

/** Hands an item to a household (by its allocation) or a person; the item must be this organisation's and free. */
export async function issueLoan(
  db: Db,
  actor: Actor,
  body: {
    organisationId: number;
    inventoryNumber: string;
    allocationId?: number;
    recipientId?: number;
    dueOn?: string;
    language: 'kk' | 'ru';
  },
  now: Date,
) {
  const org = await managedOrganisation(db, actor, body.organisationId);
  const dueOn = body.dueOn ?? (await yearEnd(db));
  return db.transaction(async (tx) => {
    const item = await repo.findItemByInventory(tx, body.inventoryNumber, true);
    if (!item) throw errors.itemNotFound(`No item with inventory number ${body.inventoryNumber}`);
    if (item.organisationId !== org.id) throw errors.itemElsewhere(`Inventory number ${body.inventoryNumber} belongs to another organisation`);
    if (item.status === 'on_loan') throw errors.itemOnLoan(`Inventory number ${body.inventoryNumber} is already lent`);
    if (item.status !== 'available') throw errors.itemUnavailable();
    let householdKeyValue: string,
      recipientId: number,
      pupilIds: number[],
      allocationId: number | null = null;
    if (body.allocationId !== undefined) {
      const a = await repo.findAllocation(tx, body.allocationId);
      if (!a || a.organisationId !== org.id || a.status !== 'active') throw errors.allocationNotFound();
      const held = (await repo.loansWhere(tx, { organisationIds: [org.id], status: 'open', today: today(now) })).filter(
        (l) => l.householdKey === a.householdKey && l.item.category === item.category,
      ).length;
      if (held >= (item.category === 'device' ? a.devices : a.kits)) throw errors.allocationFulfilled();
      householdKeyValue = a.householdKey;
      recipientId = a.recipientId;
      pupilIds = a.pupilIds;
      allocationId = a.id;
    } else {
      const rid = body.recipientId!;
      const people = await repo.peopleOf(tx, [org.id]);
      const self = people.find((p) => p.personId === rid);
      const children = people.filter((p) => p.parentIds.includes(rid));
      if (self) {
        householdKeyValue = householdKey(self.role, rid, self.parentIds);
        pupilIds = self.role === 'pupil' ? [rid] : [];
      } else if (children.length > 0) {
        householdKeyValue = householdKey('pupil', children[0]!.personId, children[0]!.parentIds);
        pupilIds = children.map((c) => c.personId);
      } else throw errors.recipientInvalid();
      recipientId = rid;
    }
    const id = await repo.insertLoan(tx, {
      itemId: item.id,
      organisationId: org.id,
      allocationId,
      householdKey: householdKeyValue,
      recipientId,
      pupilIds,
      issuedBy: actor.personId,
      issuedAt: now,
      dueOn,
      language: body.language,
    });
    await repo.setItemStatus(tx, item.id, 'on_loan');
    await notify(
      tx,
      [{ personId: recipientId, kind: 'supplies.loan_issued', params: { loanId: id, inventoryNumber: item.inventoryNumber, kind: item.kind, dueOn } }],
      now,
    );
    return loanView((await repo.findLoan(tx, id))!, today(now));
  });
}

/** Takes an item back by its inventory number with its condition (ok → available, damaged → repair, lost → written off). */
export async function returnItem(
  db: Db,
  actor: Actor,
  body: { organisationId: number; inventoryNumber: string; condition: 'ok' | 'damaged' | 'lost' },
  now: Date,
) {
  const org = await managedOrganisation(db, actor, body.organisationId);
  return db.transaction(async (tx) => {
    const item = await repo.findItemByInventory(tx, body.inventoryNumber, true);
    if (!item) throw errors.itemNotFound(`No item with inventory number ${body.inventoryNumber}`);
    if (item.organisationId !== org.id) throw errors.itemElsewhere(`Inventory number ${body.inventoryNumber} belongs to another organisation`);
    const open = (await tx.query<{ id: number }>('select id from supplies_loans where item_id = $1 and returned_at is null', [item.id])).rows[0];
    if (!open) throw errors.notLent(`Inventory number ${body.inventoryNumber} is not on loan`);
    await repo.returnLoan(tx, Number(open.id), body.condition, actor.personId, now);
    await repo.setItemStatus(tx, item.id, body.condition === 'ok' ? 'available' : body.condition === 'damaged' ? 'repair' : 'written_off', body.condition);
    return loanView((await repo.findLoan(tx, Number(open.id)))!, today(now));
  });
}

/** Loans the actor may see: an organisation's (its admin, officers of the area), else their own household's. */
export async function listLoans(db: Queryable, actor: Actor, q: { organisationId?: number; status: 'open' | 'overdue' | 'returned' | 'all' }, now: Date) {
  const day = today(now);
  if (q.organisationId !== undefined) {
    await visibleOrganisation(db, actor, q.organisationId);
    return { items: (await repo.loansWhere(db, { organisationIds: [q.organisationId], status: q.status, today: day })).map((l) => loanView(l, day)) };
  }
  const admin = actor.grants.filter((g) => g.role === 'org_admin' && g.organisationId !== null).map((g) => g.organisationId!);
  const own = await repo.loansWhere(db, { recipientIds: [actor.personId], status: q.status, today: day });
  const managed = admin.length ? await repo.loansWhere(db, { organisationIds: admin, status: q.status, today: day }) : [];
  const seen = new Set<number>();
  return { items: [...managed, ...own].filter((l) => !seen.has(l.id) && seen.add(l.id)).map((l) => loanView(l, day)) };
}

/** The loan for its agreement: the organisation's admin, the recipient, or a parent of a pupil it was lent for. */
export async function visibleLoan(db: Queryable, actor: Actor, id: number) {
  const l = await repo.findLoan(db, id);
  if (!l) throw errors.loanNotFound();
  const org = (await repo.findOrganisation(db, l.organisationId))!;
  if (canManage(actor, org) || l.recipientId === actor.personId || l.pupilIds.some((p) => actor.childIds.includes(p))) return { loan: l, org };
  throw errors.loanNotFound();
}

/** The loan agreement PDF in the loan's language (or the one asked for). */
export async function agreement(db: Queryable, actor: Actor, id: number, lang: 'kk' | 'ru' | undefined) {
  const { loan, org } = await visibleLoan(db, actor, id);
  const language = lang ?? loan.language;
  const names = await repo.personNames(db, loan.pupilIds);
  const full = (n: { lastName: string; firstName: string; middleName: string | null }) => [n.lastName, n.firstName, n.middleName].filter(Boolean).join(' ');
  const pdf = await agreementPdf({
    loanId: loan.id,
    language,
    organisation: org.name[language],
    recipient: { name: loan.recipient ? full(loan.recipient) : '', iin: loan.recipient?.iin ?? '' },
    pupils: loan.pupilIds.flatMap((p) => (names.has(p) ? [full(names.get(p)!)] : [])),
    item: { kind: loan.item.kind, inventoryNumber: loan.item.inventoryNumber, serial: loan.item.serial },
    issuedOn: today(new Date(loan.issuedAt)),
    dueOn: loan.dueOn,
  });
  return { id: loan.id, pdf };
}

/**
 * Recall: open loans past their due date, and those whose pupils all learn in person again; the family
 * and the school's admins are notified once (the loan keeps when it was recalled).
 */
export async function recall(db: Db, actor: Actor, organisationId: number, now: Date) {
  const org = await managedOrganisation(db, actor, organisationId);
  const day = today(now);
  return db.transaction(async (tx) => {
    const open = (await repo.loansWhere(tx, { organisationIds: [org.id], status: 'open', today: day })).filter((l) => l.recalledAt === null);
    const pupils = [...new Set(open.flatMap((l) => l.pupilIds))];
    const classified = await classify(tx, pupils.length ? await repo.peopleOf(tx, [org.id], pupils) : [], day);
    const inPerson = new Set(classified.filter((p) => p.inPerson).map((p) => p.personId));
    const due = open.filter((l) => isOverdue(l, day) || (l.pupilIds.length > 0 && l.pupilIds.every((p) => inPerson.has(p))));
    await repo.markRecalled(
      tx,
      due.map((l) => l.id),
      now,
    );
    const admins = await repo.adminsOf(tx, org.id);
    const rows = due.flatMap((l) => {
      const params = { loanId: l.id, inventoryNumber: l.item.inventoryNumber, dueOn: l.dueOn, reason: isOverdue(l, day) ? 'overdue' : 'in_person' };
      return [{ personId: l.recipientId, kind: 'supplies.recall', params }, ...admins.map((a) => ({ personId: a, kind: 'supplies.recall_school', params }))];
    });
    const notified = await notify(tx, rows, now);
    return { recalled: due.length, notified };
  });
}

// ── textbooks ──────────────────────────────────────────────────────────────────────────────────

async function managedClass(db: Queryable, actor: Actor, classId: number) {
  const c = await repo.findClass(db, classId);
  if (!c || !canManage(actor, { id: c.organisationId })) throw errors.classNotFound();
  return c;
}

/** One copy of the title to every pupil of the class who has none, in one go (all or nothing). */
export async function issueTextbooksToClass(db: Db, actor: Actor, classId: number, titleId: number, now: Date) {
  const c = await managedClass(db, actor, classId);
  return db.transaction(async (tx) => {
    const stock = await repo.lockTextbookStock(tx, c.organisationId, titleId);
    if (!stock) throw errors.noTextbookStock();
    const pupils = await repo.classPupils(tx, classId);
    const need = await repo.pupilsWithoutTextbook(tx, titleId, pupils);
    if (stock.copies - stock.issued < need)
      throw errors.notEnoughCopies(`${need} pupils need a copy; ${stock.copies - stock.issued} are free`, { need, free: stock.copies - stock.issued });
    const changed = await repo.issueTextbooks(tx, { titleId, organisationId: c.organisationId, classId, pupilIds: pupils, by: actor.personId, at: now });
    return { pupils: pupils.length, changed };
  });
}

export async function returnTextbooksOfClass(db: Db, actor: Actor, classId: number, titleId: number, condition: string, now: Date) {
  const c = await managedClass(db, actor, classId);
  const pupils = await repo.classPupils(db, classId);
  const changed = await repo.returnTextbooks(db, { titleId, classId: c.id, condition, by: actor.personId, at: now });
  return { pupils: pupils.length, changed };
}

export async function publicTextbook(db: Queryable, id: number) {
  const t = await repo.findTitle(db, id);
  if (!t) throw errors.textbookNotFound();
  return t;
}

// ── officers ───────────────────────────────────────────────────────────────────────────────────

/** Needs vs provided by area with drill-down: the country's regions, a region's districts, a district's organisations. */
async function areaRows(db: Queryable, actor: Actor, q: { regionId?: number; districtId?: number }) {
  const all = actor.grants.some((g) => g.role === 'ministry_officer');
  const regions = actor.grants.filter((g) => g.role === 'region_officer').map((g) => g.regionId!);
  const districts = actor.grants.filter((g) => g.role === 'district_officer').map((g) => g.districtId!);
  if (!all && regions.length === 0 && districts.length === 0) throw errors.areaNotFound();
  if (q.districtId !== undefined) {
    const d = await repo.areaExists(db, 'district', q.districtId);
    if (!d || !(all || regions.includes(d.regionId) || districts.includes(q.districtId))) throw errors.areaNotFound();
    return { level: 'district' as const, rows: await repo.areaFigures(db, 'organisation', { regionIds: null, districtIds: [q.districtId] }) };
  }
  if (q.regionId !== undefined) {
    if (!(await repo.areaExists(db, 'region', q.regionId)) || !(all || regions.includes(q.regionId))) throw errors.areaNotFound();
    return { level: 'region' as const, rows: await repo.areaFigures(db, 'district', { regionIds: [q.regionId], districtIds: null }) };
  }
  if (all) return { level: 'country' as const, rows: await repo.areaFigures(db, 'region', { regionIds: null, districtIds: null }) };
  if (regions.length > 0) return { level: 'region' as const, rows: await repo.areaFigures(db, 'district', { regionIds: regions, districtIds: null }) };
  return { level: 'district' as const, rows: await repo.areaFigures(db, 'organisation', { regionIds: null, districtIds: districts }) };
}

/** The figures about people officers see by area: small numbers hidden (analytics' rule, decision 0018). */
const AREA_PEOPLE = [
  'pupils',
  'answered',
  'withoutDevice',
  'withoutInternet',
  'devicesAllocated',
  'devicesIssued',
  'kitsAllocated',
  'kitsIssued',
  'shortDevices',
  'shortKits',
] as const;
type Hidden<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };

/**
 * Needs vs provided by area, for officers only: each figure under the small-number threshold
 * (`ANALYTICS_SMALL_CELL`) is hidden (null), and enough others with it that none can be worked out from
 * the rest or from the area's total, which the level above shows.
 */
export async function areas(db: Queryable, actor: Actor, q: { regionId?: number; districtId?: number }) {
  const { level, rows } = await areaRows(db, actor, q);
  // the children's rows only: a column never hides just one figure, so the area's total (which the
  // level above shows) reveals no hidden one, only the sum of two or more
  const grid = rows.map((r) => AREA_PEOPLE.map((k) => r[k]));
  const mask = suppress(grid, analyticsSettings().ANALYTICS_SMALL_CELL, false);
  return {
    level,
    threshold: analyticsSettings().ANALYTICS_SMALL_CELL,
    rows: rows.map(
      (r, i) =>
        ({ ...r, ...Object.fromEntries(AREA_PEOPLE.map((k, c) => [k, mask[i]![c] ? null : r[k]])) }) as Hidden<
          (typeof rows)[number],
          (typeof AREA_PEOPLE)[number]
        >,
    ),
  };
}

export type { ReasonPart };

// ── for the connectivity register (connectivity module) ────────────────────────────────────────

/**
 * Each pupil of these organisations (this year's classes) with their current census answer and
 * whether they learn in person today. No authorisation here: the caller has checked that the
 * organisations are in the actor's scope, and shows names only to whom it may.
 */
export async function pupilsConnectivity(db: Queryable, organisationIds: number[], now: Date) {
  const pupils = (await repo.peopleOf(db, organisationIds)).filter((p) => p.role === 'pupil');
  return (await classify(db, pupils, today(now))).map((p) => ({
    personId: p.personId,
    organisationId: p.organisationId,
    name: p.name,
    classId: p.classId,
    className: p.className,
    inPerson: p.inPerson,
    answer: p.answer ? { devices: p.answer.devices, internet: p.answer.internet, connectable: p.answer.connectable } : null,
  }));
}
