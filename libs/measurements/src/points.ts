import type { Buckets } from './buckets.ts';
import type { Aggregation, BucketPoint, Fill, RawPoint } from './measurements-store.port.ts';
import type { ReadingQuality } from '@medido/contracts';
import type { Column } from './query-statements.ts';

/** A row of a bucket statement: [series index, bucket start, ...columns]. */
export type BucketRow = number[];
/** A row of the raw statement: [series index, ts, value, quality]. */
export type RawRow = [number, number, number, ReadingQuality];

type Picked = { value: number; count: number } | null;

/** The value of one aggregation from a bucket's columns; null when the bucket has nothing to aggregate. */
export function pick(aggregation: Aggregation, get: (c: Column) => number): Picked {
  if (aggregation === 'delta') {
    const count = get('dc');
    return count > 0 ? { value: get('ds'), count } : null;
  }
  const count = get('c');
  if (count <= 0) return null;
  switch (aggregation) {
    case 'avg': return { value: get('sm') / count, count };
    case 'sum': return { value: get('sm'), count };
    case 'count': return { value: count, count };
    case 'min': return { value: get('mn'), count };
    case 'max': return { value: get('mx'), count };
    case 'first': return { value: get('fv'), count };
    case 'last': return { value: get('lv'), count };
    default: {
      const _exhaustive: never = aggregation;
      throw new Error(`unknown aggregation ${String(_exhaustive)}`);
    }
  }
}

/** Rows of one series by bucket start. */
export function rowsBySeries(rows: BucketRow[]): Map<number, Map<number, BucketRow>> {
  const out = new Map<number, Map<number, BucketRow>>();
  for (const row of rows) {
    const s = row[0]!;
    let m = out.get(s);
    if (!m) out.set(s, (m = new Map()));
    m.set(row[1]!, row);
  }
  return out;
}

/** Every bucket of the window in order, valued from `rows` and filled as asked. */
export function bucketPoints(
  aggregation: Aggregation, rows: Map<number, BucketRow> | undefined, columns: Column[], buckets: Buckets, fill: Fill,
): BucketPoint[] {
  const position = new Map(columns.map((c, i) => [c, i + 2]));
  const points: BucketPoint[] = [];
  let previous: number | null = null;
  const { edges } = buckets;
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const row = rows?.get(start);
    const picked = row ? pick(aggregation, (c) => Number(row[position.get(c)!])) : null;
    if (picked) {
      points.push({ start, end, value: picked.value, count: picked.count });
      previous = picked.value;
    } else if (fill === 'null') {
      points.push({ start, end, value: null, count: 0 });
    } else if (fill === 'previous') {
      points.push({ start, end, value: previous, count: 0 });
    }
  }
  return points;
}

export function rawPoints(rows: RawRow[]): Map<number, RawPoint[]> {
  const out = new Map<number, RawPoint[]>();
  for (const [s, ts, value, quality] of rows) {
    let list = out.get(s);
    if (!list) out.set(s, (list = []));
    list.push({ ts: Number(ts), value, quality });
  }
  return out;
}
