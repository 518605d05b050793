import type { Aggregation, BucketPoint, MeasurementsStore, RawPoint } from '@medido/measurements';
import { DAY, MINUTE, type TestReading } from './readings.fixture.ts';

/**
 * What `query()` answers for a set of series, in a shape tests compare with `toEqual`: every raw point,
 * and every aggregation at 15 min and 1 day (served from the rollups by the query planner). The same
 * shape comes from `expectedSnapshot`, an independent oracle over the readings that were accepted.
 */

export const AGGREGATIONS: Aggregation[] = ['avg', 'min', 'max', 'sum', 'count', 'first', 'last', 'delta'];
const RESOLUTIONS = { '15m': 15 * MINUTE, '1d': DAY } as const;
type Resolution = keyof typeof RESOLUTIONS;

export interface SeriesId {
  deviceId: string;
  variable: string;
}
/** [start, value, count] */
export type Bucket = [number, number | null, number];
export interface SeriesSnapshot {
  /** [ts, value] of every stored reading, in time order. */
  raw: [number, number][];
  '15m': Record<Aggregation, Bucket[]>;
  '1d': Record<Aggregation, Bucket[]>;
}
export type MeasurementsSnapshot = Record<string, SeriesSnapshot>;
/** Window [from, to): `from` must be a local midnight, and no DST change may fall inside (see T0). */
export interface Window {
  from: number;
  to: number;
  timezone?: string;
}

const keyOf = (s: SeriesId) => `${s.deviceId}/${s.variable}`;
const emptyAggregations = () =>
  Object.fromEntries(AGGREGATIONS.map((a) => [a, [] as Bucket[]])) as Record<Aggregation, Bucket[]>;

export async function readSnapshot(
  store: MeasurementsStore,
  series: SeriesId[],
  window: Window,
): Promise<MeasurementsSnapshot> {
  const base = { from: window.from, to: window.to, timezone: window.timezone ?? 'America/Santiago' };
  const out: MeasurementsSnapshot = {};
  for (const s of series) out[keyOf(s)] = { raw: [], '15m': emptyAggregations(), '1d': emptyAggregations() };
  const raw = await store.query({
    ...base,
    frequency: 'raw',
    series: series.map((s) => ({ ...s, kind: 'cumulative', aggregation: 'last' })),
  });
  for (const r of raw) out[keyOf(r)]!.raw = (r.points as RawPoint[]).map((p) => [p.ts, p.value]);
  for (const resolution of Object.keys(RESOLUTIONS) as Resolution[]) {
    const asked = series.flatMap((s) =>
      AGGREGATIONS.map((aggregation) => ({ ...s, kind: 'cumulative' as const, aggregation })),
    );
    for (const r of await store.query({ ...base, frequency: resolution, series: asked })) {
      out[keyOf(r)]![resolution][r.aggregation] = (r.points as BucketPoint[]).map((p) => [p.start, p.value, p.count]);
    }
  }
  return out;
}

/** The snapshot the readings imply under ARCHITECTURE.md §2.2 (buckets [a, b); delta closes at t − 1 ms). */
export function expectedSnapshot(readings: TestReading[], series: SeriesId[], window: Window): MeasurementsSnapshot {
  const out: MeasurementsSnapshot = {};
  for (const s of series) {
    const mine = new Map<number, number>();
    for (const r of readings) if (r.deviceId === s.deviceId && r.variable === s.variable) mine.set(r.ts, r.value);
    const sorted = [...mine].sort((a, b) => a[0] - b[0]);
    const inWindow = sorted.filter(([ts]) => ts >= window.from && ts < window.to);
    out[keyOf(s)] = {
      raw: inWindow,
      '15m': expectedBuckets(sorted, window, RESOLUTIONS['15m']),
      '1d': expectedBuckets(sorted, window, RESOLUTIONS['1d']),
    };
  }
  return out;
}

function expectedBuckets(sorted: [number, number][], window: Window, step: number): Record<Aggregation, Bucket[]> {
  const bucketOf = (t: number) => window.from + Math.floor((t - window.from) / step) * step;
  const readingsBy = new Map<number, number[]>();
  for (const [ts, value] of sorted) {
    if (ts < window.from || ts >= window.to) continue;
    const list = readingsBy.get(bucketOf(ts)) ?? [];
    if (list.length === 0) readingsBy.set(bucketOf(ts), list);
    list.push(value);
  }
  const deltasBy = new Map<number, number[]>();
  for (let i = 1; i < sorted.length; i++) {
    const [t2, v2] = sorted[i]!;
    const v1 = sorted[i - 1]![1];
    const closes = t2 - 1;
    if (closes < window.from || closes >= window.to) continue;
    const list = deltasBy.get(bucketOf(closes)) ?? [];
    if (list.length === 0) deltasBy.set(bucketOf(closes), list);
    list.push(v2 < v1 ? v2 : v2 - v1);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const starts = (m: Map<number, number[]>) => [...m.keys()].sort((a, b) => a - b);
  const result = emptyAggregations();
  for (const start of starts(readingsBy)) {
    const xs = readingsBy.get(start)!;
    const n = xs.length;
    result.avg.push([start, sum(xs) / n, n]);
    result.min.push([start, Math.min(...xs), n]);
    result.max.push([start, Math.max(...xs), n]);
    result.sum.push([start, sum(xs), n]);
    result.count.push([start, n, n]);
    result.first.push([start, xs[0]!, n]);
    result.last.push([start, xs.at(-1)!, n]);
  }
  for (const start of starts(deltasBy)) {
    const xs = deltasBy.get(start)!;
    result.delta.push([start, sum(xs), xs.length]);
  }
  return result;
}

/** Readings stored and their sum over all series: the headline figures of a fault test. */
export function totals(snapshot: MeasurementsSnapshot): { readings: number; sum: number } {
  let readings = 0;
  let sum = 0;
  for (const s of Object.values(snapshot)) {
    readings += s.raw.length;
    for (const [, v] of s.raw) sum += v;
  }
  return { readings, sum };
}
