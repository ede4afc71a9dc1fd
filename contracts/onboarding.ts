import { z } from 'zod';

/** Onboarding by file: the import kinds, the check/apply report and account activation. */
export const importKind = z.enum(['classes', 'people', 'parent_links']);
export type ImportKind = z.infer<typeof importKind>;

const booleanString = z.enum(['true', 'false']).transform((v) => v === 'true');

export const importQuery = z
  .object({
    kind: importKind,
    /** true (the default, so nothing is written by accident): only check; false: check, then write if every row is good */
    dryRun: booleanString.default(true),
  })
  .strict();

export const templateParams = z.object({ kind: importKind }).strict();
export const templateQuery = z
  .object({
    format: z.enum(['csv', 'xlsx']).default('csv'),
    /** the language of the header row; every language's headers are accepted on import */
    lang: z.enum(['kk', 'ru', 'en']).optional(),
  })
  .strict();

/** Every code a row or the header can get; the web translates them as `errors.<code>`. */
export const importErrorCode = z.enum([
  'onboarding.bad_iin',
  'onboarding.unknown_class',
  'onboarding.duplicate_in_file',
  'onboarding.already_exists',
  'onboarding.registered_elsewhere',
  'onboarding.transfer_required',
  'onboarding.missing_value',
  'onboarding.bad_phone',
  'onboarding.bad_email',
  'onboarding.unknown_person',
  'onboarding.bad_value',
  'onboarding.missing_column',
  'onboarding.duplicate_column',
]);
export type ImportErrorCode = z.infer<typeof importErrorCode>;

export const importError = z.object({
  /** the row as the spreadsheet shows it: the header is line 1 */
  line: z.number(),
  /** the column's header as written in the file (or the expected name when the column is missing) */
  column: z.string(),
  code: importErrorCode,
  /** for bad IINs: which part is wrong (format, birth_date, century, check_digit) */
  problem: z.string().optional(),
  /** for duplicates: the line that first holds the value */
  relatedLine: z.number().optional(),
  /** an English sentence; the web shows the translated code */
  message: z.string(),
});
export type ImportError = z.infer<typeof importError>;

export const importCounts = z.object({
  classes: z.number(),
  persons: z.number(),
  /** people already registered (same IIN and name) who were linked instead of created */
  linkedPersons: z.number(),
  accounts: z.number(),
  roles: z.number(),
  classMembers: z.number(),
  parentLinks: z.number(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const activationCode = z.object({
  line: z.number(),
  iin: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  /** shown once; only its hash is stored. The person signs in with it at /activate and sets a password */
  code: z.string(),
});
export type ActivationCode = z.infer<typeof activationCode>;

export const importReport = z.object({
  ok: z.boolean(),
  kind: importKind,
  dryRun: z.boolean(),
  /** data rows (the header and blank rows excluded) */
  rows: z.number(),
  errors: z.array(importError),
  /** errors beyond this many are counted, not listed */
  errorCount: z.number(),
  /** header cells that match no field and were skipped (e.g. "№") */
  ignoredColumns: z.array(z.string()),
  /** what was written (apply) or would be written (dry run) */
  created: importCounts,
  /** apply only: one code per new account, returned once and never again */
  activationCodes: z.array(activationCode),
  activationExpiresAt: z.string().nullable(),
});
export type ImportReport = z.infer<typeof importReport>;

/** An apply that found bad rows answers 422 with the report and a translatable error. */
export const importRejected = importReport.extend({
  error: z.object({ code: z.string(), message: z.string() }),
});

export const activateBody = z
  .object({
    iin: z
      .string()
      .trim()
      .regex(/^\d{12}$/, 'an IIN is 12 digits'),
    code: z.string().trim().min(1).max(40),
    password: z.string().min(8).max(200),
  })
  .strict();

export const personCodeParams = z.object({ id: z.coerce.number().int().positive(), personId: z.coerce.number().int().positive() }).strict();
export const reissuedCode = z.object({ personId: z.number(), code: z.string(), expiresAt: z.string() });
export type ReissuedCode = z.infer<typeof reissuedCode>;
