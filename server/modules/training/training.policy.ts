import type { Actor } from '../identity/identity.actor.js';

/** Who may do what in training. Pure: each function answers for one object. */

export function canCreateCourse(actor: Actor): boolean {
  return actor.grants.some((g) => g.role === 'ministry_officer');
}

/** The organisations where the actor teaches (self-enrolment goes through the first). */
export function teacherOrganisations(actor: Actor): number[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'teacher' && g.organisationId !== null).map((g) => g.organisationId!))].sort((a, b) => a - b);
}

export function isOrgAdmin(actor: Actor, organisationId: number): boolean {
  return actor.grants.some((g) => g.role === 'org_admin' && g.organisationId === organisationId);
}

/** An enrolment: the teacher themselves, or the admin of the organisation they were enrolled through. */
export function canSeeEnrolment(actor: Actor, e: { teacherId: number; organisationId: number }): boolean {
  return e.teacherId === Number(actor.personId) || isOrgAdmin(actor, e.organisationId);
}
