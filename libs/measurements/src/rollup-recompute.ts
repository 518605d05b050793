import { bucketsOf, DAY, HOUR, localDay } from './buckets.ts';
import type { PlannedStatement } from './measurements-store.port.ts';
import { QUALITY_COLUMNS } from './migrations.ts';
import type { DirtyRange } from './rollup-dirty.ts';

/**
 * Rollups are RECOMPUTED from deduplicated readings, not maintained incrementally: by the background
 * refresh (rollup-refresh.ts), for the ranges that writes marked dirty, merged across many writes.
 *
 * Why not materialized views over inserts: a view sees each inserted block, not the table, so a reading
 * re-sent in a later batch (another block) would be added twice, and `delta` cannot be computed from a
 * block at all: the increase that ends at a reading depends on the reading BEFORE it, which for a late
 * or out-of-order reading lives in another block, and a late reading also changes the increase of the
 * reading AFTER it, which is already rolled up.
 *
 * So each refresh runs one small lookup and ONE `INSERT … SELECT` that rewrites, for every (device,
 * variable) with dirty readings, every bucket whose contents could have changed, complete, from the
 * deduplicated readings (FINAL). The rollup table is a ReplacingMergeTree keyed by (device, variable,
 * resolution, bucket_start) with version = computation time, so the newest complete row replaces the
 * old one, and rows are read with FINAL.
 *
 * Which buckets: with n0/n1 the earliest/latest dirty ts of a series, its new readings change the buckets holding
 * a new reading (membership), the increase ending at a new reading (bucket of n − 1 ms) and the increase
 * ending at the reading after it (bucket of next(n) − 1 ms). All lie in the rollup-zone days
 * [A, B) = [day(n0 − 1 ms), end of day(next(n1) − 1 ms)), widened to whole UTC hours [lo, hi).
 * Readings are scanned from the last one before `lo` (its predecessor) through `hi` inclusive (a reading
 * at exactly `hi` closes the last bucket), so every scanned increase is the true one. Day rows are
 * rewritten for all of [A, B); 15 min and 1 h rows only for the hours [floorHour(n0 − 1 ms),
 * ceilHour(N + 1 ms)) with N the first scanned reading after n1 (n1 itself when none): the rest of the day
 * did not change, and rewriting it made a batch of a few readings for each of many meters rewrite ~120
 * rows per meter (the cost grew with the meters in a batch, not with its readings). Buckets without
 * readings between n1 and N have no row before or after.
 *
 * The lookup finds, per series, the last reading before day(lo) and the first reading after day(n1)
 * from the 1 d rollup's last_ts/first_ts (one small row per day, no FINAL needed): readings are only
 * ever added, so any row version only ever under-estimates the predecessor and over-estimates the next
 * reading, which widens the recomputed range and never narrows it. Readings are never deleted, so a
 * bucket that had a row keeps having one and every recomputation replaces all stale rows.
 *
 * Day boundaries come from the runtime's zone database (the same code as query buckets), passed as a
 * parameter, so rollup days and query days can never disagree.
 *
 * Concurrency: refreshes may overlap (two projector processes): each row is complete from the readings
 * its statement read, and the version (now64 at the statement's start) orders rows as their reads.
 */

const MS = (x: string) => `toUnixTimestamp64Milli(${x})`;
const DT = (x: string) => `fromUnixTimestamp64Milli(${x}, 'UTC')`;
const KEY = `concat(device_id, char(31), variable)`;
const SERIES = `device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)} AND ${KEY} IN {keys:Array(String)}`;
const per = (param: string) => `transform(key, {keys:Array(String)}, {${param}:Array(Int64)}, toInt64(0))`;
const Q = 15 * 60_000;

export interface Touched {
  key: string;
  first: number;
  last: number;
  loDay: number;
  end1: number;
}

/** Per series: the ts range of its readings not yet rolled up, and the day bounds the lookup needs. */
export function touchedSeries(ranges: DirtyRange[], timeZone: string): Touched[] {
  return ranges.map(({ key, first, last }) => {
    const a = localDay(first - 1, timeZone)[0];
    return { key, first, last, loDay: localDay(floorHour(a), timeZone)[0], end1: localDay(last, timeZone)[1] };
  });
}

const floorHour = (t: number) => t - (((t % HOUR) + HOUR) % HOUR);
const ceilHour = (t: number) => floorHour(t + HOUR - 1);

function seriesParams(touched: Touched[]) {
  const [devices, variables] = [new Set<string>(), new Set<string>()];
  for (const t of touched) {
    const [d, v] = t.key.split('\u001f') as [string, string];
    devices.add(d);
    variables.add(v);
  }
  return { keys: touched.map((t) => t.key), devices: [...devices], variables: [...variables] };
}

/** How far back the first neighbours lookup reads day rows; series with an older predecessor take a second, unbounded one. */
export const NEIGHBOURS_LOOKBACK = 35 * DAY;

/**
 * Last reading before day(lo) and first reading after day(n1), per series (null when none), from day
 * rows starting at or after `since` (null: all of them).
 */
export function neighboursStatement(db: string, touched: Touched[], since: number | null): PlannedStatement {
  return {
    role: 'predecessor',
    sql: `SELECT key, maxOrNull(if(l < lo, l, NULL)) AS prev, minOrNull(multiIf(f >= e1, f, l >= e1, l, NULL)) AS next
FROM (SELECT ${KEY} AS key, ${MS('first_ts')} AS f, ${MS('last_ts')} AS l, ${per('loDays')} AS lo, ${per('ends')} AS e1
      FROM ${db}.rollups WHERE resolution = '1d' AND reading_count > 0 AND ${SERIES}${since === null ? '' : ` AND bucket_start >= ${DT('{since:Int64}')}`})
GROUP BY key`,
    params: {
      ...seriesParams(touched),
      loDays: touched.map((t) => t.loDay),
      ends: touched.map((t) => t.end1),
      ...(since === null ? {} : { since }),
    },
  };
}

/** The recompute statement, given the neighbours found by the lookup. */
export function recomputeStatement(
  db: string,
  cluster: boolean,
  touched: Touched[],
  neighbours: Map<string, { prev: number | null; next: number | null }>,
  timeZone: string,
): PlannedStatement {
  const ranges = touched.map((t) => {
    const n = neighbours.get(t.key);
    const a = localDay(t.first - 1, timeZone)[0];
    const b = n?.next == null ? t.end1 : Math.max(t.end1, localDay(n.next - 1, timeZone)[1]);
    return {
      a,
      b,
      hi: ceilHour(b),
      scanFrom: n?.prev ?? t.loDay,
      changedFrom: floorHour(t.first - 1),
      lastNew: t.last,
    };
  });
  const scanMin = Math.min(...ranges.map((r) => r.scanFrom));
  const scanMax = Math.max(...ranges.map((r) => r.hi));
  const dayEdges = bucketsOf(
    '1d',
    Math.min(...ranges.map((r) => r.a)) - DAY,
    Math.max(...ranges.map((r) => r.b)) + DAY,
    timeZone,
  ).edges.slice(1, -1);
  return {
    role: 'points',
    sql: `INSERT INTO ${db}.rollups (device_id, variable, resolution, bucket_start, reading_count, value_sum, value_min, value_max,
  first_ts, first_value, last_ts, last_value, delta_sum, delta_count, ${QUALITY_COLUMNS.join(', ')}, version)${cluster ? '\nSETTINGS distributed_foreground_insert = 1' : ''}
SELECT device_id, variable, res, ${DT('bucket')},
  countIf(role = 0), sumIf(value, role = 0), minIf(value, role = 0), maxIf(value, role = 0),
  ${DT('minIf(t, role = 0)')}, argMinIf(value, t, role = 0), ${DT('maxIf(t, role = 0)')}, argMaxIf(value, t, role = 0),
  sumIf(if(value < prev, value, value - prev), role = 1), countIf(role = 1),
  countIf(role = 0 AND quality = 'estimated'), countIf(role = 0 AND quality = 'substituted'),
  countIf(role = 1 AND quality = 'estimated'), countIf(role = 1 AND quality = 'substituted'), now64(6)
FROM (
  -- Each reading counts in the bucket holding it (role 0) and closes the increase attributed to the
  -- bucket holding ts − 1 ms (role 1). Resolutions: 1 = 15m, 2 = 1h (UTC), 3 = 1d (rollup zone).
  SELECT device_id, variable, t, value, quality, prev, c.1 AS res, c.2 AS role, c.3 AS bucket
  FROM (
    SELECT device_id, variable, t, value, quality, isNotNull(p) AS has_prev, ifNull(p, 0) AS prev, ${per('as')} AS a, ${per('bs')} AS b,
      ${per('changedFroms')} AS lo, least(intDiv(ifNull(after_new, ${per('lastNews')}) + 1 + ${HOUR} - 1, ${HOUR}) * ${HOUR}, ${per('his')}) AS hi
    FROM (
      SELECT device_id, variable, ${KEY} AS key, ${MS('ts')} AS t, value, quality,
        lagInFrame(toNullable(value)) OVER (PARTITION BY device_id, variable ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS p,
        min(if(t > ${per('lastNews')}, toNullable(t), NULL)) OVER (PARTITION BY device_id, variable) AS after_new
      FROM ${db}.readings FINAL
      WHERE ${SERIES} AND ts >= ${DT('{scanMin:Int64}')} AND ts <= ${DT('{scanMax:Int64}')}
        AND ${MS('ts')} >= ${per('scanFroms')} AND ${MS('ts')} <= ${per('his')}
    )
  )
  ARRAY JOIN [(1, 0, t - t % ${Q}), (2, 0, t - t % ${HOUR}), (3, 0, roundDown(t, {dayEdges:Array(Int64)})),
              (1, 1, (t - 1) - (t - 1) % ${Q}), (2, 1, (t - 1) - (t - 1) % ${HOUR}), (3, 1, roundDown(t - 1, {dayEdges:Array(Int64)}))] AS c
  WHERE if(role = 0, 1, has_prev) AND if(res = 3, t - role >= a AND t - role < b, t - role >= lo AND t - role < hi)
)
GROUP BY device_id, variable, res, bucket
SETTINGS do_not_merge_across_partitions_select_final = 1`,
    params: {
      ...seriesParams(touched),
      scanMin,
      scanMax,
      dayEdges,
      scanFroms: ranges.map((r) => r.scanFrom),
      as: ranges.map((r) => r.a),
      bs: ranges.map((r) => r.b),
      his: ranges.map((r) => r.hi),
      changedFroms: ranges.map((r) => r.changedFrom),
      lastNews: ranges.map((r) => r.lastNew),
    },
  };
}
