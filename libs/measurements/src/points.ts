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
    case 'avg':
      return { value: get('sm') / count, count };
    case 'sum':
      return { value: get('sm'), count };
    case 'count':
      return { value: count, count };
    case 'min':
      return { value: get('mn'), count };
    case 'max':
      return { value: get('mx'), count };
    case 'first':
      return { value: get('fv'), count };
    case 'last':
      return { value: get('lv'), count };
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

/**
 * Every bucket of the window in order, valued from `rows` and filled as asked. With several
 * aggregations, a bucket is empty when none has a value; `count` and the quality counts are then of the
 * readings in the bucket, unless delta is the only aggregation (then of the increases, as for delta alone).
 */
export function bucketPoints(
  aggregations: Aggregation[],
  rows: Map<number, BucketRow> | undefined,
  columns: Column[],
  buckets: Buckets,
  fill: Fill,
): BucketPoint[] {
  const position = new Map(columns.map((c, i) => [c, i + 2]));
  const increases = aggregations.every((a) => a === 'delta');
  const [count, estimated, substituted] = (increases ? ['dc', 'dqe', 'dqs'] : (['c', 'qe', 'qs'] as const)).map((c) =>
    position.get(c as Column)!,
  );
  const several = aggregations.length > 1;
  const points: BucketPoint[] = [];
  let previous: number | null = null;
  let previousValues: (number | null)[] = aggregations.map(() => null);
  const { edges } = buckets;
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const row = rows?.get(start);
    const get = (c: Column) => Number(row![position.get(c)!]);
    // One aggregation (the common case) builds no array per bucket.
    const values = row && several ? aggregations.map((a) => pick(a, get)?.value ?? null) : undefined;
    const value = !row ? null : values ? values[0]! : (pick(aggregations[0]!, get)?.value ?? null);
    if (row && (values ? values.some((v) => v !== null) : value !== null)) {
      const point: BucketPoint = {
        start,
        end,
        value,
        count: Number(row[count!]),
        estimated: Number(row[estimated!]),
        substituted: Number(row[substituted!]),
      };
      if (values) {
        point.values = values;
        previousValues = values;
      }
      points.push(point);
      previous = value;
    } else if (fill !== 'none') {
      const point: BucketPoint = {
        start,
        end,
        value: fill === 'null' ? null : previous,
        count: 0,
        estimated: 0,
        substituted: 0,
      };
      if (several) point.values = fill === 'null' ? aggregations.map(() => null) : [...previousValues];
      points.push(point);
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
