import { defineConfig } from 'vitest/config';

/**
 * The faults suite (`npm run test:faults`): real server processes with their own embedded
 * PostgreSQL, killed and overloaded on purpose. One file at a time, tests in order.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    env: { TZ: 'UTC' },
  },
});
