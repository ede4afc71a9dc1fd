import { officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

export interface Node {
  districtId: number;
  regionId: number;
}

/** Officers of the area (district: their district; region: their region; the ministry: all) read and edit the register. */
export function coversArea(actor: Actor, node: Node): boolean {
  return officerCovers(actor, node);
}

/** A region's officers and the ministry read a whole region. */
export function coversRegion(actor: Actor, regionId: number): boolean {
  return actor.grants.some((g) => g.role === 'ministry_officer' || (g.role === 'region_officer' && g.regionId === regionId));
}

/**
 * Who sees the named list of a school's cut-off pupils: its admin (every class), a homeroom teacher
 * (their own classes). Officers of the area see counts only; anyone else: not found.
 */
export function namedAccess(actor: Actor, org: { id: number } & Node): { names: 'all' | number[] | null; counts: boolean } {
  if (organisationsWhere(actor, 'org_admin').includes(org.id)) return { names: 'all', counts: true };
  const homeroom = actor.grants.some((g) => g.role === 'homeroom' && g.organisationId === org.id);
  if (homeroom && actor.homeroomClassIds.length > 0) return { names: actor.homeroomClassIds, counts: false };
  if (officerCovers(actor, org)) return { names: null, counts: true };
  return { names: null, counts: false };
}
