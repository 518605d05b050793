import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { bucketsOf } from '../src/buckets.ts';
import type {
  Aggregation,
  BucketPoint,
  Frequency,
  MeasurementsSource,
  StoredReading,
} from '../src/measurements-store.port.ts';
import { randomReadings } from './random-readings.ts';
import { referenceBuckets } from './reference-answers.ts';
import { everyBucket, freshStore } from './store-fixture.ts';
import { mulberry32 } from '@medido/platform/testing/seeded-random';

/**
 * A randomized (seeded) dataset across the April 2026 DST change, inserted in shuffled batches with late
 * readings and re-sends (some with corrected values): for every frequency, zone and aggregation, each
 * exact source answers the same as the raw table, and the raw table answers as a small in-test
 * reference implementation of the ARCHITECTURE.md §2.2 rules. Values are multiples of 1/8, so sums are
 * exact in any order.
 */

const AGGREGATIONS: Aggregation[] = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'];
const START = Date.parse('2026-03-25T00:00:00Z');
const END = Date.parse('2026-04-20T00:00:00Z');
const GAP_FROM = Date.parse('2026-04-09T00:00:00Z');
const GAP_TO = Date.parse('2026-04-13T00:00:00Z');

function dataset(): { batches: StoredReading[][]; latest: StoredReading[] } {
  const random = mulberry32(20260404);
  const all = randomReadings(random, {
    deviceIds: ['dev-a', 'dev-b', 'dev-c'],
    start: START,
    end: END,
    skip: 0.4,
    silent: (deviceId, slot) => deviceId === 'dev-c' && slot >= GAP_FROM && slot < GAP_TO, // silent for 4 days
    ingestedAt: Date.parse('2026-05-01T00:00:00Z'),
  });
  const shuffled = [...all].sort(() => random() - 0.5);
  const resent = shuffled
    .slice(0, 200)
    .map((r, i) =>
      i % 4 === 0 ? { ...r, value: r.value + 1, quality: 'substituted' as const, ingestedAt: r.ingestedAt + 1000 } : r,
    );
  const batches: StoredReading[][] = [];
  const stream = [...shuffled, ...resent];
  for (let i = 0; i < stream.length; i += 1500) batches.push(stream.slice(i, i + 1500));
  const latest = new Map<string, StoredReading>();
  for (const r of stream) {
    const key = `${r.deviceId}|${r.variable}|${r.ts}`;
    if ((latest.get(key)?.ingestedAt ?? -1) <= r.ingestedAt) latest.set(key, r);
  }
  return { batches, latest: [...latest.values()] };
}

const CASES: {
  frequency: Exclude<Frequency, 'raw'>;
  timezone: string;
  from: string;
  to: string;
  sources: MeasurementsSource[];
}[] = [
  {
    frequency: '15m',
    timezone: 'America/Santiago',
    from: '2026-04-04T22:00:00Z',
    to: '2026-04-05T10:00:00Z',
    sources: ['15m'],
  },
  {
    frequency: '1h',
    timezone: 'America/Santiago',
    from: '2026-04-12T04:00:00Z',
    to: '2026-04-14T04:00:00Z',
    sources: ['15m', '1h'],
  },
  {
    frequency: '1h',
    timezone: 'Asia/Kolkata',
    from: '2026-04-01T00:30:00Z',
    to: '2026-04-08T00:30:00Z',
    sources: ['15m'],
  },
  {
    frequency: '1d',
    timezone: 'America/Santiago',
    from: '2026-03-26T03:00:00Z',
    to: '2026-04-19T04:00:00Z',
    sources: ['15m', '1h', '1d'],
  },
  {
    frequency: '1d',
    timezone: 'Europe/Madrid',
    from: '2026-03-25T23:00:00Z',
    to: '2026-04-18T22:00:00Z',
    sources: ['15m', '1h'],
  },
  {
    frequency: '1w',
    timezone: 'America/Santiago',
    from: '2026-03-23T03:00:00Z',
    to: '2026-04-20T04:00:00Z',
    sources: ['1h', '1d'],
  },
  {
    frequency: '1mo',
    timezone: 'America/Santiago',
    from: '2026-03-01T03:00:00Z',
    to: '2026-05-01T04:00:00Z',
    sources: ['1d'],
  },
];

describe('rollup-served answers equal raw-served answers (randomized)', () => {
  let store: ClickHouseMeasurementsStore;
  const { batches, latest } = dataset();
  beforeAll(async () => {
    ({ store } = await freshStore());
    for (const [i, batch] of batches.entries()) await store.insert(batch, `random/0/${i}`);
  }, 300_000);

  it.each(CASES)(
    '$frequency in $timezone: every source and the reference agree',
    async ({ frequency, timezone, from, to, sources }) => {
      const series = ['dev-a', 'dev-b', 'dev-c'].flatMap((deviceId) =>
        ['active_energy_import', 'active_power'].flatMap((variable) =>
          AGGREGATIONS.map((aggregation) => ({ deviceId, variable, kind: 'cumulative' as const, aggregation })),
        ),
      );
      const ask = (source: MeasurementsSource) =>
        store.query({ series, from: Date.parse(from), to: Date.parse(to), frequency, timezone, source });
      const raw = await ask('raw');
      const { edges } = bucketsOf(frequency, Date.parse(from), Date.parse(to), timezone);
      for (const result of raw) {
        const mine = latest.filter((r) => r.deviceId === result.deviceId && r.variable === result.variable);
        expect(
          everyBucket(result.points as BucketPoint[], edges).map((p) => [p.start, p.value, p.count]),
          `${result.deviceId} ${result.variable} ${result.aggregation}`,
        ).toEqual(
          referenceBuckets(
            [...mine].sort((a, b) => a.ts - b.ts),
            result.aggregation,
            edges,
          ),
        );
      }
      for (const source of sources) expect(await ask(source), source).toEqual(raw);
    },
  );
});
