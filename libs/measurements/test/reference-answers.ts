import { bucketIndex } from '../src/buckets.ts';
import type { Aggregation, RawPoint, StoredReading } from '../src/measurements-store.port.ts';

/**
 * ARCHITECTURE.md §2.2 computed directly in plain TypeScript, independent of the store's SQL: the
 * readings a store has accepted (one per (device, variable, ts), the latest ingested wins), bucket
 * membership a ≤ t < b, `delta` increases attributed to the bucket holding t − 1 ms, resets.
 */

/** The readings a store holds after accepting `batches` in order (within a batch the last one wins). */
export function accepted(batches: StoredReading[][]): Map<string, StoredReading[]> {
  const latest = new Map<string, StoredReading>();
  for (const batch of batches) {
    for (const r of batch) {
      const key = `${r.deviceId}\u001f${r.variable}\u001f${r.ts}`;
      if ((latest.get(key)?.ingestedAt ?? -1) <= r.ingestedAt) latest.set(key, r);
    }
  }
  const bySeries = new Map<string, StoredReading[]>();
  for (const r of latest.values()) {
    const key = `${r.deviceId}\u001f${r.variable}`;
    let list = bySeries.get(key);
    if (!list) bySeries.set(key, (list = []));
    list.push(r);
  }
  for (const list of bySeries.values()) list.sort((a, b) => a.ts - b.ts);
  return bySeries;
}

/** [bucket start, value, count] for every bucket of `edges` (value null and count 0 when empty: fill `null`). */
export function referenceBuckets(
  sorted: StoredReading[],
  aggregation: Aggregation,
  edges: number[],
): [number, number | null, number][] {
  const acc = edges.slice(0, -1).map(() => ({ values: [] as number[], delta: 0, increases: 0 }));
  sorted.forEach((r, i) => {
    const m = bucketIndex(edges, r.ts);
    if (m >= 0) acc[m]!.values.push(r.value);
    const d = bucketIndex(edges, r.ts - 1);
    if (i > 0 && d >= 0) {
      const prev = sorted[i - 1]!.value;
      acc[d]!.delta += r.value < prev ? r.value : r.value - prev;
      acc[d]!.increases += 1;
    }
  });
  return acc.map((b, i) => {
    const n = b.values.length;
    const sum = b.values.reduce((x, y) => x + y, 0);
    const value =
      aggregation === 'delta'
        ? b.increases
          ? b.delta
          : null
        : !n
          ? null
          : {
              avg: sum / n,
              sum,
              count: n,
              min: Math.min(...b.values),
              max: Math.max(...b.values),
              first: b.values[0]!,
              last: b.values.at(-1)!,
            }[aggregation];
    return [edges[i]!, value, value === null ? 0 : aggregation === 'delta' ? b.increases : n];
  });
}

/**
 * [estimated, substituted] for every bucket of `edges`: among the readings in it, or for delta among the
 * readings closing the increases attributed to it (the others were measured).
 */
export function referenceQuality(
  sorted: StoredReading[],
  aggregation: Aggregation,
  edges: number[],
): [number, number][] {
  const out = edges.slice(0, -1).map((): [number, number] => [0, 0]);
  sorted.forEach((r, i) => {
    const b = aggregation === 'delta' ? (i > 0 ? bucketIndex(edges, r.ts - 1) : -1) : bucketIndex(edges, r.ts);
    if (b < 0 || r.quality === 'measured') return;
    out[b]![r.quality === 'estimated' ? 0 : 1] += 1;
  });
  return out;
}

export function referenceRaw(sorted: StoredReading[], from: number, to: number): RawPoint[] {
  return sorted.filter((r) => r.ts >= from && r.ts < to).map((r) => ({ ts: r.ts, value: r.value, quality: r.quality }));
}
