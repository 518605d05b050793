import { inject, it, expect } from 'vitest';
import { runBench, SUITES } from './harness/runner.ts';

const EXPECTED_ROWS = [
  'kafka.produce.kafkajs',
  'kafka.produce.platformatic',
  'kafka.consume.kafkajs',
  'kafka.consume.platformatic',
  'api.catalog-route',
  'ingest.end-to-end',
  'ingest.accepted',
  ...['raw-week', 'month-15m', 'year-daily', 'group-installation'].flatMap((q) => [
    `query.${q}.p50`,
    `query.${q}.p99`,
    `query.${q}.csv.p50`,
    `query.${q}.csv.p99`,
    `query.${q}.arrow.p50`,
    `query.${q}.parquet.p50`,
  ]),
  ...['freshness', 'freshness.high'].flatMap((l) => [`${l}.rate`, `${l}.p50`, `${l}.p99`]),
  'webhooks.rate',
  'webhooks.p50',
  'webhooks.p99',
  ...['json', 'csv', 'arrow', 'parquet'].map((f) => `memory.raw-export.${f}`),
  'latest.installation.p50',
  'latest.installation.p99',
];
/** Rows that are a growth over an idle figure (never below it: the suite takes the larger). */
const GROWTH_ROWS = EXPECTED_ROWS.filter((id) => id.startsWith('memory.'));
/** Rows compared with a baseline measured in the same run. */
const WITH_BASELINE = [
  'kafka.produce.platformatic',
  'kafka.consume.platformatic',
  'api.catalog-route',
  'ingest.end-to-end',
  ...EXPECTED_ROWS.filter((id) => id.startsWith('query.')),
];

// The smoke run proves the harness works end to end on real services (every row, finite figures); its
// timings on tiny sizes mean nothing, so no threshold is asserted (the full run is documented, not CI).
it('produces every row of the bench table with finite figures', async () => {
  const rows = await runBench({
    mode: 'smoke',
    suites: [...SUITES],
    kafkaBrokers: inject('kafkaBrokers'),
    mongoUrl: inject('mongoUrl'),
    log: () => {},
  });
  expect(rows.map((r) => r.id).sort()).toEqual([...EXPECTED_ROWS].sort());
  for (const row of rows) {
    // A memory growth of zero is a real outcome (a tiny export may not move the RSS); every other figure
    // is a rate or a duration and must be positive.
    const least = GROWTH_ROWS.includes(row.id) ? 0 : Number.MIN_VALUE;
    expect(Number.isFinite(row.value) && row.value >= least, `${row.id}: ${row.value}`).toBe(true);
    if (WITH_BASELINE.includes(row.id)) {
      expect(Number.isFinite(row.baseline?.value) && row.baseline!.value > 0, `${row.id} baseline`).toBe(true);
      expect(Number.isFinite(row.ratio), `${row.id} ratio`).toBe(true);
    }
  }
}, 180_000);
