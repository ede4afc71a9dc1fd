import type { Actor } from '../identity/identity.actor.js';

/** Who may do what in quality. Pure: each function answers for one organisation. */

export interface OrgScope {
  id: number;
  districtId: number;
  regionId: number;
}

export const isMinistry = (actor: Actor) => actor.grants.some((g) => g.role === 'ministry_officer');
export const isOrgAdmin = (actor: Actor, orgId: number) => actor.grants.some((g) => g.role === 'org_admin' && g.organisationId === orgId);
const isDistrictOfficer = (actor: Actor, o: OrgScope) => actor.grants.some((g) => g.role === 'district_officer' && g.districtId === o.districtId);
const isRegionOfficer = (actor: Actor, o: OrgScope) => actor.grants.some((g) => g.role === 'region_officer' && g.regionId === o.regionId);

/** Sees the organisation's assessments: its admin, the officers of its district and region, the ministry. */
export function canSee(actor: Actor, o: OrgScope): boolean {
  return isOrgAdmin(actor, o.id) || isDistrictOfficer(actor, o) || isRegionOfficer(actor, o) || isMinistry(actor);
}

/** Fills in and submits: the organisation's admin only. */
export const canEdit = (actor: Actor, o: OrgScope) => isOrgAdmin(actor, o.id);

/** Reviews: the officers of the organisation's district and the ministry (the region reads only). */
export const canReview = (actor: Actor, o: OrgScope) => isDistrictOfficer(actor, o) || isMinistry(actor);

export const canPublishFramework = isMinistry;

/** The areas whose assessments the officer lists: null for the ministry (everything). */
export function officerAreas(actor: Actor): { districts: number[]; regions: number[] } | null {
  if (isMinistry(actor)) return null;
  const districts = actor.grants.filter((g) => g.role === 'district_officer' && g.districtId !== null).map((g) => g.districtId!);
  const regions = actor.grants.filter((g) => g.role === 'region_officer' && g.regionId !== null).map((g) => g.regionId!);
  return { districts, regions };
}
