import { hasRole, officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

export interface OrgNode {
  id: number;
  districtId: number;
  regionId: number;
}

/** A parent declares and sees only their own children's needs and household. */
export function isParentOf(actor: Actor, childId: number): boolean {
  return actor.childIds.includes(childId);
}

/** The organisation's admin keeps its census, stock, runs, loans and appeals. */
export function canManage(actor: Actor, org: { id: number }): boolean {
  return organisationsWhere(actor, 'org_admin').includes(org.id);
}

/** Officers of the area (or above) read figures and run allocations for their area; names stay with the school. */
export function covers(actor: Actor, org: OrgNode): boolean {
  return officerCovers(actor, org);
}

export function isOfficer(actor: Actor): boolean {
  return hasRole(actor, 'ministry_officer') || hasRole(actor, 'region_officer') || hasRole(actor, 'district_officer');
}

/** A district (or region, ministry) officer moves stock between organisations of their area. */
export function canTransfer(actor: Actor, from: OrgNode, to: OrgNode): boolean {
  return officerCovers(actor, from) && officerCovers(actor, to);
}

/** The ministry publishes the country's rules; a region's officer (or the ministry) the region's own. */
export function canPublishRules(actor: Actor, regionId: number | null): boolean {
  if (hasRole(actor, 'ministry_officer')) return true;
  return regionId !== null && actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId);
}

/** A run over an area: its officers (or above); over one organisation also its admin. */
export function canRunFor(
  actor: Actor,
  level: 'organisation' | 'district' | 'region',
  node: { id: number; districtId: number | null; regionId: number },
): boolean {
  if (level === 'organisation') return canManage(actor, node) || officerCovers(actor, { districtId: node.districtId!, regionId: node.regionId });
  return actor.grants.some(
    (g) =>
      g.role === 'ministry_officer' ||
      (g.role === 'region_officer' && g.regionId === node.regionId) ||
      (level === 'district' && g.role === 'district_officer' && g.districtId === node.id),
  );
}
