import { READING_LIMITS } from '@medido/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, localDay, MINUTE } from '../src/buckets.ts';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { BucketPoint, MeasurementsSource } from '../src/measurements-store.port.ts';
import { isReadingsRefused } from '../src/readings-refused.ts';
import { clickhouse, freshStore, reading } from './store-fixture.ts';

/**
 * The exact edges of the storable range (READING_LIMITS) on the real engine: the first and last
 * storable instants are stored and answered from the raw table and from every rollup (15 min, 1 h, and
 * the 1 d rollup in America/Santiago, whose day starts hours before its UTC date); one millisecond
 * outside is refused with a typed error and nothing of its batch is stored. Issue 12: every instant
 * before 1973-03-03T09:46:40Z (fewer than 9 digits of unix seconds) was refused by the engine for ever.
 */
const ZONE = 'America/Santiago';
const V = 'active_energy_import';
const FIRST = READING_LIMITS.earliest;
const LAST = READING_LIMITS.latest - 1;
const EDGES: [string, number][] = [
  ['the first storable instant', FIRST],
  ['a second later (short unix seconds)', FIRST + 1_000],
  ['the last 8-digit unix second', Date.parse('1973-03-03T09:46:39.999Z')],
  ['the last storable instant', LAST],
];

let store: ClickHouseMeasurementsStore;
let database: string;
beforeAll(async () => {
  ({ store, database } = await freshStore(ZONE));
  await store.insert(
    EDGES.map(([, ts], i) => reading(`edge-${i}`, V, new Date(ts).toISOString(), i + 0.5)),
    'storable-range/0/0-3',
  );
  // Rollups maintained in the background are brought up to date first (the store may also do it on insert).
  await (store as { refreshRollups?: () => Promise<unknown> }).refreshRollups?.();
});

const bucketOf = (source: Exclude<MeasurementsSource, 'raw'>, ts: number): [number, number] => {
  if (source === '1d') return localDay(ts, ZONE);
  const step = source === '15m' ? 15 * MINUTE : HOUR;
  const start = ts - (ts % step);
  return [start, start + step];
};

describe('the storable range on the engine', () => {
  it.each(EDGES.map(([what, ts], i) => [what, ts, i] as const))(
    'stores %s and answers it from the raw table',
    async (_what, ts, i) => {
      const [series] = await store.query({
        series: [{ deviceId: `edge-${i}`, variable: V, kind: 'cumulative', aggregation: 'last' }],
        from: Math.max(0, ts - HOUR),
        to: ts + HOUR,
        frequency: 'raw',
        timezone: 'UTC',
      });
      expect(series!.points).toEqual([{ ts, value: i + 0.5, quality: 'measured' }]);
    },
  );

  it('holds one rollup row per resolution for each edge, in the bucket that holds it', async () => {
    const rows = await (
      await clickhouse().query({
        query: `SELECT device_id, toString(resolution) AS res, toUnixTimestamp64Milli(bucket_start) AS start, toUInt32(reading_count) AS n, last_value
FROM ${database}.rollups FINAL ORDER BY device_id, resolution`,
        format: 'JSONEachRow',
      })
    ).json<{ device_id: string; res: '15m' | '1h' | '1d'; start: number; n: number; last_value: number }>();
    const expected = EDGES.flatMap(([, ts], i) =>
      (['15m', '1h', '1d'] as const).map((res) => ({
        device_id: `edge-${i}`,
        res,
        start: bucketOf(res, ts)[0],
        n: 1,
        last_value: i + 0.5,
      })),
    );
    expect(rows).toEqual(expected);
    // The Santiago day of the first instant starts before its UTC date, yet after the epoch.
    const [dayStart] = localDay(FIRST, ZONE);
    expect(dayStart).toBeLessThan(FIRST);
    expect(dayStart).toBeGreaterThanOrEqual(0);
  });

  for (const source of ['15m', '1h', '1d'] as const) {
    it.each(EDGES.map(([what, ts], i) => [what, ts, i] as const))(
      `answers %s from the ${source} rollup`,
      async (_what, ts, i) => {
        const [from, to] = bucketOf(source, ts);
        const frequency = source === '1d' ? '1d' : source;
        const [series] = await store.query({
          series: [{ deviceId: `edge-${i}`, variable: V, kind: 'cumulative', aggregation: 'sum' }],
          from,
          to,
          frequency,
          timezone: ZONE,
          source,
        });
        expect(series!.points as BucketPoint[]).toEqual([
          { i: 0, start: from, end: to, value: i + 0.5, count: 1, estimated: 0, substituted: 0 },
        ]);
      },
    );
  }

  it.each([
    ['one millisecond before the range', FIRST - 1],
    ['the epoch (a meter clock reset)', 0],
    ['the first instant past the range', LAST + 1],
    ['the year 2299 (DateTime64 holds it; a bucket in DateTime would not)', Date.parse('2299-06-01T00:00:00Z')],
  ])('refuses %s with a typed error, storing nothing of the batch', async (_what, ts) => {
    const deviceId = `out-${ts}`;
    const batch = [
      reading(deviceId, V, '2026-04-04T03:00:00.000Z', 1),
      { ...reading(deviceId, V, '2026-04-04T03:00:00.000Z', 2), ts },
    ];
    const refused = await store.insert(batch, `storable-range/out/${ts}`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isReadingsRefused(refused)).toBe(true);
    expect((refused as Error).message).toContain('[1970-01-02T00:00:00.000Z, 2106-01-01T00:00:00.000Z)');
    const [row] = await (
      await clickhouse().query({
        query: `SELECT toUInt32(count()) AS n FROM ${database}.readings WHERE device_id = {d:String}`,
        query_params: { d: deviceId },
        format: 'JSONEachRow',
      })
    ).json<{ n: number }>();
    expect(row!.n).toBe(0);
  });
});
