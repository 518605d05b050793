import type { ClickHouseClient } from '@clickhouse/client';
import type { PlannedStatement, RollupRefresh } from './measurements-store.port.ts';
import { clearDirty, readDirty } from './rollup-dirty.ts';
import { NEIGHBOURS_LOOKBACK, neighboursStatement, recomputeStatement, touchedSeries, type Touched } from './rollup-recompute.ts';

/**
 * The background rollup step: takes the oldest dirty marks (one per write and series), recomputes every
 * rollup row their readings can have changed — one lookup and one INSERT … SELECT per group of series,
 * whatever the number of writes merged — and then deletes exactly those marks.
 *
 * Why exact: a write inserts its mark only after its readings, so every mark read here has its readings
 * stored before the recompute reads them; a mark is deleted only after the rows computed from them are
 * stored. Until then queries read raw readings for the buckets the mark can have changed
 * (query-composer.ts). A crash anywhere leaves the marks, and the next refresh does the work again
 * (recomputing is idempotent). Marks written meanwhile are not in the snapshot and stay for the next one.
 */

export interface RefreshContext { client: ClickHouseClient; database: string; cluster?: string | undefined; rollupTimezone: string }

/** Marks per refresh: bounds the statement's size after a long backlog (the next refresh takes the rest). */
const MAX_MARKS = 2_000;
/** Series per recompute statement (their keys and bounds travel as array parameters). */
const SERIES_PER_STATEMENT = 5_000;

export async function refreshRollups(ctx: RefreshContext): Promise<RollupRefresh> {
  const { marks, ranges } = await readDirty({ ...ctx, cluster: Boolean(ctx.cluster) }, MAX_MARKS);
  if (marks.length === 0) return { marks: 0, series: 0 };
  const touched = touchedSeries(ranges, ctx.rollupTimezone);
  for (let i = 0; i < touched.length; i += SERIES_PER_STATEMENT) await recompute(ctx, touched.slice(i, i + SERIES_PER_STATEMENT));
  await clearDirty(ctx, marks);
  return { marks: marks.length, series: touched.length };
}

async function recompute(ctx: RefreshContext, touched: Touched[]): Promise<void> {
  const neighbours = new Map<string, { prev: number | null; next: number | null }>();
  const since = Math.min(...touched.map((t) => t.loDay)) - NEIGHBOURS_LOOKBACK;
  for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, touched, since))) neighbours.set(key, { prev, next });
  const older = touched.filter((t) => neighbours.get(t.key)?.prev == null);
  if (older.length > 0) {
    for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, older, null))) neighbours.set(key, { prev, next });
  }
  const statement = recomputeStatement(ctx.database, Boolean(ctx.cluster), touched, neighbours, ctx.rollupTimezone);
  await ctx.client.command({ query: statement.sql, query_params: statement.params });
}

async function rows(ctx: RefreshContext, s: PlannedStatement): Promise<[string, number | null, number | null][]> {
  return (await ctx.client.query({ query: s.sql, query_params: s.params, format: 'JSONCompactEachRow' })).json();
}
