import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'contracts/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
    // the faults suite runs on its own (npm run test:faults, called by .ci/run): real processes killed on purpose;
    // so does the scale suite (npm run test:scale): Debian PostgreSQL primary, replica and PgBouncer
    exclude: [...configDefaults.exclude, 'test/faults/**', 'test/scale/**'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC' },
  },
});
