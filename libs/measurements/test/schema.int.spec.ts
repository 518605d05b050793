import { describe, expect, it } from 'vitest';
import { uniqueName } from '../../../test/fixtures.ts';
import { createClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import { bootstrapStatements, migrationStatements } from '../src/migrations.ts';
import { neighboursStatement, recomputeStatement, touchedSeries } from '../src/rollup-recompute.ts';
import { writeSetting } from '../src/migrator.ts';
import { clearDirtyStatement } from '../src/rollup-dirty.ts';
import { clickhouse, freshStore } from './store-fixture.ts';

/** chDB cannot replicate, so cluster DDL is checked by the engine's own parser (formatQuery). */
const parses = async (query: string) => {
  const [row] = await (
    await clickhouse().query({
      query: 'SELECT formatQuery({q:String}) AS f',
      query_params: { q: query },
      format: 'JSONEachRow',
    })
  ).json<{ f: string }>();
  return row!.f;
};

describe('measurements schema', () => {
  it('single-node and cluster DDL and the rollup recompute both parse in the engine', async () => {
    const ts = Date.parse('2026-04-04T12:00:00Z');
    const touched = touchedSeries(
      [{ key: 'dev-1\u001factive_energy_import', first: ts, last: ts }],
      'America/Santiago',
    );
    for (const cluster of [undefined, 'medido_cluster']) {
      const statements = [
        ...bootstrapStatements({ database: 'medido', cluster }),
        ...migrationStatements({ database: 'medido', cluster }).flatMap((m) => m.statements),
        neighboursStatement('medido', touched, 0).sql,
        recomputeStatement('medido', Boolean(cluster), touched, new Map(), 'America/Santiago').sql,
        clearDirtyStatement('medido', cluster),
      ];
      for (const statement of statements)
        expect(await parses(statement), statement.slice(0, 60)).toMatch(/^(CREATE|ALTER|INSERT|SELECT|DELETE)/);
    }
    await expect(parses('CREATE TABLE medido.x ON CLUSTER c ENGINE =')).rejects.toThrow(/Syntax error/);
  });

  it('applies every migration once; running again is a no-op', async () => {
    const { store, database } = await freshStore();
    await store.migrate();
    const rows = await (
      await clickhouse().query({
        query: `SELECT version, name FROM ${database}.schema_migrations ORDER BY version`,
        format: 'JSONEachRow',
      })
    ).json();
    expect(rows).toEqual([
      { version: 1, name: 'readings' },
      { version: 2, name: 'rollups' },
      { version: 3, name: 'series_latest' },
      { version: 4, name: 'store_settings' },
      { version: 5, name: 'rollup_dirty' },
      { version: 6, name: 'rollup_quality_counts' },
      { version: 7, name: 'series_newest' },
    ]);
    const tables = await (
      await clickhouse().query({
        query: 'SELECT name, engine FROM system.tables WHERE database = {db:String} ORDER BY name',
        query_params: { db: database },
        format: 'JSONEachRow',
      })
    ).json();
    expect(tables).toEqual([
      { name: 'readings', engine: 'ReplacingMergeTree' },
      { name: 'rollup_dirty', engine: 'MergeTree' },
      { name: 'rollups', engine: 'ReplacingMergeTree' },
      { name: 'schema_migrations', engine: 'ReplacingMergeTree' },
      { name: 'series_latest', engine: 'AggregatingMergeTree' },
      { name: 'series_latest_mv', engine: 'MaterializedView' },
      { name: 'series_newest', engine: 'AggregatingMergeTree' },
      { name: 'series_newest_mv', engine: 'MaterializedView' },
      { name: 'store_settings', engine: 'ReplacingMergeTree' },
    ]);
  });

  it('refuses to start on a database built with another rollup time zone', async () => {
    const { database } = await freshStore('America/Santiago');
    const other = createClickHouseMeasurementsStore({
      client: clickhouse(),
      database,
      rollupTimezone: 'Europe/Madrid',
    });
    await expect(other.migrate()).rejects.toThrow(/rollup_timezone=America\/Santiago, not Europe\/Madrid/);
  });

  it('validates names and zones before touching the engine', () => {
    expect(() => createClickHouseMeasurementsStore({ client: clickhouse(), database: 'x; DROP DATABASE y' })).toThrow(
      /invalid ClickHouse database name/,
    );
    expect(() =>
      createClickHouseMeasurementsStore({
        client: clickhouse(),
        database: uniqueName('db'),
        rollupTimezone: 'Nowhere/Land',
      }),
    ).toThrow(/unknown IANA time zone/);
  });

  it("stops serving from the 1 d rollup when the rollup zone's rules changed since it was built", async () => {
    const { store, database } = await freshStore();
    const ask = {
      series: [{ deviceId: 'dev-1', variable: 'e', kind: 'cumulative' as const, aggregation: 'delta' as const }],
      from: Date.parse('2026-04-01T03:00:00Z'),
      to: Date.parse('2026-05-01T04:00:00Z'),
      frequency: '1d' as const,
      timezone: 'America/Santiago',
    };
    expect([await store.dayRollupUsable(), (await store.explain(ask)).source]).toEqual([true, '1d']);
    await writeSetting(clickhouse(), database, 'rollup_zone_rules', 'rules-of-an-older-tzdata');
    const restarted = createClickHouseMeasurementsStore({ client: clickhouse(), database });
    await restarted.migrate();
    expect([await restarted.dayRollupUsable(), (await restarted.explain(ask)).source]).toEqual([false, '1h']);
  });
});
