import type { BucketGrid } from './bucket-grid.ts';

/**
 * Completeness of a bucket: how many readings the registers' declared intervals imply (`expected`), and
 * how much of that the bucket holds (`coverage`, 0–1). A register reading every I ms reads on the grid
 * k·I (from the epoch: the wall clock of every zone whose offset is a multiple of I, e.g. every 15-minute
 * meter); `expected` of [a, b) is the number of those instants in it, so a 23-hour day of a 15-minute
 * register expects 92 readings and a 25-hour day 100, and a bucket a window clips expects what fits in it.
 * A combined series expects the sum of its meters' (unknown as soon as one meter declares no interval).
 */

/** The fields every aggregated point carries about its readings, in the order the answers write them. */
export const COMPLETENESS_FIELDS = [
  'expected',
  'coverage',
  'measured',
  'estimated',
  'substituted',
  'complete',
] as const;
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];
export type Completeness = Record<CompletenessField, number | boolean | null>;

/** Instants k·interval with a ≤ k·interval < b. */
const onGrid = (a: number, b: number, interval: number) => Math.ceil(b / interval) - Math.ceil(a / interval);

const perInterval = new WeakMap<BucketGrid, Map<number, Int32Array>>();
function expectedOf(grid: BucketGrid, interval: number): Int32Array {
  let byInterval = perInterval.get(grid);
  if (!byInterval) perInterval.set(grid, (byInterval = new Map()));
  let out = byInterval.get(interval);
  if (!out) {
    const { edges } = grid.buckets;
    out = new Int32Array(edges.length - 1);
    for (let i = 0; i < out.length; i++) out[i] = onGrid(edges[i]!, edges[i + 1]!, interval);
    byInterval.set(interval, out);
  }
  return out;
}

/** Expected readings per bucket of a series whose meters declare `intervals` (ms); null when one is unknown. */
export function expectedReadings(grid: BucketGrid, intervals: (number | null)[]): Int32Array | null {
  if (intervals.length === 0 || intervals.some((i) => i === null)) return null;
  if (intervals.length === 1) return expectedOf(grid, intervals[0]!);
  const sum = new Int32Array(grid.buckets.edges.length - 1);
  for (const interval of intervals) {
    const one = expectedOf(grid, interval!);
    for (let i = 0; i < sum.length; i++) sum[i]! += one[i]!;
  }
  return sum;
}

/** The decimals coverage is truncated to. */
export const COVERAGE_DECIMALS = 6;
const COVERAGE_SCALE = 10 ** COVERAGE_DECIMALS;

/**
 * count / expected, at most 1, truncated (not rounded) to COVERAGE_DECIMALS so it reads 1 only when the
 * bucket is complete; 1 when nothing was expected; null when the interval is unknown.
 */
export function coverage(count: number, expected: number | null): number | null {
  if (expected === null) return null;
  if (expected <= 0 || count >= expected) return 1;
  return Math.floor((count * COVERAGE_SCALE) / expected) / COVERAGE_SCALE;
}

/** What an aggregated point says about its readings. */
export function completeness(
  count: number,
  estimated: number,
  substituted: number,
  expected: number | null,
): Completeness {
  return {
    expected,
    coverage: coverage(count, expected),
    measured: count - estimated - substituted,
    estimated,
    substituted,
    complete: expected === null ? null : count >= expected,
  };
}
