import { organisationsWhere, type Actor } from '../identity/identity.actor.js';
import type { LiveLesson } from '../learning/live.usecases.js';

/**
 * Who may do what with a live room. Pure functions over the per-request Actor. Whatever is outside
 * the actor's scope is answered 404 by the use cases, exactly like a missing object.
 */

export type RoomPart = 'host' | 'participant' | 'onlooker' | 'none';

/** A lesson's room: its teacher hosts; the class's pupils, its homeroom teacher and the school's admin join; parents only see that it runs. */
export function lessonPart(lesson: LiveLesson): RoomPart {
  switch (lesson.part) {
    case 'teacher':
      return 'host';
    case 'pupil':
    case 'staff':
      return 'participant';
    case 'family':
      return 'onlooker';
  }
}

export interface MeetingScope {
  classId: number;
  organisationId: number;
  createdBy: number;
  /** parents unless said (a class hour invites the pupils) */
  audience?: 'parents' | 'pupils';
}

/** May this actor schedule a meeting for the class (its homeroom teacher or the school's admin)? */
export function canOrganiseMeeting(actor: Actor, s: { classId: number; organisationId: number }): boolean {
  return actor.homeroomClassIds.includes(s.classId) || organisationsWhere(actor, 'org_admin').includes(s.organisationId);
}

/**
 * A meeting's room: its organisers host; the invited join (a parent meeting: parents of the class's
 * pupils; a class hour: the class's pupils); everyone else: none (404).
 */
export function meetingPart(actor: Actor, m: MeetingScope): RoomPart {
  if (m.createdBy === actor.personId || canOrganiseMeeting(actor, m)) return 'host';
  const invited = (m.audience ?? 'parents') === 'pupils' ? actor.pupilClassIds : actor.childClassIds;
  if (invited.includes(m.classId)) return 'participant';
  return 'none';
}

/** Classes and organisations whose meetings the actor sees in their list. */
export function meetingListScope(actor: Actor): { classIds: number[]; organisationIds: number[] } {
  return {
    classIds: [...new Set([...actor.homeroomClassIds, ...actor.childClassIds, ...actor.pupilClassIds])],
    organisationIds: organisationsWhere(actor, 'org_admin'),
  };
}
