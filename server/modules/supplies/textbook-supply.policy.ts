import { hasRole, officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

/** Textbook supply: who orders, plans, dispatches, receives and watches. */

/** Purchase orders and the dispatch plan of a region: its region officers and the ministry. */
export function canOrderFor(actor: Actor, regionId: number): boolean {
  return hasRole(actor, 'ministry_officer') || actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId);
}

/** Marking a dispatch as sent: any officer whose area holds the receiving school (district included). */
export function canSend(actor: Actor, school: { regionId: number; districtId: number }): boolean {
  return officerCovers(actor, school);
}

/** Deliveries are recorded by the receiving school's admin. */
export function canReceive(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'org_admin').includes(organisationId);
}

/** E-versions are national: the ministry and region officers (acting for the publisher) upload them. */
export function canUploadEVersion(actor: Actor): boolean {
  return hasRole(actor, 'ministry_officer') || hasRole(actor, 'region_officer');
}

/** The officer's areas: everything (ministry), regions, districts. */
export function officerAreas(actor: Actor): { all: boolean; regions: number[]; districts: number[] } {
  return {
    all: hasRole(actor, 'ministry_officer'),
    regions: actor.grants.filter((g) => g.role === 'region_officer').map((g) => g.regionId!),
    districts: actor.grants.filter((g) => g.role === 'district_officer').map((g) => g.districtId!),
  };
}
