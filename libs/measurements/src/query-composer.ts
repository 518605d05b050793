import { bucketIndex, DAY, type Buckets } from './buckets.ts';
import type { MeasurementsQuery, MeasurementsSource, PlannedStatement } from './measurements-store.port.ts';
import {
  predecessorStatement,
  rawBucketsStatement,
  rollupBucketsStatement,
  seriesKeys,
  type Column,
  type SeriesKeys,
} from './query-statements.ts';
import { rollupAnswerStatement } from './rollup-answer-statement.ts';
import { dirtySpanStatement } from './rollup-dirty.ts';

/**
 * The statements of a bucketed query: rollup rows where the rollup is known to hold every reading,
 * raw readings for the query buckets a not-yet-refreshed write can have changed, so an answer is exact
 * at every instant whatever the background refresh's lag (rollup-refresh.ts).
 *
 * A dirty mark [first, last] of a series can have changed the buckets holding an instant of
 * [first − 1 ms, next − 1 ms] (membership, the increase ending at its first reading, the increase ending
 * at the reading after its last, `next`). Over the queried series that is within
 * [F − 1 ms, max(L, N − 1 ms)], with F/L the earliest first/latest last of their marks and N the latest,
 * over the series, of the first reading after L: a series with no reading in (last, L] has its next after
 * L. The query buckets overlapping that span are answered from raw readings, the others from the rollup
 * (query buckets are unions of rollup buckets, so the two sets of rows are disjoint).
 */

type Run = <T>(statement: PlannedStatement) => Promise<T[]>;

/** How far before `from` the first predecessor lookup reaches; older gaps take a second, unbounded one. */
const PREDECESSOR_LOOKBACK = 2 * DAY;

/** What the statements of a bucketed query are composed from. */
export interface Composition {
  run: Run;
  db: string;
  source: MeasurementsSource;
  buckets: Buckets;
  query: MeasurementsQuery;
  keys: SeriesKeys;
  columns: Column[];
}

export async function bucketStatements(c: Composition): Promise<PlannedStatement[]> {
  const { run, db, source, buckets, query, keys, columns } = c;
  const { from, to } = query;
  if (source === 'raw') return rawStatements(run, db, buckets, query, keys, columns, from, to);
  // One statement that looks up its dirty span and predecessors itself (rollup-answer-statement.ts).
  const delta = deltaKeys(query, columns);
  return [
    rollupAnswerStatement(
      db,
      source,
      buckets,
      keys,
      columns,
      { from, to },
      delta ? { keys: delta, lookback: PREDECESSOR_LOOKBACK } : undefined,
    ),
  ];
}

/**
 * The same answer with its lookups as statements of their own, in turn: for a delta answer whose
 * one-statement form found a series silent longer than the bounded lookup reaches.
 */
export async function bucketStatementsInTurn(c: Composition): Promise<PlannedStatement[]> {
  const { run, db, source, buckets, query, keys, columns } = c;
  if (source === 'raw') return bucketStatements(c);
  const { from, to } = query;
  const lookups = [dirtySpanStatement(db, keys)];
  const [[first, last, next] = [null, null, null]] = await run<[number | null, number | null, number | null]>(
    lookups[0]!,
  );
  if (first === null || last === null)
    return [...lookups, rollupBucketsStatement(db, source, buckets, keys, columns, from, to)];
  const lo = Number(first) - 1;
  const hi = next === null ? Number(last) : Math.max(Number(last), Number(next) - 1);
  if (hi < from || lo >= to) return [...lookups, rollupBucketsStatement(db, source, buckets, keys, columns, from, to)];

  const { edges } = buckets;
  const i0 = bucketIndex(edges, Math.max(from, lo));
  const i1 = bucketIndex(edges, Math.min(to - 1, hi));
  const [rawFrom, rawTo] = [edges[i0]!, edges[i1 + 1]!];
  if (rawFrom === from && rawTo === to)
    return [...lookups, ...(await rawStatements(run, db, buckets, query, keys, columns, from, to))];
  const dirtyBuckets: Buckets = { edges: edges.slice(i0, i1 + 2), grid: buckets.grid };
  return [
    ...lookups,
    rollupBucketsStatement(db, source, buckets, keys, columns, from, to, [rawFrom, rawTo]),
    ...(await rawStatements(run, db, dirtyBuckets, query, keys, columns, rawFrom, rawTo)),
  ];
}

/** The series whose answer needs increases (and so a predecessor lookup); undefined when none does. */
function deltaKeys(query: MeasurementsQuery, columns: Column[]): SeriesKeys | undefined {
  if (!columns.includes('dc')) return undefined;
  return seriesKeys(query.series.filter((s) => s.aggregation === 'delta' || s.aggregations?.includes('delta')));
}

/** Buckets [from, to) from the raw readings, after the predecessor lookups `delta` needs. */
async function rawStatements(
  run: Run,
  db: string,
  buckets: Buckets,
  query: MeasurementsQuery,
  keys: SeriesKeys,
  columns: Column[],
  from: number,
  to: number,
): Promise<PlannedStatement[]> {
  const statements: PlannedStatement[] = [];
  let lower = from;
  const delta = deltaKeys(query, columns);
  if (delta) {
    let lookup = predecessorStatement(db, delta, from, from - PREDECESSOR_LOOKBACK);
    let [found] = await run<[number | null, number]>(lookup);
    statements.push(lookup);
    if (!found || found[1] < delta.keys.length) {
      lookup = predecessorStatement(db, delta, from, null);
      [found] = await run<[number | null, number]>(lookup);
      statements.push(lookup);
    }
    lower = found?.[0] ?? from;
  }
  statements.push(rawBucketsStatement(db, buckets, keys, columns, from, to, lower));
  return statements;
}
