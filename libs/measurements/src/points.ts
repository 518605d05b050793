import type { Buckets } from './buckets.ts';
import type { Aggregation, BucketPoint, Fill, RawPoint } from './measurements-store.port.ts';
import type { ReadingQuality } from '@medido/contracts';
import type { Column } from './query-statements.ts';

/** A row of a bucket statement: [series index, bucket start, ...columns]. */
export type BucketRow = number[];
/** A row of the raw statement: [series index, ts, value, quality]. */
export type RawRow = [number, number, number, ReadingQuality];

/** Reads one aggregation's value from a bucket row; null when the bucket has nothing to aggregate. */
export type ValueReader = (row: BucketRow) => number | null;

/**
 * The reader of one aggregation, given where each column sits in a row. Built once per series, so the
 * per-bucket work is a few array reads: no lookups by column name and no object per bucket (a large
 * answer has hundreds of thousands of buckets).
 */
export function valueReader(aggregation: Aggregation, at: (c: Column) => number): ValueReader {
  if (aggregation === 'delta') {
    const [dc, ds] = [at('dc'), at('ds')];
    return (row) => (Number(row[dc]) > 0 ? Number(row[ds]) : null);
  }
  const c = at('c');
  const when = (column: Column): ValueReader => {
    const i = at(column);
    return (row) => (Number(row[c]) > 0 ? Number(row[i]) : null);
  };
  switch (aggregation) {
    case 'avg': {
      const sm = at('sm');
      return (row) => {
        const count = Number(row[c]);
        return count > 0 ? Number(row[sm]) / count : null;
      };
    }
    case 'sum':
      return when('sm');
    case 'count':
      return (row) => (Number(row[c]) > 0 ? Number(row[c]) : null);
    case 'min':
      return when('mn');
    case 'max':
      return when('mx');
    case 'first':
      return when('fv');
    case 'last':
      return when('lv');
    default: {
      const _exhaustive: never = aggregation;
      throw new Error(`unknown aggregation ${String(_exhaustive)}`);
    }
  }
}

/**
 * The rows of each series in bucket order. Each statement returns its rows ordered, but an answer can
 * join two (rollup rows and raw rows for dirty buckets), so each list is sorted (stable: of two rows of
 * one bucket the later one counts, see bucketPoints). A list walked beside the bucket edges costs no
 * lookup per bucket, where a map keyed by bucket start (a millisecond time, not a small integer) did.
 */
export function rowsBySeries(rows: BucketRow[]): Map<number, BucketRow[]> {
  const out = new Map<number, BucketRow[]>();
  for (const row of rows) {
    const s = row[0]!;
    let list = out.get(s);
    if (!list) out.set(s, (list = []));
    list.push(row);
  }
  for (const list of out.values()) {
    let ordered = true;
    for (let k = 1; k < list.length && ordered; k++) ordered = list[k - 1]![1]! <= list[k]![1]!;
    if (!ordered) list.sort((a, b) => a[1]! - b[1]!);
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
  rows: BucketRow[] | undefined,
  columns: Column[],
  buckets: Buckets,
  fill: Fill,
): BucketPoint[] {
  const position = new Map(columns.map((c, i) => [c, i + 2]));
  const at = (c: Column) => position.get(c)!;
  const increases = aggregations.every((a) => a === 'delta');
  const [count, estimated, substituted] = (increases ? ['dc', 'dqe', 'dqs'] : (['c', 'qe', 'qs'] as const)).map((c) =>
    at(c as Column),
  ) as [number, number, number];
  const readers = aggregations.map((a) => valueReader(a, at));
  const first = readers[0]!;
  const several = aggregations.length > 1;
  const points: BucketPoint[] = [];
  let previous: number | null = null;
  let previousValues: (number | null)[] = aggregations.map(() => null);
  const { edges } = buckets;
  const list = rows ?? [];
  let next = 0; // the first row not yet passed
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    // Rows starting off the edges belong to no bucket of the window; of two rows of one bucket, the later.
    while (next < list.length && list[next]![1]! < start) next++;
    let row: BucketRow | undefined;
    while (next < list.length && list[next]![1] === start) row = list[next++];
    // One aggregation (the common case) builds no array per bucket.
    const values = row && several ? readers.map((read) => read(row)) : undefined;
    const value = !row ? null : values ? values[0]! : first(row);
    if (row && (values ? values.some((v) => v !== null) : value !== null)) {
      const point: BucketPoint = {
        start,
        end: edges[i + 1]!,
        value,
        count: Number(row[count]),
        estimated: Number(row[estimated]),
        substituted: Number(row[substituted]),
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
        end: edges[i + 1]!,
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
