import { bucketIndex, type Buckets } from './buckets.ts';
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

/** Row slots of one series: slot i holds the row of bucket i, or nothing. */
export type BucketSlots = (BucketRow | undefined)[];

/** The bucket that starts at `start`, or -1 when no edge does: arithmetic on a grid, else the bisection. */
function bucketStartingAt({ edges, grid }: Buckets, start: number): number {
  if (grid && edges.length > 2 && start > edges[0]!) {
    const k = 1 + (start - edges[1]!) / grid.step;
    if (Number.isInteger(k) && k < edges.length - 1 && edges[k] === start) return k;
  }
  const i = bucketIndex(edges, start);
  return i >= 0 && edges[i] === start ? i : -1;
}

/**
 * The rows of each series, placed at their bucket: no sort, one index computation per row (the engine's
 * GROUP BY answers in hash order, and sorting hundreds of thousands of rows with a comparator cost more
 * than everything else done with them). An answer can join two statements (rollup rows, then raw rows
 * for dirty buckets): of two rows of one bucket the later one counts. Rows starting off the edges belong
 * to no bucket of the window.
 */
export function rowsBySeries(rows: BucketRow[], buckets: Buckets): Map<number, BucketSlots> {
  const out = new Map<number, BucketSlots>();
  const size = Math.max(0, buckets.edges.length - 1);
  let series = -1;
  let slots: BucketSlots | undefined;
  for (const row of rows) {
    const s = row[0]!;
    if (s !== series) {
      series = s;
      slots = out.get(s);
      if (!slots) out.set(s, (slots = new Array<BucketRow | undefined>(size)));
    }
    const i = bucketStartingAt(buckets, Number(row[1]));
    if (i >= 0) slots![i] = row;
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
  slots: BucketSlots | undefined,
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
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i]!;
    const row = slots?.[i];
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
