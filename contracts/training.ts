import { z } from 'zod';
import { bodyId, idSchema, localisedName } from './common.js';
import { areaKey, areaRef } from './analytics.js';

/**
 * Teacher training (decision 0021): courses, enrolments, completions with a certificate, coverage
 * (share of teachers who completed a required course) beside indicators of online teaching quality
 * (decision 0022).
 */

const text = (max: number) => z.string().trim().min(1).max(max);
export const courseFormat = z.enum(['online', 'offline']);

export const courseBody = z
  .object({
    title: z.object({ kk: text(300), ru: text(300), en: text(300) }).strict(),
    provider: text(200),
    hours: z.number().int().min(1).max(1000),
    format: courseFormat,
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    required: z.boolean().default(false),
  })
  .strict();

export const course = z.object({
  id: z.number(),
  title: localisedName,
  provider: z.string(),
  hours: z.number(),
  format: courseFormat,
  startsOn: z.string(),
  endsOn: z.string(),
  required: z.boolean(),
});
export type Course = z.infer<typeof course>;

export const enrolment = z.object({
  id: z.number(),
  course,
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  certificateCode: z.string().nullable(),
  /** sabaq: completed here (Sabaq certificate); import: an external provider's completion, imported */
  source: z.enum(['sabaq', 'import']),
  /** an imported completion's provider and certificate number */
  external: z.object({ provider: z.string(), certificate: z.string() }).nullable(),
});
export type Enrolment = z.infer<typeof enrolment>;

export const courseList = z.object({ courses: z.array(course) });
export const myTraining = z.object({
  /** false: the account holds no teacher role (nothing to enrol in) */
  teacher: z.boolean(),
  enrolments: z.array(enrolment),
  /** courses I am not enrolled in, open today or later */
  available: z.array(course),
});

export const orgTeachersQuery = z.object({ courseId: idSchema }).strict();
export const orgTeacher = z.object({
  personId: z.number(),
  name: z.string(),
  enrolmentId: z.number().nullable(),
  enrolledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export const orgTeachers = z.object({
  organisation: z.object({ id: z.number(), name: localisedName }),
  course,
  teachers: z.array(orgTeacher),
});

export const enrolBody = z
  .object({
    courseId: bodyId,
    /** the teachers to enrol, or "all": every teacher of the organisation in one step */
    teachers: z.union([z.literal('all'), z.array(bodyId).min(1).max(5000)]),
  })
  .strict();
export const enrolResult = z.object({ enrolled: z.number(), already: z.number() });

export const certificateQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }).strict();

export const coverageQuery = z
  .object({
    area: areaKey.default('country'),
    /** one course; default: any required course */
    courseId: idSchema.optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** homework counts as marked in time when its mark came within this many days of the hand-in */
    markDays: z.coerce.number().int().min(1).max(30).default(3),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    lang: z.enum(['kk', 'ru', 'en']).optional(),
  })
  .strict();

/** Indicators of online teaching quality over the range (shares 0..1; null: nothing to divide, or suppressed). */
export const quality = z.object({
  lessons: z.number(),
  /** lessons delivered online live, on TV or recorded */
  remoteShare: z.number().nullable(),
  /** lessons with at least one material */
  materialsShare: z.number().nullable(),
  /** attendance records present (in the room or online) */
  presentShare: z.number().nullable(),
  /** of the present, through the lesson's link */
  onlineShare: z.number().nullable(),
  /** submissions handed in that were marked */
  markedShare: z.number().nullable(),
  /** submissions to homework due in the range, marked within markDays of the hand-in */
  markedInTimeShare: z.number().nullable(),
});
export type Quality = z.infer<typeof quality>;

export const coverageRow = z.object({
  area: areaRef,
  /** teaching posts (a teacher of two schools counts in each); null: suppressed */
  teachers: z.number().nullable(),
  trained: z.number().nullable(),
  share: z.number().nullable(),
  quality,
});
export type CoverageRow = z.infer<typeof coverageRow>;

export const coverageResponse = z.object({
  area: areaRef,
  childKind: z.enum(['region', 'district', 'organisation']).nullable(),
  course: course.nullable(),
  from: z.string(),
  to: z.string(),
  markDays: z.number(),
  suppression: z.object({ applied: z.boolean(), threshold: z.number() }),
  total: coverageRow,
  children: z.array(coverageRow),
});
export type Coverage = z.infer<typeof coverageResponse>;
export { areaKey };

/** The public check of a certificate code (no sign-in): only what a check needs. */
export const certificateCodeParam = z.object({ code: z.string().trim().min(1).max(40) }).strict();
export const certificateCheck = z.object({
  code: z.string(),
  /** false: the certificate was withdrawn (not used yet: every recorded completion is valid) */
  valid: z.boolean(),
  /** the holder's surname and first name (no IIN, no school, no date of birth) */
  holder: z.string(),
  course: localisedName,
  provider: z.string(),
  hours: z.number(),
  /** the day of the completion (YYYY-MM-DD) */
  completedOn: z.string(),
});
export type CertificateCheck = z.infer<typeof certificateCheck>;

/** Completions from external providers imported from CSV/XLSX (ministry). */
export const completionsImportQuery = z
  .object({
    /** true (the default: nothing written by accident): only check; false: write if every row is good */
    dryRun: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .strict();
export const completionsImportError = z.object({
  /** the row as the spreadsheet shows it: the header is line 1 */
  line: z.number(),
  /** the column's header as written in the file (or the field's name when the column is missing) */
  column: z.string(),
  code: z.enum(['missing_column', 'missing_value', 'too_long', 'unknown_teacher', 'not_a_teacher', 'unknown_course', 'bad_date', 'future_date', 'duplicate']),
  duplicateOf: z.number().optional(),
});
export const completionsImportReport = z.object({
  ok: z.boolean(),
  dryRun: z.boolean(),
  rows: z.number(),
  /** completions written (apply) or to be written (dry run) */
  completed: z.number(),
  /** rows whose teacher had already completed the course: skipped */
  already: z.number(),
  errors: z.array(completionsImportError),
  errorCount: z.number(),
  ignoredColumns: z.array(z.string()),
});
export type CompletionsImportReport = z.infer<typeof completionsImportReport>;
export const completionsImportRejected = completionsImportReport.extend({ error: z.object({ code: z.string(), message: z.string() }) });
