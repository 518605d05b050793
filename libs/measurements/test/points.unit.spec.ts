import { describe, expect, it } from 'vitest';
import type { Aggregation } from '../src/measurements-store.port.ts';
import { bucketPoints, concatTables, rowsBySeries, valueReader, type BucketTable } from '../src/points.ts';
import { columnsFor, type Column } from '../src/query-statements.ts';

/** A bucket table from rows written as arrays [series index, bucket start, ...columns]. */
function tableOfRows(rows: number[][], columns: Column[]): BucketTable {
  const names = ['s', 'b', ...columns];
  const data = new Map(names.map((name, k) => [name, Float64Array.from(rows, (row) => row[k]!)]));
  return { length: rows.length, column: (name) => data.get(name)! };
}

const ALL_COLUMNS: Column[] = ['c', 'sm', 'mn', 'mx', 'fv', 'lv', 'ds', 'dc'];
/** A bucket row [series, start, ...columns] holding `values`, and the value one aggregation reads from it. */
const columns = (values: Partial<Record<Column, number>>) => {
  const table = tableOfRows([[0, 0, ...ALL_COLUMNS.map((c) => values[c] ?? 0)]], ALL_COLUMNS);
  return (aggregation: Aggregation) => valueReader(aggregation, (c) => table.column(c))(0);
};

describe('bucket values', () => {
  it('derives every aggregation from the bucket columns', () => {
    const read = columns({ c: 4, sm: 10, mn: 1, mx: 4, fv: 2, lv: 3, ds: 7.5, dc: 3 });
    const all: Aggregation[] = ['avg', 'sum', 'count', 'min', 'max', 'first', 'last', 'delta'];
    expect(all.map(read)).toEqual([2.5, 10, 4, 1, 4, 2, 3, 7.5]);
  });

  it('treats a bucket without readings (or without increases, for delta) as empty', () => {
    expect(columns({ c: 0 })('avg')).toBeNull();
    expect(columns({ c: 0, mn: 3 })('min')).toBeNull();
    expect(columns({ c: 2, dc: 0 })('delta')).toBeNull();
    expect(columns({ c: 0, ds: 4, dc: 1 })('delta')).toBe(4);
  });

  it('asks SQL only for the columns the aggregations need', () => {
    expect(columnsFor(['delta'])).toEqual(['ds', 'dc', 'dqe', 'dqs']);
    expect(columnsFor(['avg', 'last'])).toEqual(['c', 'sm', 'lv', 'qe', 'qs']);
  });
});

describe('bucket points', () => {
  const buckets = { edges: [0, 10, 20, 30, 40], grid: { step: 10, phase: 0 } };
  const rows = [
    [1, 10, 2, 5, 1, 0],
    [1, 30, 1, 7, 0, 1],
  ];
  const cols: Column[] = ['c', 'sm', 'qe', 'qs'];
  /** The rows of series 1 placed at their buckets, as the store hands them to bucketPoints. */
  const table = tableOfRows(rows, cols);
  const placed = rowsBySeries(table, buckets).get(1);

  it("only buckets with data, each with its index in the buckets (filling is the read API's)", () => {
    expect(bucketPoints(['sum'], placed, table, buckets)).toEqual([
      { i: 1, start: 10, end: 20, value: 5, count: 2, estimated: 1, substituted: 0 },
      { i: 3, start: 30, end: 40, value: 7, count: 1, estimated: 0, substituted: 1 },
    ]);
    expect(bucketPoints(['sum'], undefined, table, buckets)).toEqual([]);
  });

  it('several aggregations: every value from the same row, count of the readings', () => {
    expect(bucketPoints(['sum', 'count'], placed, table, buckets).map((p) => [p.i, p.values, p.count])).toEqual([
      [1, [5, 2], 2],
      [3, [7, 1], 1],
    ]);
  });

  it('takes rows of two statements in bucket order, the later of two rows of one bucket, none off the edges', () => {
    const rollupRows = tableOfRows(
      [
        [1, 30, 1, 7, 0, 1],
        [2, 0, 1, 9, 0, 0],
        [1, 10, 2, 5, 1, 0],
      ],
      cols,
    );
    const rawRows = tableOfRows(
      [
        [1, 25, 1, 8, 0, 0], // starts off the edges: in no bucket
        [1, 30, 3, 6, 0, 0], // the same bucket again, later: it counts
      ],
      cols,
    );
    const joined = concatTables([rollupRows, rawRows], cols);
    const bySeries = rowsBySeries(joined, buckets);
    expect(bucketPoints(['sum'], bySeries.get(1), joined, buckets).map((p) => [p.start, p.value, p.count])).toEqual([
      [10, 5, 2],
      [30, 6, 3],
    ]);
    expect(bucketPoints(['sum'], bySeries.get(2), joined, buckets).map((p) => [p.start, p.value])).toEqual([[0, 9]]);
  });

  it('places rows on calendar edges (no grid) and on a grid whose first bucket the window clips', () => {
    const calendar = { edges: [0, 31, 59, 90], grid: null };
    const monthRows = tableOfRows(
      [
        [1, 59, 1, 3, 0, 0],
        [1, 0, 1, 1, 0, 0],
        [1, 45, 1, 9, 0, 0], // inside a month, on no edge
      ],
      cols,
    );
    const months = rowsBySeries(monthRows, calendar).get(1);
    expect(bucketPoints(['sum'], months, monthRows, calendar).map((p) => [p.i, p.start, p.value])).toEqual([
      [0, 0, 1],
      [2, 59, 3],
    ]);
    const clipped = { edges: [5, 10, 20, 30], grid: { step: 10, phase: 0 } };
    const clippedRows = tableOfRows(
      [
        [1, 20, 1, 2, 0, 0],
        [1, 5, 1, 1, 0, 0],
        [1, 0, 1, 7, 0, 0], // the grid's bucket before the window
      ],
      cols,
    );
    const placedRows = rowsBySeries(clippedRows, clipped).get(1);
    expect(bucketPoints(['sum'], placedRows, clippedRows, clipped).map((p) => [p.start, p.value])).toEqual([
      [5, 1],
      [20, 2],
    ]);
  });
});
