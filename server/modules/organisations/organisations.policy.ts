import { officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

export interface OrgNode {
  id: number;
  districtId: number;
  regionId: number;
}

export interface ClassNode {
  id: number;
  organisation: OrgNode;
}

/** Roles whose grant names an organisation they belong to (study, work, have a child at, guard). */
const MEMBER_ROLES = ['pupil', 'parent', 'teacher', 'homeroom', 'org_admin', 'gate_guard'] as const;

export function canReadOrganisation(actor: Actor, org: OrgNode): boolean {
  if (officerCovers(actor, org)) return true;
  return actor.grants.some((g) => (MEMBER_ROLES as readonly string[]).includes(g.role) && g.organisationId === org.id);
}

export function canManageOrganisation(actor: Actor, org: OrgNode): boolean {
  return organisationsWhere(actor, 'org_admin').includes(org.id);
}

/**
 * How much of a class an actor may see:
 *  - 'roster': the class and its pupils' names — the organisation's admin, the class's teachers and
 *    homeroom teacher, its pupils and their parents;
 *  - 'summary': the class and its size, no names — officers whose area holds it (they work with totals);
 *  - 'none': answered as 404.
 */
export function classAccess(actor: Actor, cls: ClassNode): 'roster' | 'summary' | 'none' {
  if (canManageOrganisation(actor, cls.organisation)) return 'roster';
  if (actor.taught.some((t) => t.classId === cls.id)) return 'roster';
  if (actor.homeroomClassIds.includes(cls.id)) return 'roster';
  if (actor.pupilClassIds.includes(cls.id)) return 'roster';
  if (actor.childClassIds.includes(cls.id)) return 'roster';
  if (officerCovers(actor, cls.organisation)) return 'summary';
  return 'none';
}

/** Which classes of an organisation an actor may list: all of them, some ids, or none. */
export function listableClasses(actor: Actor, org: OrgNode): 'all' | number[] | 'none' {
  if (canManageOrganisation(actor, org) || officerCovers(actor, org)) return 'all';
  const ids = new Set<number>([...actor.taught.map((t) => t.classId), ...actor.homeroomClassIds, ...actor.pupilClassIds, ...actor.childClassIds]);
  const member = actor.grants.some((g) => ['pupil', 'parent', 'teacher', 'homeroom'].includes(g.role) && g.organisationId === org.id);
  return member ? [...ids] : 'none';
}

/** A printed class list (names and birth dates): the organisation's admin, the class's teachers and homeroom teacher. */
export function canPrintClassList(actor: Actor, cls: ClassNode): boolean {
  return canManageOrganisation(actor, cls.organisation) || actor.taught.some((t) => t.classId === cls.id) || actor.homeroomClassIds.includes(cls.id);
}
