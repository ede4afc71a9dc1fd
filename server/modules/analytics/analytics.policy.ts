import type { Actor } from '../identity/identity.actor.js';
import type { AreaNode } from './analytics.repository.js';

/**
 * What an actor may see of an area: 'aggregate' (officers: figures only, small numbers suppressed),
 * 'records' (the school's admin for its school and classes, a teacher for the classes they teach or
 * lead: they see the pupils anyway, so nothing is suppressed), or null (outside scope: 404).
 */
export type Access = 'records' | 'aggregate' | null;

export function accessTo(actor: Actor, area: AreaNode): Access {
  if (area.organisationId !== null) {
    if (actor.grants.some((g) => g.role === 'org_admin' && g.organisationId === area.organisationId)) return 'records';
    if (area.kind === 'class' && area.id !== null && teacherClassIds(actor).includes(area.id)) return 'records';
  }
  for (const g of actor.grants) {
    if (g.role === 'ministry_officer') return 'aggregate';
    if (g.role === 'region_officer' && area.regionId !== null && g.regionId === area.regionId) return 'aggregate';
    if (g.role === 'district_officer' && area.districtId !== null && g.districtId === area.districtId) return 'aggregate';
  }
  return null;
}

/** The classes a teacher teaches or leads. */
export function teacherClassIds(actor: Actor): number[] {
  return [...new Set([...actor.taught.map((t) => t.classId), ...actor.homeroomClassIds])];
}
