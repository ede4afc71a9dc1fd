import { hasRole, organisationsWhere, type Actor } from '../identity/identity.actor.js';

export interface VideoAccess {
  ownerId: number;
  organisationId: number | null;
  visibility: 'public' | 'organisation';
  status: string;
}

/** Roles whose grant names the organisation they study, teach, work or have a child at. */
const MEMBER_ROLES = ['pupil', 'parent', 'teacher', 'homeroom', 'org_admin'];

/** Teachers upload for their school; the ministry uploads national (public) lessons. */
export function canUpload(actor: Actor): boolean {
  return hasRole(actor, 'teacher') || hasRole(actor, 'homeroom') || hasRole(actor, 'ministry_officer');
}

/** A ministry upload is public (the national archive, TV lessons); a teacher's is for their school. */
export function uploadScope(actor: Actor): { visibility: 'public' | 'organisation'; organisationId: number | null } {
  if (hasRole(actor, 'ministry_officer')) return { visibility: 'public', organisationId: null };
  const orgId = organisationsWhere(actor, 'teacher')[0] ?? organisationsWhere(actor, 'homeroom')[0] ?? null;
  return { visibility: 'organisation', organisationId: orgId };
}

export function isOwner(actor: Actor | null, v: VideoAccess): boolean {
  return actor !== null && actor.personId === v.ownerId;
}

/** Organisations whose videos the actor may watch (besides public ones and their own). */
export function memberOrganisations(actor: Actor | null): number[] {
  if (!actor) return [];
  return [...new Set(actor.grants.filter((g) => MEMBER_ROLES.includes(g.role) && g.organisationId !== null).map((g) => g.organisationId!))];
}

/**
 * Who sees a video: its uploader always (also while it transcodes or after it failed); once ready,
 * everyone for a public one (no sign-in: the national archive), the members of its school otherwise.
 */
export function canSee(actor: Actor | null, v: VideoAccess): boolean {
  if (isOwner(actor, v)) return true;
  if (v.status !== 'ready') return false;
  if (v.visibility === 'public') return true;
  return v.organisationId !== null && memberOrganisations(actor).includes(v.organisationId);
}

/** Who edits and deletes a video: its uploader; the ministry also edits the national (public) ones, e.g. TV recordings. */
export function canEdit(actor: Actor | null, v: VideoAccess): boolean {
  if (!actor) return false;
  return isOwner(actor, v) || (v.visibility === 'public' && hasRole(actor, 'ministry_officer'));
}
