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
  /** when the ministry withdrew the certificate (null: valid) */
  withdrawnAt: z.string().nullable(),
  /** the course is built in Sabaq (a published version): its page has the modules and quizzes */
  hasContent: z.boolean(),
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
  /** false: the ministry withdrew the certificate (withdrawnOn says when; the reason is never shown) */
  valid: z.boolean(),
  /** the day of the withdrawal (YYYY-MM-DD), null while valid */
  withdrawnOn: z.string().nullable(),
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

// ── courses built in Sabaq (decision 0034) ─────────────────────────────────────────────────────

const localisedText = (max: number) => z.object({ kk: text(max), ru: text(max), en: text(max) }).strict();

/** One material of a module: text in three languages, a link, a file of the file store, a video of the archive. */
export const material = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), body: localisedText(20_000) }).strict(),
  z
    .object({
      kind: z.literal('link'),
      title: localisedText(300),
      url: z
        .string()
        .trim()
        .max(2000)
        .regex(/^https?:\/\/[^\s]+$/, 'an http(s) address'),
    })
    .strict(),
  z.object({ kind: z.literal('file'), title: localisedText(300), fileId: z.uuid() }).strict(),
  z.object({ kind: z.literal('video'), title: localisedText(300), videoId: bodyId }).strict(),
]);
export type Material = z.infer<typeof material>;

export const quizOption = z.object({ text: localisedText(500), correct: z.boolean() }).strict();
export const quizQuestion = z.object({ kind: z.enum(['single', 'multiple']), text: localisedText(2000), options: z.array(quizOption).max(12) }).strict();
/** A module's quiz; its problems (no question, no correct answer...) are the quiz rules' (400 training.bad_quiz). */
export const quizBody = z
  .object({
    /** share of questions answered right to pass, 0 < passMark <= 1 */
    passMark: z.number(),
    /** counts towards completing the course */
    required: z.boolean().default(true),
    questions: z.array(quizQuestion).max(50),
  })
  .strict();
export type QuizBody = z.infer<typeof quizBody>;

export const moduleBody = z
  .object({
    /** an existing module keeps its id (reads and attempts follow it); none: a new module */
    id: bodyId.optional(),
    title: localisedText(300),
    materials: z.array(material).max(30),
    quiz: quizBody.nullable(),
  })
  .strict();

/** The whole draft of a course's content, saved at once (modules in this order). */
export const contentBody = z
  .object({
    /** attempts a teacher may make at one quiz (null: no limit) */
    quizMaxAttempts: z.number().int().min(1).max(100).nullable(),
    /** minutes to wait between two attempts at one quiz */
    quizWaitMinutes: z.number().int().min(0).max(10_080),
    modules: z.array(moduleBody).max(50),
  })
  .strict();

export const courseModule = z.object({ id: z.number(), position: z.number(), title: localisedName, materials: z.array(material), quiz: quizBody.nullable() });
export const courseContent = z.object({
  course,
  quizMaxAttempts: z.number().nullable(),
  quizWaitMinutes: z.number(),
  modules: z.array(courseModule),
  versions: z.array(z.object({ version: z.number(), publishedAt: z.string() })),
});
export type CourseContent = z.infer<typeof courseContent>;
export const publishedVersion = z.object({ version: z.number(), publishedAt: z.string() });

/** A quiz as a teacher sees it before answering: no correct flags. */
export const teacherQuiz = z.object({
  passMark: z.number(),
  required: z.boolean(),
  questions: z.array(z.object({ kind: z.enum(['single', 'multiple']), text: localisedName, options: z.array(z.object({ text: localisedName })) })),
});
export const quizAttempt = z.object({
  id: z.number(),
  version: z.number(),
  right: z.number(),
  total: z.number(),
  passed: z.boolean(),
  submittedAt: z.string(),
});
export const teacherMaterial = z.union([
  z.object({ kind: z.literal('text'), body: localisedName }),
  z.object({ kind: z.literal('link'), title: localisedName, url: z.string() }),
  /** url: the enrolment's download of the file */
  z.object({ kind: z.literal('file'), title: localisedName, url: z.string() }),
  /** the video as the archive shows it to this teacher (null: not available to them or not ready) */
  z.object({ kind: z.literal('video'), title: localisedName, videoId: z.number(), hlsUrl: z.string().nullable(), mp4Url: z.string().nullable() }),
]);
export const teacherModule = z.object({
  id: z.number(),
  position: z.number(),
  title: localisedName,
  materials: z.array(teacherMaterial),
  read: z.boolean(),
  quiz: teacherQuiz.nullable(),
  attempts: z.array(quizAttempt),
  passed: z.boolean(),
  /** attempts left (null: no limit) */
  attemptsLeft: z.number().nullable(),
  /** the next attempt is possible from then (null: now) */
  nextAttemptAt: z.string().nullable(),
});
export const coursePage = z.object({
  enrolment,
  /** the published version the teacher reads (null: the course has no content in Sabaq) */
  version: z.number().nullable(),
  modules: z.array(teacherModule),
  progress: z.object({ modules: z.number(), read: z.number(), requiredQuizzes: z.number(), passedQuizzes: z.number() }),
});
export type CoursePage = z.infer<typeof coursePage>;

export const moduleParams = z.object({ id: idSchema, moduleId: idSchema }).strict();
export const attemptBody = z.object({ answers: z.array(z.array(z.number().int().min(0).max(50)).max(12)).max(50) }).strict();
export const attemptResult = z.object({
  attempt: quizAttempt,
  /** per question: answered right (the correct options themselves are not sent) */
  results: z.array(z.boolean()),
  /** the enrolment after the attempt: completed (with its certificate) once every required quiz is passed */
  enrolment,
});

/** Every teacher of a district or region enrolled in one step (officers of that area). */
export const areaEnrolBody = z
  .object({
    area: z.string().regex(/^(region|district):[1-9]\d{0,9}$/, 'region:<id> or district:<id>'),
    courseId: bodyId,
  })
  .strict();
export const areaEnrolResult = z.object({ teachers: z.number(), enrolled: z.number(), already: z.number() });

export const withdrawBody = z.object({ reason: text(500) }).strict();
export const withdrawResult = z.object({ code: z.string(), withdrawnAt: z.string() });
