import type { ClickHouseClient } from '@clickhouse/client';
import type { PlannedStatement, RollupRefresh } from './measurements-store.port.ts';
import { DAY } from './buckets.ts';
import { clearDirty, readDirty, type DirtyRange } from './rollup-dirty.ts';
import {
  NEIGHBOURS_LOOKBACK,
  neighboursStatement,
  recomputeStatement,
  touchedSeries,
  type Touched,
} from './rollup-recompute.ts';

/**
 * The background rollup step: takes the oldest dirty marks (one per write and series), recomputes every
 * rollup row their readings can have changed — a lookup and an INSERT … SELECT per group of series,
 * whatever the number of writes merged — and then deletes exactly those marks.
 *
 * Why exact: a write inserts its mark only after its readings, so every mark read here has its readings
 * stored before the recompute reads them; a mark is deleted only after the rows computed from them are
 * stored. Until then queries read raw readings for the buckets the mark can have changed
 * (query-composer.ts). A crash anywhere leaves the marks, and the next refresh does the work again
 * (recomputing is idempotent). Marks written meanwhile are not in the snapshot and stay for the next one.
 */

export interface RefreshContext {
  client: ClickHouseClient;
  database: string;
  cluster?: string | undefined;
  rollupTimezone: string;
}

/** Writes per refresh (each has a mark row per series it wrote): the next refresh takes the rest. */
const MAX_MARKS = 200;
/** A series' dirty range is recomputed in pieces of at most this span (pieces are independent: see below). */
const PIECE = 14 * DAY;
/** Series-days per recompute statement. */
const STATEMENT_BUDGET = 2_000;

/**
 * chDB runs one statement at a time per process, so a long recompute would hold back the projector's
 * inserts and every query behind it: the work is cut into short statements (inserts and queries take
 * turns between them). Cutting is exact: recomputing [a, c] rewrites every row the readings of [a, c]
 * can have changed, from the readings as they are, so [a, b] and [b, c] together do the same.
 */
export async function refreshRollups(ctx: RefreshContext): Promise<RollupRefresh> {
  const { marks, ranges } = await readDirty({ ...ctx, cluster: Boolean(ctx.cluster) }, MAX_MARKS);
  if (marks.length === 0) return { marks: 0, series: 0 };
  for (const statement of statementsOf(ranges)) await recompute(ctx, touchedSeries(statement, ctx.rollupTimezone));
  await clearDirty(ctx, marks);
  return { marks: marks.length, series: ranges.length };
}

/** Pieces of the ranges grouped into statements within the budget, at most one piece per series each. */
export function statementsOf(ranges: DirtyRange[]): DirtyRange[][] {
  const statements: { pieces: DirtyRange[]; keys: Set<string>; days: number }[] = [];
  for (const range of ranges) {
    let from = 0;
    for (let first = range.first; first <= range.last; first += PIECE) {
      const piece = { key: range.key, first, last: Math.min(range.last, first + PIECE - 1) };
      const days = Math.ceil((piece.last - piece.first + 1) / DAY) + 1;
      while (
        from < statements.length &&
        (statements[from]!.keys.has(range.key) || statements[from]!.days + days > STATEMENT_BUDGET)
      )
        from++;
      if (from === statements.length) statements.push({ pieces: [], keys: new Set(), days: 0 });
      const statement = statements[from]!;
      statement.pieces.push(piece);
      statement.keys.add(range.key);
      statement.days += days;
    }
  }
  return statements.map((s) => s.pieces);
}

async function recompute(ctx: RefreshContext, touched: Touched[]): Promise<void> {
  const neighbours = new Map<string, { prev: number | null; next: number | null }>();
  const since = Math.min(...touched.map((t) => t.loDay)) - NEIGHBOURS_LOOKBACK;
  for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, touched, since)))
    neighbours.set(key, { prev, next });
  const older = touched.filter((t) => neighbours.get(t.key)?.prev == null);
  if (older.length > 0) {
    for (const [key, prev, next] of await rows(ctx, neighboursStatement(ctx.database, older, null)))
      neighbours.set(key, { prev, next });
  }
  const statement = recomputeStatement(ctx.database, Boolean(ctx.cluster), touched, neighbours, ctx.rollupTimezone);
  await ctx.client.command({ query: statement.sql, query_params: statement.params });
}

async function rows(ctx: RefreshContext, s: PlannedStatement): Promise<[string, number | null, number | null][]> {
  return (await ctx.client.query({ query: s.sql, query_params: s.params, format: 'JSONCompactEachRow' })).json();
}
