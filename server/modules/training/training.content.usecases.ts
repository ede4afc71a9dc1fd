import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import type { attemptResult, contentBody, CourseContent, CoursePage, Material, QuizBody } from '../../../contracts/training.js';
import * as video from '../video/video.usecases.js';
import { findReadableFile, openStored, type FileStore } from '../files/files.usecases.js';
import * as repo from './training.repository.js';
import * as content from './training.content.repository.js';
import * as errors from './training.errors.js';
import { canCreateCourse, canSeeEnrolment } from './training.policy.js';
import { certificateCode, completionAllowed } from './training.rules.js';
import { allRequiredPassed, answersProblem, attemptAllowed, markQuiz, quizProblems, rulesQuiz } from './training.quiz.js';
import { schoolToday, toEnrolment } from './training.usecases.js';

/**
 * Courses built in Sabaq (decision 0034): the ministry edits a draft of ordered modules (materials,
 * an optional quiz) and publishes it as a frozen version; teachers read the latest version's modules
 * and take its quizzes, marked here against the version they were given (stored with the attempt);
 * passing every required quiz completes the enrolment with the usual certificate.
 */

async function editableCourse(db: Queryable, actor: Actor, courseId: number) {
  if (!canCreateCourse(actor)) throw errors.mayNotEdit();
  const course = await repo.findCourse(db, courseId);
  if (!course) throw errors.courseNotFound();
  return course;
}

const PROBLEM_TEXT: Record<string, string> = {
  no_questions: 'has no questions',
  bad_pass_mark: 'needs a pass mark above 0 and at most 1',
  no_options: 'has a question with no options',
  no_correct_answer: 'has a question with no correct answer',
  several_correct_in_single: 'has a single-choice question with several correct answers',
};

/** The quiz rules' problems of every module's quiz: 400 training.bad_quiz naming module and question, nothing written. */
function assertQuizzes(modules: { quiz: QuizBody | null }[]): void {
  const found = modules.flatMap((m, i) => (m.quiz ? quizProblems(rulesQuiz(m.quiz)).map((p) => ({ module: i + 1, ...p })) : []));
  const first = found[0];
  if (first) {
    const where = 'question' in first ? `, question ${first.question},` : '';
    throw errors.badQuiz(`The quiz of module ${first.module}${where} ${PROBLEM_TEXT[first.code]}`, { problems: found });
  }
}

/** Every file is the editor's own upload and every video one the editor may see in the archive. */
async function assertMaterials(db: Db, actor: Actor, materials: Material[]): Promise<void> {
  for (const m of materials) {
    if (m.kind === 'file') {
      const ok = await findReadableFile({ db, actor, fileId: m.fileId, checks: [] }).then(
        () => true,
        () => false,
      );
      if (!ok) throw errors.materialNotFound(`No file ${m.fileId} of yours`);
    }
    if (m.kind === 'video') {
      const ok = await video.getVideo(db, actor, m.videoId).then(
        () => true,
        () => false,
      );
      if (!ok) throw errors.materialNotFound(`No video ${m.videoId} in the archive`);
    }
  }
}

/** The editor's view: the draft with its quizzes (correct answers included) and the published versions. */
export async function courseContent(db: Queryable, actor: Actor, courseId: number): Promise<CourseContent> {
  const course = await editableCourse(db, actor, courseId);
  const [modules, settings, versions] = await Promise.all([
    content.draftModules(db, courseId),
    content.quizSettings(db, courseId),
    content.versions(db, courseId),
  ]);
  return { course, quizMaxAttempts: settings.maxAttempts, quizWaitMinutes: settings.waitMinutes, modules, versions };
}

/** Saves the whole draft in one transaction; a bad quiz, a foreign module id or an unreadable material writes nothing. */
export async function saveContent(db: Db, actor: Actor, courseId: number, body: z.infer<typeof contentBody>): Promise<CourseContent> {
  await editableCourse(db, actor, courseId);
  assertQuizzes(body.modules);
  for (const m of body.modules) await assertMaterials(db, actor, m.materials);
  const ids = body.modules.flatMap((m) => (m.id ? [m.id] : []));
  if (new Set(ids).size !== ids.length) throw errors.unknownModule('A module id appears twice');
  await db.transaction(async (tx) => {
    await content.lockCourse(tx, courseId);
    const own = await content.moduleIdsOf(tx, courseId);
    if (ids.some((id) => !own.has(id))) throw errors.unknownModule();
    await content.replaceDraft(tx, courseId, { maxAttempts: body.quizMaxAttempts, waitMinutes: body.quizWaitMinutes }, body.modules);
  });
  return courseContent(db, actor, courseId);
}

/**
 * Publishes the draft as the next version: frozen, so attempts made against it are never re-marked
 * by a later edit. Teachers get the newest version from then on.
 */
export async function publish(db: Db, actor: Actor, courseId: number, now: Date): Promise<{ version: number; publishedAt: string }> {
  await editableCourse(db, actor, courseId);
  return db.transaction(async (tx) => {
    await content.lockCourse(tx, courseId);
    const modules = await content.draftModules(tx, courseId);
    if (modules.length === 0) throw errors.nothingToPublish();
    assertQuizzes(modules);
    return content.insertVersion(tx, courseId, { modules }, actor.personId, now);
  });
}

async function teacherEnrolment(db: Queryable, actor: Actor, id: number, forUpdate = false) {
  const e = await repo.findEnrolment(db, id, forUpdate);
  if (!e || !canSeeEnrolment(actor, e)) throw errors.enrolmentNotFound();
  return e;
}

/** Only the teacher reads and answers; their admin may look at the page. */
function assertLearner(actor: Actor, e: { teacherId: number }) {
  if (e.teacherId !== actor.personId) throw errors.notLearner();
}

const fileUrl = (enrolmentId: number, fileId: string) => `/api/training/enrolments/${enrolmentId}/files/${fileId}`;

async function teacherMaterial(db: Queryable, actor: Actor, enrolmentId: number, m: Material): Promise<CoursePage['modules'][number]['materials'][number]> {
  switch (m.kind) {
    case 'text':
      return m;
    case 'link':
      return m;
    case 'file':
      return { kind: 'file', title: m.title, url: fileUrl(enrolmentId, m.fileId) };
    case 'video': {
      // read through the video archive: what this teacher may see of it, as the archive says
      const v = await video.getVideo(db, actor, m.videoId).catch(() => null);
      return { kind: 'video', title: m.title, videoId: m.videoId, hlsUrl: v?.hlsUrl ?? null, mp4Url: v?.mp4Url ?? null };
    }
  }
}

/** The teacher's course page: the latest version's modules in order, what was read, the quizzes without their answers, attempts. */
export async function coursePage(db: Queryable, actor: Actor, enrolmentId: number, now: Date): Promise<CoursePage> {
  const e = await teacherEnrolment(db, actor, enrolmentId);
  const [version, read, attempts, settings] = await Promise.all([
    content.latestVersion(db, e.courseId),
    content.readModules(db, e.id),
    content.attemptsOf(db, e.id),
    content.quizSettings(db, e.courseId),
  ]);
  const modules = version?.content.modules ?? [];
  const passed = new Set(attempts.filter((a) => a.passed).map((a) => a.moduleId));
  const out: CoursePage['modules'] = [];
  for (const m of modules) {
    const mine = attempts.filter((a) => a.moduleId === m.id);
    const allowed = attemptAllowed(
      mine.map((a) => new Date(a.submittedAt)),
      settings.maxAttempts,
      settings.waitMinutes,
      now,
    );
    out.push({
      id: m.id,
      position: m.position,
      title: m.title,
      materials: await Promise.all(m.materials.map((x) => teacherMaterial(db, actor, e.id, x))),
      read: read.has(m.id),
      quiz: m.quiz
        ? {
            passMark: m.quiz.passMark,
            required: m.quiz.required,
            questions: m.quiz.questions.map((q) => ({ kind: q.kind, text: q.text, options: q.options.map((o) => ({ text: o.text })) })),
          }
        : null,
      attempts: mine.map(({ moduleId: _m, ...a }) => a),
      passed: passed.has(m.id),
      attemptsLeft: settings.maxAttempts === null ? null : Math.max(0, settings.maxAttempts - mine.length),
      nextAttemptAt: !allowed.ok && allowed.code === 'too_soon' ? allowed.nextAt.toISOString() : null,
    });
  }
  const required = modules.filter((m) => m.quiz?.required);
  return {
    enrolment: toEnrolment(e),
    version: version?.version ?? null,
    modules: out,
    progress: {
      modules: modules.length,
      read: modules.filter((m) => read.has(m.id)).length,
      requiredQuizzes: required.length,
      passedQuizzes: required.filter((m) => passed.has(m.id)).length,
    },
  };
}

async function publishedModule(db: Queryable, courseId: number, moduleId: number) {
  const version = await content.latestVersion(db, courseId);
  const m = version?.content.modules.find((x) => x.id === moduleId);
  if (!version || !m) throw errors.moduleNotFound();
  return { version, module: m };
}

/** The teacher marks a module read (again: no change). */
export async function markRead(db: Db, actor: Actor, enrolmentId: number, moduleId: number, now: Date): Promise<CoursePage> {
  const e = await teacherEnrolment(db, actor, enrolmentId);
  assertLearner(actor, e);
  await publishedModule(db, e.courseId, moduleId);
  await content.markRead(db, e.id, moduleId, now);
  return coursePage(db, actor, enrolmentId, now);
}

/**
 * The teacher submits answers to a module's quiz: marked here against the latest published version
 * (kept with the attempt), within the course's attempt limit and wait. Passing the last required
 * quiz completes the enrolment (once the course has started) with a certificate code.
 */
export async function submitAttempt(
  db: Db,
  actor: Actor,
  enrolmentId: number,
  moduleId: number,
  answers: number[][],
  now: Date,
): Promise<z.infer<typeof attemptResult>> {
  return db.transaction(async (tx) => {
    const e = await teacherEnrolment(tx, actor, enrolmentId, true);
    assertLearner(actor, e);
    if (e.completedAt) throw errors.alreadyCompleted();
    // a pass before the start could not complete the course: no attempts until it starts
    if (!completionAllowed(e.course, schoolToday(now))) throw errors.notStarted();
    const { version, module } = await publishedModule(tx, e.courseId, moduleId);
    if (!module.quiz) throw errors.noQuiz();
    const quiz = rulesQuiz(module.quiz);
    const bad = answersProblem(quiz, answers);
    if (bad) throw errors.badAnswers(bad);
    const previous = (await content.attemptsOf(tx, e.id)).filter((a) => a.moduleId === moduleId);
    const settings = await content.quizSettings(tx, e.courseId);
    const allowed = attemptAllowed(
      previous.map((a) => new Date(a.submittedAt)),
      settings.maxAttempts,
      settings.waitMinutes,
      now,
    );
    if (!allowed.ok)
      throw allowed.code === 'no_attempts_left' ? errors.noAttemptsLeft() : errors.attemptTooSoon(undefined, { nextAttemptAt: allowed.nextAt.toISOString() });
    const mark = markQuiz(quiz, answers);
    const id = await content.insertAttempt(tx, {
      enrolmentId: e.id,
      teacherId: e.teacherId,
      versionId: version.id,
      moduleId,
      answers,
      right: mark.right,
      total: mark.total,
      passed: mark.passed,
      at: now,
    });
    const results = quiz.questions.map((_, i) => markQuiz({ passMark: 1, questions: [quiz.questions[i]!] }, [answers[i] ?? []]).passed);
    if (mark.passed) {
      const passed = new Set((await content.attemptsOf(tx, e.id)).filter((a) => a.passed).map((a) => a.moduleId));
      if (allRequiredPassed(version.content.modules, passed)) await repo.completeEnrolment(tx, e.id, certificateCode(), now);
    }
    return {
      attempt: { id, version: version.version, right: mark.right, total: mark.total, passed: mark.passed, submittedAt: now.toISOString() },
      results,
      enrolment: toEnrolment((await repo.findEnrolment(tx, e.id))!),
    };
  });
}

/** Whether the course completes through its quizzes (a published version with a required quiz): then no completion by hand. */
export async function completesByQuiz(db: Queryable, courseId: number): Promise<boolean> {
  const v = await content.latestVersion(db, courseId);
  return !!v && v.content.modules.some((m) => m.quiz?.required);
}

/** A file of the course's materials, for the enrolled teacher or their admin. */
export async function enrolmentFile(db: Db, store: FileStore, actor: Actor, enrolmentId: number, fileId: string) {
  const e = await teacherEnrolment(db, actor, enrolmentId);
  const version = await content.latestVersion(db, e.courseId);
  const listed = version?.content.modules.some((m) => m.materials.some((x) => x.kind === 'file' && x.fileId === fileId));
  if (!listed) throw errors.fileNotFound();
  // training has authorised the read above (a material of the enrolment's course); the files module opens the bytes
  const file = await findReadableFile({ db, actor, fileId, checks: [async () => true] });
  const stream: Readable = await openStored(store, file);
  return { file, stream };
}
