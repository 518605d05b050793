import { bucketIndex, type Buckets } from './buckets.ts';
import type { Aggregation, BucketPoint, RawPoint } from './measurements-store.port.ts';
import type { ReadingQuality } from '@medido/contracts';
import { FRESHNESS_ROW, type Column } from './query-statements.ts';

/** A column of a bucket statement's result: one number per row (a typed array when read as Arrow). */
export type NumberColumn = ArrayLike<number>;
/**
 * The rows of bucket statements, column by column: `s` (series index), `b` (bucket start, ms), then
 * the aggregate columns by name. A row is an index into the columns, so reading an answer of hundreds
 * of thousands of buckets builds no array per row.
 */
export interface BucketTable {
  length: number;
  column(name: 's' | 'b' | Column): NumberColumn;
}
/**
 * A row of the raw answer statement (rawAnswerStatement): a reading [series index, ts, value, quality],
 * or a series' newest ingestion time [series index, ingested, 0, FRESHNESS_ROW].
 */
export type RawRow = [number, number, number, ReadingQuality | typeof FRESHNESS_ROW];

/** One table of several statements' results, in the order given (of two rows of one bucket the later counts). */
export function concatTables(tables: BucketTable[], columns: Column[]): BucketTable {
  if (tables.length === 1) return tables[0]!;
  const length = tables.reduce((n, t) => n + t.length, 0);
  const data = new Map<string, Float64Array>();
  for (const name of ['s', 'b', ...columns] as const) {
    const out = new Float64Array(length);
    let at = 0;
    for (const t of tables) {
      const column = t.column(name);
      for (let k = 0; k < t.length; k++) out[at + k] = column[k]!;
      at += t.length;
    }
    data.set(name, out);
  }
  return { length, column: (name) => data.get(name)! };
}

/** Reads one aggregation's value from a bucket row; null when the bucket has nothing to aggregate. */
export type ValueReader = (row: number) => number | null;

/**
 * The reader of one aggregation, given each column. Built once per series, so the per-bucket work is a
 * few array reads: no lookups by column name and no object per bucket.
 */
export function valueReader(aggregation: Aggregation, at: (c: Column) => NumberColumn): ValueReader {
  if (aggregation === 'delta') {
    const [dc, ds] = [at('dc'), at('ds')];
    return (row) => (dc[row]! > 0 ? ds[row]! : null);
  }
  const c = at('c');
  const when = (column: Column): ValueReader => {
    const values = at(column);
    return (row) => (c[row]! > 0 ? values[row]! : null);
  };
  switch (aggregation) {
    case 'avg': {
      const sm = at('sm');
      return (row) => {
        const count = c[row]!;
        return count > 0 ? sm[row]! / count : null;
      };
    }
    case 'sum':
      return when('sm');
    case 'count':
      return (row) => (c[row]! > 0 ? c[row]! : null);
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

/** Row slots of one series: slot i holds the row of bucket i, or -1. */
export type BucketSlots = Int32Array;

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
export function rowsBySeries(table: BucketTable, buckets: Buckets): Map<number, BucketSlots> {
  const out = new Map<number, BucketSlots>();
  const size = Math.max(0, buckets.edges.length - 1);
  const [seriesOf, startOf] = [table.column('s'), table.column('b')];
  let series = -1;
  let slots: BucketSlots | undefined;
  for (let row = 0; row < table.length; row++) {
    const s = seriesOf[row]!;
    if (s !== series) {
      series = s;
      slots = out.get(s);
      if (!slots) out.set(s, (slots = new Int32Array(size).fill(-1)));
    }
    const i = bucketStartingAt(buckets, startOf[row]!);
    if (i >= 0) slots![i] = row;
  }
  return out;
}

/**
 * The buckets of the window that hold data, in order, valued from `rows`. With several aggregations, a
 * bucket is empty when none has a value; `count` and the quality counts are then of the readings in the
 * bucket, unless delta is the only aggregation (then of the increases, as for delta alone). Empty
 * buckets are left out: filling them is the reader's (the read API's fill), not the store's.
 */
export function bucketPoints(
  aggregations: Aggregation[],
  slots: BucketSlots | undefined,
  table: BucketTable,
  buckets: Buckets,
): BucketPoint[] {
  const points: BucketPoint[] = [];
  if (!slots) return points;
  const at = (c: Column) => table.column(c);
  const increases = aggregations.every((a) => a === 'delta');
  const [count, estimated, substituted] = (increases ? ['dc', 'dqe', 'dqs'] : (['c', 'qe', 'qs'] as const)).map((c) =>
    at(c as Column),
  ) as [NumberColumn, NumberColumn, NumberColumn];
  const readers = aggregations.map((a) => valueReader(a, at));
  const first = readers[0]!;
  const several = aggregations.length > 1;
  const { edges } = buckets;
  for (let i = 0; i + 1 < edges.length; i++) {
    const row = slots[i]!;
    if (row < 0) continue;
    // One aggregation (the common case) builds no array per bucket.
    const values = several ? readers.map((read) => read(row)) : undefined;
    const value = values ? values[0]! : first(row);
    if (values ? !values.some((v) => v !== null) : value === null) continue;
    const point: BucketPoint = {
      i,
      start: edges[i]!,
      end: edges[i + 1]!,
      value,
      count: count[row]!,
      estimated: estimated[row]!,
      substituted: substituted[row]!,
    };
    if (values) point.values = values;
    points.push(point);
  }
  return points;
}

/** A raw answer's rows: each series' readings in time order, and its newest ingestion time. */
export function rawAnswer(rows: RawRow[]): { bySeries: Map<number, RawPoint[]>; ingested: Map<number, number> } {
  const bySeries = new Map<number, RawPoint[]>();
  const ingested = new Map<number, number>();
  for (const [s, ts, value, quality] of rows) {
    if (quality === FRESHNESS_ROW) {
      ingested.set(s, Number(ts));
      continue;
    }
    let list = bySeries.get(s);
    if (!list) bySeries.set(s, (list = []));
    list.push({ ts: Number(ts), value, quality });
  }
  return { bySeries, ingested };
}
