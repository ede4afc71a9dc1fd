import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { audit } from '../identity/identity.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import type { ConsentPurpose, PersonalExport } from '../../../contracts/privacy.js';
import { CONTRIBUTORS } from './privacy.contributors.js';
import type { ErasureOutcome } from './privacy.contributor.js';
import * as errors from './privacy.errors.js';
import { mayActFor, mayDecide, mayListRequestsOf } from './privacy.policy.js';
import * as repo from './privacy.repository.js';
import { schoolRecordsUntil } from './privacy.rules.js';

// ── consent: the use cases other modules call ────────────────────────────────────────────────

/** Does the person have an active consent for the purpose? (e.g. the campus pass: 'health_status_for_access') */
export async function hasConsent(db: Queryable, personId: number, purpose: ConsentPurpose): Promise<boolean> {
  return (await repo.activeConsent(db, personId, purpose)) !== null;
}

/** Records a consent given by `givenBy` (the person, or a parent for a child); the id of the active consent. */
export async function recordConsent(
  db: Queryable,
  c: { personId: number; purpose: ConsentPurpose; givenBy: number; now: Date },
): Promise<{ id: number; created: boolean }> {
  const id = await repo.insertConsent(db, { personId: c.personId, purpose: c.purpose, givenBy: c.givenBy, at: c.now });
  if (id !== null) return { id, created: true };
  return { id: (await repo.activeConsent(db, c.personId, c.purpose))!, created: false };
}

/** Withdraws the person's active consent for the purpose; false when there was none. */
export async function withdrawConsent(db: Queryable, c: { personId: number; purpose: ConsentPurpose; by: number; now: Date }): Promise<boolean> {
  const id = await repo.activeConsent(db, c.personId, c.purpose);
  return id !== null && repo.withdrawConsentRow(db, id, c.by, c.now);
}

// ── consent through the API ──────────────────────────────────────────────────────────────────

const peopleOf = (actor: Actor) => [actor.personId, ...actor.childIds];

export async function myConsents(db: Queryable, actor: Actor) {
  return { items: await repo.consentsOf(db, peopleOf(actor)) };
}

export async function giveConsent(db: Queryable, actor: Actor, body: { personId: number; purpose: ConsentPurpose }, now: Date, ip: string | null) {
  if (!mayActFor(actor, body.personId)) throw errors.personNotFound();
  const r = await recordConsent(db, { personId: body.personId, purpose: body.purpose, givenBy: actor.personId, now });
  if (!r.created) throw errors.consentExists();
  await audit(db, {
    accountId: actor.accountId,
    action: 'privacy.consent_given',
    ip,
    details: { consentId: r.id, personId: body.personId, purpose: body.purpose },
  });
  return (await repo.consentById(db, r.id))!;
}

export async function withdrawById(db: Queryable, actor: Actor, id: number, now: Date, ip: string | null) {
  const consent = await repo.consentById(db, id);
  if (!consent || !mayActFor(actor, consent.personId)) throw errors.consentNotFound();
  if (!(await repo.withdrawConsentRow(db, id, actor.personId, now))) throw errors.consentWithdrawn();
  await audit(db, {
    accountId: actor.accountId,
    action: 'privacy.consent_withdrawn',
    ip,
    details: { consentId: id, personId: consent.personId, purpose: consent.purpose },
  });
  return (await repo.consentById(db, id))!;
}

// ── export ───────────────────────────────────────────────────────────────────────────────────

/** Everything Sabaq holds about the signed-in person and, for a parent, each child: every contributor's part. */
export async function exportMyData(db: Queryable, actor: Actor, now: Date, ip: string | null): Promise<PersonalExport> {
  const people: PersonalExport['people'] = [];
  for (const [personId, relation] of [[actor.personId, 'self'], ...actor.childIds.map((c) => [c, 'child'])] as [number, 'self' | 'child'][]) {
    const modules: Record<string, Record<string, unknown>> = {};
    for (const c of CONTRIBUTORS) modules[c.module] = await c.export(db, personId);
    people.push({ personId, relation, modules });
  }
  await audit(db, { accountId: actor.accountId, action: 'privacy.export', ip, details: { personIds: people.map((p) => p.personId) } });
  return { generatedAt: now.toISOString(), format: 'sabaq.personal-data.v1', people: JSON.parse(JSON.stringify(people)) };
}

// ── erasure ──────────────────────────────────────────────────────────────────────────────────

export async function myErasureRequests(db: Queryable, actor: Actor, retentionYears: number) {
  return { items: await repo.erasureRequestsAbout(db, peopleOf(actor)), retentionYears };
}

export async function requestErasure(db: Db, actor: Actor, body: { personId: number; reason?: string }, now: Date, ip: string | null) {
  if (!mayActFor(actor, body.personId)) throw errors.personNotFound();
  const organisationId = await repo.organisationOfRecords(db, body.personId);
  const id = await repo.insertErasureRequest(db, {
    personId: body.personId,
    requestedBy: actor.personId,
    organisationId,
    reason: body.reason ?? null,
    at: now,
  });
  if (id === null) throw errors.requestPending();
  await audit(db, { accountId: actor.accountId, action: 'privacy.erasure_requested', ip, details: { requestId: id, personId: body.personId } });
  return (await repo.erasureRequestById(db, id))!;
}

export async function organisationRequests(db: Queryable, actor: Actor, organisationId: number, status: string | undefined, retentionYears: number) {
  if (!mayListRequestsOf(actor, organisationId)) throw errors.organisationNotFound();
  return { items: await repo.erasureRequestsOfOrganisation(db, organisationId, status), retentionYears };
}

/**
 * The admin decides. Approve: every contributor erases what the retention rules let go (school
 * records stay until `schoolRecordsUntil`), in one transaction; the outcome is kept on the request
 * and the person (or the parent who asked) is notified. Refuse: a reason is required and shown.
 */
export async function decideErasure(
  db: Db,
  actor: Actor,
  id: number,
  body: { decision: 'approve' | 'refuse'; note: string },
  now: Date,
  ip: string | null,
  retentionYears: number,
) {
  return db.transaction(async (tx) => {
    const request = await repo.erasureRequestById(tx, id, true);
    if (!request || !mayDecide(actor, request)) throw errors.requestNotFound();
    if (request.status !== 'pending') throw errors.requestDecided();
    let outcome: ErasureOutcome[] | null = null;
    if (body.decision === 'approve') {
      const until = schoolRecordsUntil(await repo.lastRecordYearEnd(tx, request.personId), now.toISOString().slice(0, 10), retentionYears);
      outcome = [];
      for (const c of CONTRIBUTORS) {
        if (c.erase) outcome.push(...(await c.erase(tx, request.personId, { now, schoolRecordsUntil: until })));
        else if (c.keptBecause) outcome.push({ module: c.module, action: 'kept', what: c.keptBecause, count: 0, keptUntil: until });
      }
    }
    await repo.decideErasureRequest(tx, {
      id,
      status: body.decision === 'approve' ? 'done' : 'refused',
      by: actor.personId,
      at: now,
      note: body.note,
      outcome,
    });
    await audit(tx, {
      accountId: actor.accountId,
      action: 'privacy.erasure_decided',
      ip,
      details: { requestId: id, personId: request.personId, decision: body.decision },
    });
    // the person who asked hears the outcome (an erased person's own account no longer signs in, so a parent who asked for a child is told)
    const requester = (request.requestedBy as { id: number }).id;
    await notify(tx, [{ personId: requester, kind: 'privacy.erasure_decided', params: { requestId: id, decision: body.decision } }], now);
    return (await repo.erasureRequestById(tx, id))!;
  });
}
