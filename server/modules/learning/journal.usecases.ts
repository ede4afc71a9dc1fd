import { notifyMarks } from './learning.notify.js';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import * as journal from './journal.repository.js';
import { findLessonContext, type LessonContext } from './lessons.repository.js';
import {
  assessmentNotInSystem,
  attendanceInvalid,
  lessonCancelled,
  lessonInFuture,
  lessonNotFound,
  markOutOfScale,
  notTheTeacher,
  pupilNotInClass,
} from './learning.errors.js';
import { teachingAccess } from './learning.policy.js';
import { checkAttendance, checkScore, maxScoreFor, scaleText, type Assessment, type AttendanceStatus, type LearningSettings } from './learning.rules.js';
import { toSettings } from './learning.settings.js';

/** The lesson, if the actor may change its journal column: its teacher only; readers get 403, everyone else 404. */
export async function lessonForTeacher(tx: Queryable, actor: Actor, lessonId: number, now: Date): Promise<LessonContext & { config: LearningSettings }> {
  const ctx = await findLessonContext(tx, lessonId, now, true);
  if (!ctx) throw lessonNotFound();
  const access = teachingAccess(actor, ctx);
  if (access === 'none') throw lessonNotFound();
  if (access === 'read') throw notTheTeacher();
  return { ...ctx, config: toSettings(ctx.settings, ctx.orgKind) };
}

async function assertPupilsInClass(tx: Queryable, classId: number, pupilIds: number[]): Promise<void> {
  const members = await journal.pupilsInClass(tx, classId, pupilIds);
  const missing = pupilIds.find((id) => !members.has(id));
  if (missing !== undefined) throw pupilNotInClass(`Pupil ${missing} is not in this class`, { pupilId: missing });
}

export interface MarkEntry {
  pupilId: number;
  score: number | null;
  comment?: string | null;
}

/**
 * Writes marks of one journal column (classwork of a lesson, or one homework) and keeps every
 * change in the history. Entries with score null remove the mark; unchanged entries write nothing.
 */
export async function writeMarks(
  tx: Queryable,
  args: {
    actor: Actor;
    ctx: LessonContext & { config: LearningSettings };
    homeworkId: number | null;
    kind: Assessment;
    max: number;
    entries: MarkEntry[];
    now?: Date;
  },
): Promise<number> {
  const { ctx, entries } = args;
  const pupilIds = [...new Set(entries.map((e) => e.pupilId))];
  await assertPupilsInClass(tx, ctx.classId, pupilIds);
  const existing = new Map((await journal.lockMarks(tx, { lessonId: ctx.id, homeworkId: args.homeworkId, pupilIds })).map((m) => [m.pupil_id, m]));
  const writes: journal.MarkWrite[] = [];
  const removals: journal.ExistingMark[] = [];
  for (const e of entries) {
    const before = existing.get(e.pupilId);
    if (e.score === null) {
      if (before) removals.push(before);
      continue;
    }
    // an omitted comment keeps the one there; null clears it
    const comment = e.comment === undefined ? (before?.comment ?? null) : e.comment;
    if (before && before.score === e.score && before.max_score === args.max && before.kind === args.kind && before.comment === comment) continue;
    writes.push({ pupilId: e.pupilId, score: e.score, comment });
  }
  const ids = await journal.upsertMarks(tx, {
    lessonId: ctx.id,
    homeworkId: args.homeworkId,
    organisationId: ctx.organisationId,
    classId: ctx.classId,
    subjectId: ctx.subjectId,
    termId: ctx.termId,
    onDate: ctx.onDate,
    kind: args.kind,
    max: args.max,
    teacherId: args.actor.personId,
    rows: writes,
  });
  await journal.deleteMarks(
    tx,
    removals.map((m) => m.id),
  );
  const history: journal.HistoryWrite[] = [
    ...writes.map((w) => {
      const before = existing.get(w.pupilId);
      return {
        markId: ids.get(w.pupilId)!,
        pupilId: w.pupilId,
        action: before ? ('changed' as const) : ('set' as const),
        kind: args.kind,
        oldScore: before?.score ?? null,
        oldMax: before?.max_score ?? null,
        newScore: w.score,
        newMax: args.max,
        comment: w.comment,
      };
    }),
    ...removals.map((m) => ({
      markId: m.id,
      pupilId: m.pupil_id,
      action: 'removed' as const,
      kind: m.kind,
      oldScore: m.score,
      oldMax: m.max_score,
      newScore: null,
      newMax: null,
      comment: null,
    })),
  ];
  await journal.insertHistory(tx, ctx.id, args.homeworkId, args.actor.personId, history);
  await notifyMarks(
    tx,
    {
      lessonId: ctx.id,
      classId: ctx.classId,
      subjectId: ctx.subjectId,
      onDate: ctx.onDate,
      homeworkId: args.homeworkId,
      marks: writes.map((w) => ({ pupilId: w.pupilId, score: w.score, max: args.max })),
    },
    args.now ?? new Date(),
  );
  return history.length;
}

/** Validates a score against the scale of the column it goes into; a clear 422 names the pupil and the scale. */
export function assertScore(config: LearningSettings, kind: Assessment, max: number | null, score: number, pupilId: number): number {
  const problem = checkScore(config.gradingSystem, kind, score, max);
  if (problem === 'kind_not_in_system') throw assessmentNotInSystem(`"${kind}" marks are not part of the ${config.gradingSystem} grading system`);
  if (problem === 'no_maximum' || max === null) throw assessmentNotInSystem("This lesson's summative assessment has no maximum score yet");
  if (problem) {
    throw markOutOfScale(
      `${kind === 'formative' ? 'Formative marks' : 'Scores'} here run ${scaleText(kind, max)} in whole numbers; got ${score} for pupil ${pupilId}`,
      { pupilId, score, min: kind === 'formative' ? 1 : 0, max },
    );
  }
  return max;
}

/** The teacher enters or changes classwork marks of a lesson that has taken place. */
export async function setLessonMarks(args: { db: Db; actor: Actor; lessonId: number; entries: MarkEntry[]; now: Date }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const ctx = await lessonForTeacher(tx, args.actor, args.lessonId, args.now);
    if (ctx.cancelled) throw lessonCancelled();
    if (ctx.onDate > ctx.today) throw lessonInFuture(`The lesson is on ${ctx.onDate}; marks can be given from that day`);
    const max = maxScoreFor(ctx.assessment, ctx.config, ctx.assessmentMax);
    for (const e of args.entries) if (e.score !== null) assertScore(ctx.config, ctx.assessment, max, e.score, e.pupilId);
    return writeMarks(tx, { actor: args.actor, ctx, homeworkId: null, kind: ctx.assessment, max: max ?? 0, entries: args.entries, now: args.now });
  });
}

export interface AttendanceEntry {
  pupilId: number;
  status: AttendanceStatus | null;
  reason?: string | null;
}

/**
 * The teacher records attendance of a lesson. Future lessons take only excused absences (a family
 * warned ahead); status null removes a record. An online join keeps its "online" flag.
 */
export async function setLessonAttendance(args: { db: Db; actor: Actor; lessonId: number; entries: AttendanceEntry[]; now: Date }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const ctx = await lessonForTeacher(tx, args.actor, args.lessonId, args.now);
    if (ctx.cancelled) throw lessonCancelled();
    for (const e of args.entries) {
      if (e.status === null) continue;
      const problem = checkAttendance(e.status, e.reason ?? null);
      if (problem) throw attendanceInvalid(`Pupil ${e.pupilId}: ${problem}`, { pupilId: e.pupilId });
      if (ctx.onDate > ctx.today && e.status !== 'excused') {
        throw lessonInFuture(`The lesson is on ${ctx.onDate}: until then only an excused absence can be recorded`);
      }
    }
    const pupilIds = [...new Set(args.entries.map((e) => e.pupilId))];
    await assertPupilsInClass(tx, ctx.classId, pupilIds);
    const before = await journal.lockAttendance(tx, ctx.id, pupilIds);
    const set = args.entries
      .filter((e): e is AttendanceEntry & { status: AttendanceStatus } => e.status !== null)
      .map((e) => ({ pupilId: e.pupilId, status: e.status, reason: e.reason?.trim() || null }));
    await journal.upsertAttendance(tx, { lessonId: ctx.id, classId: ctx.classId, onDate: ctx.onDate, markedBy: args.actor.personId, rows: set });
    const removedIds = args.entries.filter((e) => e.status === null).map((e) => e.pupilId);
    const removed = await journal.deleteAttendance(tx, ctx.id, removedIds);
    // the history keeps every real change (a re-entry of the same status and reason is none)
    const history: journal.AttendanceHistoryWrite[] = [
      ...set.flatMap((e) => {
        const was = before.get(e.pupilId);
        if (was && was.status === e.status && was.reason === e.reason) return [];
        return [
          {
            pupilId: e.pupilId,
            action: was ? ('changed' as const) : ('set' as const),
            oldStatus: was?.status ?? null,
            oldReason: was?.reason ?? null,
            newStatus: e.status,
            newReason: e.reason,
          },
        ];
      }),
      ...[...new Set(removedIds)].flatMap((id) => {
        const was = before.get(id);
        return was ? [{ pupilId: id, action: 'removed' as const, oldStatus: was.status, oldReason: was.reason, newStatus: null, newReason: null }] : [];
      }),
    ];
    await journal.insertAttendanceHistory(tx, ctx.id, 'journal', args.actor.personId, history);
    return set.length + removed;
  });
}
