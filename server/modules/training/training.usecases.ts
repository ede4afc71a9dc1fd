import type { Db, Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { createPdf, finishPdf } from '../../platform/pdf/index.js';
import { writeCsv, writeXlsx, type Column } from '../../platform/export/index.js';
import type { Actor } from '../identity/identity.actor.js';
import type { CertificateCheck, CompletionsImportReport, Course, Coverage, CoverageRow, Enrolment, Quality } from '../../../contracts/training.js';
import type { z } from 'zod';
import type { areaEnrolBody, courseBody, enrolBody } from '../../../contracts/training.js';
import * as analytics from '../analytics/analytics.usecases.js';
import * as onboarding from '../onboarding/onboarding.usecases.js';
import type { AnalyticsSettings } from '../analytics/analytics.usecases.js';
import * as repo from './training.repository.js';
import * as content from './training.content.repository.js';
import * as errors from './training.errors.js';
import { canCreateCourse, canSeeEnrolment, isOrgAdmin, teacherOrganisations } from './training.policy.js';
import { certificateCode, completionAllowed, enrolmentOpen, publishCoverage, share } from './training.rules.js';
import { columnOf, isIin, parseImportRows, type RowError } from './training.import.js';
import { CERTIFICATE, COVERAGE_HEADERS, type Lang } from './training.labels.js';

/** The school calendar's day of an instant (Kazakhstan, UTC+6, as the analytics module counts it). */
export function schoolToday(now: Date): string {
  return new Date(now.getTime() + 6 * 3_600_000).toISOString().slice(0, 10);
}

export const toEnrolment = (e: repo.EnrolmentRow): Enrolment => ({
  id: e.id,
  course: e.course,
  enrolledAt: e.enrolledAt,
  completedAt: e.completedAt,
  certificateCode: e.certificateCode,
  source: e.source,
  external: e.external,
  withdrawnAt: e.withdrawnAt,
  hasContent: e.hasContent,
});

/** Every course (the catalogue is not secret: staff browse it). */
export async function listCourses(db: Queryable): Promise<{ courses: Course[] }> {
  return { courses: await repo.listCourses(db) };
}

/** The ministry publishes a course. */
export async function createCourse(db: Queryable, actor: Actor, body: z.infer<typeof courseBody>): Promise<Course> {
  if (!canCreateCourse(actor)) throw errors.mayNotCreate();
  if (body.endsOn < body.startsOn) throw errors.badDates();
  const id = await repo.insertCourse(db, body, actor.personId);
  return (await repo.findCourse(db, id))!;
}

/** A teacher's courses: what they are enrolled in (with certificates) and what they may still join. */
export async function myTraining(db: Queryable, actor: Actor, today: string) {
  const teacher = teacherOrganisations(actor).length > 0;
  const enrolments = await repo.enrolmentsOf(db, actor.personId);
  const taken = new Set(enrolments.map((e) => e.courseId));
  const available = teacher ? (await repo.listCourses(db)).filter((c) => !taken.has(c.id) && enrolmentOpen(c, today)) : [];
  return { teacher, enrolments: enrolments.map(toEnrolment), available };
}

/** A teacher enrols themselves (through the first organisation where they teach); enrolling twice answers the first enrolment. */
export async function enrolSelf(db: Db, actor: Actor, courseId: number, today: string): Promise<{ created: boolean; enrolment: Enrolment }> {
  const orgs = teacherOrganisations(actor);
  if (orgs.length === 0) throw errors.notATeacher();
  const course = await repo.findCourse(db, courseId);
  if (!course) throw errors.courseNotFound();
  const existing = (await repo.enrolmentsOf(db, actor.personId)).find((e) => e.courseId === courseId);
  if (existing) return { created: false, enrolment: toEnrolment(existing) };
  if (!enrolmentOpen(course, today)) throw errors.courseClosed();
  await repo.insertEnrolments(db, courseId, orgs[0]!, [actor.personId], actor.personId);
  const e = (await repo.enrolmentsOf(db, actor.personId)).find((x) => x.courseId === courseId)!;
  return { created: true, enrolment: toEnrolment(e) };
}

async function visibleOrganisation(db: Queryable, actor: Actor, organisationId: number) {
  const name = isOrgAdmin(actor, organisationId) ? await repo.organisationName(db, organisationId) : null;
  if (!name) throw errors.organisationNotFound();
  return { id: organisationId, name };
}

/** The admin's list: every teacher of the organisation with their enrolment in one course. */
export async function organisationTeachers(db: Queryable, actor: Actor, organisationId: number, courseId: number) {
  const organisation = await visibleOrganisation(db, actor, organisationId);
  const course = await repo.findCourse(db, courseId);
  if (!course) throw errors.courseNotFound();
  const [teachers, enrolled] = await Promise.all([repo.teachersOf(db, organisationId), repo.orgEnrolments(db, organisationId, courseId)]);
  return {
    organisation,
    course,
    teachers: teachers.map((t) => {
      const e = enrolled.get(t.personId);
      return { personId: t.personId, name: t.name, enrolmentId: e?.id ?? null, enrolledAt: e?.enrolledAt ?? null, completedAt: e?.completedAt ?? null };
    }),
  };
}

/** The admin enrols some or all teachers of the organisation in one step (all or nothing; the already enrolled are skipped). */
export async function enrolTeachers(db: Db, actor: Actor, organisationId: number, body: z.infer<typeof enrolBody>, today: string) {
  await visibleOrganisation(db, actor, organisationId);
  const course = await repo.findCourse(db, body.courseId);
  if (!course) throw errors.courseNotFound();
  if (!enrolmentOpen(course, today)) throw errors.courseClosed();
  const teachers = new Set((await repo.teachersOf(db, organisationId)).map((t) => t.personId));
  const ids = body.teachers === 'all' ? [...teachers] : [...new Set(body.teachers)];
  if (ids.some((id) => !teachers.has(id))) throw errors.notTeachers();
  const enrolled = await db.transaction((tx) => repo.insertEnrolments(tx, course.id, organisationId, ids, actor.personId));
  return { enrolled, already: ids.length - enrolled };
}

async function visibleEnrolment(db: Queryable, actor: Actor, id: number, forUpdate = false) {
  const e = await repo.findEnrolment(db, id, forUpdate);
  if (!e || !canSeeEnrolment(actor, e)) throw errors.enrolmentNotFound();
  return e;
}

/** The teacher (or their admin) records the completion; the certificate gets its code. Completing twice changes nothing. */
export async function complete(db: Db, actor: Actor, id: number, now: Date): Promise<Enrolment> {
  return db.transaction(async (tx) => {
    const e = await visibleEnrolment(tx, actor, id, true);
    if (e.completedAt) return toEnrolment(e);
    if (!completionAllowed(e.course, schoolToday(now))) throw errors.notStarted();
    // a course built in Sabaq with a required quiz completes itself when the teacher passes; their admin may still record a completion
    if (e.teacherId === actor.personId && !isOrgAdmin(actor, e.organisationId)) {
      const v = await content.latestVersion(tx, e.courseId);
      if (v?.content.modules.some((m) => m.quiz?.required)) throw errors.quizzesPending();
    }
    await repo.completeEnrolment(tx, id, certificateCode(), now);
    return toEnrolment((await repo.findEnrolment(tx, id))!);
  });
}

/** The certificate as a PDF (Kazakh letters embedded), for the teacher or their admin. */
export async function certificate(db: Queryable, actor: Actor, id: number, lang: Lang, checkBase = ''): Promise<{ bytes: Buffer; fileName: string }> {
  const e = await visibleEnrolment(db, actor, id);
  if (!e.completedAt || !e.certificateCode) throw errors.notCompleted();
  if (e.withdrawnAt) throw errors.withdrawn();
  const w = CERTIFICATE[lang];
  const name = await repo.personName(db, e.teacherId);
  const doc = createPdf({ title: `${w.title} · ${e.certificateCode}`, subtitle: 'Sabaq', language: lang });
  doc.moveDown(1).fontSize(12).text(w.certifies);
  doc.moveDown(0.8).font('bold').fontSize(18).text(name);
  doc.moveDown(0.8).font('regular').fontSize(12).text(`${w.completed}: `, { continued: true }).font('bold').text(e.course.title[lang]);
  doc.font('regular').text(`${w.hours(e.course.hours)} · ${e.course.format}`);
  doc.text(`${w.provider}: ${e.course.provider}`);
  doc.text(`${w.date}: ${e.completedAt.slice(0, 10)}`);
  doc.moveDown(1).font('bold').text(`${w.code}: ${e.certificateCode}`);
  doc.font('regular').fontSize(10).text(w.check);
  if (checkBase) doc.text(`${checkBase}/certificates/${e.certificateCode}`);
  const bytes = await finishPdf(doc, `Sabaq · ${e.certificateCode}`);
  return { bytes, fileName: `${w.title} ${e.certificateCode}` };
}

const CHILD: Record<'country' | 'region' | 'district' | 'organisation', repo.ChildKind | null> = {
  country: 'region',
  region: 'district',
  district: 'organisation',
  organisation: null,
};

/** Maps analytics' area and range errors to training's codes (the same 404 for outside scope and missing). */
async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) {
      if (err.code === 'analytics.area_not_found') throw errors.areaNotFound();
      if (err.code === 'analytics.unknown_area') throw errors.unknownArea();
      if (err.code === 'analytics.bad_range' || err.code === 'analytics.range_too_long') throw errors.badRange(err.message);
    }
    throw err;
  }
}

function qualityOf(v: Record<string, number | null | undefined>, handedIn: number, inTime: number, hideSmall: boolean, threshold: number): Quality {
  const get = (k: string) => (v[k] === undefined ? null : v[k]!);
  const add = (...xs: (number | null)[]) => (xs.some((x) => x === null) ? null : xs.reduce<number>((s, x) => s + x!, 0));
  const present = add(get('att_in_person'), get('att_online'));
  const inTimeVisible = !(hideSmall && handedIn > 0 && handedIn < threshold) && get('homework_handed_in') !== null;
  return {
    lessons: get('lessons') ?? 0,
    remoteShare: share(get('lessons_remote'), get('lessons')),
    materialsShare: share(get('lessons_materials'), get('lessons')),
    presentShare: share(present, add(present, get('att_absent'), get('att_excused'))),
    onlineShare: share(get('att_online'), present),
    markedShare: share(get('homework_marked'), get('homework_handed_in')),
    markedInTimeShare: inTimeVisible ? share(inTime, handedIn) : null,
  };
}

/**
 * Coverage of an area (share of teaching posts whose teacher completed the course, or any required
 * course) for the area and each child, beside indicators of online teaching quality read from
 * analytics' rollups (through its overview use case, so its scope and suppression apply) and the
 * time to mark from the e-journal. Officers see aggregates with analytics' small-cell suppression.
 */
export async function coverage(
  db: Queryable,
  actor: Actor,
  q: { area: string; courseId?: number; from?: string; to?: string; markDays: number },
  today: string,
  settings: AnalyticsSettings,
): Promise<Coverage> {
  const { kind } = await guard(async () => analytics.parseArea(q.area));
  if (kind === 'class') throw errors.unknownArea();
  const { area, access } = await guard(() => analytics.visibleArea(db, actor, q.area));
  // the rollups' figures only: passes and supplies are not part of coverage
  const overview = await guard(() => analytics.overview(db, actor, { area: q.area, from: q.from, to: q.to }, today, settings, new Date(), { extras: false }));
  const course = q.courseId ? await repo.findCourse(db, q.courseId) : null;
  if (q.courseId && !course) throw errors.courseNotFound();
  const childKind = CHILD[kind];
  const rows = await repo.coverageByChild(db, {
    childKind: childKind ?? 'organisation',
    parentId: area.id,
    onlyOrganisation: childKind ? undefined : area.id!,
    courseId: course?.id ?? null,
    from: overview.from,
    to: overview.to,
    markDays: q.markDays,
  });
  const hide = access === 'aggregate';
  const threshold = settings.ANALYTICS_SMALL_CELL;
  const published = publishCoverage(rows, hide, threshold, analytics.suppress);
  const byKey = new Map(overview.children.map((c) => [c.area.key, c.values]));
  const totals = Object.fromEntries(overview.figures.map((f) => [f.key, f.value]));
  const children: CoverageRow[] = childKind
    ? rows.map((r, i) => ({
        area: { key: `${childKind}:${r.id}`, kind: childKind, id: r.id, name: r.name },
        ...published.children[i]!,
        quality: qualityOf(byKey.get(`${childKind}:${r.id}`) ?? {}, r.handedIn, r.inTime, hide, threshold),
      }))
    : [];
  const handedIn = rows.reduce((s, r) => s + r.handedIn, 0);
  const inTime = rows.reduce((s, r) => s + r.inTime, 0);
  return {
    area: overview.area,
    childKind,
    course,
    from: overview.from,
    to: overview.to,
    markDays: q.markDays,
    suppression: { applied: hide, threshold },
    total: { area: overview.area, ...published.total, quality: qualityOf(totals, handedIn, inTime, hide, threshold) },
    children,
  };
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/** The coverage table as a file (CSV with BOM or XLSX, through platform/export: formula-safe). */
export async function coverageFile(c: Coverage, lang: Lang, format: 'csv' | 'xlsx'): Promise<{ bytes: Buffer; fileName: string }> {
  const h = COVERAGE_HEADERS[lang];
  const columns: Column<CoverageRow>[] = [
    { header: h.area, value: (r) => r.area.name[lang], width: 32 },
    { header: h.teachers, value: (r) => r.teachers },
    { header: h.trained, value: (r) => r.trained },
    { header: h.share, value: (r) => pct(r.share) },
    { header: h.lessons, value: (r) => r.quality.lessons },
    { header: h.remote, value: (r) => pct(r.quality.remoteShare) },
    { header: h.materials, value: (r) => pct(r.quality.materialsShare) },
    { header: h.present, value: (r) => pct(r.quality.presentShare) },
    { header: h.online, value: (r) => pct(r.quality.onlineShare) },
    { header: h.marked, value: (r) => pct(r.quality.markedShare) },
    { header: h.inTime, value: (r) => pct(r.quality.markedInTimeShare) },
  ];
  const rows = [...c.children, c.total];
  const bytes = format === 'csv' ? writeCsv(columns, rows) : await writeXlsx(columns, rows, { sheetName: h.title.slice(0, 31) });
  return { bytes, fileName: `${h.title} ${c.area.name[lang]} ${c.from}_${c.to}.${format}` };
}

/** Normalises a typed code: capitals, no spaces, dashes put back (people type "abcd efgh ijkl"). */
export function normaliseCode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^[A-Z0-9]{12}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}` : null;
}

/**
 * The public check of a certificate (no sign-in): the holder's name, the course, the completion day
 * and whether it is valid. A malformed code answers like a missing one (404). Codes are 12 random
 * letters and digits (36^12), so guessing one is not practical even without a rate limit.
 */
export async function checkCertificate(db: Queryable, raw: string): Promise<CertificateCheck> {
  const code = normaliseCode(raw);
  const c = code ? await repo.certificateByCode(db, code) : null;
  if (!c) throw errors.certificateNotFound();
  return { ...c, valid: c.withdrawnOn === null };
}

/**
 * Every teacher of a district or region enrolled in one step, by an officer of that area (analytics'
 * scope: outside it or missing, 404). One transaction; the already enrolled are skipped. Each
 * teacher is enrolled through their first teaching organisation in the area.
 */
export async function enrolArea(db: Db, actor: Actor, body: z.infer<typeof areaEnrolBody>, today: string) {
  const { kind } = await guard(async () => analytics.parseArea(body.area));
  if (kind !== 'region' && kind !== 'district') throw errors.badArea();
  const { area, access } = await guard(() => analytics.visibleArea(db, actor, body.area));
  if (access !== 'aggregate' || area.id === null) throw errors.areaNotFound();
  const course = await repo.findCourse(db, body.courseId);
  if (!course) throw errors.courseNotFound();
  if (!enrolmentOpen(course, today)) throw errors.courseClosed();
  return db.transaction(async (tx) => {
    const teachers = await content.teachersOfArea(tx, kind, area.id!);
    const enrolled = await content.insertAreaEnrolments(tx, course.id, teachers, actor.personId);
    return { teachers: teachers.length, enrolled, already: teachers.length - enrolled };
  });
}

/**
 * The ministry withdraws a Sabaq certificate with a reason (kept for the ministry, never shown by the
 * public check, which answers valid: false with the day). Coverage stops counting it.
 */
export async function withdrawCertificate(db: Db, actor: Actor, raw: string, reason: string, now: Date): Promise<{ code: string; withdrawnAt: string }> {
  if (!canCreateCourse(actor)) throw errors.mayNotWithdraw();
  const code = normaliseCode(raw);
  if (!code) throw errors.certificateNotFound();
  return db.transaction(async (tx) => {
    const e = await content.enrolmentByCode(tx, code);
    if (!e) throw errors.certificateNotFound();
    if (e.withdrawnAt) throw errors.alreadyWithdrawn(undefined, { withdrawnAt: e.withdrawnAt.toISOString() });
    await content.withdraw(tx, e.id, reason, actor.personId, now);
    return { code, withdrawnAt: now.toISOString() };
  });
}

/** Upload limits of the completions import (the onboarding reader enforces rows and unzipped size). */
export const COMPLETIONS_IMPORT_LIMITS = { maxFileBytes: 5 * 1024 * 1024, maxRows: 20_000, maxUnzippedBytes: 100 * 1024 * 1024, maxListedErrors: 1_000 };

/**
 * Completions from external providers (ministry): every row checked (teacher by IIN or login and a
 * teacher somewhere, course in the catalogue by id or title, a real past date, no row twice); with
 * `dryRun: false` and no bad row, written in one transaction, each with its source (provider,
 * certificate number, file, who imported it and when). Rows whose teacher already completed the
 * course are skipped and counted.
 */
export function assertMayImport(actor: Actor): void {
  if (!canCreateCourse(actor)) throw errors.mayNotImport();
}

export async function importCompletions(db: Db, actor: Actor, file: Buffer, fileName: string, dryRun: boolean, now: Date): Promise<CompletionsImportReport> {
  assertMayImport(actor);
  const sheet = await onboarding.readSheet(file, COMPLETIONS_IMPORT_LIMITS);
  const header = sheet.header.cells;
  const parsed = parseImportRows(header, sheet.rows, schoolToday(now));
  const rowErrors: RowError[] = [...parsed.errors];
  const courses = await repo.listCourses(db);
  const courseBy = new Map<string, number>();
  for (const c of courses) {
    courseBy.set(String(c.id), c.id);
    for (const t of [c.title.kk, c.title.ru, c.title.en]) courseBy.set(t.trim().toLowerCase(), c.id);
  }
  const iins = parsed.rows.map((r) => r.teacher).filter(isIin);
  const logins = parsed.rows.map((r) => r.teacher.toLowerCase()).filter((s) => !isIin(s));
  const teachers = await repo.findTeachers(db, iins, logins);
  const good: (repo.ImportedCompletion & { line: number })[] = [];
  const seen = new Map<string, number>();
  for (const r of parsed.rows) {
    const courseId = courseBy.get(r.course.trim().toLowerCase());
    const who = isIin(r.teacher) ? teachers.byIin.get(r.teacher) : teachers.byLogin.get(r.teacher.toLowerCase());
    let ok = true;
    if (!who) {
      rowErrors.push({ line: r.line, column: columnOf(header, 'teacher'), code: 'unknown_teacher' });
      ok = false;
    } else if (who.organisationId === null) {
      rowErrors.push({ line: r.line, column: columnOf(header, 'teacher'), code: 'not_a_teacher' });
      ok = false;
    }
    if (courseId === undefined) {
      rowErrors.push({ line: r.line, column: columnOf(header, 'course'), code: 'unknown_course' });
      ok = false;
    }
    if (!ok) continue;
    const key = `${courseId}:${who!.personId}`;
    const first = seen.get(key);
    if (first !== undefined) {
      rowErrors.push({ line: r.line, column: columnOf(header, 'teacher'), code: 'duplicate', duplicateOf: first });
      continue;
    }
    seen.set(key, r.line);
    good.push({
      line: r.line,
      courseId: courseId!,
      teacherId: who!.personId,
      organisationId: who!.organisationId!,
      completedOn: r.completedOn,
      provider: r.provider,
      certificate: r.certificate,
    });
  }
  rowErrors.sort((a, b) => a.line - b.line);
  const done = await repo.completedPairs(
    db,
    good.map((g) => g.courseId),
    good.map((g) => g.teacherId),
  );
  const fresh = good.filter((g) => !done.has(`${g.courseId}:${g.teacherId}`));
  const report: CompletionsImportReport = {
    ok: rowErrors.length === 0,
    dryRun,
    rows: sheet.rows.length,
    completed: fresh.length,
    already: good.length - fresh.length,
    errors: rowErrors.slice(0, COMPLETIONS_IMPORT_LIMITS.maxListedErrors),
    errorCount: rowErrors.length,
    ignoredColumns: parsed.ignored,
  };
  if (dryRun || !report.ok) return report;
  const written = await db.transaction((tx) =>
    repo.insertImportedCompletions(tx, fresh, { file: fileName.slice(0, 255) || 'upload', by: actor.personId, at: now }),
  );
  return { ...report, completed: written, already: good.length - written };
}
