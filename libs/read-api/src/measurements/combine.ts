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
 * A stored series' bucket points as cells of the request's grid: the store answered on that very grid
 * (`MeasurementsQuery.buckets`), so each point names its bucket (`i`). Points without a finite value
 * are empty.
 */
export function cellsOnGrid(points: BucketPoint[], grid: BucketGrid): Cells {
  const cells: Cells = new Array(bucketCount(grid));
  for (const p of points) {
    if (
      p.values ? !p.values.some((v) => v !== null && Number.isFinite(v)) : p.value === null || !Number.isFinite(p.value)
    )
      continue;
    // The store's point is the cell (it has every member of one): a large answer copies no object per bucket.
    if (p.i >= 0 && p.i < cells.length) cells[p.i] = p;
  }
  return cells;
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
