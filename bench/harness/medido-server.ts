/**
 * Child process of the bench: the embedded default (api, ingestor and projector in one process) on the
 * production adapters given in the environment (Kafka, FerretDB, chDB under MEDIDO_DATA_DIR). Besides
 * HTTP it answers the bench over IPC with what only the process that owns chDB can do: run a query's
 * SQL directly on the engine (the baseline of the query benchmarks), bulk-insert the fleet into a plain
 * MergeTree (the baseline of the ingest benchmark), count stored readings and report its memory.
 * Started by server.ts; never run by hand.
 */
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pino } from 'pino';
import { tableFromIPC } from 'apache-arrow';
import { arrowBytes, createClickHouseClient, FRESHNESS_ROW } from '@medido/measurements';
import type { MeasurementsQuery, PlannedStatement } from '@medido/measurements';
import { loadConfig, loggerOptions } from '@medido/platform';
import { buildEmbeddedMedido } from '../../apps/medido/src/embedded/embedded-medido.ts';
import { fleetOf, fleetTsvChunks, type FleetShape } from './fleet.ts';

/** Formats the engine writes an answer in, as the API's Arrow and Parquet answers are compared with. */
export type EngineFormat = 'ArrowStream' | 'Parquet';

export type ServerRequest =
  | { op: 'explain'; query: MeasurementsQuery }
  /** With `format`, the answer statements are written by the engine in that format (the columnar answers' baseline). */
  | { op: 'run-sql'; statements: PlannedStatement[]; runs: number; format?: EngineFormat }
  | { op: 'bulk-insert'; shape: FleetShape; end: number; rowsPerChunk: number }
  | { op: 'count-readings' }
  /** Rows of a statement (analysis: system.query_log, part counts). */
  | { op: 'rows'; statement: PlannedStatement }
  /** Writes whose rollup rows the background step has not recomputed yet (their marks). */
  | { op: 'pending-rollups' }
  | { op: 'memory' }
  /** Time spent in the projector's store writes so far (when traced: BENCH_TRACE=1). */
  | { op: 'trace' };

const config = loadConfig();
const logger = pino(loggerOptions(config.LOG_LEVEL, 'medido'));
const medido = await buildEmbeddedMedido(config, logger);
await medido.app.listen({ port: config.PORT, host: config.HOST });
// The same engine and data directory as the store (chDB binds one directory per process).
const engine = createClickHouseClient({ chdbPath: join(medido.dataDir, 'chdb') });
const db = config.MEDIDO_CLICKHOUSE_DATABASE;

/** Totals of the projector's writes, by kind: where a batch's time goes (analysis, BENCH_TRACE=1). */
const trace: Record<string, { calls: number; ms: number; items: number }> = {};
function traced<T extends object>(target: T, method: keyof T & string, size: (args: unknown[]) => number): void {
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  (target as Record<string, unknown>)[method] = async (...args: unknown[]) => {
    const started = performance.now();
    try {
      return await original(...args);
    } finally {
      const t = (trace[method] ??= { calls: 0, ms: 0, items: 0 });
      t.calls += 1;
      t.ms += performance.now() - started;
      t.items += size(args);
    }
  };
}
if (process.env.BENCH_TRACE === '1') {
  traced(medido.measurements, 'insert', (args) => (args[0] as unknown[]).length);
  traced(medido.measurements, 'query', (args) => (args[0] as { series: unknown[] }).series.length);
}

const rowsOf = async (s: PlannedStatement) =>
  (await engine.query({ query: s.sql, query_params: s.params, format: 'JSONCompactEachRow' })).json<unknown[]>();
/** A statement's result received as the store receives it: Arrow columns for bucket statements, else JSON rows. */
const resultOf = async (s: PlannedStatement): Promise<{ length: number }> => {
  if (!s.columnar) return rowsOf(s);
  const bytes = await arrowBytes(engine, s);
  return { length: bytes.length === 0 ? 0 : tableFromIPC(bytes).numRows };
};

/** The bytes of a statement's result written by the engine in `format`. */
async function formattedBytes(s: PlannedStatement, format: EngineFormat): Promise<number> {
  const result = await engine.exec({ query: `${s.sql}\nFORMAT ${format}`, query_params: s.params });
  let bytes = 0;
  for await (const chunk of result.stream) bytes += (chunk as Buffer).length;
  return bytes;
}

/**
 * Runs a query's statements as the store does (lookups in turn, then the rest together); answers the
 * points' row count. With `format` the answer statements are written in it instead (rows: 0).
 */
async function runStatements(statements: PlannedStatement[], format?: EngineFormat): Promise<number> {
  const lookups = statements.filter((s) => s.role === 'predecessor');
  const rest = statements.filter((s) => s.role !== 'predecessor');
  for (const s of lookups) await rowsOf(s);
  if (format) {
    await Promise.all(rest.map((s) => (s.role === 'points' ? formattedBytes(s, format) : resultOf(s))));
    return 0;
  }
  const answers = await Promise.all(rest.map(resultOf));
  const points = answers[rest.findIndex((s) => s.role === 'points')];
  // A raw answer's statement also carries one freshness row per series: not points of the answer.
  return Array.isArray(points)
    ? points.filter((row) => (row as unknown[])[3] !== FRESHNESS_ROW).length
    : (points?.length ?? 0);
}

async function bulkInsert(shape: FleetShape, end: number, rowsPerChunk: number) {
  await engine.command({ query: 'DROP TABLE IF EXISTS bench_baseline.readings' });
  await engine.command({ query: 'CREATE DATABASE IF NOT EXISTS bench_baseline' });
  // The readings table's columns, codecs and order, on the plain engine: no dedup, no rollups.
  await engine.command({
    query: `CREATE TABLE bench_baseline.readings AS ${db}.readings ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (device_id, variable, ts)`,
  });
  let rows = 0;
  let insertMs = 0;
  for (const chunk of fleetTsvChunks(fleetOf(shape, end), rowsPerChunk, Date.now())) {
    const started = performance.now();
    const result = await engine.exec({
      query: 'INSERT INTO bench_baseline.readings FORMAT TabSeparated',
      values: Readable.from([chunk.tsv]),
    });
    for await (const _ of result.stream) {
      /* drained: the insert finished */
    }
    insertMs += performance.now() - started;
    rows += chunk.rows;
  }
  await engine.command({ query: 'DROP TABLE bench_baseline.readings' });
  return { rows, insertMs };
}

async function handle(request: ServerRequest): Promise<unknown> {
  switch (request.op) {
    case 'explain':
      return (await medido.measurements.explain!(request.query)).statements;
    case 'run-sql': {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < request.runs; i++) {
        const started = performance.now();
        rows = await runStatements(request.statements, request.format);
        times.push(performance.now() - started);
      }
      return { times, rows };
    }
    case 'bulk-insert':
      return bulkInsert(request.shape, request.end, request.rowsPerChunk);
    case 'count-readings': {
      const [row] = await rowsOf({ role: 'points', sql: `SELECT count() FROM ${db}.readings FINAL`, params: {} });
      return Number(row![0]);
    }
    case 'rows':
      return rowsOf(request.statement);
    case 'pending-rollups': {
      const [row] = await rowsOf({ role: 'points', sql: `SELECT count() FROM ${db}.rollup_dirty`, params: {} });
      return Number(row![0]);
    }
    case 'memory':
      return process.memoryUsage();
    case 'trace':
      return trace;
    default: {
      const _exhaustive: never = request;
      throw new Error(`unknown request ${JSON.stringify(_exhaustive)}`);
    }
  }
}

process.on('message', (message: { id: number; request: ServerRequest }) => {
  handle(message.request).then(
    (result) => process.send!({ id: message.id, result }),
    (error: unknown) => process.send!({ id: message.id, error: (error as Error).stack ?? String(error) }),
  );
});
// The bench owns this process: when it goes, so does the server (flushing a CPU profile on the way).
process.on('disconnect', () => {
  void medido.close().finally(() => process.exit(0));
});
process.on('SIGTERM', () => {
  void medido.close().finally(() => process.exit(0));
});
process.send!({ ready: true, dataDir: medido.dataDir, credentials: medido.credentials });
