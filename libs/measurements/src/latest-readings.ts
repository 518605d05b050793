import type { ClickHouseClient } from '@clickhouse/client';
import type { LatestReading, SeriesKey } from './measurements-store.port.ts';

/**
 * The newest reading of each series, in two indexed lookups: `series_latest` (one row per series,
 * kept by a materialized view) gives its newest ts, then the readings table's primary key
 * (device_id, variable, ts) gives that reading. Two statements rather than an IN subquery: on a
 * cluster both tables are Distributed, and a distributed subquery inside a distributed query is
 * refused by default (distributed_product_mode = deny).
 * @see https://clickhouse.com/docs/operations/settings/settings#distributed_product_mode
 */

const SEP = '\u001f';
const DT = (x: string) => `fromUnixTimestamp64Milli(${x}, 'UTC')`;

export async function latestReadings(client: ClickHouseClient, db: string, series: SeriesKey[]): Promise<LatestReading[]> {
  if (series.length === 0) return [];
  const keys = [...new Set(series.map((s) => `${s.deviceId}${SEP}${s.variable}`))];
  const devices = [...new Set(series.map((s) => s.deviceId))];
  const variables = [...new Set(series.map((s) => s.variable))];
  const filter = `device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)}
  AND concat(device_id, char(31), variable) IN {keys:Array(String)}`;
  const newest = await (await client.query({
    query: `SELECT concat(device_id, char(31), variable) AS k, toUnixTimestamp64Milli(max(last_ts)) AS t
FROM ${db}.series_latest WHERE ${filter} GROUP BY k`,
    query_params: { devices, variables, keys },
    format: 'JSONCompactEachRow',
  })).json<[string, string | number]>();
  if (newest.length === 0) return [];
  const at = newest.map(([k, t]) => `${k}${SEP}${Number(t)}`);
  const times = newest.map(([, t]) => Number(t));
  // A reading stored twice (re-sent, or a later correction) is one reading: the latest ingested wins,
  // as ReplacingMergeTree(ingested_at) keeps it.
  const found = await (await client.query({
    query: `SELECT device_id, variable, toUnixTimestamp64Milli(ts) AS t, argMax(value, ingested_at), toString(argMax(quality, ingested_at)),
  toUnixTimestamp64Milli(max(ingested_at))
FROM ${db}.readings
WHERE ${filter} AND ts >= ${DT('{from:Int64}')} AND ts <= ${DT('{to:Int64}')}
  AND concat(device_id, char(31), variable, char(31), toString(toUnixTimestamp64Milli(ts))) IN {at:Array(String)}
GROUP BY device_id, variable, ts`,
    query_params: { devices, variables, keys, at, from: Math.min(...times), to: Math.max(...times) },
    format: 'JSONCompactEachRow',
  })).json<[string, string, string | number, number, LatestReading['quality'], string | number]>();
  return found.map(([deviceId, variable, ts, value, quality, ingestedAt]) => ({
    deviceId, variable, ts: Number(ts), value, quality, ingestedAt: Number(ingestedAt),
  }));
}
