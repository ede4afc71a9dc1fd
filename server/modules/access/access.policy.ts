import { hasRole, organisationsWhere, type Actor } from '../identity/identity.actor.js';

/** The health officer reads and writes health data of their own organisation only. */
export function isHealthOfficerOf(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'health_officer').includes(organisationId);
}
/** The organisation's admin runs buildings, gates, dormitories and keys (never health data). */
export function isAdminOf(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'org_admin').includes(organisationId);
}
/** The entrance log and occupancy: the admin and the health officer. */
export function mayReadEntrances(actor: Actor, organisationId: number): boolean {
  return isAdminOf(actor, organisationId) || isHealthOfficerOf(actor, organisationId);
}
/** A holder goes on the revocation list by the admin or the health officer. */
export const mayRevokeHolder = mayReadEntrances;
export function guardOrganisations(actor: Actor): number[] {
  return organisationsWhere(actor, 'gate_guard');
}
/** Online verification: guards (and admins testing their gates). */
export function mayVerify(actor: Actor): boolean {
  return hasRole(actor, 'gate_guard') || hasRole(actor, 'org_admin');
}
/** The ministry sets the country's rules and any region's; a region's officer sets the region's own. */
export function mayEditRules(actor: Actor, regionId: number | null): boolean {
  if (hasRole(actor, 'ministry_officer')) return true;
  return regionId !== null && actor.grants.some((g) => g.role === 'region_officer' && g.regionId === regionId);
}
export function mayReadRules(actor: Actor, regionId: number | null): boolean {
  return mayEditRules(actor, regionId) || hasRole(actor, 'health_officer');
}
