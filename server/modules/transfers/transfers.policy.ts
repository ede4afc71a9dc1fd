import { organisationsWhere, type Actor } from '../identity/identity.actor.js';
import { deciderFor, type Decider } from './transfers.rules.js';

/** A transfer as the policy sees it: the two organisations and the current one's district. */
export interface TransferScope {
  fromOrganisationId: number;
  fromDistrictId: number;
  toOrganisationId: number;
  overdue: boolean;
}

export const isAdminOf = (actor: Actor, organisationId: number) => organisationsWhere(actor, 'org_admin').includes(organisationId);

export const isDistrictOfficerOf = (actor: Actor, districtId: number) => actor.grants.some((g) => g.role === 'district_officer' && g.districtId === districtId);

/** The receiving school's admin asks for a pupil. */
export function canRequestInto(actor: Actor, organisationId: number): boolean {
  return isAdminOf(actor, organisationId);
}

/** Both schools' admins and the current school's district officers see a transfer; anyone else gets 404. */
export function canSee(actor: Actor, t: TransferScope): boolean {
  return isAdminOf(actor, t.fromOrganisationId) || isAdminOf(actor, t.toOrganisationId) || isDistrictOfficerOf(actor, t.fromDistrictId);
}

export function decider(actor: Actor, t: TransferScope): Decider {
  return deciderFor({
    isFromAdmin: isAdminOf(actor, t.fromOrganisationId),
    isFromDistrictOfficer: isDistrictOfficerOf(actor, t.fromDistrictId),
    overdue: t.overdue,
  });
}

/** The receiving school sees the pupil's name and current school only once the move is approved. */
export function seesPupil(actor: Actor, t: TransferScope & { status: string }): boolean {
  return t.status === 'approved' || isAdminOf(actor, t.fromOrganisationId) || isDistrictOfficerOf(actor, t.fromDistrictId);
}
