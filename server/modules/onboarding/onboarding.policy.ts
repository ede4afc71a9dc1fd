import type { Actor } from '../identity/identity.actor.js';
import { canManageOrganisation, type OrgNode } from '../organisations/organisations.usecases.js';

/**
 * Only the organisation's own admin imports into it: an import creates accounts and grants roles
 * there. Officers above it manage through the admin, not around them.
 */
export function canImportInto(actor: Actor, org: OrgNode): boolean {
  return canManageOrganisation(actor, org);
}
