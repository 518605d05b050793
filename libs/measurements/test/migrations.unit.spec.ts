import { describe, expect, it } from 'vitest';
import { assertSchemaOptions, migrationStatements } from '../src/migrations.ts';

describe('migrations', () => {
  it('accepts only identifier-like database and cluster names (they come from configuration)', () => {
    expect(() => assertSchemaOptions({ database: 'medido_prod' })).not.toThrow();
    for (const database of ['medido; DROP TABLE x', 'a.b', '1abc', '', 'x`y']) {
      expect(() => assertSchemaOptions({ database })).toThrow(/invalid ClickHouse database name/);
    }
    expect(() => assertSchemaOptions({ database: 'm', cluster: "c' OR 1" })).toThrow(/invalid ClickHouse cluster name/);
  });

  it('numbers migrations strictly increasing from 1', () => {
    expect(migrationStatements({ database: 'm' }).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('single node: ReplacingMergeTree readings by (device, variable, ts), monthly partitions, token dedup window', () => {
    const [readings] = migrationStatements({ database: 'm' })[0]!.statements;
    expect(readings).toMatch(
      /ENGINE = ReplacingMergeTree\(ingested_at\)\s+PARTITION BY toYYYYMM\(ts\)\s+ORDER BY \(device_id, variable, ts\)/,
    );
    expect(readings).toContain('non_replicated_deduplication_window = 10000');
    expect(readings).not.toContain('ON CLUSTER');
  });

  it('cluster: the same tables as Replicated local tables plus Distributed tables sharded by device, ON CLUSTER', () => {
    const statements = migrationStatements({ database: 'm', cluster: 'prod' }).flatMap((m) => m.statements);
    // Schema statements run on every host; a data statement (an INSERT) runs once, through the Distributed tables.
    expect(statements.filter((s) => !s.startsWith('INSERT')).every((s) => s.includes('ON CLUSTER `prod`'))).toBe(true);
    expect(statements.filter((s) => s.startsWith('ALTER TABLE m.rollups'))).toHaveLength(2);
    expect(statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS m.readings_local'))).toContain(
      "ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/m/readings_local', '{replica}', ingested_at)",
    );
    expect(statements.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS m.readings '))).toContain(
      "Distributed('prod', m, readings_local, cityHash64(device_id))",
    );
    expect(statements.find((s) => s.includes('series_latest_mv'))).toContain('FROM m.readings_local');
  });
});
