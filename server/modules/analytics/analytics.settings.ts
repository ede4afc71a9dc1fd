import { z } from 'zod';

const env = z.object({
  /** a figure about fewer people than this is suppressed for anyone not entitled to the records (decision 0018) */
  ANALYTICS_SMALL_CELL: z.coerce.number().int().min(1).max(100).default(5),
  /** the longest range of school days one request may sum */
  ANALYTICS_MAX_RANGE_DAYS: z.coerce.number().int().min(1).max(3660).default(366),
  /** seconds between rollup refreshes in a running server; 0: never (tests and the seed CLI refresh themselves) */
  ANALYTICS_REFRESH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /** an export with more rows than this runs as a background job with progress */
  ANALYTICS_BACKGROUND_ROWS: z.coerce.number().int().min(1).default(2_000),
  /** seconds between looks for due weekly reports in a running server; 0: never (tests run the steps themselves) */
  ANALYTICS_REPORTS_POLL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** weeks a weekly report and its files are kept */
  ANALYTICS_REPORTS_KEEP_WEEKS: z.coerce.number().int().min(1).max(520).default(8),
  /** weekly reports one person may subscribe to */
  ANALYTICS_REPORTS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1000).default(20),
});
export type AnalyticsSettings = z.infer<typeof env>;

export function analyticsSettings(source: NodeJS.ProcessEnv = process.env): AnalyticsSettings {
  const parsed = env.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid analytics configuration: ${parsed.error.message}`);
  return parsed.data;
}
