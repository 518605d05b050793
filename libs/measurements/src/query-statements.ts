import type { Buckets } from './buckets.ts';
import type { Aggregation, MeasurementsSource, PlannedStatement } from './measurements-store.port.ts';

/**
 * The SQL of a query. Every statement is static text chosen from a few shapes; request values travel
 * only as parameters. Series are matched by `device \x1f variable` keys and answered as their 1-based
 * index in `keys` (transform() is a hash lookup), so rows stay small.
 */

export interface SeriesKeys extends Record<string, unknown> {
  keys: string[];
  idx: number[];
  devices: string[];
  variables: string[];
}

export const seriesKey = (deviceId: string, variable: string) => `${deviceId}\u001f${variable}`;

/** A series' answer index: its own, or its group's (the engine then adds the group's rows up in GROUP BY). */
export function seriesKeys(series: { deviceId: string; variable: string; group?: string | undefined }[]): SeriesKeys {
  const keys = [...new Set(series.map((s) => seriesKey(s.deviceId, s.variable)))];
  const answers = new Map<string, number>();
  const answerOf = new Map(
    series.map((s) => {
      const answer = s.group === undefined ? `\u0000${seriesKey(s.deviceId, s.variable)}` : s.group;
      if (!answers.has(answer)) answers.set(answer, answers.size + 1);
      return [seriesKey(s.deviceId, s.variable), answers.get(answer)!];
    }),
  );
  return {
    keys,
    idx: keys.map((k) => answerOf.get(k)!),
    devices: [...new Set(series.map((s) => s.deviceId))],
    variables: [...new Set(series.map((s) => s.variable))],
  };
}

/** The rows of the series in a SeriesKeys' parameters (the first two narrow by the primary key, the last is exact). */
export const SERIES_FILTER = `device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)}
  AND concat(device_id, char(31), variable) IN {keys:Array(String)}`;
const SERIES_INDEX = `transform(concat(device_id, char(31), variable), {keys:Array(String)}, {idx:Array(UInt32)}, toUInt32(0))`;
export const DT = (x: string) => `fromUnixTimestamp64Milli(${x}, 'UTC')`;
export const FINAL_SETTINGS = 'SETTINGS do_not_merge_across_partitions_select_final = 1';

/**
 * The aggregate columns a query returns, in this order after [series, bucket]. `qe`/`qs`: estimated and
 * substituted readings among the `c` readings; `dqe`/`dqs`: among the readings closing the `dc` increases.
 */
export const COLUMNS = ['c', 'sm', 'mn', 'mx', 'fv', 'lv', 'ds', 'dc', 'qe', 'qs', 'dqe', 'dqs'] as const;
export type Column = (typeof COLUMNS)[number];
const NEEDS: Record<Aggregation, Column[]> = {
  avg: ['c', 'sm'],
  sum: ['c', 'sm'],
  count: ['c'],
  min: ['c', 'mn'],
  max: ['c', 'mx'],
  first: ['c', 'fv'],
  last: ['c', 'lv'],
  delta: ['ds', 'dc'],
};
/** Every point carries its readings per quality: two small sums per count the query already has. */
const QUALITY: Partial<Record<Column, Column[]>> = { c: ['qe', 'qs'], dc: ['dqe', 'dqs'] };
export function columnsFor(aggregations: Aggregation[]): Column[] {
  const wanted = new Set(aggregations.flatMap((a) => NEEDS[a]).flatMap((c) => [c, ...(QUALITY[c] ?? [])]));
  return COLUMNS.filter((c) => wanted.has(c));
}

const FROM_ROLLUP: Record<Column, string> = {
  c: 'sum(reading_count)',
  sm: 'sum(value_sum)',
  mn: 'minIf(value_min, reading_count > 0)',
  mx: 'maxIf(value_max, reading_count > 0)',
  fv: 'argMinIf(first_value, first_ts, reading_count > 0)',
  lv: 'argMaxIf(last_value, last_ts, reading_count > 0)',
  ds: 'sum(delta_sum)',
  dc: 'sum(delta_count)',
  qe: 'sum(estimated_count)',
  qs: 'sum(substituted_count)',
  dqe: 'sum(delta_estimated_count)',
  dqs: 'sum(delta_substituted_count)',
};
const FROM_RAW: Record<Column, string> = {
  c: 'countIf(role = 0)',
  sm: 'sumIf(value, role = 0)',
  mn: 'minIf(value, role = 0)',
  mx: 'maxIf(value, role = 0)',
  fv: 'argMinIf(value, t, role = 0)',
  lv: 'argMaxIf(value, t, role = 0)',
  ds: 'sumIf(if(value < prev, value, value - prev), role = 1)',
  dc: 'countIf(role = 1)',
  qe: "countIf(role = 0 AND quality = 'estimated')",
  qs: "countIf(role = 0 AND quality = 'substituted')",
  dqe: "countIf(role = 1 AND quality = 'estimated')",
  dqs: "countIf(role = 1 AND quality = 'substituted')",
};

/** The bucket start of instant x (ms): arithmetic on a regular grid, else the edge at or before x. */
export function bucketOf(x: string, buckets: Buckets): { sql: string; params: Record<string, unknown> } {
  if (buckets.grid) {
    return {
      sql: `greatest({from:Int64}, ${x} - positiveModulo(${x} - {phase:Int64}, {step:Int64}))`,
      params: { ...buckets.grid },
    };
  }
  return { sql: `roundDown(${x}, {edges:Array(Int64)})`, params: { edges: buckets.edges } };
}

const having = (columns: Column[]) =>
  [columns.includes('c') ? 'c > 0' : '', columns.includes('dc') ? 'dc > 0' : ''].filter(Boolean).join(' OR ');

/** The quality a raw answer's freshness rows carry instead of a reading's: see rawAnswerStatement. */
export const FRESHNESS_ROW = '';

/**
 * A raw answer in ONE statement: each series' readings of [from, to), and one row per series with its
 * newest ingestion time (`t`, quality FRESHNESS_ROW, value 0), which a bucket answer reads with a
 * freshness statement of its own. Why one: every statement carries a fixed cost in the engine (5–7 ms
 * on chDB, the freshness lookup alone as much as a week of one meter's readings), so a small answer
 * paid it twice (docs/benchmarks.md, "where a small answer's time goes").
 */
export function rawAnswerStatement(db: string, keys: SeriesKeys, from: number, to: number): PlannedStatement {
  return {
    role: 'points',
    sql: `SELECT s, t, value, quality FROM (
  SELECT ${SERIES_INDEX} AS s, toUnixTimestamp64Milli(ts) AS t, value, toString(quality) AS quality
  FROM ${db}.readings FINAL
  WHERE ${SERIES_FILTER} AND ts >= ${DT('{from:Int64}')} AND ts < ${DT('{to:Int64}')}
  UNION ALL
  SELECT s, ingested AS t, 0 AS value, '${FRESHNESS_ROW}' AS quality FROM (${freshnessSql(db)})
)
ORDER BY s, t
${FINAL_SETTINGS}`,
    params: { ...keys, from, to },
  };
}

/** Buckets from a rollup's rows; `except` [from, to) leaves out rows a raw statement answers instead. */
export function rollupBucketsStatement(
  db: string,
  source: Exclude<MeasurementsSource, 'raw'>,
  buckets: Buckets,
  keys: SeriesKeys,
  columns: Column[],
  from: number,
  to: number,
  except?: [number, number],
): PlannedStatement {
  const rows = rollupBucketsSql(db, buckets, columns, except ? ['{exceptFrom:Int64}', '{exceptTo:Int64}'] : null);
  return {
    role: 'points',
    columnar: true,
    sql: `${rows.sql}\n${FINAL_SETTINGS}`,
    params: {
      ...keys,
      ...rows.params,
      resolution: source,
      from,
      to,
      ...(except ? { exceptFrom: except[0], exceptTo: except[1] } : {}),
    },
  };
}

/**
 * The rollup rows' SELECT over [{from}, {to}) of {resolution}; `except`: SQL instants (ms) of a range left
 * out, e.g. the dirty buckets another part answers (a NULL range leaves nothing out).
 */
export function rollupBucketsSql(
  db: string,
  buckets: Buckets,
  columns: Column[],
  except: [string, string] | null,
): { sql: string; params: Record<string, unknown> } {
  const bucket = bucketOf('toUnixTimestamp64Milli(bucket_start)', buckets);
  return {
    sql: `SELECT ${SERIES_INDEX} AS s, ${bucket.sql} AS b, ${columns.map((c) => `${FROM_ROLLUP[c]} AS ${c}`).join(', ')}
FROM ${db}.rollups FINAL
WHERE resolution = {resolution:String} AND ${SERIES_FILTER}
  AND bucket_start >= ${DT('{from:Int64}')} AND bucket_start < ${DT('{to:Int64}')}${
    except
      ? `
  AND NOT ifNull(bucket_start >= ${DT(except[0])} AND bucket_start < ${DT(except[1])}, 0)`
      : ''
  }
GROUP BY s, b HAVING ${having(columns)}`,
    params: bucket.params,
  };
}

/**
 * Buckets from the deduplicated readings. With `delta`, each reading also closes the increase from its
 * predecessor (role 1), attributed to the bucket holding ts − 1 ms: readings up to `to` inclusive are
 * scanned, from `lower` = the last reading at or before `from` (see predecessorStatement).
 */
export function rawBucketsStatement(
  db: string,
  buckets: Buckets,
  keys: SeriesKeys,
  columns: Column[],
  from: number,
  to: number,
  lower: number,
): PlannedStatement {
  const rows = rawBucketsSql(db, buckets, columns, { from: '{from:Int64}', to: '{to:Int64}', lower: '{lower:Int64}' });
  return {
    role: 'points',
    columnar: true,
    sql: `${rows.sql}\n${FINAL_SETTINGS}`,
    params: { ...keys, ...rows.params, from, to, lower },
  };
}

/** The SQL instants (ms) a raw part reads: its buckets [from, to), readings scanned from `lower` (delta). */
export interface RawWindow {
  from: string;
  to: string;
  lower: string;
  /** A condition every scanned reading must meet as well (constant false: nothing is read). */
  when?: string;
}

/** rawBucketsStatement's SELECT, its window given as SQL (parameters, or values a statement computes). */
export function rawBucketsSql(
  db: string,
  buckets: Buckets,
  columns: Column[],
  window: RawWindow,
): { sql: string; params: Record<string, unknown> } {
  const { from, to, lower } = window;
  const when = window.when ? ` AND ${window.when}` : '';
  const delta = columns.includes('dc');
  const bucket = bucketOf('(t - role)', buckets);
  const scan = delta
    ? `SELECT device_id, variable, toUnixTimestamp64Milli(ts) AS t, value, quality, isNotNull(p) AS has_prev, ifNull(p, 0) AS prev
  FROM (SELECT device_id, variable, ts, value, quality,
          lagInFrame(toNullable(value)) OVER (PARTITION BY device_id, variable ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS p
        FROM ${db}.readings FINAL
        WHERE ${SERIES_FILTER} AND ts >= ${DT(lower)} AND ts <= ${DT(to)}${when})`
    : `SELECT device_id, variable, toUnixTimestamp64Milli(ts) AS t, value, quality, 0 AS has_prev, 0 AS prev
  FROM ${db}.readings FINAL WHERE ${SERIES_FILTER} AND ts >= ${DT(from)} AND ts < ${DT(to)}${when}`;
  return {
    sql: `SELECT ${SERIES_INDEX} AS s, ${bucket.sql} AS b, ${columns.map((c) => `${FROM_RAW[c]} AS ${c}`).join(', ')}
FROM (${scan}) ARRAY JOIN ${delta ? '[0, 1]' : '[0]'} AS role
WHERE if(role = 0, t >= ${from} AND t < ${to}, has_prev AND t > ${from} AND t <= ${to})
GROUP BY s, b HAVING ${having(columns)}`,
    params: bucket.params,
  };
}

/**
 * The earliest, over the series, of each series' last reading at or before `from` (null when one has
 * none in the looked-at range). Readings with the same key share ts, so no deduplication is needed.
 */
export function predecessorStatement(
  db: string,
  keys: SeriesKeys,
  from: number,
  since: number | null,
): PlannedStatement {
  return {
    role: 'predecessor',
    sql: `SELECT toUnixTimestamp64Milli(minOrNull(m)) AS lower, count() AS found FROM ${lastReadingsAt(
      db,
      SERIES_FILTER,
      DT('{from:Int64}'),
      since === null ? null : DT('{since:Int64}'),
    )}`,
    params: { ...keys, from, ...(since === null ? {} : { since }) },
  };
}

/**
 * What predecessorStatement aggregates, as a subquery: per series of `filter`, its last reading at or
 * before `at` (no earlier than `since` when given); `m` is its ts. A statement that needs the lookup
 * before its own rows can compute it inside, in the same round trip.
 */
export function lastReadingsAt(db: string, filter: string, at: string, since: string | null): string {
  return `(
  SELECT max(ts) AS m FROM ${db}.readings
  WHERE ${filter} AND ts <= ${at}${since === null ? '' : ` AND ts >= ${since}`}
  GROUP BY device_id, variable)`;
}

/** SERIES_FILTER over a second set of series, whose SeriesKeys travel as `p`-prefixed parameters. */
export const PREDECESSOR_SERIES_FILTER = SERIES_FILTER.replace(
  /\{(devices|variables|keys):/g,
  (_, name: string) => `{p${name}:`,
);
export const predecessorSeriesParams = (keys: SeriesKeys) => ({
  pdevices: keys.devices,
  pvariables: keys.variables,
  pkeys: keys.keys,
});

/** Each series' newest ingestion time: [s, ingested]. A bucket answer runs it beside its own statements. */
export function freshnessStatement(db: string, keys: SeriesKeys): PlannedStatement {
  return { role: 'freshness', sql: freshnessSql(db), params: { ...keys } };
}

function freshnessSql(db: string): string {
  return `SELECT ${SERIES_INDEX} AS s, toUnixTimestamp64Milli(max(last_ingested_at)) AS ingested
FROM ${db}.series_latest WHERE ${SERIES_FILTER} GROUP BY s`;
}
