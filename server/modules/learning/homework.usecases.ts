import { notifyHomework } from './learning.notify.js';
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { findOwnFiles } from '../files/files.usecases.js';
import { fileNotFound } from '../files/files.usecases.js';
import * as repo from './homework.repository.js';
import { findLessonContext, insertMaterial } from './lessons.repository.js';
import { assertScore, lessonForTeacher, writeMarks } from './journal.usecases.js';
import {
  alreadyMarked,
  dateOutsideTerm,
  dueBeforeLesson,
  emptySubmission,
  homeworkHasSubmissions,
  homeworkNotFound,
  idempotencyKeyReused,
  lateRefused,
  lessonNotFound,
  notTheTeacher,
  submissionNotFound,
} from './learning.errors.js';
import { isPupilOf, submissionAccess, teachingAccess } from './learning.policy.js';
import { decideSubmission, homeworkAssessment, localDateOf, maxScoreFor } from './learning.rules.js';
import { toSettings } from './learning.settings.js';

export type MaterialInput = { kind: 'link'; title: string; url: string } | { kind: 'file'; title?: string; fileId: string };

/** File materials must be the actor's own uploads; returns each file's name for a default title. */
export async function ownFilesFor(tx: Queryable, actor: Actor, materials: MaterialInput[]): Promise<Map<string, string>> {
  const ids = [...new Set(materials.flatMap((m) => (m.kind === 'file' ? [m.fileId] : [])))];
  const files = await findOwnFiles(tx, actor.personId, ids);
  if (files.length !== ids.length) {
    const missing = ids.find((id) => !files.some((f) => f.id === id));
    throw fileNotFound(`File ${missing} not found among your uploads`);
  }
  return new Map(files.map((f) => [f.id, f.name]));
}

export async function insertMaterials(
  tx: Queryable,
  lessonId: number,
  homeworkId: number | null,
  materials: MaterialInput[],
  names: Map<string, string>,
): Promise<number[]> {
  const ids: number[] = [];
  for (const m of materials) {
    ids.push(
      await insertMaterial(
        tx,
        m.kind === 'link'
          ? { lessonId, homeworkId, kind: 'link', fileId: null, url: m.url, title: m.title }
          : { lessonId, homeworkId, kind: 'file', fileId: m.fileId, url: null, title: m.title ?? names.get(m.fileId) ?? 'file' },
      ),
    );
  }
  return ids;
}

function assertDue(due: Date, lessonStartsAt: Date, timeZone: string, termEndsOn: string): void {
  if (due < lessonStartsAt) throw dueBeforeLesson();
  const day = localDateOf(due, timeZone);
  if (day > termEndsOn) throw dateOutsideTerm(`Homework must be due within the lesson's term, which ends on ${termEndsOn}; got ${day}`, { endsOn: termEndsOn });
}

/** The teacher sets homework in a lesson, due within its term, with links or their uploaded files. */
export async function createHomework(args: {
  db: Db;
  actor: Actor;
  lessonId: number;
  title: string;
  instructions: string | null;
  dueAt: string;
  materials: MaterialInput[];
  now: Date;
}): Promise<number> {
  return args.db.transaction(async (tx) => {
    const ctx = await lessonForTeacher(tx, args.actor, args.lessonId, args.now);
    assertDue(new Date(args.dueAt), ctx.startsAt, ctx.timeZone, ctx.termEndsOn);
    const names = await ownFilesFor(tx, args.actor, args.materials);
    const id = await repo.insertHomework(tx, {
      lessonId: ctx.id,
      organisationId: ctx.organisationId,
      classId: ctx.classId,
      subjectId: ctx.subjectId,
      termId: ctx.termId,
      teacherId: args.actor.personId,
      title: args.title,
      instructions: args.instructions,
      dueAt: args.dueAt,
    });
    await insertMaterials(tx, ctx.id, id, args.materials, names);
    await notifyHomework(
      tx,
      'homework.set',
      { homeworkId: id, classId: ctx.classId, subjectId: ctx.subjectId, title: args.title, dueAt: args.dueAt },
      args.now,
    );
    return id;
  });
}

async function homeworkForTeacher(tx: Queryable, actor: Actor, homeworkId: number) {
  const h = await repo.findHomeworkContext(tx, homeworkId);
  if (!h) throw homeworkNotFound();
  const access = teachingAccess(actor, h);
  if (access === 'none') throw homeworkNotFound();
  if (access === 'read') throw notTheTeacher();
  return h;
}

export async function updateHomework(args: {
  db: Db;
  actor: Actor;
  homeworkId: number;
  title?: string;
  instructions?: string | null;
  dueAt?: string;
  now?: Date;
}): Promise<void> {
  await args.db.transaction(async (tx) => {
    const h = await homeworkForTeacher(tx, args.actor, args.homeworkId);
    if (args.dueAt) assertDue(new Date(args.dueAt), h.lessonStartsAt, h.timeZone, h.termEndsOn);
    await repo.updateHomework(tx, h.id, { title: args.title, instructions: args.instructions, dueAt: args.dueAt });
    await notifyHomework(
      tx,
      'homework.changed',
      {
        homeworkId: h.id,
        classId: h.classId,
        subjectId: h.subjectId,
        title: args.title ?? null,
        dueAt: args.dueAt ?? new Date(h.dueAt).toISOString(),
      },
      args.now ?? new Date(),
    );
  });
}

/** Homework nobody has submitted yet can be withdrawn. */
export async function deleteHomework(args: { db: Db; actor: Actor; homeworkId: number }): Promise<void> {
  await args.db.transaction(async (tx) => {
    const h = await homeworkForTeacher(tx, args.actor, args.homeworkId);
    if ((await repo.countSubmissions(tx, h.id)) > 0) throw homeworkHasSubmissions();
    await repo.deleteHomework(tx, h.id);
  });
}

/** A concurrent request with the same key committed first: run again and replay its result. */
class ConcurrentRetry extends Error {}

/**
 * A pupil submits (or resubmits) work. The Idempotency-Key makes a retry over a bad connection
 * return the attempt already made, never a second one (a unique key per pupil, insert … on conflict).
 * Late work is accepted and flagged unless the organisation refuses it; marked work is final.
 */
export async function submitWork(args: {
  db: Db;
  actor: Actor;
  homeworkId: number;
  key: string;
  text: string | null;
  fileIds: string[];
  now: Date;
}): Promise<{ submissionId: number; attemptId: number; replayed: boolean }> {
  const hash = createHash('sha256')
    .update(JSON.stringify({ text: args.text, fileIds: args.fileIds }))
    .digest();
  for (let tries = 0; ; tries++) {
    try {
      return await args.db.transaction(async (tx) => {
        const earlier = await repo.findAttempt(tx, args.actor.personId, args.key);
        if (earlier) {
          if (earlier.homework_id !== args.homeworkId || !hash.equals(earlier.request_hash)) throw idempotencyKeyReused();
          const submissionId = await repo.submissionIdOf(tx, args.homeworkId, args.actor.personId);
          return { submissionId: submissionId!, attemptId: earlier.id, replayed: true };
        }
        const h = await repo.findHomeworkContext(tx, args.homeworkId);
        // only a pupil of the class submits; for anyone else the homework does not exist here
        if (!h || !isPupilOf(args.actor, h.classId)) throw homeworkNotFound();
        if (!args.text && !args.fileIds.length) throw emptySubmission();
        await ownFilesFor(
          tx,
          args.actor,
          args.fileIds.map((fileId) => ({ kind: 'file', fileId })),
        );
        const settings = toSettings(h.settings, h.orgKind);
        const decision = decideSubmission(args.now, h.dueAt, settings.acceptLateSubmissions, await repo.isMarked(tx, h.id, args.actor.personId));
        if (!decision.ok) {
          if (decision.reason === 'already_marked') throw alreadyMarked();
          throw lateRefused(`The work was due at ${h.dueAt.toISOString()} and this organisation does not accept late work`, { dueAt: h.dueAt.toISOString() });
        }
        const attemptId = await repo.insertAttempt(tx, {
          homeworkId: h.id,
          pupilId: args.actor.personId,
          key: args.key,
          hash,
          text: args.text,
          late: decision.late,
          at: args.now,
        });
        if (attemptId === null) throw new ConcurrentRetry();
        await repo.insertAttemptFiles(tx, attemptId, args.fileIds);
        const submissionId = await repo.upsertSubmission(tx, { homeworkId: h.id, pupilId: args.actor.personId, attemptId, late: decision.late, at: args.now });
        if (submissionId === null) throw alreadyMarked();
        return { submissionId, attemptId, replayed: false };
      });
    } catch (err) {
      if (err instanceof ConcurrentRetry && tries < 2) continue;
      throw err;
    }
  }
}

/** The teacher marks submitted work (formative 1..10, or points for universities); the pupil can no longer resubmit. */
export async function markSubmission(args: {
  db: Db;
  actor: Actor;
  submissionId: number;
  score: number | null;
  comment?: string | null;
  now: Date;
}): Promise<void> {
  await args.db.transaction(async (tx) => {
    const sub = await repo.findSubmission(tx, args.submissionId);
    if (!sub) throw submissionNotFound();
    const access = submissionAccess(args.actor, sub);
    if (access === 'none') throw submissionNotFound();
    if (access === 'read') throw notTheTeacher();
    const h = (await repo.findHomeworkContext(tx, sub.homeworkId))!;
    const ctx = await findLessonContext(tx, h.lessonId, args.now, true);
    if (!ctx) throw lessonNotFound();
    const config = toSettings(ctx.settings, ctx.orgKind);
    const kind = homeworkAssessment(config.gradingSystem);
    const max = maxScoreFor(kind, config, null)!;
    if (args.score !== null) assertScore(config, kind, max, args.score, sub.pupilId);
    await writeMarks(tx, {
      actor: args.actor,
      ctx: { ...ctx, config },
      homeworkId: h.id,
      kind,
      max,
      entries: [{ pupilId: sub.pupilId, score: args.score, comment: args.comment }],
      now: args.now,
    });
    // removing the mark hands the work back: the pupil may resubmit
    await repo.setSubmissionStatus(tx, sub.id, args.score === null ? 'submitted' : 'marked');
  });
}
