import type {
  BucketPoint,
  LatestReading,
  MeasurementsQuery,
  MeasurementsStore,
  RawPoint,
  RegisterStatement,
  SeriesKey,
  SeriesResult,
  StoredReading,
} from '@medido/measurements';
import { referenceStatement } from '@medido/measurements/testing/statement-reference';
import { bucketGrid, bucketIndexOf } from '../../src/measurements/bucket-grid.ts';

/**
 * An in-memory MeasurementsStore.query following ARCHITECTURE.md §2.2 literally: one reading per
 * (device, variable, ts); membership a ≤ t < b; delta = increases (v₂ − v₁, or v₂ after a reset)
 * attributed to the bucket holding t₂ − 1 ms, looking back before `from`. Only non-empty buckets are
 * returned, like an engine's GROUP BY; a group's members are answered as one series over all their
 * readings (under its first member). Records every query.
 */
export function inMemoryMeasurements(
  readings: StoredReading[],
): Pick<MeasurementsStore, 'query' | 'lastSeen' | 'latest' | 'registerStatements'> & { queries: MeasurementsQuery[] } {
  const bySeries = new Map<string, StoredReading[]>();
  for (const r of readings) {
    const key = `${r.deviceId}/${r.variable}`;
    const list = bySeries.get(key) ?? [];
    if (!list.some((x) => x.ts === r.ts)) list.push(r);
    bySeries.set(key, list);
  }
  for (const list of bySeries.values()) list.sort((a, b) => a.ts - b.ts);

  const store = {
    queries: [] as MeasurementsQuery[],
    async query(q: MeasurementsQuery): Promise<SeriesResult[]> {
      store.queries.push(q);
      const seen = new Set<string>();
      const leaders = q.series.filter(
        (s) => s.group === undefined || (!seen.has(s.group) && Boolean(seen.add(s.group))),
      );
      return leaders.map((s) => {
        const members = s.group === undefined ? [s] : q.series.filter((m) => m.group === s.group);
        const lists = members.map((m) => bySeries.get(`${m.deviceId}/${m.variable}`) ?? []);
        const inWindow = lists
          .flat()
          .filter((r) => r.ts >= q.from && r.ts < q.to)
          .sort((a, b) => a.ts - b.ts);
        const lastIngestedAt = inWindow.length ? Math.max(...inWindow.map((r) => r.ingestedAt)) : null;
        if (q.frequency === 'raw') {
          const points: RawPoint[] = inWindow.map((r) => ({ ts: r.ts, value: r.value, quality: r.quality }));
          return { deviceId: s.deviceId, variable: s.variable, aggregation: s.aggregation, points, lastIngestedAt };
        }
        // Answered on the caller's buckets when given, as the real store does.
        const grid = q.buckets
          ? { frequency: q.frequency, zone: q.timezone, buckets: q.buckets }
          : bucketGrid(q.from, q.to, q.frequency, q.timezone);
        const cells = new Map<number, number[]>();
        const add = (i: number, v: number) => {
          if (i >= 0) cells.set(i, [...(cells.get(i) ?? []), v]);
        };
        if (s.aggregation === 'delta') {
          for (const all of lists) {
            for (let k = 1; k < all.length; k++) {
              const a = all[k - 1]!;
              const b = all[k]!;
              add(bucketIndexOf(grid, b.ts - 1), b.value >= a.value ? b.value - a.value : b.value);
            }
          }
        } else {
          for (const r of inWindow) add(bucketIndexOf(grid, r.ts), r.value);
        }
        const points: BucketPoint[] = [...cells.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([i, values]) => ({
            i,
            start: grid.buckets.edges[i]!,
            end: grid.buckets.edges[i + 1]!,
            count: values.length,
            value: aggregate(s.aggregation, values),
            estimated: 0,
            substituted: 0,
          }));
        return { deviceId: s.deviceId, variable: s.variable, aggregation: s.aggregation, points, lastIngestedAt };
      });
    },
    /** The plain-TypeScript reference statement (registers of at most 3 decimals). */
    async registerStatements(series: SeriesKey[], from: number, to: number): Promise<RegisterStatement[]> {
      return series.flatMap((s) => {
        const list = bySeries.get(`${s.deviceId}/${s.variable}`) ?? [];
        const ref = referenceStatement(list, from, to);
        if (!ref.closing) return [];
        const reading = (r: { ts: number }) => list.find((x) => x.ts === r.ts)!;
        return [{ ...s, ...ref, opening: ref.opening && reading(ref.opening), closing: reading(ref.closing) }];
      });
    },
    async latest(series: SeriesKey[]): Promise<LatestReading[]> {
      return series.flatMap((s) => bySeries.get(`${s.deviceId}/${s.variable}`)?.slice(-1) ?? []);
    },
    async lastSeen(deviceIds: string[]): Promise<Map<string, number>> {
      const latest = new Map<string, number>();
      for (const list of bySeries.values()) {
        const newest = list.at(-1)!;
        if (deviceIds.includes(newest.deviceId) && newest.ts > (latest.get(newest.deviceId) ?? -Infinity))
          latest.set(newest.deviceId, newest.ts);
      }
      return latest;
    },
  };
  return store;
}

function aggregate(aggregation: string, values: number[]): number {
  switch (aggregation) {
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
    case 'first':
      return values[0]!;
    case 'last':
      return values[values.length - 1]!;
    default:
      return values.reduce((a, b) => a + b, 0);
  }
}
