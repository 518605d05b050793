import { bucketIndex, bucketsOf, type Buckets, type Frequency } from '@medido/measurements';

export type BucketFrequency = Exclude<Frequency, 'raw'>;

/**
 * The buckets of a window, as ascending boundaries b0 = from < b1 < … < bn = to; bucket i is [b_i, b_i+1).
 * They come from the measurements library's own `bucketsOf`, the definition the store answers with, so
 * the API and the engine cannot disagree on a boundary:
 * - 15m and 1h are aligned to the zone's wall clock (the UTC grid wherever the offset is whole hours);
 * - 1d, 1w (ISO weeks, Monday first), 1mo and 1y are calendar buckets in the zone: each starts at the
 *   first instant of its local day, so a DST change day lasts 23 h or 25 h, and a day whose midnight is
 *   skipped starts at 01:00;
 * - a window that does not start or end on a boundary gets a clipped first or last bucket.
 * The window is cut once, here: the store answers on these very buckets (`MeasurementsQuery.buckets`),
 * each of its points carrying its index in them.
 */
export interface BucketGrid {
  frequency: BucketFrequency;
  zone: string;
  /** As the store takes them (`MeasurementsQuery.buckets`); `edges` are the boundaries. */
  buckets: Buckets;
}

export function bucketGrid(from: number, to: number, frequency: BucketFrequency, zone: string): BucketGrid {
  return { frequency, zone, buckets: bucketsOf(frequency, from, to, zone) };
}

export function bucketCount(grid: BucketGrid): number {
  return grid.buckets.edges.length - 1;
}

/** Index of the bucket holding instant `ms` (a ≤ ms < b), or -1 outside the window. */
export function bucketIndexOf(grid: BucketGrid, ms: number): number {
  return bucketIndex(grid.buckets.edges, ms);
}
