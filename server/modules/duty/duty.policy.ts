import { hasRole, officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

export interface OrgNode {
  id: number;
  districtId: number;
  regionId: number;
}

/** A parent applies for, sees and withdraws only their own children's applications. */
export function isParentOf(actor: Actor, childId: number): boolean {
  return actor.childIds.includes(childId);
}

/** The organisation's admin opens windows, runs the grouping and moves children. */
export function canManageDuty(actor: Actor, org: OrgNode): boolean {
  return organisationsWhere(actor, 'org_admin').includes(org.id);
}

/** Officers work with totals only (children's names stay with the school): see `officerScope`. */
export function coversForTotals(actor: Actor, org: OrgNode): boolean {
  return officerCovers(actor, org);
}

export function isOfficer(actor: Actor): boolean {
  return hasRole(actor, 'ministry_officer') || hasRole(actor, 'region_officer') || hasRole(actor, 'district_officer');
}

/** The ministry sets the country's defaults; a region's officer (or the ministry) sets the region's own. */
export function canEditSettings(actor: Actor, regionId: number | null): boolean {
  if (hasRole(actor, 'ministry_officer')) return true;
  return regionId !== null && actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId);
}

export function officerScope(actor: Actor): { all: boolean; regionIds: number[]; districtIds: number[] } {
  const s = { all: false, regionIds: [] as number[], districtIds: [] as number[] };
  for (const g of actor.grants) {
    if (g.role === 'ministry_officer') s.all = true;
    else if (g.role === 'region_officer' && g.regionId !== null) s.regionIds.push(g.regionId);
    else if (g.role === 'district_officer' && g.districtId !== null) s.districtIds.push(g.districtId);
  }
  return s;
}
