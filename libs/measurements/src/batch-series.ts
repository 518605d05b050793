import type { StoredReading } from './measurements-store.port.ts';

/** One series' ts range within a write: what `rollup_dirty` records for it. */
export interface SeriesRange {
  deviceId: string;
  variable: string;
  first: number;
  last: number;
}

interface SeriesEntry extends SeriesRange {
  /** Positions in `unique` of this series' readings. */
  positions: number[];
  /** ts → position, built only once a reading arrives at or before the series' latest ts. */
  byTs: Map<number, number> | undefined;
}

/**
 * A write's readings once per (device, variable, ts) — the last one wins, as it would in a later batch —
 * in the order of their first appearance, and each series' ts range.
 *
 * Why not one Map keyed by a `device/variable/ts` string: that allocated a string per reading and was
 * the projector's largest cost of its own in the ingest bench. Here the series are found through the
 * strings the readings already carry, and a series' readings arriving in ts order (nearly all of them)
 * cannot repeat one another, so the ts index is built only for a series that goes back in time.
 */
export function seriesOfBatch(readings: readonly StoredReading[]): { unique: StoredReading[]; ranges: SeriesRange[] } {
  const unique: StoredReading[] = [];
  const ranges: SeriesEntry[] = [];
  const byDevice = new Map<string, Map<string, SeriesEntry>>();
  for (const r of readings) {
    let variables = byDevice.get(r.deviceId);
    if (!variables) byDevice.set(r.deviceId, (variables = new Map()));
    let series = variables.get(r.variable);
    if (!series) {
      series = { deviceId: r.deviceId, variable: r.variable, first: r.ts, last: r.ts, positions: [], byTs: undefined };
      variables.set(r.variable, series);
      ranges.push(series);
    } else if (r.ts <= series.last) {
      series.byTs ??= new Map(series.positions.map((at) => [unique[at]!.ts, at]));
      const at = series.byTs.get(r.ts);
      if (at !== undefined) {
        unique[at] = r;
        continue;
      }
      if (r.ts < series.first) series.first = r.ts;
    } else {
      series.last = r.ts;
    }
    series.positions.push(unique.length);
    series.byTs?.set(r.ts, unique.length);
    unique.push(r);
  }
  return {
    unique,
    ranges: ranges.map(({ deviceId, variable, first, last }) => ({ deviceId, variable, first, last })),
  };
}

/** The newest ts per device of a write (what `lastSeen` answers for them once it is stored). */
export function newestPerDevice(readings: readonly StoredReading[]): Map<string, number> {
  const newest = new Map<string, number>();
  for (const r of readings) {
    const t = newest.get(r.deviceId);
    if (t === undefined || r.ts > t) newest.set(r.deviceId, r.ts);
  }
  return newest;
}
