import type { Role, RoleGrant } from '../modules/identity/api.js';

/** Officers' scopes add up to one list of organisations (the API answers their union), so one section. */
export const OFFICER_ROLES: readonly Role[] = ['ministry_officer', 'region_officer', 'district_officer'];
const ORDER: readonly Role[] = ['pupil', 'parent', 'teacher', 'homeroom', 'org_admin', 'gate_guard'];
/** Sections about the person rather than one place: shown once even if the role is granted at several schools. */
const ONCE: readonly Role[] = ['parent'];

/** The grants that get their own section, in a stable order. */
export function sectionGrants(roles: readonly RoleGrant[]): RoleGrant[] {
  const seen = new Set<Role>();
  return roles
    .filter((g) => !OFFICER_ROLES.includes(g.role))
    .filter((g) => {
      if (!ONCE.includes(g.role)) return true;
      if (seen.has(g.role)) return false;
      seen.add(g.role);
      return true;
    })
    .sort((a, b) => ORDER.indexOf(a.role) - ORDER.indexOf(b.role));
}

export const isOfficer = (role: Role) => OFFICER_ROLES.includes(role);
