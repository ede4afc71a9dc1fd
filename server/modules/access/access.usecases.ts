import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { audit } from '../identity/identity.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import { hasConsent, recordConsent } from '../privacy/privacy.usecases.js';
import {
  buildPass,
  bytesToHex,
  DEFAULT_FEVER_THRESHOLD_C,
  PHOTO_HASH_BYTES,
  toBase64Url,
  verifyPass,
  withTemperature,
} from '../../../contracts/access-pass.js';
import { findReadableFile, openStored, type FileStore } from '../files/files.usecases.js';
import * as errors from './access.errors.js';
import { parseCsv, parseFhir } from './access.import.js';
import { activeKeyOf, dropTrustCache, newKeyMaterial, preparedTrust, revocationsOf, signer, trustListOf } from './access.keys.js';
import * as policy from './access.policy.js';
import * as repo from './access.repository.js';
import { DEFAULT_RULES, evaluateStatus, nextStatusChange, passExpiry, validateRules, type RuleParams, type StatusResult } from './access.rules.js';

const PURPOSE = 'health_status_for_access' as const;

// ── rules and status ─────────────────────────────────────────────────────────────────────────

/** The rule set in force for a region: its own latest version, else the country's, else the defaults. */
export async function rulesFor(
  db: Queryable,
  regionId: number | null,
): Promise<{ id: number | null; regionId: number | null; version: number; params: RuleParams; publishedAt: Date | null; inherited: boolean }> {
  const own = regionId === null ? null : await repo.latestRuleSet(db, regionId);
  // a rule set published before a setting existed gets that setting's default
  if (own) return { ...own, params: { ...DEFAULT_RULES, ...own.params }, inherited: false };
  const country = await repo.latestRuleSet(db, null);
  if (country) return { ...country, params: { ...DEFAULT_RULES, ...country.params }, inherited: regionId !== null };
  return { id: null, regionId: null, version: 0, params: DEFAULT_RULES, publishedAt: null, inherited: true };
}

/** Statuses of people under one rule set, from their confirmed records and active exemptions. */
async function computeStatuses(db: Queryable, personIds: number[], params: RuleParams, now: Date): Promise<Map<number, StatusResult>> {
  const [records, exemptions] = await Promise.all([repo.confirmedRecords(db, personIds), repo.activeExemptions(db, personIds)]);
  return new Map(personIds.map((id) => [id, evaluateStatus(records.get(id) ?? [], exemptions.get(id) ?? [], params, now)]));
}

/**
 * Computes the people's statuses under one rule set, stores them with the instant each next changes
 * with time, and notifies each person whose stored status changed (in the caller's transaction). The
 * stored rows are locked first (person order), so a write and the background job never both notice
 * the same change. The first computation is not a change worth a message. Answers the changes.
 */
async function applyStatuses(db: Queryable, personIds: number[], rules: { id: number | null; params: RuleParams }, now: Date): Promise<number> {
  const ids = [...new Set(personIds)].sort((a, b) => a - b);
  if (ids.length === 0) return 0;
  const stored = await repo.storedStatuses(db, ids, true);
  const [records, exemptions] = await Promise.all([repo.confirmedRecords(db, ids), repo.activeExemptions(db, ids)]);
  const fresh = new Map(
    ids.map((id) => {
      const r = records.get(id) ?? [];
      const e = exemptions.get(id) ?? [];
      return [id, { ...evaluateStatus(r, e, rules.params, now), next: nextStatusChange(r, e, rules.params, now) }] as const;
    }),
  );
  await repo.upsertStatuses(
    db,
    ids.map((id) => {
      const f = fresh.get(id)!;
      return {
        personId: id,
        status: f.status,
        reason: f.status === 'not_admitted' ? f.reason : null,
        validUntil: f.validUntil,
        ruleSetId: rules.id,
        nextChangeAt: f.next,
      };
    }),
    now,
  );
  const changed = ids.filter((id) => stored.has(id) && stored.get(id) !== fresh.get(id)!.status);
  await notify(
    db,
    changed.map((id) => ({ personId: id, kind: 'access.status_changed', params: { status: fresh.get(id)!.status } })),
    now,
  );
  return changed.length;
}

/**
 * Recomputes and stores the people's statuses; each person whose status changed is notified (in the
 * caller's transaction). The region of the organisation decides which rules apply. Answers the changes.
 */
export async function recomputeStatuses(db: Queryable, personIds: number[], organisationId: number, now: Date): Promise<number> {
  if (personIds.length === 0) return 0;
  return applyStatuses(db, personIds, await rulesFor(db, await repo.organisationRegion(db, organisationId)), now);
}

/**
 * The background job's step (access.jobs.ts, decision 0036): takes up to `limit` people whose status
 * is due to change with time (locked, SKIP LOCKED: several processes share the work, never the same
 * person), recomputes them under their region's rules, notifies each real change once, stores the
 * next instant, and commits. Repeats until nothing is due. Answers how many were looked at and changed.
 */
export async function runTimedStatusChanges(db: Db, now: Date, opts: { limit?: number } = {}): Promise<{ checked: number; changed: number }> {
  let checked = 0;
  let changed = 0;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      const due = await repo.dueStatuses(tx, now, opts.limit ?? 500);
      if (due.length === 0) return null;
      const orgs = await repo.campusOrganisationOfPeople(tx, due);
      await repo.clearNextChange(
        tx,
        due.filter((id) => !orgs.has(id)),
      );
      const byRegion = new Map<number, number[]>();
      for (const [id, o] of orgs) {
        const list = byRegion.get(o.regionId);
        if (list) list.push(id);
        else byRegion.set(o.regionId, [id]);
      }
      let n = 0;
      for (const [regionId, ids] of byRegion) n += await applyStatuses(tx, ids, await rulesFor(tx, regionId), now);
      return { checked: due.length, changed: n };
    });
    if (!step) break;
    checked += step.checked;
    changed += step.changed;
  }
  return { checked, changed };
}

/**
 * Everyone of every campus organisation, recomputed under their region's rules in transactions of
 * `chunk` people (the job's and a publication's work at the country's scale; bench access-status).
 */
export async function recomputeAllStatuses(db: Db, now: Date, opts: { chunk?: number } = {}): Promise<{ people: number; changed: number }> {
  const people = await repo.campusPeopleIn(db, null);
  const byRegion = new Map<number, number[]>();
  for (const p of people) {
    const list = byRegion.get(p.regionId);
    if (list) list.push(p.personId);
    else byRegion.set(p.regionId, [p.personId]);
  }
  const chunk = opts.chunk ?? 2000;
  let changed = 0;
  for (const [regionId, ids] of byRegion) {
    const rules = await rulesFor(db, regionId);
    for (let i = 0; i < ids.length; i += chunk) changed += await db.transaction((tx) => applyStatuses(tx, ids.slice(i, i + chunk), rules, now));
  }
  return { people: new Set(people.map((p) => p.personId)).size, changed };
}

const statusOut = (s: StatusResult) => ({ status: s.status, basis: s.basis, validUntil: s.validUntil?.toISOString() ?? null, reason: s.reason });

// ── the person ───────────────────────────────────────────────────────────────────────────────

export async function myAccess(db: Queryable, actor: Actor, now: Date) {
  const orgs = await repo.campusOrganisationsOf(db, actor.personId);
  const consent = await hasConsent(db, actor.personId, PURPOSE);
  const rules = await rulesFor(db, orgs[0]?.region_id ?? null);
  const status = orgs.length > 0 && consent ? (await computeStatuses(db, [actor.personId], rules.params, now)).get(actor.personId)! : null;
  return {
    organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
    consent,
    status: status && statusOut(status),
    passValidHours: rules.params.passValidHours,
  };
}

export async function giveMyConsent(db: Db, actor: Actor, now: Date) {
  await recordConsent(db, { personId: actor.personId, purpose: PURPOSE, givenBy: actor.personId, now });
  return myAccess(db, actor, now);
}

/** The signed pass for the signed-in person (refreshed by the app whenever it is online). */
export async function myPass(db: Db, actor: Actor, organisationId: number | undefined, now: Date) {
  const orgs = await repo.campusOrganisationsOf(db, actor.personId);
  const org = organisationId === undefined ? orgs[0] : orgs.find((o) => o.id === organisationId);
  if (!org) throw errors.noAccess();
  if (!(await hasConsent(db, actor.personId, PURPOSE))) throw errors.consentRequired();
  return db.transaction(async (tx) => {
    const rules = await rulesFor(tx, org.region_id);
    const status = (await computeStatuses(tx, [actor.personId], rules.params, now)).get(actor.personId)!;
    await recomputeStatuses(tx, [actor.personId], org.id, now);
    const holder = (await repo.holderOf(tx, actor.personId)) ?? (await repo.insertHolder(tx, actor.personId, toBase64Url(randomBytes(12)), now));
    const key = await activeKeyOf(tx, org.id, now);
    const name = await repo.personName(tx, actor.personId);
    const photo = await repo.photoOf(tx, actor.personId);
    const iat = Math.floor(now.getTime() / 1000);
    const exp = Math.floor(passExpiry(now, status, rules.params).getTime() / 1000);
    const pass = await buildPass(
      {
        iss: `sabaq:org:${org.id}`,
        iat,
        exp,
        cti: bytesToHex(randomBytes(8)),
        holder,
        organisationId: org.id,
        status: status.status,
        name,
        ...(photo ? { photo: photo.hash.slice(0, PHOTO_HASH_BYTES * 2) } : {}),
      },
      key.kid,
      signer(key),
    );
    return {
      pass,
      issuedAt: new Date(iat * 1000).toISOString(),
      expiresAt: new Date(exp * 1000).toISOString(),
      status: status.status,
      organisationId: org.id,
      holderName: name,
    };
  });
}

export async function myRecords(db: Queryable, actor: Actor) {
  return { items: await repo.recordsOfPerson(db, actor.personId) };
}

type ReportInput = {
  organisationId: number;
  kind: 'vaccination' | 'test' | 'recovery';
  occurredAt: string;
  product?: string;
  doseNumber?: number;
  seriesDoses?: number;
  testKind?: 'pcr' | 'antigen';
  result?: 'negative' | 'positive';
  note?: string;
  document?: { name: string; type: string; base64: string };
};

/** The person reports a record the health system does not have, with a document; the health officer decides. */
export async function reportMissing(db: Queryable, actor: Actor, body: ReportInput, now: Date) {
  if (!(await repo.isMember(db, body.organisationId, actor.personId))) throw errors.organisationNotFound();
  const at = new Date(body.occurredAt.length === 10 ? `${body.occurredAt}T00:00:00Z` : body.occurredAt);
  if (Number.isNaN(at.getTime())) throw errors.invalidRecord();
  if (at.getTime() > now.getTime()) throw errors.futureDate();
  const vacc = body.kind === 'vaccination';
  const test = body.kind === 'test';
  if (vacc && !(body.product && body.doseNumber && body.seriesDoses)) throw errors.invalidRecord();
  if (test && !(body.testKind && body.result)) throw errors.invalidRecord();
  const bytes = body.document ? Buffer.from(body.document.base64, 'base64') : null;
  if (bytes && bytes.length > 512 * 1024) throw errors.documentTooLarge();
  const [id] = await repo.insertRecords(
    db,
    [
      {
        personId: actor.personId,
        organisationId: body.organisationId,
        kind: body.kind,
        at,
        product: vacc ? body.product! : null,
        doseNumber: vacc ? body.doseNumber! : null,
        seriesDoses: vacc ? body.seriesDoses! : null,
        testKind: test ? body.testKind! : null,
        result: test ? body.result! : null,
        state: 'reported',
        source: 'reported by the person',
        batchId: null,
        note: body.note ?? null,
        document: body.document && bytes ? { name: body.document.name, type: body.document.type, bytes } : null,
      },
    ],
    now,
  );
  return (await repo.recordById(db, id!))!;
}

// ── the health officer ───────────────────────────────────────────────────────────────────────

function officerOf(actor: Actor, organisationId: number) {
  if (!policy.isHealthOfficerOf(actor, organisationId)) throw errors.organisationNotFound();
}

/** A batch from the health system: every record must parse and name one of the organisation's people, else nothing is written. */
export async function importBatch(
  db: Db,
  actor: Actor,
  organisationId: number,
  body: { format: 'csv' | 'fhir'; source: string; content: string },
  now: Date,
  ip: string | null,
) {
  officerOf(actor, organisationId);
  const parsed = body.format === 'csv' ? parseCsv(body.content, now) : parseFhir(body.content, now);
  if (!parsed) throw body.format === 'csv' ? errors.badCsv() : errors.badFhir();
  const people = await repo.membersByIin(db, organisationId, [...new Set(parsed.records.map((r) => r.iin))]);
  const problems = [...parsed.problems];
  parsed.records.forEach((r, i) => {
    if (!people.has(r.iin)) problems.push({ row: i + 1, code: 'person_not_in_organisation' });
  });
  if (problems.length > 0) {
    // a single future date is its own clear error; otherwise every problem by row
    if (problems.length === 1 && problems[0]!.code === 'future_date') throw errors.futureDate(undefined, { problems });
    throw errors.importInvalid(undefined, { problems: problems.slice(0, 100) });
  }
  if (parsed.records.length === 0) throw errors.importInvalid(undefined, { problems: [{ row: 0, code: 'empty' }] });
  return db.transaction(async (tx) => {
    const batchId = await repo.insertBatch(tx, {
      organisationId,
      format: body.format,
      source: body.source,
      count: parsed.records.length,
      by: actor.personId,
      now,
    });
    await repo.insertRecords(
      tx,
      parsed.records.map((r) => ({
        personId: people.get(r.iin)!,
        organisationId,
        kind: r.kind,
        at: r.at,
        product: r.product,
        doseNumber: r.doseNumber,
        seriesDoses: r.seriesDoses,
        testKind: r.testKind,
        result: r.result,
        state: 'confirmed' as const,
        source: body.source,
        batchId,
      })),
      now,
    );
    const personIds = [...new Set(parsed.records.map((r) => people.get(r.iin)!))];
    const statusChanges = await recomputeStatuses(tx, personIds, organisationId, now);
    await audit(tx, { accountId: actor.accountId, action: 'access.import', ip, details: { organisationId, batchId, records: parsed.records.length } });
    return { batchId, imported: parsed.records.length, people: personIds.length, statusChanges };
  });
}

type OfficerRecordInput = Omit<ReportInput, 'organisationId' | 'note' | 'document'> & { personId: number };

/** A record entered by hand by the health officer (a certificate seen in person): confirmed at once, the status recomputed. */
export async function enterRecord(db: Db, actor: Actor, organisationId: number, body: OfficerRecordInput, now: Date, ip: string | null) {
  officerOf(actor, organisationId);
  if (!(await repo.isMember(db, organisationId, body.personId))) throw errors.personNotFound();
  const at = new Date(body.occurredAt.length === 10 ? `${body.occurredAt}T00:00:00Z` : body.occurredAt);
  if (Number.isNaN(at.getTime())) throw errors.invalidRecord();
  if (at.getTime() > now.getTime()) throw errors.futureDate();
  const vacc = body.kind === 'vaccination';
  const test = body.kind === 'test';
  if (vacc && !(body.product && body.doseNumber && body.seriesDoses)) throw errors.invalidRecord();
  if (test && !(body.testKind && body.result)) throw errors.invalidRecord();
  return db.transaction(async (tx) => {
    const [id] = await repo.insertRecords(
      tx,
      [
        {
          personId: body.personId,
          organisationId,
          kind: body.kind,
          at,
          product: vacc ? body.product! : null,
          doseNumber: vacc ? body.doseNumber! : null,
          seriesDoses: vacc ? body.seriesDoses! : null,
          testKind: test ? body.testKind! : null,
          result: test ? body.result! : null,
          state: 'confirmed',
          source: 'entered by the health officer',
          batchId: null,
        },
      ],
      now,
    );
    await recomputeStatuses(tx, [body.personId], organisationId, now);
    await audit(tx, { accountId: actor.accountId, action: 'access.record_entered', ip, details: { organisationId, recordId: id } });
    return (await repo.recordById(tx, id!))!;
  });
}

/** One person's records, for their organisation's health officer. */
export async function personRecords(db: Queryable, actor: Actor, organisationId: number, personId: number) {
  officerOf(actor, organisationId);
  if (!(await repo.isMember(db, organisationId, personId))) throw errors.personNotFound();
  return { items: (await repo.recordsOfPerson(db, personId)).filter((r) => r.organisationId === organisationId) };
}

export async function batches(db: Queryable, actor: Actor, organisationId: number) {
  officerOf(actor, organisationId);
  return { items: await repo.batchesOf(db, organisationId) };
}

export async function reports(db: Queryable, actor: Actor, organisationId: number, state: string) {
  officerOf(actor, organisationId);
  return { items: await repo.recordsOfOrganisation(db, organisationId, state) };
}

export async function decideReport(db: Db, actor: Actor, id: number, body: { decision: 'confirm' | 'reject'; note?: string }, now: Date) {
  return db.transaction(async (tx) => {
    const record = await repo.recordById(tx, id, true);
    if (!record || !policy.isHealthOfficerOf(actor, record.organisationId)) throw errors.recordNotFound();
    if (record.state !== 'reported') throw errors.alreadyDecided();
    await repo.decideRecord(tx, id, body.decision === 'confirm' ? 'confirmed' : 'rejected', actor.personId, body.note ?? null, now);
    if (body.decision === 'confirm') await recomputeStatuses(tx, [record.person.id], record.organisationId, now);
    await notify(tx, [{ personId: record.person.id, kind: 'access.report_decided', params: { recordId: id, decision: body.decision } }], now);
    return (await repo.recordById(tx, id))!;
  });
}

export async function reportDocument(db: Queryable, actor: Actor, id: number) {
  const doc = await repo.recordDocument(db, id);
  const record = doc && (await repo.recordById(db, id));
  const mayRead = record && (record.person.id === actor.personId || policy.isHealthOfficerOf(actor, doc.organisation_id));
  if (!doc || !mayRead) throw errors.recordNotFound();
  return { name: doc.document_name, type: doc.document_type, bytes: doc.document };
}

export async function exemptions(db: Queryable, actor: Actor, organisationId: number) {
  officerOf(actor, organisationId);
  return { items: await repo.exemptionsOf(db, organisationId) };
}

export async function addExemption(
  db: Db,
  actor: Actor,
  organisationId: number,
  body: { personId: number; reason: string; validFrom: string; validUntil: string },
  now: Date,
) {
  officerOf(actor, organisationId);
  if (!(await repo.isMember(db, organisationId, body.personId))) throw errors.personNotFound();
  if (body.validUntil < body.validFrom) throw errors.invalidRecord();
  return db.transaction(async (tx) => {
    const id = await repo.insertExemption(tx, { ...body, organisationId, by: actor.personId, now });
    await recomputeStatuses(tx, [body.personId], organisationId, now);
    return (await repo.exemptionById(tx, id))!;
  });
}

export async function revokeExemption(db: Db, actor: Actor, id: number, now: Date) {
  return db.transaction(async (tx) => {
    const e = await repo.exemptionById(tx, id);
    if (!e || !policy.isHealthOfficerOf(actor, e.organisationId)) throw errors.notFound();
    if (!(await repo.revokeExemption(tx, id, now))) throw errors.alreadyRevoked();
    await recomputeStatuses(tx, [e.personId], e.organisationId, now);
    return (await repo.exemptionById(tx, id))!;
  });
}

/** How many people of the organisation have each status (and who), without any record that made it. */
export async function overview(db: Db, actor: Actor, organisationId: number, now: Date) {
  officerOf(actor, organisationId);
  // statuses move with time (a test runs out): bring them up to date first
  await db.transaction(async (tx) => {
    await recomputeStatuses(tx, await repo.memberIds(tx, organisationId), organisationId, now);
  });
  const rows = await repo.overviewOf(db, organisationId);
  const counts = { admitted: 0, not_admitted: 0, no_data: 0 };
  for (const r of rows) counts[(r.status ?? 'no_data') as keyof typeof counts]++;
  return {
    counts,
    people: rows.map((r) => ({ person: r.person, status: (r.status ?? 'no_data') as 'no_data', validUntil: r.valid_until?.toISOString() ?? null })),
  };
}

// ── rules ────────────────────────────────────────────────────────────────────────────────────

export async function readRules(db: Queryable, actor: Actor, regionId: number | null) {
  if (!policy.mayReadRules(actor, regionId)) throw errors.notFound();
  const r = await rulesFor(db, regionId);
  return { ...r, regionId, publishedAt: r.publishedAt?.toISOString() ?? null };
}

/** Before publishing: how many people would change status under the draft. */
export async function previewRules(db: Queryable, actor: Actor, body: { regionId: number | null; params: RuleParams }, now: Date) {
  if (!policy.mayEditRules(actor, body.regionId)) throw errors.notFound();
  if (!validateRules(body.params)) throw errors.rulesInvalid();
  const people = await repo.campusPeopleIn(db, body.regionId);
  const ids = [...new Set(people.map((p) => p.personId))];
  const regionRules = new Map<number, RuleParams>();
  for (const p of people) if (!regionRules.has(p.regionId)) regionRules.set(p.regionId, (await rulesFor(db, p.regionId)).params);
  const regionOf = new Map(people.map((p) => [p.personId, p.regionId]));
  let toAdmitted = 0;
  let toNotAdmitted = 0;
  const draft = await computeStatuses(db, ids, body.params, now);
  for (const [rid, params] of regionRules) {
    const mine = ids.filter((id) => regionOf.get(id) === rid);
    const current = await computeStatuses(db, mine, params, now);
    for (const id of mine) {
      const a = current.get(id)!.status;
      const b = draft.get(id)!.status;
      if (a !== b) {
        if (b === 'admitted') toAdmitted++;
        else toNotAdmitted++;
      }
    }
  }
  return { people: ids.length, changes: toAdmitted + toNotAdmitted, toAdmitted, toNotAdmitted };
}

export async function publishRules(db: Db, actor: Actor, body: { regionId: number | null; params: RuleParams }, now: Date) {
  if (!policy.mayEditRules(actor, body.regionId)) throw errors.notFound();
  if (body.regionId !== null && !(await repo.regionExists(db, body.regionId))) throw errors.notFound();
  if (!validateRules(body.params)) throw errors.rulesInvalid();
  return db.transaction(async (tx) => {
    await repo.insertRuleSet(tx, { regionId: body.regionId, params: body.params, by: actor.personId, now });
    // everyone under the new rules gets their status recomputed (and hears of a change)
    const people = await repo.campusPeopleIn(tx, body.regionId);
    const byOrgRegion = new Map<number, number[]>();
    for (const p of people) {
      const list = byOrgRegion.get(p.regionId);
      if (list) list.push(p.personId);
      else byOrgRegion.set(p.regionId, [p.personId]);
    }
    for (const [regionId, ids] of byOrgRegion) await applyStatuses(tx, ids, await rulesFor(tx, regionId), now);
    const r = await rulesFor(tx, body.regionId);
    return { ...r, regionId: body.regionId, publishedAt: r.publishedAt?.toISOString() ?? null };
  });
}

// ── trust, verification, scans ───────────────────────────────────────────────────────────────

export const trustList = trustListOf;
export const revocations = revocationsOf;

/** Online verification: the same checks as the scanner, the same minimal answer (admit, reason, name). */
export async function verifyOnline(db: Queryable, actor: Actor, body: { pass: string; gateId?: number; temperatureC?: number }, now: Date) {
  if (!policy.mayVerify(actor)) throw errors.notFound();
  const own = [...policy.guardOrganisations(actor), ...actor.grants.filter((g) => g.role === 'org_admin').map((g) => g.organisationId!)];
  const trust = await preparedTrust(db, now);
  let out = await verifyPass(body.pass, trust, { now });
  // a pass of an organisation the guard does not serve names nobody
  if (out.claims && !own.includes(out.claims.organisationId)) return { admit: false, reason: 'other_organisation' as const, holderName: null };
  if (out.admit && body.temperatureC !== undefined && out.claims) {
    const threshold = await feverThresholdOf(db, out.claims.organisationId);
    out = withTemperature(out, body.temperatureC, threshold);
    if (out.reason === 'fever') {
      const orgId = out.claims!.organisationId;
      const gate =
        body.gateId === undefined ? null : (await repo.gatesOfOrganisations(db, own)).find((g) => g.id === body.gateId && g.organisationId === orgId);
      if (!gate) throw errors.gateRequired();
      await recordFevers(
        db,
        actor,
        [
          {
            clientId: null,
            gateId: gate.id,
            organisationId: gate.organisationId,
            holder: out.claims!.holder,
            temperatureC: body.temperatureC,
            thresholdC: threshold,
            measuredAt: now.toISOString(),
          },
        ],
        now,
      );
    }
  }
  return { admit: out.admit, reason: out.reason, holderName: out.claims?.name ?? null };
}

/** The fever threshold in force for an organisation (its region's rules, else the country's, else 37.5 °C). */
export async function feverThresholdOf(db: Queryable, organisationId: number): Promise<number> {
  const rules = await rulesFor(db, await repo.organisationRegion(db, organisationId));
  return rules.params.feverThresholdC ?? DEFAULT_FEVER_THRESHOLD_C;
}

type FeverInput = {
  clientId: string | null;
  gateId: number;
  organisationId: number;
  holder: string | null;
  temperatureC: number;
  thresholdC: number;
  measuredAt: string;
};

/** A fever refusal is kept for the health officer (never the reading under the threshold) and each of the organisation's health officers is notified. */
async function recordFevers(db: Queryable, actor: Actor, fevers: FeverInput[], now: Date): Promise<void> {
  if (fevers.length === 0) return;
  const rows = [];
  for (const f of fevers) {
    const personId = f.holder ? await repo.memberOfHolder(db, f.holder, [f.organisationId]) : null;
    rows.push({ ...f, personId, guardId: actor.personId });
  }
  const inserted = await repo.insertFeverEvents(db, rows, now);
  if (inserted.length === 0) return; // an upload seen before
  const byOrg = new Map<number, number>();
  for (const f of fevers) byOrg.set(f.organisationId, (byOrg.get(f.organisationId) ?? 0) + 1);
  for (const [organisationId, count] of byOrg) {
    const officers = await repo.healthOfficersOf(db, organisationId);
    // the notification names no one and no temperature (it may go by SMS): the officer opens the list
    await notify(
      db,
      officers.map((personId) => ({ personId, kind: 'access.fever_at_gate', params: { organisationId, count } })),
      now,
    );
  }
}

export async function guardSetup(db: Queryable, actor: Actor) {
  const orgs = [...new Set([...policy.guardOrganisations(actor), ...actor.grants.filter((g) => g.role === 'org_admin').map((g) => g.organisationId!)])];
  if (!policy.mayVerify(actor)) throw errors.notFound();
  const feverThresholds = [];
  for (const organisationId of orgs) feverThresholds.push({ organisationId, feverThresholdC: await feverThresholdOf(db, organisationId) });
  return { gates: await repo.gatesOfOrganisations(db, orgs), feverThresholds };
}

/** The scanner's log, uploaded when online; a scan already uploaded (same client id) is skipped. */
export async function uploadScans(
  db: Db,
  actor: Actor,
  scans: {
    clientId: string;
    gateId: number;
    direction: 'in' | 'out';
    result: 'admitted' | 'refused';
    reason: string | null;
    holder: string | null;
    replay: boolean;
    scannedAt: string;
    temperatureC?: number;
  }[],
  now: Date,
) {
  const gates = new Map((await repo.gatesOfOrganisations(db, policy.guardOrganisations(actor))).map((g) => [g.id, g]));
  if (scans.some((s) => !gates.has(s.gateId))) throw errors.notFound();
  // the temperature itself is not kept in the scan log; a fever refusal goes to the health officer's list
  const fevers = scans.filter((s) => s.reason === 'fever' && s.temperatureC !== undefined);
  return db.transaction(async (tx) => {
    const accepted = await repo.insertScans(
      tx,
      actor.personId,
      scans.map(({ temperatureC: _t, ...s }) => s),
      now,
    );
    const thresholds = new Map<number, number>();
    for (const f of fevers) {
      const org = gates.get(f.gateId)!.organisationId;
      if (!thresholds.has(org)) thresholds.set(org, await feverThresholdOf(tx, org));
    }
    await recordFevers(
      tx,
      actor,
      fevers.map((f) => ({
        clientId: f.clientId,
        gateId: f.gateId,
        organisationId: gates.get(f.gateId)!.organisationId,
        holder: f.holder,
        temperatureC: f.temperatureC!,
        thresholdC: thresholds.get(gates.get(f.gateId)!.organisationId)!,
        measuredAt: f.scannedAt,
      })),
      now,
    );
    return { accepted, duplicates: scans.length - accepted };
  });
}

/** Fever refusals at the organisation's gates, for its health officer. */
export async function fevers(db: Queryable, actor: Actor, organisationId: number) {
  officerOf(actor, organisationId);
  return { items: await repo.feverEventsOf(db, organisationId, 200) };
}

// ── gate photos (decision 0030) ──────────────────────────────────────────────────────────────

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const PHOTO_MAX_BYTES = 128 * 1024;

/** The file must be the setter's own upload, an image, small enough for a guard's phone to cache many. */
async function photoFile(db: Db, actor: Actor, fileId: string) {
  const file = await findReadableFile({ db, actor, fileId, checks: [] }).catch(() => null);
  if (!file) throw errors.photoNotFound();
  if (!PHOTO_TYPES.includes(file.contentType)) throw errors.photoType();
  if (file.sizeBytes > PHOTO_MAX_BYTES) throw errors.photoTooLarge();
  return file;
}

const photoOut = (p: Awaited<ReturnType<typeof repo.photoOf>>) => ({
  hasPhoto: p !== null,
  hash: p ? p.hash.slice(0, PHOTO_HASH_BYTES * 2) : null,
  setAt: p?.setAt.toISOString() ?? null,
});

export async function myPhoto(db: Queryable, actor: Actor) {
  return photoOut(await repo.photoOf(db, actor.personId));
}

export async function setMyPhoto(db: Db, actor: Actor, fileId: string, now: Date) {
  if ((await repo.campusOrganisationsOf(db, actor.personId)).length === 0) throw errors.noAccess();
  await photoFile(db, actor, fileId);
  await repo.setPhoto(db, actor.personId, fileId, actor.personId, now);
  return myPhoto(db, actor);
}

export async function deleteMyPhoto(db: Queryable, actor: Actor) {
  await repo.deletePhoto(db, actor.personId);
  return myPhoto(db, actor);
}

/** The admin sets a person's photo (a photo taken at the desk, uploaded by the admin). */
export async function setPersonPhoto(db: Db, actor: Actor, organisationId: number, body: { personId: number; fileId: string }, now: Date, ip: string | null) {
  adminOf(actor, organisationId);
  if (!(await repo.isMember(db, organisationId, body.personId))) throw errors.personNotFound();
  await photoFile(db, actor, body.fileId);
  await repo.setPhoto(db, body.personId, body.fileId, actor.personId, now);
  await audit(db, { accountId: actor.accountId, action: 'access.photo_set', ip, details: { organisationId, personId: body.personId } });
  return photoOut(await repo.photoOf(db, body.personId));
}

/** The organisation's people by name, for the admin's residents and photos forms. */
export async function people(db: Queryable, actor: Actor, organisationId: number, q: string | undefined) {
  adminOf(actor, organisationId);
  return { items: await repo.peopleOf(db, organisationId, q, 50) };
}

/** What a guard's phone caches: holders of its organisations with a photo (capped; the newest first). */
export async function guardPhotos(db: Queryable, actor: Actor, now: Date) {
  const orgs = policy.guardOrganisations(actor);
  if (orgs.length === 0) throw errors.notFound();
  return {
    items: (await repo.photosOfOrganisations(db, orgs, 5000)).map((p) => ({ holder: p.holder, hash: p.hash.slice(0, PHOTO_HASH_BYTES * 2) })),
    generatedAt: now.toISOString(),
  };
}

/** A photo's bytes: the person themself, or a guard of one of the person's organisations (by holder). */
export async function photoBytes(db: Db, store: FileStore, actor: Actor, who: { holder: string } | 'me') {
  let personId: number | null;
  if (who === 'me') personId = actor.personId;
  else {
    const orgs = policy.guardOrganisations(actor);
    personId = orgs.length === 0 ? null : await repo.memberOfHolder(db, who.holder, orgs);
  }
  const photo = personId === null ? null : await repo.photoOf(db, personId);
  if (!photo) throw errors.photoNotFound();
  // access has authorised the read above; the files module finds and opens the bytes
  const file = await findReadableFile({ db, actor, fileId: photo.fileId, checks: [async () => true] });
  return { file, stream: await openStored(store, file) };
}

// ── the admin: buildings, gates, dormitories, keys ──────────────────────────────────────────

function adminOf(actor: Actor, organisationId: number) {
  if (!policy.isAdminOf(actor, organisationId)) throw errors.organisationNotFound();
}
function startOfDay(now: Date): Date {
  return new Date(now.getTime() - 12 * 3_600_000);
}

export async function buildings(db: Queryable, actor: Actor, organisationId: number, now: Date) {
  adminOf(actor, organisationId);
  const [list, occ] = await Promise.all([repo.buildingsOf(db, organisationId), repo.occupancyOf(db, organisationId, startOfDay(now))]);
  const inside = new Map(occ.map((o) => [o.buildingId, o.inside]));
  return { items: list.map((b) => ({ ...b, inside: inside.get(b.id) ?? 0 })) };
}

export async function addBuilding(db: Queryable, actor: Actor, organisationId: number, body: { name: string; kind: string; capacity: number }, now: Date) {
  adminOf(actor, organisationId);
  const id = await repo.insertBuilding(db, { organisationId, ...body });
  if (id === null) throw errors.duplicateName();
  return (await buildings(db, actor, organisationId, now)).items.find((b) => b.id === id)!;
}

async function buildingOfAdmin(db: Queryable, actor: Actor, buildingId: number) {
  const b = await repo.buildingById(db, buildingId);
  if (!b || !policy.isAdminOf(actor, b.organisationId)) throw errors.buildingNotFound();
  return b;
}

export async function addGate(db: Queryable, actor: Actor, buildingId: number, name: string, now: Date) {
  const b = await buildingOfAdmin(db, actor, buildingId);
  if ((await repo.insertGate(db, buildingId, name)) === null) throw errors.duplicateName();
  return (await buildings(db, actor, b.organisationId, now)).items.find((x) => x.id === buildingId)!;
}

export async function rooms(db: Queryable, actor: Actor, buildingId: number) {
  await buildingOfAdmin(db, actor, buildingId);
  return { items: await repo.roomsOf(db, buildingId) } as { items: never[] };
}

export async function addRoom(db: Queryable, actor: Actor, buildingId: number, body: { number: string; beds: number }) {
  const b = await buildingOfAdmin(db, actor, buildingId);
  if (b.kind !== 'dormitory') throw errors.buildingNotFound();
  if ((await repo.insertRoom(db, buildingId, body.number, body.beds)) === null) throw errors.duplicateName();
  return rooms(db, actor, buildingId);
}

/** A student moves into a dormitory room: a bed must be free, and (from August 2021) the status admitted. */
export async function addResident(db: Db, actor: Actor, roomId: number, body: { personId: number; fromDate: string }, now: Date) {
  return db.transaction(async (tx) => {
    const room = await repo.roomById(tx, roomId, true);
    if (!room || !policy.isAdminOf(actor, room.organisationId)) throw errors.roomNotFound();
    if (!(await repo.isMember(tx, room.organisationId, body.personId))) throw errors.personNotFound();
    if (room.taken >= room.beds) throw errors.roomFull();
    const rules = await rulesFor(tx, await repo.organisationRegion(tx, room.organisationId));
    const status = (await computeStatuses(tx, [body.personId], rules.params, now)).get(body.personId)!;
    if (status.status !== 'admitted') throw errors.notAdmittedForDormitory();
    if ((await repo.insertResident(tx, roomId, body.personId, body.fromDate, actor.personId)) === null) throw errors.alreadyResident();
    await recomputeStatuses(tx, [body.personId], room.organisationId, now);
    return rooms(tx, actor, room.buildingId);
  });
}

export async function entrances(db: Queryable, actor: Actor, organisationId: number, q: { gateId?: number; limit: number }) {
  if (!policy.mayReadEntrances(actor, organisationId)) throw errors.organisationNotFound();
  return { items: await repo.entranceLog(db, organisationId, q.gateId, q.limit) };
}

export async function occupancy(db: Queryable, actor: Actor, organisationId: number, now: Date) {
  if (!policy.mayReadEntrances(actor, organisationId)) throw errors.organisationNotFound();
  return { items: await repo.occupancyOf(db, organisationId, startOfDay(now)) };
}

const keyOut = (k: repo.KeyRow) => ({
  id: k.id,
  kid: toBase64Url(k.kid),
  createdAt: k.createdAt.toISOString(),
  retiredAt: k.retiredAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

export async function keys(db: Queryable, actor: Actor, organisationId: number) {
  adminOf(actor, organisationId);
  return { items: (await repo.keysOf(db, organisationId)).map(keyOut) };
}

/** A new signing key; the old one stops signing but stays trusted until the passes it signed expire. */
export async function rotateKey(db: Db, actor: Actor, organisationId: number, now: Date, ip: string | null) {
  adminOf(actor, organisationId);
  await db.transaction(async (tx) => {
    await repo.retireKeys(tx, organisationId, now);
    await repo.insertKey(tx, { organisationId, ...newKeyMaterial(), now });
    await audit(tx, { accountId: actor.accountId, action: 'access.key_rotated', ip, details: { organisationId } });
  });
  dropTrustCache();
  return keys(db, actor, organisationId);
}

export async function revokeKey(db: Db, actor: Actor, id: number, reason: string, now: Date, ip: string | null) {
  const key = await repo.keyById(db, id);
  if (!key || !policy.isAdminOf(actor, key.organisationId)) throw errors.keyNotFound();
  if (!(await repo.revokeKey(db, id, reason, now))) throw errors.alreadyRevoked();
  await audit(db, { accountId: actor.accountId, action: 'access.key_revoked', ip, details: { keyId: id } });
  dropTrustCache();
  return keyOut((await repo.keyById(db, id))!);
}

/** Puts a person's passes on the revocation list (a lost phone, a person who left). */
export async function revokeHolder(
  db: Queryable,
  actor: Actor,
  organisationId: number,
  body: { personId: number; reason: string },
  now: Date,
  ip: string | null,
) {
  if (!policy.mayRevokeHolder(actor, organisationId)) throw errors.organisationNotFound();
  if (!(await repo.isMember(db, organisationId, body.personId))) throw errors.personNotFound();
  const holder = (await repo.holderOf(db, body.personId)) ?? (await repo.insertHolder(db, body.personId, toBase64Url(randomBytes(12)), now));
  if (!(await repo.revokeHolder(db, holder, body.reason, actor.personId, now))) throw errors.alreadyRevoked();
  await audit(db, { accountId: actor.accountId, action: 'access.holder_revoked', ip, details: { organisationId, personId: body.personId } });
  dropTrustCache();
  return { ok: true as const };
}

// ── aggregates for analytics ─────────────────────────────────────────────────────────────────

export type { PassStatusCounts, OrganisationScope } from './access.repository.js';

/**
 * Pass figures of the campus organisations in a scope (the country, a region, a district or one
 * organisation), for analytics' dashboards: people by stored status (the blocked by reason category)
 * and gate scans admitted/refused by weekday between two school days (inclusive; a school day runs
 * from midnight +06, as the platform clock's and analytics' school day).
 * Counts only, never a person or a record. No authorisation here: the caller (analytics) has checked
 * that the area is the actor's and suppresses small numbers.
 */
export async function passFigures(db: Queryable, scope: repo.OrganisationScope, range: { from: string; to: string }) {
  const since = new Date(`${range.from}T00:00:00+06:00`);
  const until = new Date(Date.parse(`${range.to}T00:00:00+06:00`) + 86_400_000);
  const [statuses, scans] = await Promise.all([repo.passStatusCounts(db, scope), repo.gateScanCounts(db, scope, since, until)]);
  return { statuses, scans };
}

/** May this actor read the organisation's health statuses person by person (its health officer)? */
export const mayReadHealthOf = (actor: Actor, organisationId: number) => policy.isHealthOfficerOf(actor, organisationId);
