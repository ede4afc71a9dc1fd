import { z } from 'zod';
import { idSchema, localisedName } from './common.js';

/**
 * Quality of online teaching (issue 12, decision 0038): an EADTU E-xcellence style framework of
 * criteria (versioned by the ministry), an organisation's self-assessment per school year with the
 * automatic evidence of decision 0022 beside the criteria, and reviews by the district or ministry.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a key: small latin letters, digits and _, at most 40');
const localisedText = z.object({ kk: text(1000), ru: text(1000), en: text(1000) }).strict();

/** The automatic indicators a criterion may show (shares 0..1 from training's coverage, decision 0022). */
export const evidenceKey = z.enum(['remoteShare', 'materialsShare', 'presentShare', 'onlineShare', 'markedShare', 'markedInTimeShare', 'trainedShare']);
export type EvidenceKey = z.infer<typeof evidenceKey>;

export const frameworkCriterion = z.object({ key, title: localisedText, evidence: z.array(evidenceKey).max(7).default([]) }).strict();
export const frameworkArea = z.object({ key, title: localisedText, criteria: z.array(frameworkCriterion).min(1).max(20) }).strict();
export type FrameworkArea = z.input<typeof frameworkArea>;
export const frameworkBody = z.object({ areas: z.array(frameworkArea).min(1).max(12), note: z.string().trim().max(1000).default('') }).strict();

export const framework = z.object({
  id: z.number(),
  version: z.number(),
  note: z.string(),
  createdAt: z.string(),
  areas: z.array(
    z.object({
      key: z.string(),
      title: localisedName,
      criteria: z.array(z.object({ key: z.string(), title: localisedName, evidence: z.array(evidenceKey) })),
    }),
  ),
});
export type Framework = z.infer<typeof framework>;
export const frameworkList = z.object({ frameworks: z.array(framework.omit({ areas: true }).extend({ criteria: z.number() })) });

/** The four levels of the E-xcellence quick scan. */
export const level = z.enum(['not_adequate', 'partially', 'largely', 'fully']);
export type Level = z.infer<typeof level>;

export const answerInput = z
  .object({
    criterion: z.string().max(40),
    level: level.nullable().default(null),
    comment: z.string().trim().max(4000).default(''),
    /** evidence in words */
    evidence: z.string().trim().max(4000).default(''),
    links: z
      .array(z.url({ protocol: /^https?$/ }).max(1000))
      .max(10)
      .default([]),
    /** files from the file store (the admin's own uploads) */
    fileIds: z.array(z.uuid()).max(10).default([]),
  })
  .strict();
export const draftBody = z.object({ answers: z.array(answerInput).max(200) }).strict();

export const answer = z.object({
  criterion: z.string(),
  level: level.nullable(),
  comment: z.string(),
  evidence: z.string(),
  links: z.array(z.string()),
  files: z.array(z.object({ id: z.string(), name: z.string(), sizeBytes: z.number() })),
});
export type Answer = z.infer<typeof answer>;

/** The automatic evidence over a range of school days; a share is null when there is nothing to divide (or it is suppressed). */
export const evidence = z.object({
  from: z.string(),
  to: z.string(),
  lessons: z.number(),
  markDays: z.number(),
  remoteShare: z.number().nullable(),
  materialsShare: z.number().nullable(),
  presentShare: z.number().nullable(),
  onlineShare: z.number().nullable(),
  markedShare: z.number().nullable(),
  markedInTimeShare: z.number().nullable(),
  trainedShare: z.number().nullable(),
});
export type Evidence = z.infer<typeof evidence>;

export const status = z.enum(['none', 'draft', 'submitted', 'accepted', 'returned']);
export type Status = z.infer<typeof status>;
export const verdict = z.enum(['accepted', 'returned']);

export const review = z.object({
  verdict,
  comment: z.string(),
  comments: z.array(z.object({ criterion: z.string(), comment: z.string() })),
  reviewedAt: z.string(),
  reviewer: z.string(),
});
export const submission = z.object({
  id: z.number(),
  n: z.number(),
  submittedAt: z.string(),
  answers: z.array(answer),
  evidence: evidence.nullable(),
  review: review.nullable(),
});
export type Submission = z.infer<typeof submission>;

const year = z.object({ id: z.number(), name: z.string(), startsOn: z.string(), endsOn: z.string() });
const organisation = z.object({ id: z.number(), name: localisedName, district: localisedName });

export const assessment = z.object({
  /** null: nothing saved yet for this year (the answers are empty, the framework is the current one) */
  id: z.number().nullable(),
  organisation,
  year,
  framework,
  status,
  answers: z.array(answer),
  updatedAt: z.string().nullable(),
  /** every submission with its review, newest first */
  submissions: z.array(submission),
  /** the automatic evidence now (the school year so far) */
  evidence: evidence.nullable(),
  mayEdit: z.boolean(),
  mayReview: z.boolean(),
});
export type Assessment = z.infer<typeof assessment>;

export const organisationHistory = z.object({
  organisation,
  years: z.array(year.extend({ assessmentId: z.number().nullable(), status, submissions: z.number(), updatedAt: z.string().nullable() })),
  mayEdit: z.boolean(),
});

export const reviewQuery = z.object({ status: z.enum(['submitted', 'all']).default('submitted') }).strict();
export const reviewList = z.object({
  assessments: z.array(
    z.object({
      id: z.number(),
      organisation,
      year: z.string(),
      yearId: z.number(),
      status,
      frameworkVersion: z.number(),
      submissions: z.number(),
      updatedAt: z.string(),
    }),
  ),
});

export const reviewBody = z
  .object({
    verdict,
    comment: z.string().trim().max(4000).default(''),
    comments: z
      .array(z.object({ criterion: z.string().max(40), comment: text(4000) }).strict())
      .max(200)
      .default([]),
  })
  .strict();

export const orgYearParams = z.object({ id: idSchema, yearId: idSchema }).strict();
export const assessmentFileParams = z.object({ id: idSchema, fileId: z.uuid() }).strict();
export const pdfQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).optional() }).strict();
