import type { Buckets } from './buckets.ts';
import type { MeasurementsSource, PlannedStatement } from './measurements-store.port.ts';
import {
  bucketOf,
  DT,
  FINAL_SETTINGS,
  lastReadingsAt,
  PREDECESSOR_SERIES_FILTER,
  predecessorSeriesParams,
  rawBucketsSql,
  rollupBucketsSql,
  type Column,
  type SeriesKeys,
} from './query-statements.ts';
import { dirtySpanScalars } from './rollup-dirty.ts';

/**
 * A rollup answer in ONE statement: under load every statement waits its turn for CPU whatever its size
 * (~300 ms at the freshness bench's 20 000 readings/s), so an answer that first looked up its dirty span,
 * then its predecessor, then its rows waited three times (docs/benchmarks.md, 2026-12-08). Here the
 * lookups are the statement's own scalars, computed before its rows, in this order:
 *
 *   span, after_span  the queried series' marks [F, L] and N (query-composer.ts explains the span);
 *   dirty             whether [F − 1 ms, max(L, N − 1 ms)] meets the window;
 *   raw_from, raw_to  the query buckets it meets: the planner's bucket arithmetic, in SQL;
 *   pred              (delta) the two-days-back predecessor lookup at raw_from: (lower, found).
 *
 * The rows are the rollup's outside [raw_from, raw_to) and the raw readings' inside it (nothing is read raw
 * when not dirty). The marks are read before any row, as when they were a statement of their own, so the
 * answer is exact at every instant for the same reasons (libs/measurements/README.md). A delta answer adds
 * one row of series 0 (no series has that index) holding in `b` how many series the lookup found: when
 * fewer than asked, a series was silent longer than the lookback and the caller answers again with the
 * lookups in turn (query-composer.ts), the unbounded one included.
 */
export function rollupAnswerStatement(
  db: string,
  source: Exclude<MeasurementsSource, 'raw'>,
  buckets: Buckets,
  keys: SeriesKeys,
  columns: Column[],
  window: { from: number; to: number },
  predecessor: { keys: SeriesKeys; lookback: number } | undefined,
): PlannedStatement {
  const start = bucketOf('greatest({from:Int64}, lo)', buckets);
  const end = bucketEndOf('least({to:Int64} - 1, hi)', buckets);
  const lookups = [
    ...dirtySpanScalars(db),
    'toUnixTimestamp64Milli(span.1) - 1 AS lo',
    'greatest(toUnixTimestamp64Milli(span.2), ifNull(toUnixTimestamp64Milli(after_span) - 1, toUnixTimestamp64Milli(span.2))) AS hi',
    'ifNull(hi >= {from:Int64} AND lo < {to:Int64}, 0) AS dirty',
    `${start.sql} AS raw_from`,
    `${end.sql} AS raw_to`,
    ...(predecessor
      ? [
          `(SELECT (toUnixTimestamp64Milli(minOrNull(m)), count()) FROM ${lastReadingsAt(
            db,
            PREDECESSOR_SERIES_FILTER,
            DT('raw_from'),
            DT('raw_from - {lookback:Int64}'),
          )}) AS pred`,
        ]
      : []),
  ];
  const rollup = rollupBucketsSql(db, buckets, columns, ['if(dirty, raw_from, NULL)', 'raw_to']);
  const raw = rawBucketsSql(db, buckets, columns, {
    from: 'raw_from',
    to: 'raw_to',
    lower: predecessor ? 'ifNull(pred.1, raw_from)' : 'raw_from',
    when: 'dirty',
  });
  const found = predecessor
    ? `
  UNION ALL
  SELECT toUInt32(0) AS s, toInt64(pred.2) AS b, ${columns.map((c) => `0 AS ${c}`).join(', ')} WHERE dirty`
    : '';
  return {
    role: 'points',
    columnar: true,
    ...(predecessor ? { predecessorsNeeded: predecessor.keys.keys.length } : {}),
    sql: `WITH
  ${lookups.join(',\n  ')}
SELECT * FROM (
  ${rollup.sql}
  UNION ALL
  ${raw.sql}${found})
${FINAL_SETTINGS}`,
    params: {
      ...keys,
      ...start.params,
      ...end.params,
      ...rollup.params,
      ...raw.params,
      resolution: source,
      from: window.from,
      to: window.to,
      ...(predecessor ? { ...predecessorSeriesParams(predecessor.keys), lookback: predecessor.lookback } : {}),
    },
  };
}

/** The end of the bucket holding instant x (ms): the next grid boundary (at most `to`), else the next edge. */
function bucketEndOf(x: string, buckets: Buckets): { sql: string; params: Record<string, unknown> } {
  if (buckets.grid) {
    return {
      sql: `least({to:Int64}, ${x} - positiveModulo(${x} - {phase:Int64}, {step:Int64}) + {step:Int64})`,
      params: { ...buckets.grid },
    };
  }
  return { sql: `arrayFirst(e -> e > ${x}, {edges:Array(Int64)})`, params: { edges: buckets.edges } };
}

/** The lookup's found count in a rollupAnswerStatement's rows (series 0); null when it has none (not dirty). */
export function predecessorsFound(series: ArrayLike<number>, bucket: ArrayLike<number>, length: number): number | null {
  for (let row = 0; row < length; row++) if (series[row] === 0) return bucket[row]!;
  return null;
}
