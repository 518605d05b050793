import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { Aggregation, BucketPoint } from '../src/measurements-store.port.ts';
import { clickhouse, freshStore, fromEverySource, rawSeries, reading } from './store-fixture.ts';

/**
 * A reading re-sent with the same (device, variable, ts) is stored once and never counted twice: in the
 * same batch, in a retried batch (same token: the engine drops it) and in a later batch (new token:
 * deduplicated on read and in the rollups). Window: Jan 31 → Feb 2 2026 local, across a monthly partition.
 */
const E = 'active_energy_import';
const batch = [
  reading('dev-1', E, '2026-01-31T12:00:00.000Z', 10),
  reading('dev-1', E, '2026-01-31T12:00:00.000Z', 10), // twice in the same batch
  reading('dev-1', E, '2026-01-31T20:00:00.000Z', 12.5),
  reading('dev-1', E, '2026-02-01T04:00:00.000Z', 14), // February: another partition
  reading('dev-1', E, '2026-02-01T18:00:00.000Z', 20),
];
const AGGREGATIONS: Aggregation[] = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'];
const SOURCES = ['raw', '15m', '1h', '1d'] as const;

describe('exactly-once effect of inserts', () => {
  let store: ClickHouseMeasurementsStore;
  let database: string;
  const physicalRows = async () => {
    const [row] = await (
      await clickhouse().query({
        query: `SELECT toUInt32(count()) AS n FROM ${database}.readings`,
        format: 'JSONEachRow',
      })
    ).json<{ n: number }>();
    return row!.n;
  };
  /** Every aggregation from every source, per local day: aggregation → source → [value, count] per day. */
  const everything = async () => {
    const out: Record<string, Record<string, [number | null, number][]>> = {};
    for (const source of SOURCES) {
      const results = await store.query({
        series: AGGREGATIONS.map((aggregation) => ({
          deviceId: 'dev-1',
          variable: E,
          kind: 'cumulative' as const,
          aggregation,
        })),
        from: Date.parse('2026-01-31T03:00:00Z'),
        to: Date.parse('2026-02-02T03:00:00Z'),
        frequency: '1d',
        timezone: 'America/Santiago',
        source,
      });
      for (const r of results)
        (out[r.aggregation] ??= {})[source] = (r.points as BucketPoint[]).map((p) => [p.value, p.count]);
    }
    return out;
  };

  beforeAll(async () => {
    ({ store, database } = await freshStore());
    await store.insert(batch, 'measurements/3/100-104');
  });

  it('stores a reading sent twice in one batch once', async () => {
    expect(await physicalRows()).toBe(4);
    const answers = await everything();
    const expected = {
      avg: [11.25, 17],
      min: [10, 14],
      max: [12.5, 20],
      sum: [22.5, 34],
      count: [2, 2],
      first: [10, 14],
      last: [12.5, 20],
      delta: [2.5, 7.5],
    } as const;
    for (const aggregation of AGGREGATIONS) {
      for (const source of SOURCES) {
        expect(
          answers[aggregation]![source]!.map((p) => p[0]),
          `${aggregation} from ${source}`,
        ).toEqual(expected[aggregation]);
      }
    }
    expect(answers.delta!.raw!.map((p) => p[1])).toEqual([1, 2]);
  });

  it('drops a retried batch (same token) in the engine, across partitions, and changes no aggregate', async () => {
    const before = await everything();
    await store.insert(batch, 'measurements/3/100-104');
    expect(await physicalRows()).toBe(4);
    expect(await everything()).toEqual(before);
  });

  it('re-sent readings in a later batch (new token) are neither counted twice nor in any rollup', async () => {
    const before = await everything();
    await store.insert([batch[2]!, batch[3]!, batch[0]!], 'measurements/3/250-252');
    expect(await physicalRows()).toBe(7); // kept until merged away, never read twice
    expect(await everything()).toEqual(before);
    const [rollups] = await (
      await clickhouse().query({
        query: `SELECT toUInt32(count()) AS n, toUInt32(sum(reading_count)) AS readings FROM ${database}.rollups FINAL WHERE resolution = '1d'`,
        format: 'JSONEachRow',
      })
    ).json<{ n: number; readings: number }>();
    expect(rollups).toEqual({ n: 2, readings: 4 });
  });

  it('brings rollups up to date on a retry whose first attempt stored the readings but failed before the rollups', async () => {
    const retried = [
      reading('dev-2', E, '2026-01-31T12:00:00.000Z', 1),
      reading('dev-2', E, '2026-02-01T12:00:00.000Z', 4),
    ];
    // The first attempt: readings stored with the token, then the process died before the recompute.
    await clickhouse()
      .exec({
        query: `INSERT INTO ${database}.readings SETTINGS insert_deduplication_token = 'measurements/4/7-8' FORMAT JSONEachRow`,
        values: Readable.from([
          retried
            .map((r) =>
              JSON.stringify({
                device_id: r.deviceId,
                variable: r.variable,
                ts: new Date(r.ts).toISOString(),
                value: r.value,
                quality: r.quality,
                ingested_at: new Date(r.ingestedAt).toISOString(),
              }),
            )
            .join('\n'),
        ]),
      })
      .then(async (r) => {
        for await (const _ of r.stream) {
          /* drain */
        }
      });
    await store.insert(retried, 'measurements/4/7-8');
    const { answers } = await fromEverySource(
      store,
      {
        deviceId: 'dev-2',
        aggregation: 'delta',
        frequency: '1d',
        from: '2026-01-31T03:00:00Z',
        to: '2026-02-02T03:00:00Z',
      },
      [...SOURCES],
    );
    for (const source of SOURCES)
      expect(answers[source], source).toEqual([['2026-02-01T03:00:00.000Z', '2026-02-02T03:00:00.000Z', 3, 1]]);
  });

  it('a re-sent reading with a corrected value replaces the old one everywhere (latest ingestion wins)', async () => {
    await store.insert(
      [reading('dev-1', E, '2026-01-31T20:00:00.000Z', 13, 'substituted', Date.parse('2026-06-05T00:00:00Z'))],
      'measurements/3/300-300',
    );
    const { answers } = await fromEverySource(
      store,
      { aggregation: 'max', frequency: '1d', from: '2026-01-31T03:00:00Z', to: '2026-02-02T03:00:00Z' },
      [...SOURCES],
    );
    for (const source of SOURCES)
      expect(
        answers[source].map((p) => p[2]),
        source,
      ).toEqual([13, 20]);
    const series = await rawSeries(store, {
      variable: E,
      aggregation: 'delta',
      from: '2026-01-31T20:00:00Z',
      to: '2026-01-31T20:00:00.001Z',
    });
    expect(series.points).toEqual([{ ts: Date.parse('2026-01-31T20:00:00Z'), value: 13, quality: 'substituted' }]);
    expect(series.lastIngestedAt).toBe(Date.parse('2026-06-05T00:00:00Z'));
  });
});
