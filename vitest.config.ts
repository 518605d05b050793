import { defineConfig } from 'vitest/config';

/**
 * Test tiers by suffix, each its own project (and npm script):
 *   *.unit.spec.ts  pure logic and in-memory fakes, no services;
 *   *.int.spec.ts   real Kafka, FerretDB (MongoDB protocol) and chDB, started once by test/global-setup.ts
 *                   (int; the memory bounds of test/bounds run alone, as int-bounds);
 *   *.e2e.spec.ts   whole processes and a real browser.
 * The `forks` pool is required: chDB crashes inside worker_threads and binds one data directory per process.
 */
/** Integration specs that bound a process' memory (test/bounds): their own project, see below. */
const BOUNDS = ['test/bounds/**/*.int.spec.ts'];
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
          exclude: [...BOUNDS],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
        },
      },
      {
        // Memory bounds of whole processes, measured as a user meets them: alone on the machine. Beside the
        // other int files (two at a time on 2 cores) the embedded default's peak ran ~30-50 MiB higher and
        // the figure measured the neighbours. Without file parallelism Vitest runs these after the parallel
        // tiers, one file at a time (as it does e2e); `--project 'int*'` selects both int projects.
        test: {
          ...shared,
          name: 'int-bounds',
          include: [...BOUNDS],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          fileParallelism: false,
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
