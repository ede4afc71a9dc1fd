import type { z } from 'zod';
import type { Db, Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../identity/identity.actor.js';
import type { Answer, Assessment, Evidence, Framework, Status, Submission, draftBody, frameworkBody, reviewBody } from '../../../contracts/quality.js';
import * as training from '../training/training.usecases.js';
import type { AnalyticsSettings } from '../analytics/analytics.usecases.js';
import { findOwnFiles, findReadableFile, openStored, type FileStore } from '../files/files.usecases.js';
import { notify } from '../notifications/notifications.usecases.js';
import * as repo from './quality.repository.js';
import * as errors from './quality.errors.js';
import * as policy from './quality.policy.js';
import { alignAnswers, checkAnswers, duplicateKeys, missingLevels } from './quality.rules.js';
import { DEFAULT_AREAS } from './quality.defaults.js';

/** How far back "homework marked in time" counts (decision 0022's default). */
export const MARK_DAYS = 3;

export interface Ctx {
  today: string;
  now: Date;
  settings: AnalyticsSettings;
  /** where the screens' evidence is read (a replica when there is one: decision 0023); the submission's snapshot reads the primary */
  read?: Queryable;
}

// ── the framework ──────────────────────────────────────────────────────────────────────────

/** The version in force; the default (E-xcellence areas) becomes version 1 the first time it is asked for. */
export async function currentFramework(db: Queryable): Promise<Framework> {
  const f = await repo.latestFramework(db);
  if (f) return f;
  await repo.insertFramework(db, DEFAULT_AREAS, 'EADTU E-xcellence (default)', null, true);
  return (await repo.latestFramework(db))!;
}

export async function framework(db: Queryable, id: number): Promise<Framework> {
  const f = await repo.findFramework(db, id);
  if (!f) throw errors.frameworkNotFound();
  return f;
}

export async function frameworks(db: Queryable) {
  await currentFramework(db);
  return { frameworks: await repo.listFrameworks(db) };
}

/** The ministry publishes a new version; assessments already started keep theirs. */
export async function publishFramework(db: Queryable, actor: Actor, body: z.infer<typeof frameworkBody>): Promise<Framework> {
  if (!policy.canPublishFramework(actor)) throw errors.mayNotPublish();
  const dup = duplicateKeys(body);
  if (dup.length) throw errors.duplicateKeys(`Keys used twice: ${dup.join(', ')}`, { keys: dup });
  await currentFramework(db);
  await repo.insertFramework(db, body.areas, body.note, actor.personId);
  return (await repo.latestFramework(db))!;
}

// ── scope ──────────────────────────────────────────────────────────────────────────────────

async function visibleOrganisation(db: Queryable, actor: Actor, orgId: number): Promise<repo.OrgRow> {
  const o = await repo.findOrganisation(db, orgId);
  if (!o || !policy.canSee(actor, o)) throw errors.organisationNotFound();
  return o;
}

const orgOut = (o: repo.OrgRow) => ({ id: o.id, name: o.name, district: o.district });

// ── automatic evidence (decision 0022, through training's coverage use case) ──────────────

/**
 * The organisation's indicators over the school year so far (its first day to today or its last
 * day), read through training's coverage (which reads analytics' overview: scope and suppression
 * apply to the actor). Null before the year starts or when the range is refused.
 */
export async function automaticEvidence(db: Queryable, actor: Actor, orgId: number, year: repo.YearRow, ctx: Ctx): Promise<Evidence | null> {
  const to = [ctx.today, year.endsOn].sort()[0]!;
  if (to < year.startsOn) return null;
  try {
    const c = await training.coverage(db, actor, { area: `organisation:${orgId}`, from: year.startsOn, to, markDays: MARK_DAYS }, ctx.today, ctx.settings);
    const q = c.total.quality;
    return {
      from: c.from,
      to: c.to,
      lessons: q.lessons,
      markDays: MARK_DAYS,
      remoteShare: q.remoteShare,
      materialsShare: q.materialsShare,
      presentShare: q.presentShare,
      onlineShare: q.onlineShare,
      markedShare: q.markedShare,
      markedInTimeShare: q.markedInTimeShare,
      trainedShare: c.total.share,
    };
  } catch (err) {
    if (err instanceof AppError && err.statusCode < 500) return null;
    throw err;
  }
}

// ── the self-assessment ────────────────────────────────────────────────────────────────────

function answersOut(stored: repo.StoredAnswer[], files: Map<string, { id: string; name: string; sizeBytes: number }>): Answer[] {
  return stored.map((a) => ({
    criterion: a.criterion,
    level: a.level,
    comment: a.comment,
    evidence: a.evidence,
    links: a.links,
    files: a.fileIds.map((id) => files.get(id)).filter((f) => f !== undefined),
  }));
}

const blank = (criterion: string): repo.StoredAnswer => ({ criterion, level: null, comment: '', evidence: '', links: [], fileIds: [] });

async function yearOf(db: Queryable, yearId: number) {
  const y = await repo.findYear(db, yearId);
  if (!y) throw errors.yearNotFound();
  return y;
}

/** The organisation's history: every school year with its assessment's state. */
export async function organisationHistory(db: Queryable, actor: Actor, orgId: number) {
  const o = await visibleOrganisation(db, actor, orgId);
  const [ys, by] = await Promise.all([repo.years(db), repo.assessmentsOf(db, orgId)]);
  return {
    organisation: orgOut(o),
    mayEdit: policy.canEdit(actor, o),
    years: ys.map((y) => {
      const a = by.get(y.id);
      return {
        ...y,
        assessmentId: a?.id ?? null,
        status: (a?.status ?? 'none') as Status,
        submissions: a?.submissions ?? 0,
        updatedAt: a?.updated_at.toISOString() ?? null,
      };
    }),
  };
}

async function assessmentOut(db: Queryable, actor: Actor, o: repo.OrgRow, year: repo.YearRow, a: repo.AssessmentRow | null, ctx: Ctx): Promise<Assessment> {
  const f = a ? await framework(db, a.frameworkId) : await currentFramework(db);
  const files = a ? await repo.attachedFiles(db, a.id) : new Map();
  const subs = a ? await repo.submissions(db, a.id) : [];
  const evidence = await automaticEvidence(ctx.read ?? db, actor, o.id, year, ctx);
  const status: Status = a?.status ?? 'none';
  // the draft is the school's own work in progress: others read only what was submitted
  const shown = policy.canEdit(actor, o) ? (a?.answers ?? []) : (subs[0]?.answers ?? []);
  return {
    id: a?.id ?? null,
    organisation: orgOut(o),
    year,
    framework: f,
    status,
    answers: answersOut(alignAnswers(f, shown, blank), files),
    updatedAt: a?.updatedAt ?? null,
    submissions: subs.map(
      (s): Submission => ({
        id: s.id,
        n: s.n,
        submittedAt: s.submittedAt,
        answers: answersOut(s.answers, files),
        evidence: (s.evidence as Evidence | null) ?? null,
        review: s.review,
      }),
    ),
    evidence,
    mayEdit: policy.canEdit(actor, o) && (status === 'none' || status === 'draft' || status === 'returned'),
    mayReview: policy.canReview(actor, o) && status === 'submitted',
  };
}

/** One school year's assessment of the organisation (blank when none was started), with the automatic evidence now. */
export async function assessmentOfYear(db: Queryable, actor: Actor, orgId: number, yearId: number, ctx: Ctx): Promise<Assessment> {
  const o = await visibleOrganisation(db, actor, orgId);
  const year = await yearOf(db, yearId);
  return assessmentOut(db, actor, o, year, await repo.findAssessment(db, orgId, yearId), ctx);
}

async function visibleAssessment(db: Queryable, actor: Actor, id: number, forUpdate = false) {
  const a = await repo.findAssessmentById(db, id, forUpdate);
  const o = a ? await repo.findOrganisation(db, a.organisationId) : null;
  if (!a || !o || !policy.canSee(actor, o)) throw errors.assessmentNotFound();
  return { a, o };
}

export async function assessmentById(db: Queryable, actor: Actor, id: number, ctx: Ctx): Promise<Assessment> {
  const { a, o } = await visibleAssessment(db, actor, id);
  return assessmentOut(db, actor, o, await yearOf(db, a.yearId), a, ctx);
}

/** Checks the answers against the version and the files against the admin's uploads (or ones already attached); nothing is written when any is wrong. */
async function checkedAnswers(
  db: Queryable,
  actor: Actor,
  f: Framework,
  assessmentId: number | null,
  body: z.infer<typeof draftBody>,
): Promise<repo.StoredAnswer[]> {
  const { unknown, duplicate } = checkAnswers(f, body.answers);
  if (unknown.length) throw errors.unknownCriteria(`Unknown criteria in framework version ${f.version}: ${unknown.join(', ')}`, { criteria: unknown });
  if (duplicate.length) throw errors.duplicateCriteria(`Answered twice: ${duplicate.join(', ')}`, { criteria: duplicate });
  const fileIds = [...new Set(body.answers.flatMap((a) => a.fileIds))];
  const attached = assessmentId ? await repo.attachedFiles(db, assessmentId) : new Map();
  const fresh = fileIds.filter((id) => !attached.has(id));
  const own = new Set((await findOwnFiles(db, actor.personId, fresh)).map((f) => f.id));
  const bad = fresh.filter((id) => !own.has(id));
  if (bad.length) throw errors.unknownFiles(`Not your uploads: ${bad.join(', ')}`, { files: bad });
  return body.answers.map((a) => ({ ...a, links: [...new Set(a.links)], fileIds: [...new Set(a.fileIds)] }));
}

/** The admin saves a draft (the first save starts the year's assessment against the version in force). */
export async function saveDraft(db: Db, actor: Actor, orgId: number, yearId: number, body: z.infer<typeof draftBody>, ctx: Ctx): Promise<Assessment> {
  const o = await visibleOrganisation(db, actor, orgId);
  if (!policy.canEdit(actor, o)) throw errors.mayNotEdit();
  const year = await yearOf(db, yearId);
  const current = await currentFramework(db);
  await db.transaction(async (tx) => {
    await repo.ensureAssessment(tx, orgId, yearId, current.id, actor.personId);
    const a = (await repo.findAssessment(tx, orgId, yearId, true))!;
    if (a.status === 'submitted' || a.status === 'accepted') throw errors.notEditable();
    const f = a.frameworkId === current.id ? current : await framework(tx, a.frameworkId);
    const answers = await checkedAnswers(tx, actor, f, a.id, body);
    await repo.attachFiles(
      tx,
      a.id,
      answers.flatMap((x) => x.fileIds),
    );
    await repo.saveAnswers(tx, a.id, answers, actor.personId, ctx.now);
    if (a.status === 'returned') await repo.setStatus(tx, a.id, 'draft', ctx.now);
  });
  return assessmentOut(db, actor, o, year, await repo.findAssessment(db, orgId, yearId), ctx);
}

/**
 * The admin submits the saved draft: every criterion needs a level (400 naming the missing ones,
 * nothing written). The answers and the automatic evidence of this moment are kept with the
 * submission; the assessment cannot be changed until a reviewer returns it.
 */
export async function submit(db: Db, actor: Actor, orgId: number, yearId: number, ctx: Ctx): Promise<Assessment> {
  const o = await visibleOrganisation(db, actor, orgId);
  if (!policy.canEdit(actor, o)) throw errors.mayNotEdit();
  const year = await yearOf(db, yearId);
  const evidence = await automaticEvidence(db, actor, orgId, year, ctx);
  await db.transaction(async (tx) => {
    const a = await repo.findAssessment(tx, orgId, yearId, true);
    const f = a ? await framework(tx, a.frameworkId) : await currentFramework(tx);
    if (a && (a.status === 'submitted' || a.status === 'accepted')) throw errors.notEditable();
    const missing = missingLevels(f, a?.answers ?? []);
    if (missing.length) throw errors.missingAnswers(`These criteria have no level: ${missing.join(', ')}`, { criteria: missing });
    await repo.insertSubmission(tx, a!.id, a!.answers, evidence, actor.personId, ctx.now);
    await repo.setStatus(tx, a!.id, 'submitted', ctx.now);
  });
  return assessmentOut(db, actor, o, year, await repo.findAssessment(db, orgId, yearId), ctx);
}

/** Submitted assessments in the officer's area (or all that were ever submitted). */
export async function reviewList(db: Queryable, actor: Actor, status: 'submitted' | 'all') {
  const areas = policy.officerAreas(actor);
  if (areas && areas.districts.length === 0 && areas.regions.length === 0) throw errors.notOfficer();
  return { assessments: await repo.reviewList(db, areas, status === 'submitted') };
}

/** The district's officer (or the ministry) accepts the latest submission or returns it with comments. */
export async function review(db: Db, actor: Actor, id: number, body: z.infer<typeof reviewBody>, ctx: Ctx): Promise<Assessment> {
  const { o } = await visibleAssessment(db, actor, id);
  if (!policy.canReview(actor, o)) throw errors.mayNotReview();
  await db.transaction(async (tx) => {
    const a = (await repo.findAssessmentById(tx, id, true))!;
    if (a.status !== 'submitted') throw errors.notSubmitted();
    const f = await framework(tx, a.frameworkId);
    const { unknown, duplicate } = checkAnswers(f, body.comments);
    if (unknown.length) throw errors.unknownCriteria(`Unknown criteria in framework version ${f.version}: ${unknown.join(', ')}`, { criteria: unknown });
    if (duplicate.length) throw errors.duplicateCriteria(`Commented twice: ${duplicate.join(', ')}`, { criteria: duplicate });
    if (body.verdict === 'returned' && !body.comment && body.comments.length === 0) throw errors.commentRequired();
    const latest = (await repo.submissions(tx, a.id))[0]!;
    await repo.insertReview(tx, latest.id, body, actor.personId, ctx.now);
    await repo.setStatus(tx, a.id, body.verdict, ctx.now);
    // the school's admins hear of it in the same transaction (the comments are read on the page)
    await notify(
      tx,
      (await repo.adminsOf(tx, a.organisationId)).map((personId) => ({
        personId,
        kind: 'quality.reviewed',
        params: { assessmentId: a.id, organisationId: a.organisationId, yearId: a.yearId, verdict: body.verdict },
      })),
      ctx.now,
    );
  });
  return assessmentById(db, actor, id, ctx);
}

/** An evidence file, for whoever sees the assessment it is attached to. */
export async function evidenceFile(db: Db, store: FileStore, actor: Actor, id: number, fileId: string) {
  const { o } = await visibleAssessment(db, actor, id);
  if (!(await repo.isAttached(db, id, fileId))) throw errors.fileNotFound();
  // others than the school's admin: only files of a submission, not of the draft in progress
  if (!policy.canEdit(actor, o) && !(await repo.submissions(db, id)).some((s) => s.answers.some((x) => x.fileIds.includes(fileId))))
    throw errors.fileNotFound();
  // quality has authorised the read above; the files module finds and opens the bytes
  const file = await findReadableFile({ db, actor, fileId, checks: [async () => true] });
  return { file, stream: await openStored(store, file) };
}
