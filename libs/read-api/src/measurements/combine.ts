import type { BucketPoint, RawPoint } from '@medido/measurements';
import { bucketCount, bucketIndexOf, type BucketGrid } from './bucket-grid.ts';

/**
 * A bucket's value, how many readings (for delta alone: increases) made it and how many of those were
 * estimated or substituted; with several aggregations, the value of each (`value` is the first's, and
 * may then be null). `undefined` cells are empty.
 */
export interface Cell {
  value: number | null;
  count: number;
  estimated: number;
  substituted: number;
  values?: (number | null)[];
}
export type Cells = (Cell | undefined)[];

/**
 * Places a stored series' bucket points on the request's grid. A point is matched by the middle of its
 * span clipped to the window, so a store that labels a clipped first bucket with the full bucket's start,
 * or a DST day by its nominal midnight, still lands in the right bucket. Points without a value are empty.
 */
export function cellsOnGrid(points: BucketPoint[], grid: BucketGrid): Cells {
  const cells: Cells = new Array(bucketCount(grid));
  const { boundaries } = grid;
  const from = boundaries[0]!;
  const to = boundaries[boundaries.length - 1]!;
  const starts = startIndex(grid);
  for (const p of points) {
    if (
      p.values ? !p.values.some((v) => v !== null && Number.isFinite(v)) : p.value === null || !Number.isFinite(p.value)
    )
      continue;
    // The common case, a point on the grid itself, without a bisection.
    let i = starts.get(p.start) ?? -1;
    if (i < 0 || boundaries[i + 1] !== p.end) {
      const start = Math.max(p.start, from);
      const end = Math.min(p.end, to);
      i = bucketIndexOf(grid, end > start ? Math.floor((start + end) / 2) : start);
    }
    // The store's point is the cell (it has every member of one): a large answer copies no object per bucket.
    if (i >= 0) cells[i] = p;
  }
  return cells;
}

const startIndexes = new WeakMap<BucketGrid, Map<number, number>>();
/** Bucket index by bucket start, once per grid (every series of an answer shares it). */
function startIndex(grid: BucketGrid): Map<number, number> {
  let index = startIndexes.get(grid);
  if (!index) {
    index = new Map();
    for (let i = 0; i + 1 < grid.boundaries.length; i++) index.set(grid.boundaries[i]!, i);
    startIndexes.set(grid, index);
  }
  return index;
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
      const estimated = r.quality === 'estimated' ? 1 : 0;
      const substituted = r.quality === 'substituted' ? 1 : 0;
      if (!cell) {
        out[i] = { value: r.value, count: 1, estimated, substituted };
        times[i] = r.ts;
        continue;
      }
      cell.count += 1;
      cell.estimated += estimated;
      cell.substituted += substituted;
      if (aggregation === 'first' ? r.ts < times[i]! : r.ts > times[i]!) {
        cell.value = r.value;
        times[i] = r.ts;
      }
    }
  }
  return out;
}
