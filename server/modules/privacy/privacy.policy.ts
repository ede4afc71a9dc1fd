import { hasRole, organisationsWhere, type Actor } from '../identity/identity.actor.js';

/** The people whose data the actor may export, consent for, or ask to erase: themselves and, for a parent, their children. */
export function mayActFor(actor: Actor, personId: number): boolean {
  return personId === actor.personId || actor.childIds.includes(personId);
}

/** Who decides an erasure request: the admin of the organisation holding the records, or the ministry for people of no organisation. */
export function mayDecide(actor: Actor, request: { organisationId: number | null }): boolean {
  if (request.organisationId === null) return hasRole(actor, 'ministry_officer');
  return organisationsWhere(actor, 'org_admin').includes(request.organisationId);
}

export function mayListRequestsOf(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'org_admin').includes(organisationId);
}

/**
 * A read of a pupil's or a class's personal data is part of the actor's daily work when the data is
 * their own, their child's, or of a class they teach or lead; anything else (an admin or officer
 * reading one pupil, a whole class's journal, an organisation-wide list) is logged.
 */
export function isDailyWork(actor: Actor, subject: { pupilId?: number; classIds: number[] }): boolean {
  if (subject.pupilId !== undefined && mayActFor(actor, subject.pupilId)) return true;
  if (subject.classIds.length === 0) return false;
  const mine = new Set([...actor.homeroomClassIds, ...actor.taught.map((t) => t.classId), ...actor.pupilClassIds, ...actor.childClassIds]);
  return subject.classIds.some((c) => mine.has(c));
}
