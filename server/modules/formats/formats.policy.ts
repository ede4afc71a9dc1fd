import type { AreaLevel } from '../../../contracts/formats.js';
import { hasRole, officerCovers, type Actor } from '../identity/identity.actor.js';

/** A node of the area tree with the ids above it (null above the country). */
export interface AreaNode {
  level: AreaLevel;
  id: number | null;
  regionId: number | null;
  districtId: number | null;
  settlementId: number | null;
}

export interface OrgNode {
  id: number;
  districtId: number;
  regionId: number;
}

export function isOfficer(actor: Actor): boolean {
  return hasRole(actor, 'ministry_officer') || hasRole(actor, 'region_officer') || hasRole(actor, 'district_officer');
}

/** The officer of the area or of an area above it records its situation (a ministry officer: anywhere). */
export function canRecordSituation(actor: Actor, area: AreaNode): boolean {
  return actor.grants.some(
    (g) =>
      g.role === 'ministry_officer' ||
      (g.role === 'region_officer' && area.level !== 'country' && area.regionId === g.regionId) ||
      (g.role === 'district_officer' && (area.level === 'district' || area.level === 'settlement') && area.districtId === g.districtId),
  );
}

/**
 * Officers read their own areas and the areas above them (whose decrees they inherit).
 * `districtRegionIds`: the regions of the actor's districts (a district grant names no region).
 */
export function canReadArea(actor: Actor, area: AreaNode, districtRegionIds: number[]): boolean {
  if (canRecordSituation(actor, area)) return true;
  if (!isOfficer(actor)) return false;
  if (area.level === 'country') return true;
  return area.level === 'region' && area.regionId !== null && districtRegionIds.includes(area.regionId);
}

/**
 * Publishing a rule set: the country's by the ministry; a region's by the ministry or that region's
 * officer, and only while the setting lets regions have their own. 'hidden': answer 404.
 */
export function rulePublishing(
  actor: Actor,
  regionId: number | null,
  regionsMayEditRules: boolean,
  districtRegionIds: number[],
): 'allowed' | 'disabled' | 'forbidden' | 'hidden' {
  if (!isOfficer(actor)) return 'hidden';
  if (regionId === null) return hasRole(actor, 'ministry_officer') ? 'allowed' : 'forbidden';
  const mine = hasRole(actor, 'ministry_officer') || actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId);
  if (!mine) return canReadRuleSets(actor, regionId, districtRegionIds) ? 'forbidden' : 'hidden';
  return regionsMayEditRules ? 'allowed' : 'disabled';
}

/** Officers read the country's rules and those of their own region (`districtRegionIds`: see canReadArea). */
export function canReadRuleSets(actor: Actor, regionId: number | null, districtRegionIds: number[] = []): boolean {
  if (!isOfficer(actor)) return false;
  if (regionId === null || hasRole(actor, 'ministry_officer')) return true;
  return actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId) || districtRegionIds.includes(regionId);
}

/** Officers override decisions of organisations in their area. */
export function canOverride(actor: Actor, org: OrgNode): boolean {
  return officerCovers(actor, org);
}

/**
 * How much of an organisation's formats an actor sees: 'all' classes (its officers, admin and
 * staff), only 'own' classes (pupils and parents: their / their children's classes), or 'none' (404).
 */
export function decisionAccess(actor: Actor, org: OrgNode): 'all' | 'own' | 'none' {
  if (officerCovers(actor, org)) return 'all';
  if (actor.grants.some((g) => ['org_admin', 'teacher', 'homeroom'].includes(g.role) && g.organisationId === org.id)) return 'all';
  if (actor.grants.some((g) => ['pupil', 'parent'].includes(g.role) && g.organisationId === org.id)) return 'own';
  return 'none';
}

/** The classes an actor with 'own' access sees. */
export function ownClassIds(actor: Actor): number[] {
  return [...new Set([...actor.pupilClassIds, ...actor.childClassIds])];
}

/** The part of the country an officer's lists cover. */
export function officerScope(actor: Actor): { all: boolean; regionIds: number[]; districtIds: number[] } {
  const s = { all: false, regionIds: [] as number[], districtIds: [] as number[] };
  for (const g of actor.grants) {
    if (g.role === 'ministry_officer') s.all = true;
    else if (g.role === 'region_officer' && g.regionId !== null) s.regionIds.push(g.regionId);
    else if (g.role === 'district_officer' && g.districtId !== null) s.districtIds.push(g.districtId);
  }
  return s;
}
