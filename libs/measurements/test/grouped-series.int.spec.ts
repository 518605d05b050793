import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { Aggregation, BucketPoint, MeasurementsSource, SeriesRequest } from '../src/measurements-store.port.ts';
import { bucketsOf } from '../src/buckets.ts';
import { everyBucket, freshStore, reading } from './store-fixture.ts';

/**
 * Series of one group are combined by the engine (groupBy=unit|installation of the read API): the answer
 * has one row per bucket, not one per meter and bucket. Hand-computed, over UTC hours of 2026-06-01:
 * meter a's level p: 8, 12, 9, 11 in hour 0 and 3, 3 in hour 2; meter b's: 2 in hour 0 and five 5s in hour 1.
 * Registers e: a 100 → 101 → 103 (00:00, 00:30, 01:00), b 50 → 52.5 (00:00, 00:45).
 */
const H = (h: number, m = 0) => `2026-06-01T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00Z`;
const READINGS = [
  ...[8, 12, 9, 11].map((v, k) => reading('a', 'p', H(0, k * 10), v, 'measured', Date.parse('2026-06-02T00:00:00Z'))),
  reading('a', 'p', H(2, 0), 3),
  reading('a', 'p', H(2, 30), 3),
  reading('b', 'p', H(0, 5), 2, 'measured', Date.parse('2026-06-03T00:00:00Z')),
  ...[0, 10, 20, 30, 40].map((m) => reading('b', 'p', H(1, m), 5)),
  reading('a', 'e', H(0), 100),
  reading('a', 'e', H(0, 30), 101),
  reading('a', 'e', H(1), 103),
  reading('b', 'e', H(0), 50),
  reading('b', 'e', H(0, 45), 52.5),
];

const EXPECTED: Record<Exclude<Aggregation, 'first' | 'last' | 'delta'>, (number | null)[][]> = {
  // [value, count] per hour 0..3; hour 3 is empty for both meters.
  sum: [
    [42, 5],
    [25, 5],
    [6, 2],
    [null, 0],
  ],
  count: [
    [5, 5],
    [5, 5],
    [2, 2],
    [null, 0],
  ],
  min: [
    [2, 5],
    [5, 5],
    [3, 2],
    [null, 0],
  ],
  max: [
    [12, 5],
    [5, 5],
    [3, 2],
    [null, 0],
  ],
  // The mean of every reading of the group: (40 + 2) / 5, not the mean of the meters' means (10 + 2) / 2.
  avg: [
    [8.4, 5],
    [5, 5],
    [3, 2],
    [null, 0],
  ],
};

describe('series combined by the engine', () => {
  let store: ClickHouseMeasurementsStore;
  beforeAll(async () => {
    ({ store } = await freshStore());
    await store.insert(READINGS, 'grouped/0');
  });

  const ask = (series: SeriesRequest[], source: MeasurementsSource) =>
    store.query({
      series,
      from: Date.parse(H(0)),
      to: Date.parse(H(4)),
      frequency: '1h',
      timezone: 'UTC',
      source,
    });
  const hours = bucketsOf('1h', Date.parse(H(0)), Date.parse(H(4)), 'UTC').edges;
  const pairs = (points: BucketPoint[]) => everyBucket(points, hours).map((p) => [p.value, p.count]);

  for (const source of ['raw', '15m', '1h'] as const) {
    it(`answers one series per group with the group's values (${source})`, async () => {
      for (const [aggregation, expected] of Object.entries(EXPECTED)) {
        const series = ['a', 'b'].map((deviceId) => ({
          deviceId,
          variable: 'p',
          kind: 'instantaneous' as const,
          aggregation: aggregation as Aggregation,
          group: 'g',
        }));
        const results = await ask(series, source);
        expect(results.map((r) => r.deviceId)).toEqual(['a']);
        expect(pairs(results[0]!.points as BucketPoint[]), aggregation).toEqual(expected);
        expect(results[0]!.lastIngestedAt).toBe(Date.parse('2026-06-03T00:00:00Z'));
      }
    });

    it(`adds the meters' increases for delta, and keeps ungrouped series apart (${source})`, async () => {
      const results = await ask(
        [
          { deviceId: 'a', variable: 'e', kind: 'cumulative', aggregation: 'delta', group: 'g' },
          { deviceId: 'b', variable: 'e', kind: 'cumulative', aggregation: 'delta', group: 'g' },
          { deviceId: 'b', variable: 'p', kind: 'instantaneous', aggregation: 'count' },
        ],
        source,
      );
      expect(results.map((r) => [r.deviceId, r.variable])).toEqual([
        ['a', 'e'],
        ['b', 'p'],
      ]);
      // Hour 0: a +1 (00:30) +2 (01:00 closes hour 0), b +2.5 → 5.5 from 3 increases.
      expect(pairs(results[0]!.points as BucketPoint[])).toEqual([
        [5.5, 3],
        [null, 0],
        [null, 0],
        [null, 0],
      ]);
      expect(pairs(results[1]!.points as BucketPoint[])).toEqual([
        [1, 1],
        [5, 5],
        [null, 0],
        [null, 0],
      ]);
    });
  }
});
