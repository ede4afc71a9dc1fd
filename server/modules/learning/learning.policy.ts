import { organisationsWhere, type Actor } from '../identity/identity.actor.js';

/**
 * Who may do what in the e-journal. Pure functions over the Actor (loaded fresh each request, so an
 * unassigned teacher loses access on the next request) and the object's class, subject and
 * organisation. Officers get nothing here: they work with aggregates (analytics), never a pupil's marks.
 * Every "no" is answered as 404 by the routes, exactly like a missing object.
 */

export interface ClassScope {
  classId: number;
  organisationId: number;
}
export interface TeachingScope extends ClassScope {
  subjectId: number;
}
export interface PupilScope {
  pupilId: number;
  classIds: number[];
  organisationIds: number[];
}

export type Access = 'edit' | 'read' | 'none';

export function isOrgAdmin(actor: Actor, organisationId: number): boolean {
  return organisationsWhere(actor, 'org_admin').includes(organisationId);
}

/** The actor teaches this subject in this class (a teaching assignment exists right now). */
export function teaches(actor: Actor, classId: number, subjectId: number): boolean {
  return actor.taught.some((t) => t.classId === classId && t.subjectId === subjectId);
}

export function teachesClass(actor: Actor, classId: number): boolean {
  return actor.taught.some((t) => t.classId === classId);
}

export function isHomeroomOf(actor: Actor, classId: number): boolean {
  return actor.homeroomClassIds.includes(classId);
}

/**
 * A class and subject's lessons, journal, homework and marks: its teacher edits; the class's
 * homeroom teacher and the organisation's admin read. Teachers of other subjects see nothing.
 */
export function teachingAccess(actor: Actor, s: TeachingScope): Access {
  if (teaches(actor, s.classId, s.subjectId)) return 'edit';
  if (isHomeroomOf(actor, s.classId) || isOrgAdmin(actor, s.organisationId)) return 'read';
  return 'none';
}

/** The same decision when only the actor is known: 'unknown' means the organisation must be looked up (admins). */
export function teachingAccessWithoutOrg(actor: Actor, classId: number, subjectId: number): Access | 'unknown' {
  if (teaches(actor, classId, subjectId)) return 'edit';
  if (isHomeroomOf(actor, classId)) return 'read';
  return 'unknown';
}

/** A lesson as its class sees it (schedule, delivery, materials, homework): also its pupils and their parents. */
export function lessonAccess(actor: Actor, s: TeachingScope): Access {
  const a = teachingAccess(actor, s);
  if (a !== 'none') return a;
  if (actor.pupilClassIds.includes(s.classId) || actor.childClassIds.includes(s.classId)) return 'read';
  return 'none';
}

/** Is the actor the pupil of this class (the one who joins, submits)? */
export function isPupilOf(actor: Actor, classId: number): boolean {
  return actor.pupilClassIds.includes(classId);
}

/** A pupil's own day, marks and attendance: the pupil, their parents, their homeroom teacher, their organisation's admin. */
export function canReadPupil(actor: Actor, p: PupilScope): boolean {
  if (actor.personId === p.pupilId) return true;
  if (actor.childIds.includes(p.pupilId)) return true;
  if (p.classIds.some((c) => isHomeroomOf(actor, c))) return true;
  return p.organisationIds.some((o) => isOrgAdmin(actor, o));
}

/** Without a lookup: the pupil themself or their parent. */
export function canReadPupilWithoutLookup(actor: Actor, pupilId: number): boolean {
  return actor.personId === pupilId || actor.childIds.includes(pupilId);
}

/** A submission: its pupil and their parents read; the teacher of the class and subject marks; homeroom and admin read. */
export function submissionAccess(actor: Actor, s: TeachingScope & { pupilId: number }): 'mark' | 'read' | 'none' {
  if (teaches(actor, s.classId, s.subjectId)) return 'mark';
  if (actor.personId === s.pupilId || actor.childIds.includes(s.pupilId)) return 'read';
  if (isHomeroomOf(actor, s.classId) || isOrgAdmin(actor, s.organisationId)) return 'read';
  return 'none';
}

/** Announcements to a class: its teachers and homeroom teacher post. */
export function canPostAnnouncement(actor: Actor, s: ClassScope): boolean {
  return teachesClass(actor, s.classId) || isHomeroomOf(actor, s.classId);
}

/** …and its pupils, their parents and the organisation's admin read them too. */
export function canReadClass(actor: Actor, s: ClassScope): boolean {
  return (
    canPostAnnouncement(actor, s) || actor.pupilClassIds.includes(s.classId) || actor.childClassIds.includes(s.classId) || isOrgAdmin(actor, s.organisationId)
  );
}

/** The homeroom teacher's class summary (attendance week, results): homeroom teacher and admin. */
export function canReadClassSummary(actor: Actor, s: ClassScope): boolean {
  return isHomeroomOf(actor, s.classId) || isOrgAdmin(actor, s.organisationId);
}

/** Teaching plan, calendar, bells, timetable, settings: the organisation's admin changes them. */
export function canManagePlan(actor: Actor, organisationId: number): boolean {
  return isOrgAdmin(actor, organisationId);
}

/** …and the people who work or study there read them. */
export function canReadPlan(actor: Actor, organisationId: number): boolean {
  return actor.grants.some((g) => g.organisationId === organisationId && ['pupil', 'parent', 'teacher', 'homeroom', 'org_admin'].includes(g.role));
}
