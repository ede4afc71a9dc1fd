import { defineConfig } from 'vitest/config';

/**
 * The scale suite (`npm run test:scale`): real Debian PostgreSQL primary and streaming replica and
 * PgBouncer (packages `postgresql`, `pgbouncer`), started by the tests. One file at a time.
 */
export default defineConfig({
  test: {
    include: ['test/scale/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 300_000,
    hookTimeout: 600_000,
    env: { TZ: 'UTC' },
  },
});
