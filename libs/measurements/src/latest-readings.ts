import type { ClickHouseClient } from '@clickhouse/client';
import type { LatestReading, SeriesKey } from './measurements-store.port.ts';

/**
 * The newest reading of each series, in two indexed lookups: `series_latest` (one row per series,
 * kept by a materialized view) gives its newest ts, then the readings table's primary key
 * (device_id, variable, ts) gives that reading. Two statements rather than an IN subquery: on a
 * cluster both tables are Distributed, and a distributed subquery inside a distributed query is
 * refused by default (distributed_product_mode = deny).
 * @see https://clickhouse.com/docs/operations/settings/settings#distributed_product_mode
 * The SQL narrows by device, variable and newest times (index ranges); which (device, variable) pairs
 * and which ts of each are wanted exactly is checked here, cheaper than a per-row key expression.
 */

const keyOf = (deviceId: string, variable: string) => `${deviceId}\u001f${variable}`;
const DT = (x: string) => `fromUnixTimestamp64Milli(${x}, 'UTC')`;

type Row = [string, string, string | number];

export async function latestReadings(
  client: ClickHouseClient,
  db: string,
  series: SeriesKey[],
): Promise<LatestReading[]> {
  if (series.length === 0) return [];
  const wanted = new Set(series.map((s) => keyOf(s.deviceId, s.variable)));
  const rows = async <T>(query: string, params: Record<string, unknown>) =>
    (await client.query({ query, query_params: params, format: 'JSONCompactEachRow' })).json<T>();

  const newest = new Map<string, number>();
  const candidates = await rows<Row>(
    `SELECT device_id, variable, toUnixTimestamp64Milli(max(last_ts))
FROM ${db}.series_latest WHERE device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)}
GROUP BY device_id, variable`,
    { devices: [...new Set(series.map((s) => s.deviceId))], variables: [...new Set(series.map((s) => s.variable))] },
  );
  for (const [deviceId, variable, ts] of candidates)
    if (wanted.has(keyOf(deviceId, variable))) newest.set(keyOf(deviceId, variable), Number(ts));
  if (newest.size === 0) return [];

  const found = [...newest.keys()].map((k) => k.split('\u001f') as [string, string]);
  const times = [...new Set(newest.values())];
  // A reading stored twice (re-sent, or a later correction) is one reading: the latest ingested wins,
  // as ReplacingMergeTree(ingested_at) keeps it.
  const readings = await rows<[string, string, string | number, number, LatestReading['quality'], string | number]>(
    `SELECT device_id, variable, toUnixTimestamp64Milli(ts), argMax(value, ingested_at), toString(argMax(quality, ingested_at)),
  toUnixTimestamp64Milli(max(ingested_at))
FROM ${db}.readings
WHERE device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)}
  AND ts >= ${DT('{from:Int64}')} AND ts <= ${DT('{to:Int64}')} AND toUnixTimestamp64Milli(ts) IN {times:Array(Int64)}
GROUP BY device_id, variable, ts`,
    {
      devices: [...new Set(found.map(([d]) => d))],
      variables: [...new Set(found.map(([, v]) => v))],
      from: Math.min(...times),
      to: Math.max(...times),
      times,
    },
  );
  return readings
    .filter(([deviceId, variable, ts]) => newest.get(keyOf(deviceId, variable)) === Number(ts))
    .map(([deviceId, variable, ts, value, quality, ingestedAt]) => ({
      deviceId,
      variable,
      ts: Number(ts),
      value,
      quality,
      ingestedAt: Number(ingestedAt),
    }));
}
