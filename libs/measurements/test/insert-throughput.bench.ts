/**
 * Insert throughput into chDB: N readings in B-row batches through the store (token-deduplicated insert
 * + dirty marks), against the same batches inserted into a bare MergeTree table; then the time the
 * background rollup refresh takes to fold all of them into the rollups (run after the inserts here, so
 * the two costs are measured apart; the projector runs it concurrently).
 *
 *   node libs/measurements/test/insert-throughput.bench.ts [readings=1000000] [batch=10000] [devices=100]
 *
 * Batches are what the projector writes: time-ordered readings of many devices (15 min apart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClickHouseClient } from '../src/clickhouse-client.ts';
import { createClickHouseMeasurementsStore } from '../src/clickhouse-measurements-store.ts';
import type { StoredReading } from '../src/measurements-store.port.ts';

const [total = 1_000_000, batchSize = 10_000, devices = 100] = process.argv.slice(2).map(Number);
const start = Date.parse('2026-01-01T03:00:00Z');

function batchAt(index: number): StoredReading[] {
  const out: StoredReading[] = [];
  const perDevice = batchSize / devices;
  for (let d = 0; d < devices; d++) {
    for (let k = 0; k < perDevice; k++) {
      const step = index * perDevice + k;
      out.push({
        deviceId: `dev-${d}`,
        variable: 'active_energy_import',
        ts: start + step * 900_000,
        value: step * 0.25 + d,
        quality: 'measured',
        ingestedAt: Date.now(),
      });
    }
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'medido-bench-'));
const client = createClickHouseClient({ chdbPath: dir });
try {
  const store = createClickHouseMeasurementsStore({ client, database: 'bench' });
  await store.migrate();
  await client.command({
    query: `CREATE TABLE bench.bare (device_id LowCardinality(String), variable LowCardinality(String), ts DateTime64(3, 'UTC'), value Float64, quality Enum8('measured' = 1, 'estimated' = 2, 'substituted' = 3), ingested_at DateTime64(3, 'UTC')) ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (device_id, variable, ts)`,
  });
  const batches = Math.ceil(total / batchSize);

  let t0 = performance.now();
  for (let i = 0; i < batches; i++) {
    // The same rows in the same format the store sends (TabSeparated), with nothing else.
    const rows = batchAt(i).map(
      (r) =>
        `${r.deviceId}\t${r.variable}\t${new Date(r.ts).toISOString()}\t${r.value}\t${r.quality}\t${new Date(r.ingestedAt).toISOString()}`,
    );
    const result = await client.exec({
      query: 'INSERT INTO bench.bare FORMAT TabSeparated',
      values: Readable.from([rows.join('\n')]),
    });
    for await (const _ of result.stream) {
      /* drain */
    }
  }
  const bare = performance.now() - t0;

  t0 = performance.now();
  const latencies: number[] = [];
  for (let i = 0; i < batches; i++) {
    const t = performance.now();
    await store.insert(batchAt(i), `bench/0/${i * batchSize}-${(i + 1) * batchSize - 1}`);
    latencies.push(performance.now() - t);
  }
  const full = performance.now() - t0;
  latencies.sort((a, b) => a - b);

  t0 = performance.now();
  let refreshes = 0;
  while ((await store.refreshRollups()).marks > 0) refreshes++;
  const catchUp = performance.now() - t0;

  const [check] = await (
    await client.query({
      query: `SELECT toUInt64(sum(reading_count)) AS n FROM bench.rollups FINAL WHERE resolution = '1d'`,
      format: 'JSONEachRow',
    })
  ).json<{ n: number }>();
  const rate = (ms: number) => Math.round((batches * batchSize) / (ms / 1000));
  console.log(
    JSON.stringify({
      readings: batches * batchSize,
      batchSize,
      devices,
      storeReadingsPerSecond: rate(full),
      bareMergeTreeReadingsPerSecond: rate(bare),
      ratio: +(full / bare).toFixed(2),
      batchMs: {
        p50: Math.round(latencies[Math.floor(batches / 2)]!),
        p99: Math.round(latencies[Math.floor(batches * 0.99)]!),
      },
      rollupCatchUp: { ms: Math.round(catchUp), refreshes, readingsPerSecond: rate(catchUp) },
      storeAndRollupsReadingsPerSecond: rate(full + catchUp),
      ratioWithRollups: +((full + catchUp) / bare).toFixed(2),
      rolledUpReadings: check!.n,
    }),
  );
} finally {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
}
