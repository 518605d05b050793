import type { Aggregation, BucketPoint, RawPoint } from '@medido/measurements';
import { bucketCount, bucketIndexOf, type BucketGrid } from './bucket-grid.ts';

/** A bucket's value and how many readings (for delta: increases) made it. `undefined` cells are empty. */
export interface Cell { value: number; count: number }
export type Cells = (Cell | undefined)[];

/**
 * Places a stored series' bucket points on the request's grid. A point is matched by the middle of its
 * span clipped to the window, so a store that labels a clipped first bucket with the full bucket's start,
 * or a DST day by its nominal midnight, still lands in the right bucket. Points without a value are empty.
 */
export function cellsOnGrid(points: BucketPoint[], grid: BucketGrid): Cells {
  const cells: Cells = new Array(bucketCount(grid));
  const from = grid.boundaries[0]!;
  const to = grid.boundaries[grid.boundaries.length - 1]!;
  for (const p of points) {
    if (p.value === null || !Number.isFinite(p.value)) continue;
    const start = Math.max(p.start, from);
    const end = Math.min(p.end, to);
    const i = bucketIndexOf(grid, end > start ? Math.floor((start + end) / 2) : start);
    if (i >= 0) cells[i] = { value: p.value, count: p.count };
  }
  return cells;
}

/**
 * Combines the meters of a group, bucket by bucket:
 * - delta, sum, count: the group's consumption, total or number of readings is the sum over its meters;
 * - min, max: the extreme over the meters' extremes;
 * - avg: the mean of all the readings of all the meters, i.e. the meters' averages weighted by their
 *   counts (an unweighted mean of means would let a meter with one reading weigh as much as one with 96);
 * - first, last: by time across meters; they need reading times, so they go through `firstLastCells`.
 * Counts add up. A bucket is empty only when it is empty for every meter.
 */
export function combineCells(aggregation: Aggregation, members: Cells[], length: number): Cells {
  if (members.length === 1) return members[0]!;
  const out: Cells = new Array(length);
  for (let i = 0; i < length; i++) {
    let value = 0;
    let count = 0;
    let weighted = 0;
    let any = false;
    for (const m of members) {
      const c = m[i];
      if (!c) continue;
      if (!any) { value = c.value; any = true; }
      else if (aggregation === 'min') value = Math.min(value, c.value);
      else if (aggregation === 'max') value = Math.max(value, c.value);
      else if (aggregation !== 'avg') value += c.value;
      weighted += c.value * c.count;
      count += c.count;
    }
    if (!any) continue;
    if (aggregation === 'avg') value = count > 0 ? weighted / count : value;
    out[i] = { value, count };
  }
  return out;
}

/**
 * first/last over several meters, from their readings: the bucket's value is that of the earliest
 * (first) or latest (last) reading of any meter in it; readings at the same instant on two meters are
 * ordered by meter id, the order the members come in. Membership is a ≤ t < b like every non-delta
 * aggregation; count is the number of readings in the bucket.
 */
export function firstLastCells(aggregation: 'first' | 'last', members: RawPoint[][], grid: BucketGrid): Cells {
  const out: Cells = new Array(bucketCount(grid));
  const times: number[] = new Array(out.length);
  for (const readings of members) {
    for (const r of readings) {
      const i = bucketIndexOf(grid, r.ts);
      if (i < 0) continue;
      const cell = out[i];
      if (!cell) { out[i] = { value: r.value, count: 1 }; times[i] = r.ts; continue; }
      cell.count += 1;
      if (aggregation === 'first' ? r.ts < times[i]! : r.ts > times[i]!) { cell.value = r.value; times[i] = r.ts; }
    }
  }
  return out;
}
