import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PlannedStatement, StoredReading } from './measurements-store.port.ts';
import { seriesKey } from './query-statements.ts';
import { NEIGHBOURS_LOOKBACK, neighboursStatement, recomputeStatement, touchedSeries } from './rollup-recompute.ts';

export interface WriterContext { client: ClickHouseClient; database: string; cluster: boolean; rollupTimezone: string }

/**
 * Stores a batch exactly once and brings the rollups up to date (see rollup-recompute.ts for why the
 * rollups are recomputed rather than maintained by materialized views).
 */
export async function writeReadings(ctx: WriterContext, readings: StoredReading[], dedupToken: string): Promise<void> {
  if (readings.length === 0) return;
  for (const r of readings) {
    if (!Number.isFinite(r.value) || !Number.isSafeInteger(r.ts) || r.ts < 0 || !Number.isSafeInteger(r.ingestedAt) || r.ingestedAt < 0) {
      throw new Error(`cannot store reading ${r.deviceId}/${r.variable}@${r.ts}: value, ts and ingestedAt must be finite (ts in ms after 1970)`);
    }
  }
  // One row per reading within the batch (the last wins, as it would in a later batch).
  const unique = [...new Map(readings.map((r) => [`${seriesKey(r.deviceId, r.variable)}\u001f${r.ts}`, r])).values()];
  // TabSeparated: a third of JSONEachRow's cost to build and to parse. Numbers print as the shortest
  // text that reads back as the same double.
  const body = unique.map((r) => `${tsv(r.deviceId)}\t${tsv(r.variable)}\t${unixSeconds(r.ts)}\t${r.value}\t${r.quality}\t${unixSeconds(r.ingestedAt)}`).join('\n');
  // The engine drops a block whose token it has seen (non_replicated_deduplication_window), so a retried
  // batch is not stored again; precise parsing stores exactly the double that was sent.
  const result = await ctx.client.exec({
    query: `INSERT INTO ${ctx.database}.readings (device_id, variable, ts, value, quality, ingested_at)
SETTINGS insert_deduplication_token = {token:String}, precise_float_parsing = 1${ctx.cluster ? ', distributed_foreground_insert = 1' : ''}
FORMAT TabSeparated`,
    query_params: { token: dedupToken },
    values: Readable.from([body]),
  });
  for await (const _ of result.stream) { /* the insert has finished once its (empty) answer is read */ }

  // Also for a deduplicated retry: if the first attempt stored the readings and then failed, this is
  // what brings the rollups up to date.
  const touched = touchedSeries(unique, ctx.rollupTimezone);
  const neighbours = new Map<string, { prev: number | null; next: number | null }>();
  const since = Math.min(...touched.map((t) => t.loDay)) - NEIGHBOURS_LOOKBACK;
  for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, touched, since))) neighbours.set(key, { prev, next });
  const older = touched.filter((t) => neighbours.get(t.key)?.prev == null);
  if (older.length > 0) {
    for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, older, null))) neighbours.set(key, { prev, next });
  }
  const recompute = recomputeStatement(ctx.database, ctx.cluster, touched, neighbours, ctx.rollupTimezone);
  await ctx.client.command({ query: recompute.sql, query_params: recompute.params });
}

async function rows(ctx: WriterContext, s: PlannedStatement): Promise<[string, number | null, number | null][]> {
  return (await ctx.client.query({ query: s.sql, query_params: s.params, format: 'JSONCompactEachRow' })).json();
}

/**
 * Unix seconds with three decimals ("1735689600.123"), read exactly by DateTime64(3): a fifth of the cost
 * of an ISO 8601 string, which was the largest part of building an insert. `ms` is a non-negative integer
 * below 10^13 (before 2286-11-20; the storable range ends in 2106).
 * Always ten integer digits ("0000086400.000"): the client's date_time_input_format=best_effort reads
 * only 9- or 10-digit numbers as unix time, and a shorter one as a date ("86400.000" failed with Code 41,
 * "0.000" too; issue 12), so every instant before 1973-03-03T09:46:40Z was refused for ever.
 */
const unixSeconds = (ms: number) => `${String(Math.floor(ms / 1000)).padStart(10, '0')}.${String(ms % 1000).padStart(3, '0')}`;
/** TabSeparated string escaping (https://clickhouse.com/docs/interfaces/formats/TabSeparated). */
const tsv = (s: string) => s.replace(/[\\\t\n]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\n'));
