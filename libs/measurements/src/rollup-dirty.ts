import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import type { SeriesRange } from './batch-series.ts';
import type { PlannedStatement } from './measurements-store.port.ts';
import { SERIES_FILTER, type SeriesKeys } from './query-statements.ts';
import { tsv, unixSeconds } from './tab-separated.ts';

/**
 * The `rollup_dirty` table: per (write, series) the ts range [first, last] of the readings a write
 * brought, until a rollup refresh that read them has stored its rows (rollup-refresh.ts). It is the
 * durable boundary between what the rollups include and what queries must read raw.
 */

export interface DirtyContext {
  client: ClickHouseClient;
  database: string;
  cluster: boolean;
}
/** A series' ts range the rollups may not include yet. */
export interface DirtyRange {
  key: string;
  first: number;
  last: number;
}

/** One row per series of the write, all under one mark id: inserted together, visible together. */
export async function markDirty(ctx: DirtyContext, ranges: SeriesRange[]): Promise<void> {
  const mark = randomUUID();
  const at = unixSeconds(Date.now());
  const body = ranges
    .map(
      (r) => `${tsv(r.deviceId)}\t${tsv(r.variable)}\t${unixSeconds(r.first)}\t${unixSeconds(r.last)}\t${mark}\t${at}`,
    )
    .join('\n');
  const result = await ctx.client.exec({
    query: `INSERT INTO ${ctx.database}.rollup_dirty (device_id, variable, first_ts, last_ts, mark_id, marked_at)${ctx.cluster ? ' SETTINGS distributed_foreground_insert = 1' : ''}
FORMAT TabSeparated`,
    values: Readable.from([body]),
  });
  for await (const _ of result.stream) {
    /* done once the (empty) answer is read */
  }
}

/** The oldest marks (at most `limit`) and their ranges merged per series. */
export async function readDirty(ctx: DirtyContext, limit: number): Promise<{ marks: string[]; ranges: DirtyRange[] }> {
  const marks = (
    await (
      await ctx.client.query({
        query: `SELECT toString(mark_id) FROM ${ctx.database}.rollup_dirty GROUP BY mark_id ORDER BY min(marked_at) LIMIT {limit:UInt32}`,
        query_params: { limit },
        format: 'JSONCompactEachRow',
      })
    ).json<[string]>()
  ).map(([m]) => m);
  if (marks.length === 0) return { marks, ranges: [] };
  const rows = await (
    await ctx.client.query({
      query: `SELECT concat(device_id, char(31), variable) AS key, toUnixTimestamp64Milli(min(first_ts)), toUnixTimestamp64Milli(max(last_ts))
FROM ${ctx.database}.rollup_dirty WHERE mark_id IN {marks:Array(UUID)} GROUP BY key`,
      query_params: { marks },
      format: 'JSONCompactEachRow',
    })
  ).json<[string, number, number]>();
  return { marks, ranges: rows.map(([key, first, last]) => ({ key, first: Number(first), last: Number(last) })) };
}

/** Forgets marks whose readings a stored refresh has read (a lightweight delete: rows masked, merged away later). */
export async function clearDirty(
  ctx: { client: ClickHouseClient; database: string; cluster?: string | undefined },
  marks: string[],
): Promise<void> {
  if (marks.length === 0) return;
  await ctx.client.command({ query: clearDirtyStatement(ctx.database, ctx.cluster), query_params: { marks } });
}

export function clearDirtyStatement(db: string, cluster: string | undefined): string {
  // A Distributed table takes no DELETE: the local tables of every shard do.
  const table = cluster ? `${db}.rollup_dirty_local ON CLUSTER \`${cluster}\`` : `${db}.rollup_dirty`;
  return `DELETE FROM ${table} WHERE mark_id IN {marks:Array(UUID)}`;
}

/**
 * The dirty-span scalars of a statement over the queried series (SERIES_FILTER's parameters): `span`, the
 * earliest first and latest last of their marks (one snapshot of the marks), and `after_span`, the latest,
 * over the series, of each one's first reading after the span's last — null when no series is dirty.
 * Written as WITH items, so a statement computes them before any of its rows.
 */
export function dirtySpanScalars(db: string): string[] {
  return [
    `(SELECT (minOrNull(first_ts), maxOrNull(last_ts)) FROM ${db}.rollup_dirty WHERE ${SERIES_FILTER}) AS span`,
    `(SELECT maxOrNull(n) FROM (
    SELECT min(ts) AS n FROM ${db}.readings WHERE ${SERIES_FILTER} AND ts > span.2 GROUP BY device_id, variable)) AS after_span`,
  ];
}

/** The dirty span alone, `[F, L, N]` in ms (see dirtySpanScalars), for an answer whose lookups run in turn. */
export function dirtySpanStatement(db: string, keys: SeriesKeys): PlannedStatement {
  return {
    role: 'predecessor',
    sql: `WITH ${dirtySpanScalars(db).join(',\n  ')}
SELECT toUnixTimestamp64Milli(span.1), toUnixTimestamp64Milli(span.2), toUnixTimestamp64Milli(after_span)`,
    params: { ...keys },
  };
}
