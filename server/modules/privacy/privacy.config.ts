import { z } from 'zod';

/**
 * Retention, read from the environment (a setting per deployment, as the law fixes it): school
 * records (marks, attendance, class membership, submitted work, duty placements) are kept this many
 * years after the end of the last school year holding them, whatever an erasure request asks.
 */
const privacyEnv = z.object({
  PRIVACY_SCHOOL_RECORDS_YEARS: z.coerce.number().int().min(0).max(100).default(5),
});

export function loadPrivacyConfig(env: NodeJS.ProcessEnv = process.env): { schoolRecordsYears: number } {
  return { schoolRecordsYears: privacyEnv.parse(env).PRIVACY_SCHOOL_RECORDS_YEARS };
}
