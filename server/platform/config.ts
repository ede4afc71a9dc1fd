import { z } from 'zod';

/** Everything Sabaq reads from the environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Origins allowed to send state-changing requests besides the server's own host (comma-separated). */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-* so cookies become __Host- and Secure. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Adds an x-query-count response header; for benchmarks and tests, off in production. */
  EXPOSE_QUERY_COUNT: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** How long a request waits for a pooled database connection before it is answered 503 (ms). */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** PostgreSQL `statement_timeout` for the server's connections (ms); 0 = none. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15000),
  /** Admission control: API requests handled at once by this process. */
  ADMISSION_MAX_CONCURRENT: z.coerce.number().int().min(1).default(16),
  /** Admission control: API requests allowed to wait for a slot; beyond this they get 503 at once. */
  ADMISSION_MAX_QUEUE: z.coerce.number().int().min(0).default(64),
  /** Admission control: how long a waiting request may wait for a slot before it gets 503 (ms). */
  ADMISSION_QUEUE_TIMEOUT_MS: z.coerce.number().int().min(1).default(1000),
  /** The Retry-After (seconds) sent with a 503 for overload or an unreachable database. */
  RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(600).default(2),
  /** SIGTERM: after this long (ms) the process exits even if requests or the database still hang. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
