import { describe, expect, it } from 'vitest';
import { createClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { BucketPoint, MeasurementsSource } from '../src/measurements-store.port.ts';
import { clickhouse, freshStore, queryOf, reading } from './store-fixture.ts';

/**
 * Readings per quality in every bucket, from each source: the readings in the bucket, or for delta the
 * readings closing its increases. Santiago, January 2026 (UTC−03: local midnight is 03:00Z).
 */
const E = 'active_energy_import';
const readings = [
  reading('dev-1', E, '2026-01-10T03:00:00.000Z', 10), // Jan 10 00:00 local
  reading('dev-1', E, '2026-01-10T09:00:00.000Z', 12, 'estimated'),
  reading('dev-1', E, '2026-01-10T15:00:00.000Z', 15, 'substituted'),
  reading('dev-1', E, '2026-01-11T03:00:00.000Z', 20, 'estimated'), // closes Jan 10's last increase
  reading('dev-1', E, '2026-01-11T09:00:00.000Z', 21),
];
const DAYS = { from: '2026-01-10T03:00:00.000Z', to: '2026-01-12T03:00:00.000Z', frequency: '1d' as const };
const SOURCES: MeasurementsSource[] = ['raw', '15m', '1h', '1d'];
const view = (points: BucketPoint[]) =>
  points.map((p) => [
    new Date(p.start).toISOString().slice(0, 10),
    p.values ?? p.value,
    p.count,
    p.estimated,
    p.substituted,
  ]);

describe('quality counts per bucket', () => {
  it('counts the readings in the bucket, or for delta those closing its increases, the same from every source', async () => {
    const { store } = await freshStore();
    await store.insert(readings, 'quality/0/0-4');
    for (const source of SOURCES) {
      const [max] = await store.query(queryOf({ ...DAYS, aggregation: 'max', source }));
      expect(view(max!.points as BucketPoint[]), `max from ${source}`).toEqual([
        ['2026-01-10', 15, 3, 1, 1],
        ['2026-01-11', 21, 2, 1, 0],
      ]);
      const [delta] = await store.query(queryOf({ ...DAYS, aggregation: 'delta', source }));
      expect(view(delta!.points as BucketPoint[]), `delta from ${source}`).toEqual([
        ['2026-01-10', 10, 3, 2, 1],
        ['2026-01-11', 1, 1, 0, 0],
      ]);
      // Several aggregations in one statement: count and qualities are of the readings.
      const [several] = await store.query({
        ...queryOf({ ...DAYS, aggregation: 'min', source }),
        series: [{ ...queryOf({ ...DAYS, aggregation: 'min' }).series[0]!, aggregations: ['min', 'max', 'delta'] }],
      });
      expect(view(several!.points as BucketPoint[]), `several from ${source}`).toEqual([
        ['2026-01-10', [10, 15, 10], 3, 1, 1],
        ['2026-01-11', [20, 21, 1], 2, 1, 0],
      ]);
    }
  });

  it('a database rolled up before the counts existed answers them exactly at once, and from the rollup after a refresh', async () => {
    const { store, database } = await freshStore();
    await store.insert(readings, 'quality/1/0-4');
    // What version 5 left: rollup rows without counts (the column defaults), and no record of version 6.
    await clickhouse().command({
      query: `INSERT INTO ${database}.rollups SELECT * REPLACE (0 AS estimated_count, 0 AS substituted_count, 0 AS delta_estimated_count, 0 AS delta_substituted_count, now64(6) AS version) FROM ${database}.rollups FINAL`,
    });
    await clickhouse().command({ query: `DELETE FROM ${database}.schema_migrations WHERE version = 6` });
    const stale = createClickHouseMeasurementsStore({ client: clickhouse(), database });
    const [before] = await stale.query(queryOf({ ...DAYS, aggregation: 'max', source: '1d' }));
    expect(view(before!.points as BucketPoint[])).toEqual([
      ['2026-01-10', 15, 3, 0, 0],
      ['2026-01-11', 21, 2, 0, 0],
    ]);

    const upgraded = createClickHouseMeasurementsStore({ client: clickhouse(), database });
    await upgraded.migrate();
    const ask = queryOf({ ...DAYS, aggregation: 'max', source: '1d' });
    const plan = await upgraded.explain(ask);
    expect(plan.statements.filter((s) => s.role === 'points').every((s) => s.sql.includes('.readings FINAL'))).toBe(
      true,
    );
    expect(view((await upgraded.query(ask))[0]!.points as BucketPoint[])).toEqual([
      ['2026-01-10', 15, 3, 1, 1],
      ['2026-01-11', 21, 2, 1, 0],
    ]);

    while ((await upgraded.refreshRollups()).marks > 0) {
      /* the backlog the migration marked */
    }
    const after = await upgraded.explain(ask);
    expect(after.statements.filter((s) => s.role === 'points').map((s) => s.sql.includes('.rollups FINAL'))).toEqual([
      true,
    ]);
    expect(view((await upgraded.query(ask))[0]!.points as BucketPoint[])).toEqual([
      ['2026-01-10', 15, 3, 1, 1],
      ['2026-01-11', 21, 2, 1, 0],
    ]);
  });
});
