import type { Queryable } from '../../platform/db.js';
import type { Framework, Level } from '../../../contracts/quality.js';
import type { FrameworkArea } from '../../../contracts/quality.js';

export interface Names {
  kk: string;
  ru: string;
  en: string;
}

/** An answer as stored (the draft's and each submission's). */
export interface StoredAnswer {
  criterion: string;
  level: Level | null;
  comment: string;
  evidence: string;
  links: string[];
  fileIds: string[];
}

interface FrameworkRow {
  id: number;
  version: number;
  note: string;
  created_at: Date;
  areas: Framework['areas'];
}
const toFramework = (r: FrameworkRow): Framework => ({ id: r.id, version: r.version, note: r.note, createdAt: r.created_at.toISOString(), areas: r.areas });

export async function latestFramework(db: Queryable): Promise<Framework | null> {
  const { rows } = await db.query<FrameworkRow & Record<string, unknown>>('select * from quality_frameworks order by version desc limit 1');
  return rows[0] ? toFramework(rows[0]) : null;
}

export async function findFramework(db: Queryable, id: number): Promise<Framework | null> {
  const { rows } = await db.query<FrameworkRow & Record<string, unknown>>('select * from quality_frameworks where id = $1', [id]);
  return rows[0] ? toFramework(rows[0]) : null;
}

export async function listFrameworks(db: Queryable) {
  const { rows } = await db.query<FrameworkRow & Record<string, unknown>>('select * from quality_frameworks order by version desc');
  return rows.map((r) => {
    const { areas, ...f } = toFramework(r);
    return { ...f, criteria: areas.reduce((s, a) => s + a.criteria.length, 0) };
  });
}

/** A new version (the next number); the default becomes version 1 when there is none yet (`onlyIfNone`). */
export async function insertFramework(db: Queryable, areas: FrameworkArea[], note: string, by: number | null, onlyIfNone = false): Promise<void> {
  await db.query(
    `insert into quality_frameworks (version, areas, note, created_by)
     select coalesce(max(version), 0) + 1, $1::jsonb, $2, $3 from quality_frameworks
     having not $4::boolean or count(*) = 0
     on conflict (version) do nothing`,
    [JSON.stringify(areas), note, by, onlyIfNone],
  );
}

export interface OrgRow {
  id: number;
  districtId: number;
  regionId: number;
  name: Names;
  district: Names;
}
const ORG = `select o.id, o.district_id, o.region_id, o.name_kk, o.name_ru, o.name_en, d.name_kk as d_kk, d.name_ru as d_ru, d.name_en as d_en
  from organisations o join districts d on d.id = o.district_id`;
type OrgDbRow = {
  id: number;
  district_id: number;
  region_id: number;
  name_kk: string;
  name_ru: string;
  name_en: string;
  d_kk: string;
  d_ru: string;
  d_en: string;
};
const toOrg = (r: OrgDbRow): OrgRow => ({
  id: r.id,
  districtId: r.district_id,
  regionId: r.region_id,
  name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
  district: { kk: r.d_kk, ru: r.d_ru, en: r.d_en },
});

export async function findOrganisation(db: Queryable, id: number): Promise<OrgRow | null> {
  const { rows } = await db.query<OrgDbRow & Record<string, unknown>>(`${ORG} where o.id = $1`, [id]);
  return rows[0] ? toOrg(rows[0]) : null;
}

/** The organisation's admins: told when its assessment is reviewed. */
export async function adminsOf(db: Queryable, organisationId: number): Promise<number[]> {
  const { rows } = await db.query<{ person_id: string }>("select distinct person_id from role_assignments where role = 'org_admin' and organisation_id = $1", [
    organisationId,
  ]);
  return rows.map((r) => Number(r.person_id));
}

export interface YearRow {
  id: number;
  name: string;
  startsOn: string;
  endsOn: string;
}
const YEAR = "select id, name, to_char(starts_on, 'YYYY-MM-DD') as starts_on, to_char(ends_on, 'YYYY-MM-DD') as ends_on from academic_years";
type YearDbRow = { id: number; name: string; starts_on: string; ends_on: string };
const toYear = (r: YearDbRow): YearRow => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on });

export async function years(db: Queryable): Promise<YearRow[]> {
  const { rows } = await db.query<YearDbRow & Record<string, unknown>>(`${YEAR} order by starts_on desc`);
  return rows.map(toYear);
}
export async function findYear(db: Queryable, id: number): Promise<YearRow | null> {
  const { rows } = await db.query<YearDbRow & Record<string, unknown>>(`${YEAR} where id = $1`, [id]);
  return rows[0] ? toYear(rows[0]) : null;
}

export interface AssessmentRow {
  id: number;
  organisationId: number;
  yearId: number;
  frameworkId: number;
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  answers: StoredAnswer[];
  updatedAt: string;
}
type AssessmentDbRow = {
  id: number;
  organisation_id: number;
  academic_year_id: number;
  framework_id: number;
  status: AssessmentRow['status'];
  answers: StoredAnswer[];
  updated_at: Date;
};
const toAssessment = (r: AssessmentDbRow): AssessmentRow => ({
  id: r.id,
  organisationId: r.organisation_id,
  yearId: r.academic_year_id,
  frameworkId: r.framework_id,
  status: r.status,
  answers: r.answers,
  updatedAt: r.updated_at.toISOString(),
});

export async function findAssessment(db: Queryable, orgId: number, yearId: number, forUpdate = false): Promise<AssessmentRow | null> {
  const { rows } = await db.query<AssessmentDbRow & Record<string, unknown>>(
    `select * from quality_assessments where organisation_id = $1 and academic_year_id = $2${forUpdate ? ' for update' : ''}`,
    [orgId, yearId],
  );
  return rows[0] ? toAssessment(rows[0]) : null;
}

export async function findAssessmentById(db: Queryable, id: number, forUpdate = false): Promise<AssessmentRow | null> {
  const { rows } = await db.query<AssessmentDbRow & Record<string, unknown>>(
    `select * from quality_assessments where id = $1${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return rows[0] ? toAssessment(rows[0]) : null;
}

/** Creates the year's assessment (against `frameworkId`) unless it exists; answers its id either way. */
export async function ensureAssessment(db: Queryable, orgId: number, yearId: number, frameworkId: number, by: number): Promise<void> {
  await db.query(
    `insert into quality_assessments (organisation_id, academic_year_id, framework_id, updated_by) values ($1, $2, $3, $4)
     on conflict (organisation_id, academic_year_id) do nothing`,
    [orgId, yearId, frameworkId, by],
  );
}

export async function saveAnswers(db: Queryable, id: number, answers: StoredAnswer[], by: number, now: Date): Promise<void> {
  await db.query('update quality_assessments set answers = $2::jsonb, updated_by = $3, updated_at = $4 where id = $1', [id, JSON.stringify(answers), by, now]);
}

export async function setStatus(db: Queryable, id: number, status: AssessmentRow['status'], now: Date): Promise<void> {
  await db.query('update quality_assessments set status = $2, updated_at = $3 where id = $1', [id, status, now]);
}

export async function attachFiles(db: Queryable, assessmentId: number, fileIds: string[]): Promise<void> {
  if (!fileIds.length) return;
  await db.query('insert into quality_files (assessment_id, file_id) select $1, unnest($2::uuid[]) on conflict do nothing', [assessmentId, fileIds]);
}

/** Files attached to the assessment, by id (names for the screens; the file store's `files` table, read-only). */
export async function attachedFiles(db: Queryable, assessmentId: number): Promise<Map<string, { id: string; name: string; sizeBytes: number }>> {
  const { rows } = await db.query<{ id: string; name: string; size_bytes: string }>(
    'select f.id, f.name, f.size_bytes from quality_files q join files f on f.id = q.file_id where q.assessment_id = $1',
    [assessmentId],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, sizeBytes: Number(r.size_bytes) }]));
}

export async function isAttached(db: Queryable, assessmentId: number, fileId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from quality_files where assessment_id = $1 and file_id = $2', [assessmentId, fileId]);
  return (rowCount ?? 0) > 0;
}

export interface SubmissionRow {
  id: number;
  n: number;
  submittedAt: string;
  answers: StoredAnswer[];
  evidence: unknown;
  review: {
    verdict: 'accepted' | 'returned';
    comment: string;
    comments: { criterion: string; comment: string }[];
    reviewedAt: string;
    reviewer: string;
  } | null;
}

/** Every submission of the assessment with its review and the reviewer's name, newest first. */
export async function submissions(db: Queryable, assessmentId: number): Promise<SubmissionRow[]> {
  const { rows } = await db.query<{
    id: number;
    n: number;
    submitted_at: Date;
    answers: StoredAnswer[];
    evidence: unknown;
    verdict: 'accepted' | 'returned' | null;
    comment: string | null;
    comments: { criterion: string; comment: string }[] | null;
    reviewed_at: Date | null;
    reviewer: string | null;
  }>(
    `select s.id, s.n, s.submitted_at, s.answers, s.evidence, r.verdict, r.comment, r.comments, r.reviewed_at,
            case when r.id is null then null else coalesce(p.last_name || ' ' || p.first_name, '') end as reviewer
       from quality_submissions s
       left join quality_reviews r on r.submission_id = s.id
       left join persons p on p.id = r.reviewed_by
      where s.assessment_id = $1 order by s.n desc`,
    [assessmentId],
  );
  return rows.map((r) => ({
    id: r.id,
    n: r.n,
    submittedAt: r.submitted_at.toISOString(),
    answers: r.answers,
    evidence: r.evidence,
    review: r.verdict
      ? { verdict: r.verdict, comment: r.comment ?? '', comments: r.comments ?? [], reviewedAt: r.reviewed_at!.toISOString(), reviewer: r.reviewer ?? '' }
      : null,
  }));
}

export async function insertSubmission(db: Queryable, assessmentId: number, answers: StoredAnswer[], evidence: unknown, by: number, now: Date): Promise<void> {
  await db.query(
    `insert into quality_submissions (assessment_id, n, answers, evidence, submitted_by, submitted_at)
     select $1, coalesce(max(n), 0) + 1, $2::jsonb, $3::jsonb, $4, $5 from quality_submissions where assessment_id = $1`,
    [assessmentId, JSON.stringify(answers), evidence === null ? null : JSON.stringify(evidence), by, now],
  );
}

export async function insertReview(
  db: Queryable,
  submissionId: number,
  r: { verdict: 'accepted' | 'returned'; comment: string; comments: { criterion: string; comment: string }[] },
  by: number,
  now: Date,
): Promise<void> {
  await db.query('insert into quality_reviews (submission_id, verdict, comment, comments, reviewed_by, reviewed_at) values ($1, $2, $3, $4::jsonb, $5, $6)', [
    submissionId,
    r.verdict,
    r.comment,
    JSON.stringify(r.comments),
    by,
    now,
  ]);
}

/** Assessments per year of one organisation (for its history). */
export async function assessmentsOf(db: Queryable, orgId: number) {
  const { rows } = await db.query<{ id: number; academic_year_id: number; status: AssessmentRow['status']; updated_at: Date; submissions: number }>(
    `select a.id, a.academic_year_id, a.status, a.updated_at, (select count(*)::int from quality_submissions s where s.assessment_id = a.id) as submissions
       from quality_assessments a where a.organisation_id = $1`,
    [orgId],
  );
  return new Map(rows.map((r) => [r.academic_year_id, r]));
}

/** Assessments that have been submitted at least once, in the officer's districts/regions (null: all). */
export async function reviewList(db: Queryable, areas: { districts: number[]; regions: number[] } | null, onlySubmitted: boolean) {
  const { rows } = await db.query<
    OrgDbRow & {
      a_id: number;
      year: string;
      year_id: number;
      status: AssessmentRow['status'];
      version: number;
      submissions: number;
      updated_at: Date;
    } & Record<string, unknown>
  >(
    `select a.id as a_id, y.name as year, y.id as year_id, a.status, f.version, a.updated_at,
            (select count(*)::int from quality_submissions s where s.assessment_id = a.id) as submissions,
            o.id, o.district_id, o.region_id, o.name_kk, o.name_ru, o.name_en, d.name_kk as d_kk, d.name_ru as d_ru, d.name_en as d_en
       from quality_assessments a
       join organisations o on o.id = a.organisation_id
       join districts d on d.id = o.district_id
       join academic_years y on y.id = a.academic_year_id
       join quality_frameworks f on f.id = a.framework_id
      where ($1::boolean or o.district_id = any($2::int[]) or o.region_id = any($3::int[]))
        and (case when $4::boolean then a.status = 'submitted' else a.status <> 'draft' end)
      order by (a.status = 'submitted') desc, a.updated_at desc
      limit 500`,
    [areas === null, areas?.districts ?? [], areas?.regions ?? [], onlySubmitted],
  );
  return rows.map((r) => ({
    id: r.a_id,
    organisation: (({ id, name, district }) => ({ id, name, district }))(toOrg(r)),
    year: r.year,
    yearId: r.year_id,
    status: r.status,
    frameworkVersion: r.version,
    submissions: r.submissions,
    updatedAt: r.updated_at.toISOString(),
  }));
}
