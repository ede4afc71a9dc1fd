import { notifyDelivery } from './learning.notify.js';
import type { Db, Queryable } from '../../platform/db.js';
import { slotForLesson } from '../video/tv.usecases.js';
import { tvChannel, type DeliveryInput, type DeliverySource, type LessonActivity } from '../../../contracts/learning.js';
import type { Actor } from '../identity/identity.actor.js';
import * as repo from './lessons.repository.js';
import * as plan from './plan.repository.js';
import { lessonForTeacher } from './journal.usecases.js';
import { insertMaterials, ownFilesFor, type MaterialInput } from './homework.usecases.js';
import {
  assessmentNeedsMax,
  assessmentNotInSystem,
  classNotFound,
  classSlotTaken,
  dateIsHoliday,
  dateOutsideTerm,
  joinOver,
  joinTooEarly,
  lessonHasMarks,
  lessonNotFound,
  materialNotFound,
  notJoinable,
  roomNotFound,
  teacherClash,
  tvSlotNotFound,
  unknownPeriod,
} from './learning.errors.js';
import { isPupilOf, lessonAccess, teaches } from './learning.policy.js';
import { ASSESSMENTS, findLessonClash, homeworkAssessment, joinStatus, joinWindow, type Assessment, type AttendanceStatus } from './learning.rules.js';
import { loadSettings, toSettings } from './learning.settings.js';
import { applyFormatsToLessons, assertActivity, defaultActivity } from './lessons.format.js';

export function deliveryRow(d: DeliveryInput): NonNullable<repo.LessonPatchRow['delivery']> {
  return {
    kind: d.kind,
    joinUrl: d.kind === 'online_live' ? d.joinUrl : null,
    tvChannel: d.kind === 'tv' ? (d.tvChannel ?? null) : null,
    tvAirAt: d.kind === 'tv' ? (d.tvAirAt ?? null) : null,
    videoUrl: d.kind === 'recorded' ? d.videoUrl : null,
    tvSlotId: null,
  };
}

/**
 * The delivery row, with a TV lesson's slot of the broadcast grid checked (through the video module)
 * and its channel and air time copied onto the lesson; an unknown slot answers 404 before anything is written.
 */
async function resolveDelivery(tx: Queryable, d: DeliveryInput): Promise<NonNullable<repo.LessonPatchRow['delivery']>> {
  const row = deliveryRow(d);
  if (d.kind !== 'tv' || d.tvSlotId === undefined) return row;
  const slot = await slotForLesson(tx, d.tvSlotId);
  if (!slot) throw tvSlotNotFound(`No slot ${d.tvSlotId} in the TV grid`);
  // a lesson names one of the national channels; a slot of a local retransmission cannot be its delivery
  if (!tvChannel.safeParse(slot.channel).success) throw tvSlotNotFound(`Slot ${d.tvSlotId} is on a channel a lesson cannot name`);
  return { ...row, tvChannel: slot.channel, tvAirAt: slot.startsAt, tvSlotId: slot.id };
}

/**
 * The teacher edits a lesson: topic, delivery (in person, online live with its link, TV channel and
 * air time, recorded video), the assessment its journal column holds, room, cancellation. The
 * scale of a column with marks in it cannot change under them. A delivery set here is the
 * teacher's (the learning format leaves it alone) until they hand it back (`deliverySource:
 * 'format'`); a lesson following the format is brought in line at once when that or its activity changes.
 */
export async function editLesson(args: {
  db: Db;
  actor: Actor;
  lessonId: number;
  now: Date;
  patch: {
    topic?: string | null;
    delivery?: DeliveryInput;
    deliverySource?: DeliverySource;
    activity?: LessonActivity;
    assessment?: Assessment;
    assessmentMax?: number | null;
    cancelled?: boolean;
    roomId?: number | null;
  };
}): Promise<void> {
  await args.db.transaction(async (tx) => {
    const ctx = await lessonForTeacher(tx, args.actor, args.lessonId, args.now);
    const p = args.patch;
    const row: repo.LessonPatchRow = { topic: p.topic, cancelled: p.cancelled };
    if (p.activity !== undefined) {
      assertActivity(ctx.orgKind, p.activity);
      row.activity = p.activity;
    }
    if (p.assessment !== undefined || p.assessmentMax !== undefined) {
      const kind = p.assessment ?? ctx.assessment;
      if (!ASSESSMENTS[ctx.config.gradingSystem].includes(kind)) {
        throw assessmentNotInSystem(
          `"${kind}" is not part of the ${ctx.config.gradingSystem} grading system (use ${ASSESSMENTS[ctx.config.gradingSystem].join(', ')})`,
        );
      }
      const summative = kind === 'section' || kind === 'term';
      const max = summative ? (p.assessmentMax !== undefined ? p.assessmentMax : ctx.assessmentMax) : null;
      if (summative && max === null) throw assessmentNeedsMax();
      if ((kind !== ctx.assessment || max !== ctx.assessmentMax) && (await repo.lessonHasMarks(tx, ctx.id))) throw lessonHasMarks();
      row.assessment = kind;
      row.assessmentMax = max;
    }
    if (p.delivery) {
      row.delivery = await resolveDelivery(tx, p.delivery);
      row.deliverySource = 'teacher';
    } else if (p.deliverySource !== undefined) {
      row.deliverySource = p.deliverySource;
    }
    if (p.roomId !== undefined) {
      if (p.roomId !== null && !(await repo.roomInOrganisation(tx, p.roomId, ctx.organisationId))) throw roomNotFound();
      row.roomId = p.roomId;
    }
    await repo.updateLesson(tx, ctx.id, row);
    // families hear when a lesson moves online, to TV, to a recording or back to the classroom
    if (row.delivery && row.delivery.kind !== ctx.delivery) {
      await notifyDelivery(
        tx,
        { lessonId: ctx.id, classId: ctx.classId, subjectId: ctx.subjectId, onDate: ctx.onDate, from: ctx.delivery, to: row.delivery.kind },
        args.now,
      );
    }
    const follows = (row.deliverySource ?? ctx.deliverySource) === 'format';
    const reconsider = row.deliverySource === 'format' || (row.activity !== undefined && row.activity !== ctx.activity);
    // an explicit edit of this one lesson: applied whatever its date (the teacher asked for it)
    if (follows && reconsider) await applyFormatsToLessons({ tx, scope: { lessonIds: [ctx.id] }, now: null });
  });
}

/**
 * The teacher adds a one-off lesson (a make-up, an extra consultation) on a school day of a term,
 * at a bell period of the class's shift; refused when the teacher or the class is busy then.
 */
export async function addLesson(args: {
  db: Db;
  actor: Actor;
  classId: number;
  subjectId: number;
  date: string;
  periodNumber: number;
  topic: string | null;
  delivery?: DeliveryInput;
  activity?: LessonActivity;
  roomId: number | null;
  now: Date;
}): Promise<number> {
  return args.db.transaction(async (tx) => {
    if (!teaches(args.actor, args.classId, args.subjectId)) throw classNotFound();
    const cls = (await plan.findClassForPlan(tx, args.classId))!;
    const term = await plan.findTermOn(tx, cls.organisationId, args.date);
    if (!term) throw dateOutsideTerm(`No term of this organisation holds ${args.date}`, { date: args.date });
    if ((await plan.holidaysBetween(tx, cls.organisationId, args.date, args.date)).length) throw dateIsHoliday(`${args.date} is a holiday`);
    const period = await plan.findPeriod(tx, cls.organisationId, cls.shift, args.periodNumber);
    if (!period) throw unknownPeriod(`Shift ${cls.shift} has no period ${args.periodNumber}`);
    if (args.roomId !== null && !(await repo.roomInOrganisation(tx, args.roomId, cls.organisationId))) throw roomNotFound();
    const org = (await plan.findOrganisation(tx, cls.organisationId))!;
    const activity = args.activity ?? defaultActivity(org.kind);
    assertActivity(org.kind, activity);
    await plan.lockFor(tx, 310_001, args.actor.personId);
    const { settings } = (await loadSettings(tx, cls.organisationId))!;
    const id = await repo.insertLesson(tx, {
      assessment: homeworkAssessment(settings.gradingSystem),
      activity,
      organisationId: cls.organisationId,
      termId: term.id,
      classId: cls.id,
      subjectId: args.subjectId,
      teacherId: args.actor.personId,
      roomId: args.roomId,
      onDate: args.date,
      periodId: period.id,
      timeZone: cls.timeZone,
      delivery: args.delivery ? await resolveDelivery(tx, args.delivery) : undefined,
      topic: args.topic,
    });
    const mine = (await repo.findLessonsOn(tx, args.date, { teacherId: args.actor.personId })).map((l) => ({
      ...l,
      startsAt: l.starts_at,
      endsAt: l.ends_at,
      courseId: l.course_id,
    }));
    const self = mine.find((l) => l.id === id)!;
    const clash = findLessonClash(
      self,
      mine.filter((l) => l.id !== id),
    );
    if (clash) {
      throw teacherClash(`You already teach ${clash.class_name} in period ${clash.period_number} on ${args.date}`, {
        className: clash.class_name,
        date: args.date,
        periodNumber: clash.period_number,
      });
    }
    const ofClass = (await repo.findLessonsOn(tx, args.date, { classId: cls.id })).map((l) => ({
      ...l,
      startsAt: l.starts_at,
      endsAt: l.ends_at,
      courseId: null,
    }));
    const busy = findLessonClash(
      { ...self, courseId: null },
      ofClass.filter((l) => l.id !== id),
    );
    if (busy)
      throw classSlotTaken(`${cls.name} already has a lesson in period ${busy.period_number} on ${args.date}`, { className: cls.name, date: args.date });
    // no delivery chosen: the class's learning format decides, now and when it changes
    if (!args.delivery) await applyFormatsToLessons({ tx, scope: { lessonIds: [id] }, now: null });
    return id;
  });
}

export async function addMaterial(args: { db: Db; actor: Actor; lessonId: number; material: MaterialInput; now: Date }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const ctx = await lessonForTeacher(tx, args.actor, args.lessonId, args.now);
    const names = await ownFilesFor(tx, args.actor, [args.material]);
    return (await insertMaterials(tx, ctx.id, null, [args.material], names))[0]!;
  });
}

export async function removeMaterial(args: { db: Db; actor: Actor; materialId: number; now: Date }): Promise<void> {
  await args.db.transaction(async (tx) => {
    const m = await repo.findMaterial(tx, args.materialId);
    if (!m) throw materialNotFound();
    try {
      await lessonForTeacher(tx, args.actor, m.lesson_id, args.now);
    } catch {
      throw materialNotFound();
    }
    await repo.deleteMaterial(tx, m.id);
  });
}

/**
 * Opens an online lesson. For a pupil of the class this records them present online (late when
 * they come more than the set minutes after the start); teachers and parents just get the link.
 */
export async function joinLesson(args: { db: Db; actor: Actor; lessonId: number; now: Date }): Promise<{ url: string; attendance: AttendanceStatus | null }> {
  const ctx = await repo.findLessonContext(args.db, args.lessonId, args.now);
  if (!ctx || lessonAccess(args.actor, ctx) === 'none') throw lessonNotFound();
  if (ctx.delivery !== 'online_live' || ctx.cancelled || !ctx.joinUrl) throw notJoinable();
  if (!isPupilOf(args.actor, ctx.classId)) return { url: ctx.joinUrl, attendance: null };
  const settings = toSettings(ctx.settings, ctx.orgKind);
  const window = joinWindow(args.now, ctx, settings.joinEarlyMinutes);
  if (window === 'early') {
    throw joinTooEarly(`The lesson starts at ${ctx.startsAt.toISOString()}; joining opens ${settings.joinEarlyMinutes} minutes before`, {
      startsAt: ctx.startsAt.toISOString(),
      opensMinutesBefore: settings.joinEarlyMinutes,
    });
  }
  if (window === 'over') throw joinOver(`The lesson ended at ${ctx.endsAt.toISOString()}`, { endsAt: ctx.endsAt.toISOString() });
  const status = await repo.recordJoin(args.db, {
    lessonId: ctx.id,
    pupilId: args.actor.personId,
    classId: ctx.classId,
    onDate: ctx.onDate,
    status: joinStatus(args.now, ctx.startsAt, settings.lateAfterMinutes),
    at: args.now,
  });
  return { url: ctx.joinUrl, attendance: status };
}

// Used by formats (docs/ARCHITECTURE.md, module boundaries): a format change re-derives the delivery
// of the lessons it covers.
export { applyFormatsToLessons } from './lessons.format.js';
