import { z } from 'zod';

/** Everything Sabaq reads from the environment, validated once at start. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  /**
   * A streaming replica for heavy reads (summaries, analytics, exports). Checked every
   * READ_REPLICA_CHECK_MS; down, behind or not a replica: reads stay on the primary (one log line).
   */
  DATABASE_READ_URL: z.string().url().optional(),
  READ_REPLICA_CHECK_MS: z.coerce.number().int().min(50).default(500),
  /**
   * Where the one LISTEN connection of each process goes (decision 0026): PostgreSQL itself, not a
   * transaction-mode pooler. Default: DATABASE_URL unless a transaction pooler is found in front of it.
   */
  DATABASE_LISTEN_URL: z.string().url().optional(),
  /** How long a process keeps a session lookup (ms; 0: off). Cleared everywhere at once by NOTIFY. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /** The class-day cache (decision 0026): `on` or `off`. */
  CLASS_DAY_CACHE: z.enum(['on', 'off']).default('on'),
  /**
   * Named prepared statements for the hot reads: `auto` (on, except behind a transaction-mode pooler,
   * found at start), `on` (PgBouncer 1.21+ with max_prepared_statements carries them), `off`.
   */
  DB_PREPARED_STATEMENTS: z.enum(['auto', 'on', 'off']).default('auto'),
  /** Where the embedded PostgreSQL keeps its data when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The level of the one line per answered request (below LOG_LEVEL it is not written: no flood by default). */
  REQUEST_LOG_LEVEL: z.enum(['info', 'debug', 'trace']).default('debug'),
  /** Origins allowed to send state-changing requests besides the server's own host (comma-separated). */
  ALLOWED_ORIGINS: z.string().default(''),
  /**
   * Behind a TLS-terminating proxy: which proxies' X-Forwarded-* to trust (so cookies become __Host- and
   * Secure and the client address is the real one). `false`; a hop count (`1`: only the nearest proxy;
   * `true` means 1); or a comma-separated list of proxy addresses / CIDRs. Never every hop: a client can
   * write any left-most X-Forwarded-For it likes.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      const s = v.trim();
      if (s === 'false' || s === '' || s === '0') return false;
      if (s === 'true') return 1;
      if (/^\d{1,2}$/.test(s)) return Number(s);
      const list = s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (list.every((x) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(x) || ['loopback', 'linklocal', 'uniquelocal'].includes(x))) return list;
      ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY is false, a hop count, or a comma-separated list of proxy addresses' });
      return z.NEVER;
    }),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Failures on one account (from every address) in the window after which it is slowed down. */
  LOGIN_ACCOUNT_SOFT_LIMIT: z.coerce.number().int().min(1).default(20),
  /** While slowed down: at most one password check per this many seconds for the account (own devices excepted). */
  LOGIN_ACCOUNT_SLOWDOWN_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Days (Monday-Friday) the current school has to answer a transfer request before the district may decide. */
  TRANSFER_ANSWER_SCHOOL_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** Adds an x-query-count response header; for benchmarks and tests, off in production. */
  EXPOSE_QUERY_COUNT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
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
