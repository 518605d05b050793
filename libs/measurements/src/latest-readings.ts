import type { ClickHouseClient } from '@clickhouse/client';
import type { LatestReading, SeriesKey } from './measurements-store.port.ts';

/**
 * The newest reading of each series in one indexed lookup: `series_newest` (migration 7, kept by a
 * materialized view) holds per series the argMax state of (value, quality, ts, ingested_at) by
 * (ts, ingested_at) — the newest reading, and of its copies the latest ingested, as the readings table
 * keeps it. Merging the states of a series' parts is a few rows of work, so the answer costs the same
 * whether a meter has a day of readings or ten years.
 * The SQL narrows by device and variable (index ranges); which (device, variable) pairs are wanted
 * exactly is checked here, cheaper than a per-row key expression.
 */

const keyOf = (deviceId: string, variable: string) => `${deviceId}\u001f${variable}`;

type Row = [string, string, [number, LatestReading['quality'], string | number, string | number]];

export async function latestReadings(
  client: ClickHouseClient,
  db: string,
  series: SeriesKey[],
): Promise<LatestReading[]> {
  if (series.length === 0) return [];
  const wanted = new Set(series.map((s) => keyOf(s.deviceId, s.variable)));
  const result = await client.query({
    query: `SELECT device_id, variable, (n.1, toString(n.2), toUnixTimestamp64Milli(n.3), toUnixTimestamp64Milli(n.4))
FROM (SELECT device_id, variable, argMaxMerge(newest) AS n FROM ${db}.series_newest
  WHERE device_id IN {devices:Array(String)} AND variable IN {variables:Array(String)}
  GROUP BY device_id, variable)`,
    query_params: {
      devices: [...new Set(series.map((s) => s.deviceId))],
      variables: [...new Set(series.map((s) => s.variable))],
    },
    format: 'JSONCompactEachRow',
  });
  const found: LatestReading[] = [];
  for (const [deviceId, variable, [value, quality, ts, ingestedAt]] of await result.json<Row>()) {
    if (!wanted.has(keyOf(deviceId, variable))) continue;
    found.push({ deviceId, variable, ts: Number(ts), value, quality, ingestedAt: Number(ingestedAt) });
  }
  return found;
}
