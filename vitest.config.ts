import { defineConfig } from 'vitest/config';

/**
 * Test tiers by suffix, each its own project (and npm script):
 *   *.unit.spec.ts  pure logic and in-memory fakes, no services;
 *   *.int.spec.ts   real Kafka, FerretDB (MongoDB protocol) and chDB, started once by test/global-setup.ts;
 *   *.e2e.spec.ts   whole processes and a real browser.
 * The `forks` pool is required: chDB crashes inside worker_threads and binds one data directory per process.
 */
const shared = { pool: 'forks' as const, environment: 'node', testTimeout: 30_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['{apps,libs,bench,scripts,test}/**/*.unit.spec.ts'] } },
      {
        test: {
          ...shared,
          name: 'int',
          include: ['{apps,libs,bench,scripts,test}/**/*.int.spec.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          ...shared,
          name: 'e2e',
          include: ['{apps,libs,test}/**/*.e2e.spec.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
