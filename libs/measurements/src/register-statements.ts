import type { PlannedStatement, RegisterReading, RegisterStatement, SeriesKey } from './measurements-store.port.ts';
import { DAY } from './buckets.ts';
import { predecessorStatement, SERIES_FILTER, seriesKeys, type SeriesKeys } from './query-statements.ts';

/**
 * A register's statement for a period [from, to): its opening and closing readings, the resets between
 * them and the consumption, computed by the engine over the deduplicated readings (FINAL: a re-sent
 * reading counts once, the latest ingested wins), with the increases `delta` uses (query-statements.ts),
 * so the consumption equals the sum of `delta` over the same window:
 *
 * - opening: the last reading at or before `from`, else the first after it (up to `to`). A reading at
 *   exactly `from` opens this period because its increase closed the previous one;
 * - closing: the last reading at or before `to` (the reading at `to` closes the period, as the one at
 *   midnight closes a day), so one period's closing is the next one's opening;
 * - increases: consecutive readings (t₁, v₁) → (t₂, v₂) with from < t₂ ≤ to: v₂ − v₁, or v₂ when v₂ < v₁
 *   (a reset, reported with both readings). Hence consumption = closing − opening + Σ value before each reset.
 *
 * Two steps, like the bucketed delta path: where each series' opening is (an indexed max(ts) lookup, first
 * two days back, then unbounded for the series without a reading there), then one scan from there to `to`.
 */

type Run = <T>(statement: PlannedStatement) => Promise<T[]>;

/** How far back the first opening lookup reaches; series silent longer take a second, unbounded one. */
const OPENING_LOOKBACK = 2 * DAY;
/** Series per statement: keeps statements and their parameter arrays bounded. */
const SERIES_PER_STATEMENT = 500;

const DT = (x: string) => `fromUnixTimestamp64Milli(${x}, 'UTC')`;
/** The reading with the greatest (Max) or least (Min) t among those matching: three plain columns, cheaper than one tuple. */
const READING = (when: string, end: 'Max' | 'Min') =>
  `${end.toLowerCase()}If(t, ${when}), arg${end}If(value, t, ${when}), toString(arg${end}If(quality, t, ${when}))`;

export function registerScanStatement(
  db: string,
  keys: SeriesKeys,
  from: number,
  to: number,
  lower: number,
): PlannedStatement {
  return {
    role: 'points',
    sql: `SELECT device_id, variable,
  countIf(t <= {from:Int64}) AS before, ${READING('t <= {from:Int64}', 'Max')},
  countIf(t > {from:Int64}) AS inside, ${READING('t > {from:Int64}', 'Min')},
  ${READING('1', 'Max')},
  countIf(inc) AS increases, sumIf(if(value < prev, value, value - prev), inc) AS consumption,
  countIf(inc AND quality = 'estimated') AS estimated, countIf(inc AND quality = 'substituted') AS substituted,
  arraySort(r -> r.3, groupArrayIf(tuple(prev_t, prev, t, value), inc AND value < prev)) AS resets
FROM (
  SELECT device_id, variable, t, value, quality, isNotNull(p) AND t > {from:Int64} AS inc, ifNull(p, 0) AS prev, ifNull(pt, 0) AS prev_t
  FROM (SELECT device_id, variable, toUnixTimestamp64Milli(ts) AS t, value, quality,
          lagInFrame(toNullable(value)) OVER w AS p, lagInFrame(toNullable(toUnixTimestamp64Milli(ts))) OVER w AS pt
        FROM ${db}.readings FINAL
        WHERE ${SERIES_FILTER} AND ts >= ${DT('{lower:Int64}')} AND ts <= ${DT('{to:Int64}')}
        WINDOW w AS (PARTITION BY device_id, variable ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)))
GROUP BY device_id, variable
SETTINGS do_not_merge_across_partitions_select_final = 1`,
    params: { ...keys, from, to, lower },
  };
}

type Int = number | string;
type Quality = RegisterReading['quality'];
type Row = [
  string,
  string,
  Int,
  Int,
  number,
  Quality,
  Int,
  Int,
  number,
  Quality,
  Int,
  number,
  Quality,
  Int,
  number,
  Int,
  Int,
  [Int, number, Int, number][],
];

const reading = (ts: Int, value: number, quality: Quality): RegisterReading => ({ ts: Number(ts), value, quality });

/** The statement of every series asked that has a reading at or before `to`, in no particular order. */
export async function registerStatements(
  run: Run,
  db: string,
  series: SeriesKey[],
  from: number,
  to: number,
): Promise<RegisterStatement[]> {
  const out: RegisterStatement[] = [];
  for (let i = 0; i < series.length; i += SERIES_PER_STATEMENT) {
    const keys = seriesKeys(series.slice(i, i + SERIES_PER_STATEMENT));
    let [found] = await run<[number | string | null, number | string]>(
      predecessorStatement(db, keys, from, from - OPENING_LOOKBACK),
    );
    if (!found || Number(found[1]) < keys.keys.length)
      [found] = await run<[number | string | null, number | string]>(predecessorStatement(db, keys, from, null));
    const lower = found?.[0] === null || found?.[0] === undefined ? from : Number(found[0]);
    const rows = await run<Row>(registerScanStatement(db, keys, from, to, lower));
    for (const [
      deviceId,
      variable,
      before,
      bt,
      bv,
      bq,
      inside,
      it,
      iv,
      iq,
      ct,
      cv,
      cq,
      increases,
      consumption,
      estimated,
      substituted,
      resets,
    ] of rows) {
      out.push({
        deviceId,
        variable,
        opening: Number(before) > 0 ? reading(bt, bv, bq) : Number(inside) > 0 ? reading(it, iv, iq) : null,
        closing: reading(ct, cv, cq),
        resets: resets.map(([bt, bv, at, av]) => ({
          before: { ts: Number(bt), value: bv },
          after: { ts: Number(at), value: av },
        })),
        consumption: Number(increases) > 0 ? consumption : 0,
        increases: Number(increases),
        estimated: Number(estimated),
        substituted: Number(substituted),
      });
    }
  }
  return out;
}
