import { officerCovers, organisationsWhere, type Actor } from '../identity/identity.actor.js';

/**
 * Who may do what with a broadcast meeting. A school-wide one is organised by the school's admin; a
 * district-wide one by an officer whose area covers the district. Its audience: parents whose children
 * are in that school (or in a school of that district). Everyone else: 404, like a missing meeting.
 */
export type BroadcastPart = 'host' | 'viewer' | 'none';

export interface BroadcastScope {
  scope: 'school' | 'district';
  organisationId: number | null;
  districtId: number;
  regionId: number;
  createdBy?: number;
}

export function canOrganiseBroadcast(actor: Actor, s: BroadcastScope): boolean {
  if (s.scope === 'school') return s.organisationId !== null && organisationsWhere(actor, 'org_admin').includes(s.organisationId);
  return officerCovers(actor, { regionId: s.regionId, districtId: s.districtId });
}

/** `inAudience`: the repository's answer whether the actor's children are in the school / district. */
export function broadcastPart(actor: Actor, s: BroadcastScope, inAudience: boolean): BroadcastPart {
  if (s.createdBy === actor.personId || canOrganiseBroadcast(actor, s)) return 'host';
  return inAudience ? 'viewer' : 'none';
}

/** The districts whose district-wide broadcasts an officer lists (district officers; others see those they made). */
export function officerDistricts(actor: Actor): number[] {
  return actor.grants.filter((g) => g.role === 'district_officer' && g.districtId !== null).map((g) => g.districtId!);
}
