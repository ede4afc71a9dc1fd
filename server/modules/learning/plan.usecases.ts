import type { Db, Queryable } from '../../platform/db.js';
import * as repo from './plan.repository.js';
import {
  academicYearNotFound,
  assignmentExists,
  classOfOtherOrganisation,
  classSlotTaken,
  courseCodeTaken,
  holidayInvalid,
  notAssigned,
  periodInUse,
  periodsInvalid,
  roomClash,
  roomNotFound,
  subjectNotFound,
  teacherClash,
  teacherNotFound,
  teacherRequired,
  termInvalid,
  unknownPeriod,
} from './learning.errors.js';
import { roomInOrganisation } from './lessons.repository.js';
import { checkPeriods, checkTerm, findClash, homeworkAssessment, termKindFor, termSchoolDays, type SlotTime } from './learning.rules.js';
import { loadSettings } from './learning.settings.js';
import { applyFormatsToLessons, assertActivity, defaultActivity } from './lessons.format.js';
import type { LessonActivity } from '../../../contracts/learning.js';

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
// advisory lock spaces: one teacher's or one room's timetable changes one at a time
const LOCK_TEACHER = 310_001;
const LOCK_ROOM = 310_002;

/** The admin adds a term (quarter for schools, semester otherwise) inside its academic year, overlapping no other. */
export async function createTerm(args: {
  db: Db;
  organisationId: number;
  academicYearId: number;
  number: number;
  startsOn: string;
  endsOn: string;
}): Promise<number> {
  return args.db.transaction(async (tx) => {
    const org = (await repo.findOrganisation(tx, args.organisationId))!;
    const year = await repo.findYear(tx, args.academicYearId);
    if (!year) throw academicYearNotFound();
    if (args.endsOn < args.startsOn) throw termInvalid(`The term ends (${args.endsOn}) before it starts (${args.startsOn})`);
    const kind = termKindFor(org.kind);
    const others = await repo.termsOfYear(tx, org.id, args.academicYearId);
    const problem = checkTerm({ kind, number: args.number, startsOn: args.startsOn, endsOn: args.endsOn }, year, others);
    if (problem?.problem === 'number_for_kind')
      throw termInvalid(`${kind === 'quarter' ? 'Schools have quarters 1-4' : 'Colleges and universities have semesters 1-2'}`);
    if (problem?.problem === 'outside_year')
      throw termInvalid(`The term must lie within the academic year ${year.startsOn} – ${year.endsOn}`, { code: 'outside_year' });
    if (problem?.problem === 'overlaps') throw termInvalid(`The term overlaps term ${problem.other}`, { code: 'overlaps', other: problem.other });
    const id = await repo.insertTerm(tx, {
      organisationId: org.id,
      academicYearId: args.academicYearId,
      kind,
      number: args.number,
      startsOn: args.startsOn,
      endsOn: args.endsOn,
    });
    if (id === null) throw termInvalid(`Term ${args.number} of this year exists already`, { code: 'exists' });
    return id;
  });
}

export async function addHoliday(args: {
  db: Db;
  organisationId: number;
  startsOn: string;
  endsOn: string;
  name: { kk: string; ru: string; en: string };
}): Promise<number> {
  if (args.endsOn < args.startsOn) throw holidayInvalid(`The holiday ends (${args.endsOn}) before it starts (${args.startsOn})`);
  return repo.insertHoliday(args.db, args);
}

/** Replaces one shift's bells; a period the timetable uses cannot be removed. */
export async function setPeriods(args: {
  db: Db;
  organisationId: number;
  shift: number;
  periods: { number: number; startsAt: string; endsAt: string }[];
}): Promise<void> {
  const problem = checkPeriods(args.periods);
  if (problem) throw periodsInvalid(`Shift ${args.shift}: ${problem}`);
  await args.db.transaction(async (tx) => {
    const used = await repo.replacePeriods(tx, args.organisationId, args.shift, args.periods);
    if (used.length) throw periodInUse(`Period ${used.join(', ')} of shift ${args.shift} is in the timetable; move those lessons first`, { periods: used });
  });
}

export type SlotDelivery = { kind: 'in_person' } | { kind: 'online_live'; joinUrl: string } | { kind: 'tv'; tvChannel: string };

/**
 * The admin puts a weekly lesson in a class's timetable. Refused with 409 naming the clash when the
 * class already has a lesson then, or the teacher or room is elsewhere at an overlapping time (any
 * shift, any class of theirs); the groups of one course may share a joint lecture.
 */
export interface SlotPlacement {
  organisationId: number;
  classId: number;
  termId: number;
  weekday: number;
  periodNumber: number;
  subjectId: number;
  teacherId?: number;
  roomId?: number | null;
  delivery: SlotDelivery;
  activity?: LessonActivity;
}

export async function createSlot(args: SlotPlacement & { db: Db }): Promise<number> {
  return args.db.transaction((tx) => placeSlot(tx, args));
}

/**
 * The same checks as `createSlot`, in a transaction that is rolled back: the admin sees a clash (the
 * same 409 and reason) before saving, and nothing is ever written.
 */
export async function checkSlot(args: SlotPlacement & { db: Db }): Promise<void> {
  await rolledBack(args.db, (tx) => placeSlot(tx, args));
}

/**
 * Moves a weekly lesson to another day, period or room, in one transaction: the old slot goes (with
 * its lessons from `today` on that hold nothing recorded; the rest stay as one-off lessons) and the
 * new one passes every clash check, or nothing changes. `dryRun` checks without writing.
 */
export async function moveSlot(args: {
  db: Db;
  slotId: number;
  weekday: number;
  periodNumber: number;
  roomId?: number | null;
  today: string;
  dryRun: boolean;
}): Promise<{ slotId: number; lessonsRemoved: number }> {
  const run = async (tx: Queryable) => {
    const old = (await repo.findSlotForMove(tx, args.slotId))!;
    const lessonsRemoved = await repo.deleteSlot(tx, old.id, args.today);
    const slotId = await placeSlot(tx, {
      organisationId: old.organisationId,
      classId: old.classId,
      termId: old.termId,
      weekday: args.weekday,
      periodNumber: args.periodNumber,
      subjectId: old.subjectId,
      teacherId: old.teacherId,
      roomId: args.roomId === undefined ? old.roomId : args.roomId,
      delivery:
        old.delivery === 'online_live' && old.joinUrl
          ? { kind: 'online_live', joinUrl: old.joinUrl }
          : old.delivery === 'tv' && old.tvChannel
            ? { kind: 'tv', tvChannel: old.tvChannel }
            : { kind: 'in_person' },
      activity: old.activity as LessonActivity,
    });
    return { slotId, lessonsRemoved };
  };
  return args.dryRun ? rolledBack(args.db, run) : args.db.transaction(run);
}

/** Runs `fn` in a transaction that is always rolled back, and answers what it returned (previews, checks). */
async function rolledBack<T>(db: Db, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  class Preview extends Error {
    constructor(readonly value: T) {
      super('preview: rolled back');
    }
  }
  try {
    await db.transaction(async (tx) => {
      throw new Preview(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Preview) return err.value;
    throw err;
  }
  throw new Error('unreachable: a preview transaction committed');
}

/**
 * Puts a weekly lesson in a class's timetable, inside the caller's transaction. Refused with 409
 * naming the clash when the class already has a lesson then, or the teacher or room is elsewhere at
 * an overlapping time (any shift, any class of theirs); the groups of one course may share a joint lecture.
 */
async function placeSlot(tx: Queryable, args: SlotPlacement): Promise<number> {
  const cls = (await repo.findClassForPlan(tx, args.classId))!;
  const org = (await repo.findOrganisation(tx, cls.organisationId))!;
  const activity = args.activity ?? defaultActivity(org.kind);
  assertActivity(org.kind, activity);
  const term = await repo.findTerm(tx, args.termId);
  if (!term || term.organisationId !== cls.organisationId) throw termInvalid('No such term in this organisation');
  const period = await repo.findPeriod(tx, cls.organisationId, cls.shift, args.periodNumber);
  if (!period) throw unknownPeriod(`Shift ${cls.shift} has no period ${args.periodNumber}; set the bells first`);
  if (!(await repo.subjectExists(tx, args.subjectId))) throw subjectNotFound();
  const assigned = await repo.findAssignmentsFor(tx, cls.id, args.subjectId);
  const assignment = args.teacherId === undefined ? assigned[0] : assigned.find((a) => a.teacher_id === args.teacherId);
  if (!assignment) throw notAssigned(args.teacherId === undefined ? 'Nobody is assigned to teach this subject in this class yet' : undefined);
  if (args.teacherId === undefined && assigned.length > 1) throw teacherRequired();
  const roomId = args.roomId ?? null;
  if (roomId !== null && !(await roomInOrganisation(tx, roomId, cls.organisationId))) throw roomNotFound();

  await repo.lockFor(tx, LOCK_TEACHER, assignment.teacher_id);
  if (roomId !== null) await repo.lockFor(tx, LOCK_ROOM, roomId);
  const taken = await repo.classSlotAt(tx, term.id, cls.id, args.weekday, period.id);
  if (taken) {
    throw classSlotTaken(`${cls.name} already has ${taken.subject} in period ${args.periodNumber} on ${WEEKDAYS[args.weekday]}`, {
      className: cls.name,
      weekday: args.weekday,
      periodNumber: args.periodNumber,
    });
  }
  const candidate: SlotTime = {
    weekday: args.weekday,
    startsAt: period.startsAt,
    endsAt: period.endsAt,
    term: { startsOn: term.startsOn, endsOn: term.endsOn },
    courseId: assignment.course_id,
  };
  const asSlots = (rows: Awaited<ReturnType<typeof repo.slotsOn>>) => rows.map((r) => ({ ...r, term: { startsOn: r.termStartsOn, endsOn: r.termEndsOn } }));
  const clash = findClash(candidate, asSlots(await repo.slotsOn(tx, args.weekday, { teacherId: assignment.teacher_id })));
  if (clash) {
    throw teacherClash(
      `The teacher already teaches ${clash.className} in period ${clash.periodNumber} (${clash.startsAt}–${clash.endsAt}) on ${WEEKDAYS[clash.weekday]}`,
      { className: clash.className, weekday: clash.weekday, periodNumber: clash.periodNumber, startsAt: clash.startsAt, endsAt: clash.endsAt },
    );
  }
  if (roomId !== null) {
    const roomTaken = findClash({ ...candidate, courseId: null }, asSlots(await repo.slotsOn(tx, args.weekday, { roomId })));
    if (roomTaken && !(assignment.course_id !== null && roomTaken.courseId === assignment.course_id)) {
      throw roomClash(
        `The room is taken by ${roomTaken.className} in period ${roomTaken.periodNumber} (${roomTaken.startsAt}–${roomTaken.endsAt}) on ${WEEKDAYS[roomTaken.weekday]}`,
        { className: roomTaken.className, weekday: roomTaken.weekday, periodNumber: roomTaken.periodNumber },
      );
    }
  }
  const d = args.delivery;
  return repo.insertSlot(tx, {
    organisationId: cls.organisationId,
    termId: term.id,
    classId: cls.id,
    weekday: args.weekday,
    periodId: period.id,
    subjectId: args.subjectId,
    teacherId: assignment.teacher_id,
    courseId: assignment.course_id,
    roomId,
    delivery: d.kind,
    joinUrl: d.kind === 'online_live' ? d.joinUrl : null,
    tvChannel: d.kind === 'tv' ? d.tvChannel : null,
    activity,
  });
}

/**
 * Dated lessons for a term from its timetable: every school day of the term (from `from`, when
 * given) that is not a holiday, each delivered as its class's learning format says on that day
 * (lessons.format.ts). Existing lessons are never touched, so nothing recorded can be lost.
 */
export async function generateTermLessons(args: {
  db: Db;
  term: repo.TermRow;
  classIds: number[] | null;
  from?: string;
}): Promise<{ created: number; schoolDays: number }> {
  return args.db.transaction((tx) => generateIn(tx, args));
}

/**
 * What `generateTermLessons` would do, computed by doing it in a transaction that is rolled back:
 * the lessons it would add, and the lessons already there (with how many hold marks, attendance,
 * homework or materials), which it leaves exactly as they are.
 */
export async function previewTermLessons(args: { db: Db; term: repo.TermRow; classIds: number[] | null; from?: string }): Promise<{
  created: number;
  schoolDays: number;
  existing: number;
  existingWithRecords: number;
}> {
  return rolledBack(args.db, async (tx) => {
    const before = await repo.countTermLessons(tx, args.term.id, args.classIds);
    const result = await generateIn(tx, args);
    return { ...result, ...before };
  });
}

async function generateIn(
  tx: Queryable,
  args: { term: repo.TermRow; classIds: number[] | null; from?: string },
): Promise<{ created: number; schoolDays: number }> {
  const holidays = await repo.holidaysBetween(tx, args.term.organisationId, args.term.startsOn, args.term.endsOn);
  const days = termSchoolDays(args.term, holidays).filter((d) => !args.from || d.date >= args.from);
  const { settings } = (await loadSettings(tx, args.term.organisationId))!;
  const ids = await repo.generateLessons(tx, {
    termId: args.term.id,
    classIds: args.classIds,
    dates: days.map((d) => d.date),
    weekdays: days.map((d) => d.weekday),
    assessment: homeworkAssessment(settings.gradingSystem) as 'formative' | 'rating',
  });
  // new rows, past days included: how they should be held, not a record of how they were
  await applyFormatsToLessons({ tx, scope: { lessonIds: ids }, now: null });
  return { created: ids.length, schoolDays: days.length };
}

/** The admin assigns a teacher of the organisation to teach a subject in a class. */
export async function createAssignment(args: { db: Db; organisationId: number; teacherId: number; classId: number; subjectId: number }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const cls = await repo.findClassForPlan(tx, args.classId);
    if (!cls || cls.organisationId !== args.organisationId) throw classOfOtherOrganisation();
    if (!(await repo.isTeacherOf(tx, args.teacherId, args.organisationId))) throw teacherNotFound();
    if (!(await repo.subjectExists(tx, args.subjectId))) throw subjectNotFound();
    const id = await repo.insertAssignment(tx, { teacherId: args.teacherId, classId: args.classId, subjectId: args.subjectId, courseId: null });
    if (id === null) throw assignmentExists();
    return id;
  });
}

/** A course taught to several groups: one course, one assignment per group, sharing the course id. */
export async function createCourse(args: {
  db: Db;
  organisationId: number;
  subjectId: number;
  code: string;
  title: string | null;
  credits: number | null;
  teacherId: number;
  classIds: number[];
}): Promise<{ id: number; assignmentIds: number[] }> {
  return args.db.transaction(async (tx) => {
    const classIds = [...new Set(args.classIds)];
    const found = await repo.classesOfOrganisation(tx, args.organisationId, classIds);
    const missing = classIds.find((c) => !found.includes(c));
    if (missing !== undefined) throw classOfOtherOrganisation(`Group ${missing} is not in this organisation`);
    if (!(await repo.isTeacherOf(tx, args.teacherId, args.organisationId))) throw teacherNotFound();
    if (!(await repo.subjectExists(tx, args.subjectId))) throw subjectNotFound();
    const id = await repo.insertCourse(tx, {
      organisationId: args.organisationId,
      subjectId: args.subjectId,
      code: args.code,
      title: args.title,
      credits: args.credits,
    });
    if (id === null) throw courseCodeTaken();
    const assignmentIds: number[] = [];
    for (const classId of classIds) {
      assignmentIds.push((await repo.insertAssignment(tx, { teacherId: args.teacherId, classId, subjectId: args.subjectId, courseId: id }))!);
    }
    return { id, assignmentIds };
  });
}
