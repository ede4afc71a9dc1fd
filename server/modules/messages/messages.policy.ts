import type { Actor } from '../identity/identity.actor.js';
import { organisationsWhere } from '../identity/identity.actor.js';

/**
 * Who may write about a child: their parent (to the child's teachers and homeroom teacher), or a
 * teacher or homeroom teacher of the child's class (to the child's parents). Null: neither (404).
 */
export function sideFor(actor: Actor, pupilId: number, teachesPupil: boolean): 'family' | 'staff' | null {
  if (actor.childIds.includes(pupilId)) return 'family';
  return teachesPupil ? 'staff' : null;
}

/** The classes the actor teaches or leads. */
export function staffClassIds(actor: Actor): number[] {
  return [...new Set([...actor.taught.map((t) => t.classId), ...actor.homeroomClassIds])];
}

/** School-wide announcements are posted by the organisation's administrators. */
export function canAnnounce(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'org_admin').includes(organisationId);
}

/** The organisations whose announcements the actor reads: every one they hold a role in. */
export function announcementOrganisations(actor: Actor): number[] {
  return [...new Set(actor.grants.filter((g) => g.organisationId !== null).map((g) => g.organisationId!))];
}
